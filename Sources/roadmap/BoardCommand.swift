import ArgumentParser
import Foundation
import RoadmapKit

extension BoardFormat: ExpressibleByArgument {}

struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Kanban columns by status, with owners.",
        discussion: """
        Reads the working tree (HEAD in a bare repository). With --kind, every status of that \
        kind is a column; without, the statuses in use. text draws the columns side by side, \
        fitting COLUMNS (else the terminal's width, else 80), each headed by its status and \
        count, titles wrapped within the column; when they do not fit, empty columns are named \
        under the board instead, and when they still do not fit the columns are stacked one \
        under another. json: {"schemaVersion": 1, "kind": KIND|null, "columns": [{"status", \
        "count", "cards": [{"id", "kind", "title", "owner"}]}]}.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var audienceOption: AudienceOption
    @Option(help: "Only items of this kind (theme, epic, story, release, campaign, program, goal).") var kind: Kind?
    @Option(help: "text or json.") var format: BoardFormat = .text

    func run() throws {
        let workspace = try global.workspace()
        let snapshot = workspace.audienceView(audienceOption.audience).filter(try workspace.snapshot(try workspace.state(of: .current).state))
        let board = Board(snapshot, kind: kind)
        switch format {
        case .text:
            Output.write(BoardTextRenderer(width: Output.textWidth(), color: global.color).render(board))
        case .json:
            Output.write(board.json.encoded() + "\n")
        }
    }
}
