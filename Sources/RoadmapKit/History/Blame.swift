import Foundation
import GitKit

/// Who last changed one field (or one list entry) of an item.
public struct BlameLine: Sendable {
    /// Dotted field path (`waive.launch-lag`).
    public var field: String
    /// For a list entry: its index in the list at the tip.
    public var index: Int?
    public var value: YAMLValue
    /// The newest commit that changed it; nil when the history does not reach it (shallow clone).
    public var commit: ObjectID?
    public var author: HistoryAuthor?
    public var date: String?
    public var subject: String?
}

/// A blame with what it blamed: `truncated` when a shallow clone hides where some fields
/// were set (those lines have no commit).
public struct BlameReport: Sendable {
    public var item: String?
    public var path: String
    public var lines: [BlameLine]
    public var truncated: Bool
}

/// For each field of an item at the tip, and each entry of its lists, the commit, author and
/// date that last changed it.
public enum Blame {
    /// Blames the newest version in `history` (its first entry's data).
    public static func lines(_ history: ItemHistoryResult) -> [BlameLine] {
        guard let data = history.entries.first(where: { $0.error == nil })?.data else { return [] }
        var lines: [BlameLine] = []
        collect(data, field: "", into: &lines)
        for i in lines.indices {
            let line = lines[i]
            let entry = history.entries.first { entry in
                entry.fields.contains { change in
                    if let index = line.index {
                        _ = index
                        guard change.field == line.field else { return false }
                        if case .sequence? = change.old { return change.added.contains(line.value) }
                        return true
                    }
                    return change.concerns(line.field)
                }
            }
            if let entry {
                lines[i].commit = entry.commit
                lines[i].author = entry.author
                lines[i].date = entry.date
                lines[i].subject = entry.subject
            }
        }
        return lines
    }

    /// Blame of an item (id or path) at `tip` (default HEAD).
    /// Throws when there is no newest version to blame: it does not parse (SPEC §10: an input
    /// error, not an empty answer), or the file was deleted.
    public static func blame(_ idOrPath: String, history: ItemHistory, from tip: ObjectID? = nil) throws -> [BlameLine] {
        try report(idOrPath, history: history, from: tip).lines
    }

    /// `blame` with the item, its path and whether the history was cut short.
    public static func report(_ idOrPath: String, history: ItemHistory, from tip: ObjectID? = nil) throws -> BlameReport {
        let result = try history.history(of: idOrPath, from: tip)
        if let newest = result.entries.first {
            if let error = newest.error {
                let detail = error.components(separatedBy: "cannot be read: ").last ?? error
                throw HistoryError.nothingToBlame(path: newest.path, commit: newest.commit.short,
                                                  reason: "this version cannot be read (\(detail))")
            }
            if newest.change == .deleted {
                throw HistoryError.nothingToBlame(path: newest.path, commit: newest.commit.short, reason: "the file was deleted")
            }
        }
        return BlameReport(item: result.item, path: result.path, lines: lines(result), truncated: result.truncated)
    }

    private static func collect(_ value: YAMLValue, field: String, into lines: inout [BlameLine]) {
        switch value {
        case let .mapping(pairs):
            for pair in pairs {
                let key = FieldChange.keyText(pair.key)
                collect(pair.value, field: field.isEmpty ? key : field + "." + key, into: &lines)
            }
        case let .sequence(items) where !items.isEmpty:
            for (index, item) in items.enumerated() {
                lines.append(BlameLine(field: field, index: index, value: item))
            }
        default:
            lines.append(BlameLine(field: field.isEmpty ? "." : field, index: nil, value: value))
        }
    }

    /// `render(lines)`, then, when the history was cut short, a line saying so.
    public static func render(_ report: BlameReport) -> String {
        var out = render(report.lines)
        if report.truncated {
            out += "(history truncated: this is a shallow clone; a field shown as beyond the shallow history was set before its boundary; run 'git fetch --unshallow' to see by whom)\n"
        }
        return out
    }

    /// `{"schemaVersion": 1, "item", "path", "truncated", "fields": [{"field", "index", "value",
    /// "commit", "author", "date", "subject"}]}`; `commit` and what follows are null for a
    /// field set beyond a shallow clone's boundary.
    public static func json(_ report: BlameReport) -> JSONValue {
        .object([
            ("schemaVersion", .int(1)),
            ("item", report.item.map(JSONValue.string) ?? .null),
            ("path", .string(report.path)),
            ("truncated", .bool(report.truncated)),
            ("fields", .array(report.lines.map { line in
                .object([
                    ("field", .string(line.field)),
                    ("index", line.index.map(JSONValue.int) ?? .null),
                    ("value", JSONValue(line.value)),
                    ("commit", line.commit.map { .string($0.hex) } ?? .null),
                    ("author", line.author.map { .object([("name", .string($0.name)), ("email", .string($0.email))]) } ?? .null),
                    ("date", line.date.map(JSONValue.string) ?? .null),
                    ("subject", line.subject.map(JSONValue.string) ?? .null),
                ])
            })),
        ])
    }

    /// `field  value  short-id  day  author  subject`, columns aligned.
    public static func render(_ lines: [BlameLine]) -> String {
        let labels = lines.map { line in line.index.map { "\(line.field)[\($0)]" } ?? line.field }
        let values = lines.map { HistoryText.flow($0.value) }
        let labelWidth = labels.map(\.count).max() ?? 0
        let valueWidth = min(40, values.map(\.count).max() ?? 0)
        var out = ""
        for (i, line) in lines.enumerated() {
            let label = labels[i].padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            var value = values[i]
            if value.count > valueWidth { value = String(value.prefix(valueWidth - 1)) + "…" }
            value = value.padding(toLength: valueWidth, withPad: " ", startingAt: 0)
            if let commit = line.commit {
                out += "\(label)  \(value)  \(commit.short)  \(line.date?.prefix(10) ?? "")  \(line.author?.name ?? "")  \(line.subject ?? "")\n"
            } else {
                out += "\(label)  \(value)  (beyond the shallow history)\n"
            }
        }
        return out
    }
}
