import ArgumentParser
import Foundation
import RoadmapKit

struct CommitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Commit the staged roadmap changes on the current branch, after the review the hook runs.",
        discussion: "Refused (exit 1, nothing written) when the change brings new errors, unless --no-verify."
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: "The commit message.") var message: String
    @Flag(name: .shortAndLong, help: "Commit every change under the items root and roadmap.yaml, not only what is staged.") var all = false
    @Flag(help: "Skip the review.") var noVerify = false
    @Flag(help: "Refuse on every error, not only new ones.") var strict = false

    func run() throws {
        let workspace = try global.workspace()
        let outcome = try workspace.commit(message: message, all: all, verify: !noVerify, strict: strict, today: try global.todayDate())
        if let review = outcome.review, !review.result.findings.isEmpty || outcome.commit == nil {
            // What the change did in full; the findings it left as they were, one line.
            let text = ReviewRenderer.render(review.result, format: .text, base: review.base?.hex, head: review.head, color: global.color,
                                             existingSummary: all ? "roadmap review" : "roadmap review --staged", strict: strict)
            if outcome.commit == nil { FileHandle.standardError.write(Data(text.utf8)) } else { Output.write(text) }
        }
        guard let commit = outcome.commit else {
            let summary = outcome.review?.result.summary
            // --strict refuses on every error, so it names them all, not only the new ones.
            let reason = strict && (summary?.newErrors ?? 0) == 0
                ? "\(summary?.errors ?? 0) error(s) (--strict)"
                : "\(summary?.newErrors ?? 0) new error(s)"
            Output.error("commit refused: \(reason); nothing was committed. Fix them, or use --no-verify")
            throw ExitCode(1)
        }
        let subject = message.split(separator: "\n").first.map(String.init) ?? message
        Output.write("[\(outcome.branch ?? "detached HEAD") \(commit.short)] \(sanitizeForTerminal(subject))\n")
    }
}
