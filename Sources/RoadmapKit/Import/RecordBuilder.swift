import Foundation

/// Turns a source table into records with a map: finds each mapped column, maps kinds and
/// statuses, reads dates, and checks keys. Every problem is collected, each with its file,
/// line and column (or the JSON item), before any is reported.
struct RecordBuilder {
    var map: ImportMap
    var table: SourceTable
    var problems: [ImportInputError] = []

    init(map: ImportMap, table: SourceTable) {
        self.map = map
        self.table = table
    }

    /// The columns of the table each map entry names (a map column may match a repeated column once).
    func resolveColumns() -> (fields: [String: ImportField], problems: [ImportInputError]) {
        var fields: [String: ImportField] = [:]
        var problems: [ImportInputError] = []
        for column in map.columns {
            let exact = table.columns.first { $0 == column.name }
            let loose = exact ?? table.columns.first { ImportMap.normalized($0) == ImportMap.normalized(column.name) }
            guard let found = loose else {
                if !column.optional {
                    let shown = table.columns.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
                    problems.append(ImportInputError(path: map.path, location: column.location,
                        "column '\(column.name)' is not in \(table.path) (its columns: \(shown)\(table.columns.count > 12 ? ", …" : ""))"))
                }
                continue
            }
            // The first map entry for a column wins (a user map is laid over the built-in one).
            if fields[found] == nil { fields[found] = column.field }
        }
        return (fields, problems)
    }

