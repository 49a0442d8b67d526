import Foundation

/// `roadmap import --init-map FILE`: a commented starting map from a CSV's header row.
///
/// Each column is mapped when its name says what it is (Title, Status, Owner, Due date…),
/// else listed commented out; the statuses and types found in the file are listed under
/// `statuses:` and `kinds:`, so the user fills in the right-hand sides.
public enum ImportMapTemplate {
    static let guesses: [String: ImportField] = [
        "id": .key, "key": .key, "issue key": .key, "issue id": .alias, "ref": .key,
        "title": .title, "summary": .title, "name": .title, "feature": .title,
        "type": .kind, "kind": .kind, "issue type": .kind, "category": .kind,
        "status": .status, "state": .status, "stage": .status,
        "owner": .owner, "assignee": .owner, "responsible": .owner, "lead": .owner,
        "release": .release, "version": .release, "fix version/s": .release, "milestone": .release,
        "parent": .parent, "epic": .parent, "epic link": .parent, "parent link": .parent,
        "start": .start, "start date": .start, "target start": .start, "begin": .start,
        "end": .end, "end date": .end, "target end": .end, "finish": .end,
        "due": .due, "due date": .due, "deadline": .due,
        "tags": .tags, "labels": .tags, "label": .tags, "tag": .tags,
        "description": .description, "notes": .description, "details": .description,
    ]

    public static func make(csv bytes: [UInt8], path: String) throws(ImportInputError) -> String {
        let table = try CSVReader.read(bytes, path: path)
        var columns: [String] = []
        for name in table.header where !columns.contains(name) { columns.append(name) }
        var fields: [String: ImportField] = [:]
        var used = Set<ImportField>()
        for name in columns {
            guard let guess = guesses[ImportMap.normalized(name)] else { continue }
            // One key, one title, one kind column: the first that looks like it.
            if [.key, .title, .kind, .status, .owner, .description].contains(guess), used.contains(guess) { continue }
            fields[name] = guess
            used.insert(guess)
        }
        func values(of field: ImportField) -> [String] {
            guard let column = fields.first(where: { $0.value == field })?.key,
                  let index = table.header.firstIndex(of: column) else { return [] }
            var seen: [String] = []
            for row in table.rows where index < row.cells.count {
                let value = row.cells[index].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty && !seen.contains(value) && seen.count < 40 { seen.append(value) }
            }
            return seen
        }
        func key(_ text: String) -> String { String(decoding: Render.key(text), as: UTF8.self) }
        var out = """
        # Import map for \(path), written by roadmap import --init-map.
        # Use it with: roadmap import \(path) --from csv --map THIS-FILE
        # A column becomes one of: key, alias, kind, title, status, owner, description,
        # release, parent, start, end, due, tags, ignore, or a field of your own (x-name).
        # The key column identifies a row across exports: re-importing finds the item by it.

        """
        let keyColumn = fields.first(where: { $0.value == .key })?.key
        out += keyColumn.map { "key: \(key($0))\n" } ?? "key: COLUMN   # TODO: the column that identifies a row\n"
        if table.delimiter != "," { out += "delimiter: \"\(table.delimiter == "\t" ? "\\t" : String(table.delimiter))\"\n" }
        if !used.contains(.kind) { out += "default-kind: story   # theme, epic or story: the kind of every row\n" }
        out += "columns:\n"
        for name in columns where name != keyColumn {
            if let field = fields[name] {
                out += "  \(key(name)): \(field.name)\n"
            } else {
                out += "  # \(key(name)): ignore\n"
            }
        }
        let kinds = values(of: .kind)
        if !kinds.isEmpty {
            out += "kinds:   # each type in the file → theme, epic or story\n"
            for value in kinds { out += "  \(key(value)): \(ImportMap().kind(for: value)?.rawValue ?? "story")\n" }
        }
        let statuses = values(of: .status)
        if !statuses.isEmpty {
            out += "statuses:   # each status in the file → proposed, planned, in-progress, done or cancelled\n"
            let known = ImportMap.jira
            for value in statuses { out += "  \(key(value)): \(known.status(for: value) ?? "planned   # TODO: not a status we know, check")\n" }
        }
        return out
    }
}
