import Foundation

/// Works out an import's plan against the items of one state of the roadmap: which records
/// match items made by an earlier import (by `x-source-key`), the ids of new ones, the parent
/// links and releases, and the bytes of every file to write.
///
/// New files are made like `roadmap new` (the kind's template, canonical layout). Existing
/// files change only in the fields whose source value differs, each a minimal edit of the
/// document (the editor behind `roadmap set`), so comments and hand-added fields stay.
struct ImportPlanner {
    var root: String
    var existing: [ParsedFile]
    var existingBytes: [String: [UInt8]]
    var templates: [Kind: String]
    var prototypes: [Kind: ItemComposer.Prototype]
    var records: [SourceRecord]
    var releaseDates: [String: String]
    /// Whether release names are versions (Jira's Fix Version/s): then they fill `version:` too.
    var releasesAreVersions: Bool

    static let keyField = "x-source-key"

    struct Known {
        var id: String
        var path: String
        var kind: Kind?
    }

    func plan() throws -> ImportPlan {
        var plan = ImportPlan()
        // Items earlier imports made, by key; every id under the root.
        var byKey: [String: Known] = [:]
        var taken = Set<String>()
        for file in existing {
            let id = ItemID.fromPath(file.path)
            taken.insert(id)
            guard case let .parsed(node) = file.outcome, let key = Self.keyText(node[Self.keyField]) else { continue }
            if let other = byKey[key] {
                throw RoadmapError("\(Self.keyField) '\(key)' is held by both \(other.path) and \(file.path); keep it on one item and import again")
            }
            byKey[key] = Known(id: id, path: file.path, kind: node["kind"]?.string.flatMap(Kind.init(rawValue:)))
        }

        // Ids: items already imported keep theirs; new ones get a unique slug, releases first.
        var releaseNames: [String] = []
        var seenReleases = Set<String>()
        for record in records { for name in record.releases ?? [] where seenReleases.insert(name).inserted { releaseNames.append(name) } }
        var releaseIDs: [String: String] = [:]
        for name in releaseNames {
            let key = Self.releaseKey(name)
            releaseIDs[name] = byKey[key]?.id ?? Slug.unique(Slug.make(name, fallback: "release"), taken: &taken)
        }
        var recordIDs: [String] = []
        for record in records {
            recordIDs.append(byKey[record.key]?.id ?? Slug.unique(Slug.make(record.title, fallback: record.kind.rawValue), taken: &taken))
        }
        // Parents are named by key or alias; they may be in this export or imported earlier.
        var recordIndex: [String: Int] = [:]
        for (i, record) in records.enumerated() {
            recordIndex[record.key] = i
            for alias in record.aliases where recordIndex[alias] == nil { recordIndex[alias] = i }
        }

        var writes: [String: [UInt8]] = [:]
        for name in releaseNames {
            let key = Self.releaseKey(name)
            guard let id = releaseIDs[name] else { continue }
            var fields: [FieldAssignment] = []
            if let date = releaseDates[name] {
                fields.append(FieldAssignment(path: ["date"], value: .string(date)))
            }
            if let known = byKey[key] {
                try update(known: known, key: key, kind: .release, fields: fields, into: &plan, writes: &writes)
            } else {
                var all = [FieldAssignment(path: ["status"], value: .string(releaseDates[name] == nil ? "proposed" : "planned"))] + fields
                if releasesAreVersions { all.append(FieldAssignment(path: ["version"], value: .string(name))) }
                try add(id: id, kind: .release, title: name, key: key, fields: all, description: nil, into: &plan, writes: &writes)
            }
        }
        for (index, record) in records.enumerated() {
            let id = recordIDs[index]
            var fields: [FieldAssignment] = [FieldAssignment(path: ["title"], value: .string(record.title))]
            func optional(_ name: String, _ value: String??) {
                guard let value else { return }
                fields.append(FieldAssignment(path: [name], value: value.map(YAMLValue.string)))
            }
            optional("status", record.status)
            optional("owner", record.owner)
            if let parents = record.parents, let wanted = Self.parentField(of: record.kind) {
                if let parent = resolveParent(of: index, parents: parents, wanted: wanted.kind, recordIndex: recordIndex, recordIDs: recordIDs, byKey: byKey) {
                    fields.append(FieldAssignment(path: [wanted.field], value: .string(parent)))
                } else if !parents.isEmpty {
                    plan.notes.append("\(record.key): its parent \(parents.joined(separator: ", ")) is no \(wanted.kind.rawValue) in this export or the roadmap; no \(wanted.field) link was written")
                } else {
                    fields.append(FieldAssignment(path: [wanted.field], value: nil))
                }
            }
            if let releases = record.releases, record.kind == .epic || record.kind == .story {
                fields.append(FieldAssignment(path: ["release"], value: releases.first.flatMap { releaseIDs[$0] }.map(YAMLValue.string)))
                if releases.count > 1 {
                    plan.notes.append("\(record.key) is in \(releases.count) releases (\(releases.joined(separator: ", "))); its release is the first, \(releases[0])")
                }
            }
            optional("start", record.start)
            optional("end", record.end)
            if let tags = record.tags {
                fields.append(FieldAssignment(path: ["tags"], value: tags.isEmpty ? nil : .sequence(tags.map(YAMLValue.string))))
            }
            for custom in record.custom {
                fields.append(FieldAssignment(path: [custom.field], value: custom.value.map(YAMLValue.string)))
            }
            if let known = byKey[record.key] {
                if let kind = known.kind, kind != record.kind {
                    plan.notes.append("\(record.key): the source now says \(record.kind.rawValue), \(known.path) is a \(kind.rawValue); the kind is not changed by an import")
                }
                if let description = record.description {
                    fields.append(FieldAssignment(path: ["description"], value: description.map(YAMLValue.string)))
                }
                try update(known: known, key: record.key, kind: known.kind ?? record.kind, fields: fields, into: &plan, writes: &writes)
            } else {
                try add(id: id, kind: record.kind, title: record.title, key: record.key, fields: Array(fields.dropFirst()),
                        description: record.description ?? nil, into: &plan, writes: &writes)
            }
        }
        let imported = Set(records.map(\.key) + releaseNames.map(Self.releaseKey))
        plan.vanished = byKey.filter { !imported.contains($0.key) }
            .map { ImportPlan.Vanished(key: $0.key, id: $0.value.id, path: $0.value.path) }
            .sorted { $0.path < $1.path }
        plan.writes = writes.sorted { $0.key < $1.key }.map { (path: $0.key, bytes: $0.value) }
        return plan
    }

