import ArgumentParser
import RoadmapKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the items.",
        discussion: """
        Reads the working tree (HEAD in a bare repository), or with --at a revision or a day
        (the base branch at the end of that day). JSON: {"schemaVersion": 1, "items": [{"id",
        "kind", "title", "status", "path", …the item's other fields}]}.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var audienceOption: AudienceOption
    @Option(help: "Only items of this kind (theme, epic, story, release, campaign).") var kind: Kind?
    @Option(help: "Only items with this status.") var status: String?
    @Option(help: "Only items of this owner.") var owner: String?
    @Option(help: ArgumentHelp("A revision, or a day YYYY-MM-DD.", valueName: "REV|DATE")) var at: String?
    @Option(help: "table, json or csv.") var format: ListFormat = .table

    func run() throws {
        let workspace = try global.workspace()
        let items = try workspace.listItems(at: at.map(ReadPoint.at) ?? .current, kind: kind, status: status, owner: owner, audience: audienceOption.audience)
        Output.write(ItemListRenderer.render(items, format: format))
    }
}
