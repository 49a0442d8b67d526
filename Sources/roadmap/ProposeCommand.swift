import ArgumentParser
import RoadmapKit

struct ProposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose",
        abstract: "Start a proposal: a branch <proposal-prefix>NAME from the base.",
        discussion: """
        The branch's first commit is empty; its message is the title (first line of -m) and the
        reasoning (the rest), with a trailer 'Roadmap-Proposal: NAME', so both travel with the
        branch when it is pushed. Unless --no-switch, switches to the branch, carrying
        uncommitted changes that apply cleanly; when they would be lost, nothing is changed.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The proposal's name (an id: lowercase letters, digits, '.', '_', '-').") var name: String
    @Option(name: .customShort("m"), help: ArgumentHelp("Title (first line) and reasoning.", valueName: "WHY")) var message: String?
    @Option(help: ArgumentHelp("Start from this revision instead of the base branch.", valueName: "REV")) var from: String?
    @Flag(help: "Create the branch without switching to it.") var noSwitch = false

    func run() throws {
        let outcome = try global.workspace().propose(name: name, why: message, from: from, switchTo: !noSwitch)
        Output.write("proposal \(outcome.name): created \(outcome.branch) at \(outcome.commit.short) (from \(outcome.from.short))\(outcome.switched ? "; switched to it" : "")\n")
    }
}
