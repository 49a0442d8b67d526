import ArgumentParser
import RoadmapKit

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create an item from its template, under <root>/<kind>s/<id>.yaml.",
        discussion: "The template is the repository's templates/<kind>.yaml when it has one, else the tool's own. Values are checked before anything is written."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "theme, epic, story, release or campaign.") var kind: Kind
    @Argument(help: "The id: the file name, lower-case letters, digits, '.', '_' and '-'.") var id: String
    @Option(help: "The title (default: the id).") var title: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("A field to set, e.g. --set date=2026-07-30 (repeatable).", valueName: "KEY=VALUE"))
    var assignments: [String] = []

    func run() throws {
        let workspace = try global.workspace()
        let fields = try assignments.map(FieldAssignment.parse)
        let path = try workspace.newItem(kind: kind, id: id, title: title, fields: fields, today: try global.todayDate())
        Output.write("created \(path)\n")
    }
}
