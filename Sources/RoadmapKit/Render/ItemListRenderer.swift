import Foundation

/// Output formats of `roadmap list`.
public enum ListFormat: String, Sendable, CaseIterable {
    case table, json, csv
}

/// Renders the items of `roadmap list`.
public enum ItemListRenderer {
    public static func render(_ items: [Item], format: ListFormat) -> String {
        switch format {
        case .table: return table(items)
        case .json: return json(items).encoded() + "\n"
        case .csv: return csv(items)
        }
    }

    /// `{"schemaVersion": 1, "items": [{"id", "kind", "title", "status", "path", …the fields}]}`.
    public static func json(_ items: [Item]) -> JSONValue {
        .object([("schemaVersion", .int(1)), ("items", .array(items.map(itemJSON)))])
    }

    /// One item as JSON: the identifying members first, then every other field of the file.
    public static func itemJSON(_ item: Item) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(item.id)),
            ("kind", .string(item.kind?.rawValue)),
            ("title", .string(item.title)),
            ("status", .string(item.status)),
            ("path", .string(item.path)),
        ]
        let leading: Set<String> = ["id", "kind", "title", "status", "path"]
        for (key, value) in item.fields where !leading.contains(key) {
            members.append((key, JSONValue(value)))
        }
        return .object(members)
    }

    static func csv(_ items: [Item]) -> String {
        let header = ["id", "kind", "title", "status", "owner", "date", "release", "path"]
        let rows = items.map { item in
            [item.id, item.kind?.rawValue ?? "", item.title ?? "", item.status, item.owner ?? "",
             (item.date ?? item.launch ?? item.end)?.text ?? "", item.release ?? "", item.path]
        }
        return CSV.document(header: header, rows: rows)
    }

    static func table(_ items: [Item]) -> String {
        guard !items.isEmpty else { return "no items\n" }
        let header = ["ID", "KIND", "STATUS", "DATE", "OWNER", "TITLE"]
        let rows = items.map { item -> [String] in
            let date = item.date ?? item.launch ?? item.end
            return [item.id, item.kind?.rawValue ?? "?", item.status, date?.text ?? "",
                    item.owner ?? "", item.title ?? ""].map(sanitizeForTerminal)
        }
        return TextTable.render(header: header, rows: rows)
    }
}

/// Left-aligned columns separated by two spaces; the last column is not padded.
public enum TextTable {
    public static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