    mutating func build() throws(ImportFailure) -> [SourceRecord] {
        let (fields, columnProblems) = resolveColumns()
        problems += columnProblems
        let mapped = Set(fields.values)
        if !mapped.contains(.key) {
            problems.append(ImportInputError(path: table.path, location: nil,
                "no column is the key (the value that identifies a row across exports); name it in a map: key: COLUMN"))
        }
        if !mapped.contains(.title) {
            problems.append(ImportInputError(path: table.path, location: nil, "no column gives the title; name it in a map under columns: (e.g. Summary: title)"))
        }
        if !mapped.contains(.kind) && map.defaultKind == nil {
            problems.append(ImportInputError(path: table.path, location: nil, "no column gives the kind and the map has no default-kind: theme, epic or story"))
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }

        var records: [SourceRecord] = []
        records.reserveCapacity(table.rows.count)
        var keys: [String: String] = [:]
        for row in table.rows {
            if let record = record(row, fields: fields, mapped: mapped) {
                if let other = keys[record.key] {
                    problems.append(problem(row, record.location, "duplicate key '\(record.key)': \(other) has it too; every row needs its own key"))
                    continue
                }
                keys[record.key] = row.location.map { "line \($0.line)" } ?? row.label
                records.append(record)
            }
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        return records
    }

    func problem(_ row: SourceTable.Row, _ location: SourceLocation?, _ message: String) -> ImportInputError {
        ImportInputError(path: table.path, location: location ?? row.location, location == nil && row.location == nil ? "\(row.label): \(message)" : message)
    }

    mutating func record(_ row: SourceTable.Row, fields: [String: ImportField], mapped: Set<ImportField>) -> SourceRecord? {
        var values: [ImportField: [SourceTable.Value]] = [:]
        for value in row.values {
            guard let field = fields[value.column] else { continue }
            values[field, default: []].append(value)
        }
        func first(_ field: ImportField) -> SourceTable.Value? {
            values[field]?.first { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }
        func text(_ field: ImportField) -> String? {
            first(field)?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let keyValue = first(.key), let key = text(.key) else {
            problems.append(problem(row, values[.key]?.first?.location, "the key cell is empty; every row needs a key"))
            return nil
        }
        let titleText = text(.title)?.split(whereSeparator: \.isNewline).joined(separator: " ") ?? ""
        if titleText.isEmpty {
            problems.append(problem(row, values[.title]?.first?.location ?? keyValue.location, "the title is empty"))
        }
        var kind = map.defaultKind ?? .story
        if let value = first(.kind) {
            if let mappedKind = map.kind(for: value.text) {
                kind = mappedKind
            } else {
                problems.append(problem(row, value.location, "unknown type '\(value.text)'; map it in a map file under kinds: (e.g. \(Self.yamlKey(value.text)): story)"))
            }
        } else if mapped.contains(.kind), map.defaultKind == nil {
            problems.append(problem(row, values[.kind]?.first?.location, "the type is empty and the map has no default-kind"))
        }
        var record = SourceRecord(key: key, kind: kind, title: titleText, label: row.label, location: keyValue.location)
        record.aliases = (values[.alias] ?? []).map { $0.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if mapped.contains(.status) {
            if let value = first(.status) {
                if let status = map.status(for: value.text) {
                    record.status = .some(Self.adapt(status, to: kind))
                } else {
                    problems.append(problem(row, value.location, "unknown status '\(value.text)'; map it in a map file under statuses: (e.g. \(Self.yamlKey(value.text)): in-progress)"))
                }
            } else {
                record.status = .some(nil)
            }
        }
        if mapped.contains(.owner) { record.owner = .some(text(.owner)) }
        if mapped.contains(.description) {
            let description = first(.description)?.text.trimmingCharacters(in: .whitespacesAndNewlines)
            record.description = .some(description.flatMap { $0.isEmpty ? nil : $0 })
        }
        for field in [ImportField.start, .end, .due] where mapped.contains(field) {
            var day: String?
            if let value = first(field) {
                day = ImportDate.parse(value.text)
                if day == nil {
                    problems.append(problem(row, value.location, "'\(value.text)' is not a date: write YYYY-MM-DD, or Jira's 15/Apr/27"))
                }
            }
            switch field {
            case .start: record.start = .some(day)
            case .end: record.end = .some(day ?? record.end ?? nil)
            default:
                // A due date is the end unless an end column gives one.
                if record.end == nil || record.end == .some(nil) { record.end = .some(day) }
            }
        }
        if mapped.contains(.tags) {
            var tags: [String] = []
            for value in values[.tags] ?? [] {
                for tag in value.text.split(separator: ",") {
                    let trimmed = tag.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty && !tags.contains(trimmed) { tags.append(trimmed) }
                }
            }
            record.tags = tags
        }
        if mapped.contains(.release) {
            var names: [String] = []
            for value in values[.release] ?? [] {
                let name = value.text.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty && !names.contains(name) { names.append(name) }
            }
            record.releases = names
        }
        if mapped.contains(.parent) {
            record.parents = (values[.parent] ?? []).map { $0.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for (column, field) in fields.sorted(by: { $0.key < $1.key }) {
            guard case let .custom(name) = field else { continue }
            let value = row.values.first { $0.column == column && !$0.text.isEmpty }?.text
            record.custom.append((name, value))
        }
        // Returned even with problems, so that its key still counts for duplicates; any
        // problem stops the import before a record is used.
        return record
    }

    /// A source status adapted to a kind's list: a theme is `active`, not `in-progress`.
    static func adapt(_ status: String, to kind: Kind) -> String {
        if kind.statuses.contains(status) { return status }
        switch (kind, status) {
        case (.theme, "in-progress"), (.theme, "live"): return "active"
        case (.theme, "proposed"): return "planned"
        case (.theme, "shipped"): return "done"
        case (_, "active"), (_, "live"): return "in-progress"
        case (_, "shipped"): return "done"
        default: return status
        }
    }

    /// A source name written as a YAML key in a suggestion (quoted when it needs it).
    static func yamlKey(_ text: String) -> String {
        String(decoding: Render.key(text), as: UTF8.self)
    }
}

/// Every problem found in an import's input; nothing is written when there is one.
public struct ImportFailure: Error, Sendable {
    public var problems: [ImportInputError]
}
