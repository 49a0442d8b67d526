import Foundation

/// How an export's columns become item fields: column → field, the source's kind and status
/// names → ours, and which column is the stable key.
///
/// Written by the user in YAML (the item format's subset, read by our own parser) for
/// `--from csv`; built in for `--from jira` and `--from github`, where a user map adds to or
/// overrides the built-in one. See `roadmap import --init-map` and docs/import.md.
public struct ImportMap: Sendable {
    public struct Column: Sendable {
        public var name: String
        public var field: ImportField
        /// Where the map names it (nil for a built-in column).
        public var location: SourceLocation?
        /// A built-in column may be absent from an export; a column the user names may not.
        public var optional: Bool
    }

    public var columns: [Column] = []
    /// Source kind names, lower-cased → kind.
    public var kinds: [String: Kind] = [:]
    /// Source status names, lower-cased → one of our statuses (adapted to each kind).
    public var statuses: [String: String] = [:]
    /// The kind of a row with no kind column or an empty cell.
    public var defaultKind: Kind?
    public var delimiter: Character?
    /// The map file, for messages ("built-in" for the built-in maps).
    public var path: String = "built-in map"
    public var statusLocation: SourceLocation?

    public init() {}

    /// The kinds a row can have: releases come from release columns, campaigns are planned here.
    static let rowKinds: [Kind] = [.theme, .epic, .story]

    /// Every status some kind accepts.
    static let allStatuses: Set<String> = Set(Kind.allCases.flatMap(\.statuses))

    // MARK: Reading a map file

    public static func load(_ bytes: [UInt8], path: String) throws(ImportInputError) -> ImportMap {
        let document: YAMLDocument
        do {
            document = try YAMLParser.parse(bytes)
        } catch {
            throw ImportInputError(path: path, location: error.location, error.message)
        }
        var map = ImportMap()
        map.path = path
        guard let pairs = document.root.pairs else {
            throw ImportInputError(path: path, location: document.root.location, "a map is a mapping with columns:, and optionally key:, kinds:, statuses:, default-kind:, delimiter:")
        }
        func fail(_ node: YAMLNode, _ message: String) -> ImportInputError {
            ImportInputError(path: path, location: node.location, message)
        }
        func text(_ node: YAMLNode) -> String? {
            switch node.scalar {
            case let .string(s)?: return s
            case let .int(i)?: return String(i)
            case let .float(f)?: return String(f)
            case let .bool(b)?: return String(b)
            default: return nil
            }
        }
        for pair in pairs {
            guard let key = pair.key.string else { throw fail(pair.key, "settings are named by strings") }
            let value = pair.value
            switch key {
            case "key":
                guard let column = text(value), !column.isEmpty else { throw fail(value, "'key' names the column that identifies a row, e.g. key: ID") }
                map.columns.append(Column(name: column, field: .key, location: value.location, optional: false))
            case "delimiter":
                guard let s = value.string, s.count == 1, let c = s.first else { throw fail(value, "'delimiter' is one character, e.g. delimiter: \";\"") }
                map.delimiter = c
            case "default-kind":
                guard let s = value.string, let kind = Kind(rawValue: s), rowKinds.contains(kind) else {
                    throw fail(value, "'default-kind' is theme, epic or story")
                }
                map.defaultKind = kind
            case "columns":
                guard let entries = value.pairs else { throw fail(value, "'columns' maps a column name to a field, e.g. Summary: title") }
                for entry in entries {
                    guard let column = text(entry.key) else { throw fail(entry.key, "a column is named by text") }
                    guard let name = entry.value.string, let field = ImportField(name: name) else {
                        throw fail(entry.value, "'\(text(entry.value) ?? "")' is not a field to import into; use one of \(ImportField.names.joined(separator: ", "))")
                    }
                    map.columns.append(Column(name: column, field: field, location: entry.key.location, optional: false))
                }
            case "kinds":
                guard let entries = value.pairs else { throw fail(value, "'kinds' maps a source type to theme, epic or story, e.g. Feature: epic") }
                for entry in entries {
                    guard let source = text(entry.key) else { throw fail(entry.key, "a source type is text") }
                    guard let name = entry.value.string, let kind = Kind(rawValue: name), rowKinds.contains(kind) else {
                        throw fail(entry.value, "'\(text(entry.value) ?? "")' is not a kind an import makes; use theme, epic or story")
                    }
                    map.kinds[source.lowercased()] = kind
                }
            case "statuses":
                guard let entries = value.pairs else { throw fail(value, "'statuses' maps a source status to ours, e.g. Open: planned") }
                map.statusLocation = value.location
                for entry in entries {
                    guard let source = text(entry.key) else { throw fail(entry.key, "a source status is text") }
                    guard let status = entry.value.string, allStatuses.contains(status) else {
                        throw fail(entry.value, "'\(text(entry.value) ?? "")' is not a status; use one of \(allStatuses.sorted().joined(separator: ", "))")
                    }
                    map.statuses[source.lowercased()] = status
                }
            default:
                if key.hasPrefix("x-") { continue }
                throw fail(pair.key, "unknown setting '\(key)'; a map has key, delimiter, default-kind, columns, kinds and statuses")
            }
        }
        guard map.columns.contains(where: { $0.field == .key }) || map.columns.isEmpty else {
            throw ImportInputError(path: path, location: document.root.location, "the map names no key column; add key: COLUMN (the column that identifies a row across exports)")
        }
        return map
    }

    /// The built-in map with a user's map laid over it: the user's columns replace built-in
    /// columns of the same field name or column name; kinds and statuses add to the built-in ones.
    public func overlaid(by user: ImportMap) -> ImportMap {
        var merged = self
        let userColumns = Set(user.columns.map { Self.normalized($0.name) })
        let single: Set<ImportField> = [.key, .title, .kind]
        let userFields: Set<ImportField> = Set(user.columns.map(\.field)).intersection(single)
        merged.columns.removeAll { userColumns.contains(Self.normalized($0.name)) || userFields.contains($0.field) }
        merged.columns += user.columns
        merged.kinds.merge(user.kinds) { _, new in new }
        merged.statuses.merge(user.statuses) { _, new in new }
        merged.defaultKind = user.defaultKind ?? defaultKind
        merged.delimiter = user.delimiter ?? delimiter
        merged.path = user.path
        merged.statusLocation = user.statusLocation
        return merged
    }

    /// A column name compared without case, and with Jira's `Custom field (…)` wrapper removed,
    /// so `Custom field (Epic Link)` matches `Epic Link`.
    static func normalized(_ name: String) -> String {
        var name = name.trimmingCharacters(in: .whitespaces)
        let prefix = "custom field ("
        if name.lowercased().hasPrefix(prefix), name.hasSuffix(")") {
            name = String(name.dropFirst(prefix.count).dropLast())
        }
        return name.lowercased()
    }

    /// Our status for a source status, nil when neither mapped nor one of ours.
    func status(for raw: String) -> String? {
        let lowered = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if let mapped = statuses[lowered] { return mapped }
        let dashed = lowered.replacingOccurrences(of: " ", with: "-")
        return Self.allStatuses.contains(dashed) ? dashed : nil
    }

    /// Our kind for a source type, nil when neither mapped nor one of ours.
    func kind(for raw: String) -> Kind? {
        let lowered = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if let mapped = kinds[lowered] { return mapped }
        return Kind(rawValue: lowered).flatMap { Self.rowKinds.contains($0) ? $0 : nil }
    }
}
