/// `roadmap import`'s report: text for people, JSON (`schemaVersion: 1`) for programs.
public enum ImportPlanRenderer {
    public static func text(_ outcome: ImportOutcome, dryRun: Bool) -> String {
        let plan = outcome.plan
        var out = ""
        for entry in plan.entries where entry.change != .unchanged {
            out += "\(entry.change == .added ? "added  " : "changed") \(entry.path) (\(entry.key))\n"
            if entry.change == .changed {
                for field in entry.fields {
                    out += "    \(field.field): \(describe(field.old)) → \(describe(field.new))\n"
                }
            }
        }
        for gone in plan.vanished {
            out += "vanished \(gone.path) (\(gone.key)): no longer in the source; kept\n"
        }
        for note in plan.notes { out += "note: \(note)\n" }
        out += "\(plan.count(.added)) added, \(plan.count(.changed)) changed, \(plan.count(.unchanged)) unchanged, \(plan.vanished.count) vanished"
        if dryRun {
            out += " (dry run: nothing was written)"
        } else if let commit = outcome.commit {
            out += "; [\(outcome.branch ?? "HEAD") \(commit.short)]"
            if let proposal = outcome.proposal { out += " proposal \(proposal): see roadmap diff \(proposal)" }
        } else {
            out += "; nothing to commit"
        }
        return out + "\n"
    }

    public static func json(_ outcome: ImportOutcome, source: ImportSource, file: String, dryRun: Bool) -> String {
        let plan = outcome.plan
        func value(_ v: YAMLValue?) -> JSONValue { v.map(JSONValue.init) ?? .null }
        let items: [JSONValue] = plan.entries.map { entry in
            .object([
                ("key", .string(entry.key)), ("id", .string(entry.id)), ("kind", .string(entry.kind.rawValue)),
                ("path", .string(entry.path)), ("change", .string(entry.change.rawValue)),
                ("fields", .array(entry.fields.map { .object([("field", .string($0.field)), ("old", value($0.old)), ("new", value($0.new))]) })),
            ])
        }
        let document = JSONValue.object([
            ("schemaVersion", .int(1)),
            ("source", .string(source.rawValue)),
            ("file", .string(file)),
            ("dryRun", .bool(dryRun)),
            ("commit", .string(outcome.commit?.hex)),
            ("branch", .string(outcome.branch)),
            ("proposal", .string(outcome.proposal)),
            ("summary", .object([
                ("added", .int(plan.count(.added))), ("changed", .int(plan.count(.changed))),
                ("unchanged", .int(plan.count(.unchanged))), ("vanished", .int(plan.vanished.count)),
            ])),
            ("items", .array(items)),
            ("vanished", .array(plan.vanished.map { .object([("key", .string($0.key)), ("id", .string($0.id)), ("path", .string($0.path))]) })),
            ("notes", .array(plan.notes.map(JSONValue.string))),
        ])
        return document.encoded() + "\n"
    }

    static func describe(_ value: YAMLValue?) -> String {
        guard let value else { return "(absent)" }
        switch value {
        case .null: return "null"
        case let .string(s):
            let line = s.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? s
            return line.count > 60 || line != s ? String(line.prefix(57)) + "…" : s
        case let .bool(b): return String(b)
        case let .int(i): return String(i)
        case let .float(f): return String(f)
        case .sequence, .mapping: return JSONValue(value).encoded(pretty: false)
        }
    }
}
