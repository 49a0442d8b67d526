import ArgumentParser
import Foundation
import RoadmapKit

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Run the rules, and say which findings a change introduces or resolves.",
        discussion: """
        Default: the working tree (untracked files under the root included) against HEAD.
        --staged: the index against HEAD, what a commit would record (the pre-commit hook).
        --rev REV: that commit against its first parent. --base A [--head B]: B (default HEAD)
        against the merge base of A and B. Exit 1 when there are new errors (--strict: any error).
        """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Review the index against HEAD.") var staged = false
    @Option(help: ArgumentHelp("Review this commit against its first parent.", valueName: "REV")) var rev: String?
    @Option(help: ArgumentHelp("Review against the merge base of this revision and the head.", valueName: "A")) var base: String?
    @Option(help: ArgumentHelp("With --base: the revision to review (default HEAD).", valueName: "B")) var head: String?
    @Option(help: .hidden) var pushed: String?
    @Option(help: .hidden) var hook: String?
    @Flag(help: "Block on every error, not only new ones.") var strict = false
    @Option(help: "text, json, sarif, github (annotations), markdown (a pull-request comment) or gitlab (a Code Quality report).") var format: ReviewFormat = .text

    func validate() throws {
        let chosen = [staged, rev != nil, base != nil, pushed != nil].filter { $0 }.count
        if chosen > 1 { throw ValidationError("choose one of --staged, --rev and --base") }
        if head != nil && base == nil { throw ValidationError("--head needs --base") }
    }

    var scope: ReviewScope {
        if staged { return .staged }
        if let rev { return .revision(rev) }
        if let base { return .range(base: base, head: head) }
        if let pushed { return .pushed(pushed) }
        return .worktree
    }

    /// The command a person runs to list every finding this hook summarized.
    var listingCommand: String {
        func short(_ revision: String) -> String {
            revision.count == 40 && revision.allSatisfy(\.isHexDigit) ? String(revision.prefix(7)) : revision
        }
        switch scope {
        case .worktree: return "roadmap review"
        case .staged: return "roadmap review --staged"
        case let .revision(rev): return "roadmap review --rev \(short(rev))"
        case let .range(base, head): return "roadmap review --base \(short(base))" + (head.map { " --head \(short($0))" } ?? "")
        case let .pushed(rev): return "roadmap review --rev \(short(rev))"
        }
    }

    func run() throws {
        let started = Date()
        let workspace = try global.workspace()
        // A hook's text lists what the change did and counts the other existing findings:
        // those need not be read one by one (strict lists existing errors in full).
        let report = try workspace.review(scope, today: try global.todayDate(), listing: !(format == .text && hook != nil && !strict))
        // A hook shows what the change did; the findings it left as they were are one line.
        // Only the pull-request comment names moved releases and owners: it reads both states in full.
        let context = format == .markdown ? try workspace.reviewContext(scope, today: try global.todayDate()) : .empty
        var text = ReviewRenderer.render(report.result, format: format, base: report.base?.hex, head: report.head, color: global.color,
                                         existingSummary: hook == nil ? nil : listingCommand, strict: strict, context: context)
        if format == .text {
            text = String(text.dropLast()) + String(format: " (%.2f s)\n", Date().timeIntervalSince(started))
        }
        Output.write(text)
        if report.result.blocks(strict: strict) {
            if hook != nil {
                Output.note("roadmap: the \(hook ?? "hook") hook refused: \(report.result.summary.newErrors) new error\(report.result.summary.newErrors == 1 ? "" : "s") in the roadmap. Fix them or waive the rule on the item (waive:), or bypass once with --no-verify.")
            }
            throw ExitCode(1)
        }
    }
}
