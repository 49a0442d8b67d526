/// The text and JSON forms of an item's history.
public enum HistoryText {
    /// A value on one line: scalars plain (empty strings as `""`), lists and mappings in flow
    /// form; an absent value is `(none)`.
    public static func flow(_ value: YAMLValue?) -> String {
        guard let value else { return "(none)" }
        switch value {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .int(i): return String(i)
        case let .float(f): return String(f)
        case let .string(s):
            if s.isEmpty { return "\"\"" }
            if s.contains("\n") {
                let first = s.split(separator: "\n").first.map(String.init) ?? ""
                return first + " …"
            }
            return s
        case let .sequence(items): return "[" + items.map { flow($0) }.joined(separator: ", ") + "]"
        case let .mapping(pairs):
            return "{" + pairs.map { "\(FieldChange.keyText($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// `field: old → new (+45 days)` and, for lists and text, the detail lines; each
    /// line without a trailing newline.
    public static func lines(for change: FieldChange) -> [String] {
        if !change.added.isEmpty || !change.removed.isEmpty,
           case .sequence? = change.new ?? change.old {
            let parts = change.added.map { "+" + flow($0) } + change.removed.map { "-" + flow($0) }
            return ["\(change.field): " + parts.joined(separator: " ")]
        }
        if let diff = change.textDiff {
            return ["\(change.field):"] + diff.map { "    " + $0 }
        }
        var line = "\(change.field): \(flow(change.old)) → \(flow(change.new))"
        if let days = change.days {
            line += " (\(days >= 0 ? "+" : "")\(days) day\(abs(days) == 1 ? "" : "s"))"
        }
        return [line]
    }

    /// The history as text: a line per commit (short id, day, author, subject, change),
    /// then its field changes indented.
    public static func render(_ result: ItemHistoryResult) -> String {
        var out = result.path + (result.item.map { " (\($0))" } ?? "") + "\n"
        for entry in result.entries {
            var head = "\(entry.commit.short)  \(entry.date.prefix(10))  \(entry.author.name)  \(entry.subject)"
            switch entry.change {
            case .modified: break
            case .moved, .renamed: head += "  [\(entry.change.rawValue) from \(entry.previousPath ?? "?")]"
            case .added, .deleted: head += "  [\(entry.change.rawValue)]"
            case .boundary: head += "  [shallow boundary: the oldest version this clone holds, not where the item was added]"
            }
            out += head + "\n"
            if let error = entry.error { out += "  error: \(error)\n" }
            if entry.change != .deleted {
                for change in entry.fields { for line in lines(for: change) { out += "  " + line + "\n" } }
            }
        }
        if result.truncated {
            out += "(history truncated: this is a shallow clone and the item is older than its boundary; run 'git fetch --unshallow' to see older commits)\n"
        }
        return out
    }

    /// The history as JSON per SPEC §9, with `truncated` when the clone is shallow, and
    /// per entry `previousPath` for moves and renames and `error` for unreadable versions;
    /// per field `added`/`removed` for lists and `textDiff` for text, when present.
    public static func json(_ result: ItemHistoryResult) -> JSONValue {
        var document: [(String, JSONValue)] = [
            ("schemaVersion", .int(1)),
            ("item", result.item.map(JSONValue.string) ?? .null),
            ("path", .string(result.path)),
        ]
        if result.truncated { document.append(("truncated", .bool(true))) }
        document.append(("entries", .array(result.entries.map(json))))
        return .object(document)
    }

    static func json(_ entry: HistoryEntry) -> JSONValue {
        var object: [(String, JSONValue)] = [
            ("commit", .string(entry.commit.hex)),
            ("author", .object([("name", .string(entry.author.name)), ("email", .string(entry.author.email))])),
            ("date", .string(entry.date)),
            ("subject", .string(entry.subject)),
            ("path", .string(entry.path)),
            ("change", .string(entry.change.rawValue)),
        ]
        if let previous = entry.previousPath { object.append(("previousPath", .string(previous))) }
        if let error = entry.error { object.append(("error", .string(error))) }
        object.append(("fields", .array(entry.fields.map(json))))
        return .object(object)
    }

    static func json(_ change: FieldChange) -> JSONValue {
        var object: [(String, JSONValue)] = [
            ("field", .string(change.field)),
            ("old", change.old.map(JSONValue.init) ?? .null),
            ("new", change.new.map(JSONValue.init) ?? .null),
            ("days", change.days.map(JSONValue.int) ?? .null),
        ]
        if !change.added.isEmpty { object.append(("added", .array(change.added.map(JSONValue.init)))) }
        if !change.removed.isEmpty { object.append(("removed", .array(change.removed.map(JSONValue.init)))) }
        if let diff = change.textDiff { object.append(("textDiff", .array(diff.map(JSONValue.string)))) }
        return .object(object)
    }
}
