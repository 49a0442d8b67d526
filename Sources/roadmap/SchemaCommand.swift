import ArgumentParser
import Foundation
import RoadmapKit

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema (draft 2020-12) of item files, for editors.",
        discussion: "With VS Code's YAML extension: save it as roadmap.schema.json and map it to roadmap/**/*.yaml in yaml.schemas."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        // Inside a roadmap repository the schema follows its roadmap.yaml (e.g. the channel allow-list).
        let config = (try? global.workspace().config) ?? .default
        Output.write(ItemSchema.jsonSchema(config: config) + "\n")
    }
}
