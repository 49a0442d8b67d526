import ArgumentParser
import RoadmapKit

struct ReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Follow a release that moved: move the campaigns promoting it and the assets announcing it by as many days.",
        discussion: """
        The release's date moved by N days since REV (default: the base branch). Every campaign
        promoting it, directly or through its epics and stories, moves its launch, start and end
        by N days; every asset with an absolute publish day that announces it moves too (assets
        relative to the launch follow it). Each edit changes one field's bytes, as `set` does, and
        is printed with the owner to tell. With --propose NAME the edits are committed on a new
        proposal branch and the working tree is untouched. See docs/marketing.md.
        """
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The release that moved.") var release: String
    @Option(help: ArgumentHelp("Where the release's date is compared from (default: the base branch).", valueName: "REV")) var since: String?
    @Option(help: ArgumentHelp("Commit the edits on a new proposal branch NAME instead of the working tree.", valueName: "NAME")) var propose: String?
    @Option(help: "text or json.") var format: Format = .text

    func run() throws {
        let workspace = try global.workspace()
        let outcome = try workspace.replan(release: release, since: since, propose: propose, today: try global.todayDate())
        switch format {
        case .text: Output.writeSanitized(ReplanRenderer.text(outcome))
        case .json: Output.write(ReplanRenderer.json(outcome))
        }
    }
}
