import ArgumentParser
import RoadmapKit

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one item, or any YAML file of the repository, as it is or was.",
        discussion: """
        JSON: {"schemaVersion": 1, "id": "… or null", "path": "…", "commit": "SHA or null", "data": {…}}.
        """
    )

    enum Format: String, ExpressibleByArgument { case yaml, json }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var audienceOption: AudienceOption
    @Argument(help: ArgumentHelp("An item id, or a path to a YAML file.", valueName: "ID|PATH")) var target: String
    @Option(help: ArgumentHelp("A revision, or a day YYYY-MM-DD (the base branch at the end of that day).", valueName: "REV|DATE")) var at: String?
    @Option(help: "yaml or json.") var format: Format = .yaml

    func run() throws {
        let workspace = try global.workspace()
        let shown = try workspace.show(target, at: at.map(ReadPoint.at) ?? .current, audience: audienceOption.audience)
        switch format {
        case .yaml:
            // The file as it is: bytes that are not UTF-8 cannot be shown as text without
            // changing them, so they are the same input error as in JSON (SPEC §3, §10).
            guard let text = String(validating: shown.bytes, as: UTF8.self) else {
                if case let .failed(_, message, location) = shown.parsed.outcome {
                    throw RoadmapError("\(shown.path):\(location.line):\(location.column): \(message)")
                }
                throw RoadmapError("\(shown.path): invalid UTF-8")
            }
            Output.write(Output.stdoutIsTerminal ? Output.terminalSafe(text) : text)
        case .json:
            guard case let .parsed(node) = shown.parsed.outcome else {
                if case let .failed(_, message, location) = shown.parsed.outcome {
                    throw RoadmapError("\(shown.path):\(location.line):\(location.column): \(message)")
                }
                return
            }
            let document = JSONValue.object([
                ("schemaVersion", .int(1)),
                ("id", .string(shown.id)),
                ("path", .string(shown.path)),
                ("commit", .string(shown.commit?.hex)),
                ("data", JSONValue(node.data)),
            ])
            Output.write(document.encoded() + "\n")
        }
    }
}
