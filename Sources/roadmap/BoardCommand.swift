import ArgumentParser
import Foundation
import RoadmapKit

struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Kanban columns by status, with owners.",
        discussion: """
        Reads the working tree (HEAD in a bare repository). With --kind, every status of that \
        kind is a column; without, the statuses in use. Columns sit side by side when they fit \
        COLUMNS, else one under another.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var audienceOption: AudienceOption
    @Option(help: "Only items of this kind (theme, epic, story, release, campaign).") var kind: Kind?

    func run() throws {
        let workspace = try global.workspace()
        let snapshot = workspace.audienceView(audienceOption.audience).filter(try workspace.snapshot(try workspace.state(of: .current).state))
        let width = TimelineTextRenderer.width(environment: ProcessInfo.processInfo.environment)
        Output.write(BoardTextRenderer(width: width, color: global.color).render(Board(snapshot, kind: kind)))
    }
}
