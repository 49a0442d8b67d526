import ArgumentParser
import RoadmapKit

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Edit fields of an item in place; every other byte of the file stays as it was.",
        discussion: """
        Lists are written [a, b]; an empty value (owner=) removes the field; waive.RULE=REASON
        sets a waiver. A value that would make the item wrong in itself (a bad date, an unknown
        status, a dangling reference) is refused and nothing is written.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The item's id.") var id: String
    @Argument(help: ArgumentHelp("Fields to set.", valueName: "KEY=VALUE")) var assignments: [String]

    func run() throws {
        let workspace = try global.workspace()
        let fields = try assignments.map(FieldAssignment.parse)
        let edit = try workspace.setFields(id: id, fields, today: try global.todayDate())
        if edit.changes.isEmpty {
            Output.write("\(edit.path): unchanged\n")
        }
        for change in edit.changes {
            Output.write("\(edit.path): \(change.field): \(describe(change.old)) → \(describe(change.new))\n")
        }
    }

    private func describe(_ value: YAMLValue?) -> String {
        guard let value else { return "(absent)" }
        switch value {
        case .null: return "null"
        case let .string(s): return sanitizeForTerminal(s.count > 60 ? String(s.prefix(57)) + "…" : s)
        case let .bool(b): return String(b)
        case let .int(i): return String(i)
        case let .float(f): return String(f)
        case .sequence, .mapping: return sanitizeForTerminal(JSONValue(value).encoded(pretty: false))
        }
    }
}
