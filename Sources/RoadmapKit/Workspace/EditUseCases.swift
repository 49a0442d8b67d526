import GitKit

/// What an edit command changed in one file.
public struct FileEdit: Sendable {
    public var path: String
    /// Field → (old, new); nil where absent.
    public var changes: [(field: String, old: YAMLValue?, new: YAMLValue?)]
}

extension Workspace {
    /// Rules whose new errors refuse an edit: the file would be wrong in itself. Timeline
    /// rules (a launch before a ship date) do not: they are what `review` and `commit` are for.
    static let editGuardRules: Set<String> = [
        "parse-error", "unsupported-yaml", "invalid-id", "duplicate-id", "unknown-kind", "missing-field",
        "invalid-value", "dangling-reference", "wrong-reference-kind", "date-order",
    ]

    /// `roadmap new`: files a new item under `<root>/<kind>s/<id>.yaml` from its template.
    public func newItem(kind: Kind, id: String, title: String?, fields: [FieldAssignment], today: RoadmapDate) throws -> String {
        _ = try workingDirectory(for: "new")
        guard ItemID.isValid(id) else {
            throw RoadmapError("'\(id)' is not a valid id: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters")
        }
        let current = try itemFiles(.worktree)
        if let clash = current.first(where: { ItemID.fromPath($0.path) == id }) {
            throw RoadmapError("id '\(id)' is taken by \(clash.path); ids are unique under \(root)/")
        }
        let path = (root.isEmpty ? "" : root + "/") + "\(kind.folder)/\(id).yaml"
        let template = try repositoryTemplate(kind)
        let bytes = try ItemFactory.make(kind: kind, template: template, title: title ?? id, fields: fields)
        try guardEdit(path: path, id: id, newBytes: bytes, current: current, today: today)
        try git("writing \(path)") { try repository.writeWorkdirFile(path, bytes: bytes) }
        return path
    }

    /// The repository's own `templates/<kind>.yaml`, when it has one.
    func repositoryTemplate(_ kind: Kind) throws -> String? {
        let path = "templates/\(kind.rawValue).yaml"
        guard try repository.workdirFileMode(path) == .blob,
              let bytes = try git("reading \(path)", { try repository.workdirFileData(path) }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `roadmap set`: edits fields of an item in place, changing only their bytes.
    public func setFields(id: String, _ assignments: [FieldAssignment], today: RoadmapDate) throws -> FileEdit {
        _ = try workingDirectory(for: "set")
        guard !assignments.isEmpty else { throw RoadmapError("nothing to set: give KEY=VALUE pairs") }
        let current = try itemFiles(.worktree)
        let matches = current.filter { ItemID.fromPath($0.path) == id }
        guard let file = matches.first else {
            throw RoadmapError("no item '\(id)' under \(root)/; 'roadmap list' shows the ids")
        }
        if matches.count > 1 {
            throw RoadmapError("id '\(id)' is held by \(matches.map(\.path).joined(separator: " and ")); fix the duplicate first")
        }
        let (bytes, changes) = try Self.edited(file, assignments, editor: "roadmap set")
        if bytes != file.bytes {
            try guardEdit(path: file.path, id: id, newBytes: bytes, current: current, today: today)
            try git("writing \(file.path)") { try repository.writeWorkdirFile(file.path, bytes: bytes) }
        }
        return FileEdit(path: file.path, changes: changes)
    }

    /// An item file with assignments applied as minimal edits, and the fields that changed
    /// (`roadmap set` and the forms of `roadmap serve`).
    static func edited(_ file: SourceFile, _ assignments: [FieldAssignment], editor: String) throws
        -> (bytes: [UInt8], changes: [(field: String, old: YAMLValue?, new: YAMLValue?)]) {
        if file.isSymlink { throw RoadmapError("\(file.path) is a symbolic link; roadmap edits only regular files") }
        var document: YAMLDocument
        do {
            document = try YAMLParser.parse(file.bytes)
        } catch {
            throw RoadmapError("\(file.path):\(error.location.line):\(error.location.column): \(error.message); fix the file before editing it with \(editor)")
        }
        guard document.root.pairs != nil else {
            throw RoadmapError("\(file.path): the top level is not a mapping of fields")
        }
        let before = document.root
        try ItemFactory.apply(assignments, to: &document)
        var changes: [(field: String, old: YAMLValue?, new: YAMLValue?)] = []
        for assignment in assignments {
            let old = Self.value(at: assignment.path, in: before)
            let new = Self.value(at: assignment.path, in: document.root)
            if old != new { changes.append((assignment.key, old, new)) }
        }
        return (document.bytes, changes)
    }

    /// The value at a field path; in a list (`assets`) a segment names an entry by its `id`.
    static func value(at path: [String], in node: YAMLNode) -> YAMLValue? {
        var current: YAMLNode? = node
        for key in path {
            if let entries = current?.items {
                current = entries.first { $0["id"]?.string == key }
            } else {
                current = current?[key]
            }
        }
        return current?.data
    }

    /// Refuses an edit that would give the item a new error of its own (a bad date, an
    /// unknown status, a dangling reference), naming it; nothing is written then.
    func guardEdit(path: String, id: String, newBytes: [UInt8], current: [SourceFile], today: RoadmapDate) throws {
        func errors(_ files: [SourceFile]) -> [Finding] {
            let snapshot = Snapshot(files: files.map(ItemParsing.parse), config: config)
            return Reviewer.review(base: nil, head: snapshot, config: config, today: today).findings
                .map(\.finding)
                .filter { $0.path == path && $0.severity == .error && Self.editGuardRules.contains($0.rule) }
        }
        let before = Set(errors(current).map(\.identity))
        var after = current.filter { $0.path != path }
        after.append(SourceFile(path: path, bytes: newBytes))
        let introduced = errors(after).filter { !before.contains($0.identity) }
        if let first = introduced.first {
            let more = introduced.count > 1 ? " (and \(introduced.count - 1) more)" : ""
            throw RoadmapError("\(path):\(first.line):\(first.column): \(first.message) [\(first.rule)]\(more); nothing was written")
        }
    }

    /// `roadmap fmt`: the files (default: every item file) whose layout is not canonical, and,
    /// unless `check`, rewrites them. Files that cannot be parsed are returned in `unreadable`.
    public func format(paths: [String], check: Bool) throws -> (changed: [String], unreadable: [String]) {
        _ = try workingDirectory(for: "fmt")
        var files = try itemFiles(.worktree)
        if !paths.isEmpty {
            let wanted = try paths.map(repositoryPath)
            for path in wanted where !files.contains(where: { $0.path == path || $0.path.hasPrefix(path + "/") }) {
                throw RoadmapError("'\(path)' is not an item file or folder under \(root)/")
            }
            files = files.filter { file in wanted.contains { file.path == $0 || $0.isEmpty || file.path.hasPrefix($0 + "/") } }
        }
        var changed: [String] = []
        var unreadable: [String] = []
        for file in files where !file.isSymlink {
            guard let document = try? YAMLParser.parse(file.bytes), document.root.pairs != nil else {
                unreadable.append(file.path)
                continue
            }
            let kind = document.root["kind"]?.string.flatMap(Kind.init(rawValue:))
            let canonical = Canonical.layout(document, kind: kind)
            guard canonical != file.bytes else { continue }
            changed.append(file.path)
            if !check {
                try git("writing \(file.path)") { try repository.writeWorkdirFile(file.path, bytes: canonical) }
            }
        }
        return (changed, unreadable)
    }
}