    static func releaseKey(_ name: String) -> String { "release:" + name }

    static func keyText(_ node: YAMLNode?) -> String? {
        switch node?.scalar {
        case let .string(s)?: return s
        case let .int(i)?: return String(i)
        default: return nil
        }
    }

    /// The field that links a kind to its parent, and the parent's kind.
    static func parentField(of kind: Kind) -> (field: String, kind: Kind)? {
        switch kind {
        case .story: return ("epic", .epic)
        case .epic: return ("theme", .theme)
        default: return nil
        }
    }

    /// The id of the nearest ancestor of the wanted kind: a sub-task (a story under a story)
    /// links to its story's epic.
    func resolveParent(of index: Int, parents: [String], wanted: Kind, recordIndex: [String: Int],
                       recordIDs: [String], byKey: [String: Known]) -> String? {
        var candidates = parents
        var visited: Set<Int> = [index]
        while let reference = candidates.first {
            candidates.removeFirst()
            if let i = recordIndex[reference] {
                if records[i].kind == wanted { return recordIDs[i] }
                if visited.insert(i).inserted, records[i].kind == records[index].kind { candidates += records[i].parents ?? [] }
            } else if let known = byKey[reference], known.kind == wanted {
                return known.id
            }
        }
        return nil
    }

    func add(id: String, kind: Kind, title: String, key: String, fields: [FieldAssignment], description: String?,
             into plan: inout ImportPlan, writes: inout [String: [UInt8]]) throws {
        var all = fields.filter { $0.value != nil }
        all.append(FieldAssignment(path: [Self.keyField], value: .string(key)))
        // The template's description is a placeholder; an imported item has the source's or none.
        all.append(FieldAssignment(path: ["description"], value: description.map(YAMLValue.string)))
        let bytes = try ItemComposer.make(kind: kind, template: templates[kind], prototype: prototypes[kind], title: title, fields: all)
        let path = (root.isEmpty ? "" : root + "/") + "\(kind.folder)/\(id).yaml"
        writes[path] = bytes
        let changes = [ImportPlan.FieldChange(field: "title", old: nil, new: .string(title))]
            + all.compactMap { $0.value == nil ? nil : ImportPlan.FieldChange(field: $0.key, old: nil, new: $0.value) }
        plan.entries.append(ImportPlan.Entry(key: key, id: id, kind: kind, path: path, change: .added, fields: changes))
    }

    func update(known: Known, key: String, kind: Kind, fields: [FieldAssignment],
                into plan: inout ImportPlan, writes: inout [String: [UInt8]]) throws {
        guard let bytes = existingBytes[known.path] else { return }
        var document: YAMLDocument
        do {
            document = try YAMLParser.parse(bytes)
        } catch {
            throw RoadmapError("\(known.path):\(error.location.line):\(error.location.column): \(error.message); fix the file before importing again")
        }
        var changes: [ImportPlan.FieldChange] = []
        var edits: [FieldAssignment] = []
        for field in fields {
            // A field the kind does not have (a release on a theme) is not written.
            if !kind.knownFields.contains(field.path[0]) && !field.path[0].hasPrefix("x-") { continue }
            let old = Workspace.value(at: field.path, in: document.root)
            if Self.same(old, field.value) { continue }
            edits.append(field)
            changes.append(ImportPlan.FieldChange(field: field.key, old: old, new: field.value))
        }
        if !edits.isEmpty {
            try ItemFactory.apply(edits, to: &document)
            writes[known.path] = document.bytes
        }
        plan.entries.append(ImportPlan.Entry(key: key, id: known.id, kind: kind, path: known.path,
                                             change: edits.isEmpty ? .unchanged : .changed, fields: changes))
    }

    /// Equal as data; a description compares without its final line break (a literal block keeps one).
    static func same(_ old: YAMLValue?, _ new: YAMLValue?) -> Bool {
        if case let .string(a)? = old, case let .string(b)? = new {
            return a == b || a.trimmingCharacters(in: .newlines) == b.trimmingCharacters(in: .newlines)
        }
        if old == nil, new == nil { return true }
        if case .null? = old, new == nil { return false }
        return old == new
    }
}
