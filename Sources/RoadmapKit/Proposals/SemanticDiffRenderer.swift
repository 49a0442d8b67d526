/// Text and JSON for `roadmap diff`.
///
/// JSON (schemaVersion 1):
/// `{"schemaVersion": 1, "from": "SHA or null", "to": "SHA | worktree",
///   "items": [{"id", "change": "added|removed|modified|moved", "path", "oldPath" (moved only),
///     "fields": [{"field", "old" (JSON or null), "new", "days" (dates only),
///                 "added": [...], "removed": [...] (lists only)}]}],
///   "findings": {"introduced": [finding], "resolved": [finding]},
///   "summary": {"added", "removed", "changed", "introduced", "resolved"}}`
/// where a finding is `{"rule", "severity", "item", "path", "line", "column", "related", "message"}`.
public enum SemanticDiffRenderer {
    public static func text(_ diff: SemanticDiff, from: String, to: String) -> String {
        var lines: [String] = ["diff \(from)..\(to)"]
        if diff.items.isEmpty { lines.append("no item changed") }
        for item in diff.items {
            switch item.change {
            case .added: lines.append("+ \(item.id) (\(item.path))")
            case .removed: lines.append("- \(item.id) (\(item.path))")
            case .modified: lines.append("~ \(item.id) (\(item.path))")
            case .moved: lines.append("→ \(item.id) moved \(item.oldPath ?? "?") → \(item.path)")
            }
            if item.change == .removed { continue }
            for field in item.fields { lines.append("    " + fieldLine(field, added: item.change == .added)) }
        }
        func findingLine(_ f: Finding) -> String {
            "  \(f.path):\(f.line):\(f.column): \(f.severity.rawValue): \(f.message) [\(f.rule)]"
        }
        lines.append("")
        lines.append("findings introduced: \(diff.introduced.count)")
        lines += diff.introduced.map(findingLine)
        lines.append("findings resolved: \(diff.resolved.count)")
        lines += diff.resolved.map(findingLine)
        return lines.map(sanitizeForTerminal).joined(separator: "\n") + "\n"
    }

    static func fieldLine(_ f: SemanticDiff.FieldChange, added: Bool) -> String {
        if added { return "\(f.field): \(f.new?.shortText ?? "")" }
        if let plus = f.added, let minus = f.removed, f.old != nil, f.new != nil {
            let parts = plus.map { "+" + $0.shortText } + minus.map { "-" + $0.shortText }
            return "\(f.field): " + (parts.isEmpty ? "reordered" : parts.joined(separator: " "))
        }
        var line = "\(f.field): \(f.old?.shortText ?? "(absent)") → \(f.new?.shortText ?? "(removed)")"
        if let days = f.days { line += " (\(days >= 0 ? "+" : "")\(days) day\(abs(days) == 1 ? "" : "s"))" }
        return line
    }

    public static func itemsJSON(_ items: [SemanticDiff.ItemChange]) -> JSONValue {
        .array(items.map { item in
            var members: [(String, JSONValue)] = [("id", .string(item.id)), ("change", .string(item.change.rawValue)), ("path", .string(item.path))]
            if let old = item.oldPath { members.append(("oldPath", .string(old))) }
            members.append(("fields", .array(item.fields.map { f in
                var m: [(String, JSONValue)] = [("field", .string(f.field)),
                                                 ("old", f.old.map(JSONValue.init) ?? .null),
                                                 ("new", f.new.map(JSONValue.init) ?? .null)]
                if let days = f.days { m.append(("days", .int(days))) }
                if let added = f.added { m.append(("added", .array(added.map(JSONValue.init)))) }
                if let removed = f.removed { m.append(("removed", .array(removed.map(JSONValue.init)))) }
                return .object(m)
            })))
            return .object(members)
        })
    }

    public static func json(_ diff: SemanticDiff, from: String?, to: String) -> String {
        JSONValue.object([
            ("schemaVersion", .int(1)),
            ("from", .string(from)),
            ("to", .string(to)),
            ("items", itemsJSON(diff.items)),
            ("findings", .object([
                ("introduced", .array(diff.introduced.map { $0.json() })),
                ("resolved", .array(diff.resolved.map { $0.json() })),
            ])),
            ("summary", .object([
                ("added", .int(diff.added)), ("removed", .int(diff.removed)), ("changed", .int(diff.changed)),
                ("introduced", .int(diff.introduced.count)), ("resolved", .int(diff.resolved.count)),
            ])),
        ]).encoded() + "\n"
    }
}
