import ArgumentParser
import RoadmapKit

struct AcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Merge a proposal into the base branch.",
        discussion: """
        Fast-forwards when possible (unless --no-ff), else writes a merge commit whose parents are
        the base and the proposal. Items changed on both sides merge field by field; a field set
        to two values is a conflict (exit 1, nothing written). The result is reviewed: new
        errors refuse the accept (exit 1) unless --force. The base moves only if nobody moved it
        meanwhile. The proposal is kept under refs/proposals/accepted/NAME and its branch removed.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The proposal's name.") var name: String
    @Flag(help: "Always write a merge commit.") var noFf = false
    @Flag(help: "Accept even if the result has new errors.") var force = false
    @Option(name: .customShort("m"), help: ArgumentHelp("Add to the merge commit's message.", valueName: "MSG")) var message: String?

    func run() throws {
        let outcome = try global.workspace().accept(name: name, noFastForward: noFf, force: force, message: message, today: try global.todayDate())
        if let review = outcome.review, review.blocks() || outcome.refused {
            Output.write(TextReviewRenderer(color: global.color).render(review))
        }
        if outcome.refused {
            let n = outcome.review?.summary.newErrors ?? 0
            throw RoadmapError("accept of '\(name)' refused: the result has \(n) new error\(n == 1 ? "" : "s") (listed above); fix the proposal, or accept anyway with --force (nothing was written)", exitCode: 1)
        }
        var line = "accepted \(name): "
        switch outcome.kind {
        case .fastForward: line += "fast-forward \(outcome.oldBase.short)..\(outcome.newBase?.short ?? "")"
        case .merge: line += "merge commit \(outcome.newBase?.short ?? "")"
        case .alreadyMerged: line += "already in the base"
        }
        if !outcome.mergedItems.isEmpty { line += "; merged field by field: \(outcome.mergedItems.joined(separator: ", "))" }
        if let archive = outcome.archive { line += "; kept as \(archive)" }
        if outcome.switchedToBase { line += "; switched to the base branch" }
        Output.write(line + "\n")
        if let warning = outcome.warning { Output.note("roadmap: warning: \(warning)") }
    }
}
