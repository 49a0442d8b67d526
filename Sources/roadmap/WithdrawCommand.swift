import ArgumentParser
import RoadmapKit

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Close a proposal without merging it; it is kept under refs/proposals/withdrawn/NAME.",
        discussion: "An empty commit on the proposal's tip records who withdrew it and why (trailer 'Roadmap-Withdrawn: NAME'); the archive points at it, so every commit stays reachable. The branch is removed (when it is checked out, you are switched to the base)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The proposal's name.") var name: String
    @Option(name: .customShort("m"), help: ArgumentHelp("Why it is withdrawn.", valueName: "WHY")) var message: String?

    func run() throws {
        let outcome = try global.workspace().withdraw(name: name, why: message)
        Output.write("withdrew \(name): kept as \(outcome.archive) (\(outcome.commit.short))\(outcome.switchedToBase ? "; switched to the base branch" : "")\n")
        if let warning = outcome.warning { Output.note("roadmap: warning: \(warning)") }
    }
}
