import Foundation
import GitKit

/// What `roadmap init` did.
public struct InitReport: Sendable {
    public var repositoryCreated: Bool
    public var configWritten: Bool
    public var exampleCommits: [ObjectID]
    public var hooks: [HookState]
    /// The field-level merge driver, when hooks were installed.
    public var mergeDriver: MergeDriverState?
    /// Why the hooks were not installed, when they were not.
    public var hooksSkipped: String?
}

extension Workspace {
    /// Makes `directory` a roadmap repository: the git repository when there is none,
    /// `roadmap.yaml`, the items root and the hooks; with `example`, commits the example
    /// roadmap as the short history of `templates/example/history.yaml`.
    public static func initialize(at directory: String, example: Bool, hooks: Bool, executable: String) throws -> (Workspace, InitReport) {
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        do {
            try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
        } catch {
            throw RoadmapError("cannot create \(absolute): \(error.localizedDescription)")
        }
        var created = false
        let repository: Repository
        if FileManager.default.fileExists(atPath: absolute + "/.git") {
            repository = try git("opening the repository at \(absolute)") { try Repository.open(at: absolute) }
        } else {
            repository = try git("creating a git repository at \(absolute)") { try Repository.create(at: absolute) }
            created = true
        }
        guard repository.workingDirectory != nil else {
            throw RoadmapError("\(absolute) is a bare repository; 'roadmap init' needs a working tree")
        }
        var configWritten = false
        if try repository.workdirFileMode(RoadmapConfig.fileName) == nil {
            let text = Resources.text("templates/example/roadmap.yaml") ?? "root: roadmap\n"
            try git("writing roadmap.yaml") { try repository.writeWorkdirFile(RoadmapConfig.fileName, bytes: Array(text.utf8)) }
            configWritten = true
        }
        let config = try loadConfig(repository)
        let workspace = Workspace(repository: repository, config: config, directory: absolute)
        if !config.root.isEmpty {
            try? FileManager.default.createDirectory(atPath: absolute + "/" + config.root, withIntermediateDirectories: true)
        }
        var report = InitReport(repositoryCreated: created, configWritten: configWritten, exampleCommits: [], hooks: [], mergeDriver: nil)
        // The merge driver's .gitattributes goes into the example's first commit, so clones ask for it.
        if hooks { report.mergeDriver = try workspace.installMergeDriver(executable: executable) }
        if example { report.exampleCommits = try workspace.commitExample() }
        if hooks {
            do {
                report.hooks = try workspace.installHooks(executable: executable, force: false)
            } catch let error as RoadmapError {
                report.hooksSkipped = error.message
            }
        }
        return (workspace, report)
    }

    /// Commits the example roadmap on the current branch, one commit per history entry, then
    /// brings the index and working tree to the result.
    func commitExample() throws -> [ObjectID] {
        if try !itemFiles(.worktree).isEmpty {
            throw RoadmapError("\(root)/ already holds items; the example goes into an empty roadmap (try 'roadmap init --example NEW-FOLDER')")
        }
        guard let text = Resources.text("templates/example/history.yaml") else {
            throw RoadmapError("internal: the example roadmap is not bundled")
        }
        let history = try ExampleHistory(Array(text.utf8))
        let repository = self.repository
        var parent = try headCommit()
        var tree = try parent.map { id in try git("reading HEAD") { try repository.commit(id).treeID } }
        var contents: [String: [UInt8]] = [:]
        var paths: [String: String] = [:]  // id → path
        var commits: [ObjectID] = []
        var touched = Set<String>()

        // The repository's own set-up files travel in the first commit when they are new.
        var setup: [String] = []
        for path in [RoadmapConfig.fileName, ".gitattributes"] where try repository.workdirFileMode(path) == .blob {
            let committed = try tree.map { id in try git("reading HEAD") { try repository.treeEntries(ofTree: id, under: "") } }?
                .contains { $0.path == path } ?? false
            if !committed, let bytes = try git("reading \(path)", { try repository.workdirFileData(path) }) {
                contents[path] = bytes
                setup.append(path)
            }
        }
        for (index, step) in history.commits.enumerated() {
            var changed: [String] = index == 0 ? setup : []
            for item in step.new {
                let path = (root.isEmpty ? "" : root + "/") + "\(item.kind.folder)/\(item.id).yaml"
                contents[path] = try ItemFactory.make(kind: item.kind, title: item.title, fields: item.fields)
                paths[item.id] = path
                changed.append(path)
            }
            for (id, assignments) in step.set {
                guard let path = paths[id], let bytes = contents[path] else {
                    throw RoadmapError("internal: the example history edits '\(id)' before creating it")
                }
                var document = try YAMLParser.parse(bytes)
                let before = Set(document.root.pairs?.compactMap(\.key.string) ?? [])
                try ItemFactory.apply(assignments, to: &document)
                // A field the item did not have goes to its place in the schema order (not
                // after the description), as `roadmap new` would have put it.
                if assignments.contains(where: { !before.contains($0.path[0]) }) {
                    let kind = document.root["kind"]?.string.flatMap(Kind.init(rawValue:))
                    contents[path] = Canonical.layout(document, kind: kind)
                } else {
                    contents[path] = document.bytes
                }
                changed.append(path)
            }
            var updates: [TreeUpdate] = []
            for path in changed {
                guard let bytes = contents[path] else { continue }
                let blob = try git("storing \(path)") { try repository.writeBlob(bytes) }
                updates.append(.upsert(path: path, blob: blob, mode: .blob))
                touched.insert(path)
            }
            let base = tree
            let newTree = try git("building the example's tree") { try repository.buildTree(base: base, updates: updates) }
            let signature = step.author
            let parents = parent.map { [$0] } ?? []
            let id = try git("committing the example roadmap") {
                try repository.createCommit(tree: newTree, parents: parents, message: step.message,
                                            author: signature, committer: signature, updating: "HEAD")
            }
            commits.append(id)
            parent = id
            tree = newTree
        }
        for path in touched.sorted() {
            guard let bytes = contents[path] else { continue }
            try git("writing \(path)") { try repository.writeWorkdirFile(path, bytes: bytes) }
        }
        if let tree {
            try git("updating the index") { try repository.updateIndex(toTree: tree, paths: touched.sorted()) }
        }
        return commits
    }
}

/// `templates/example/history.yaml`: the commits that build the example roadmap.
struct ExampleHistory {
    struct NewItem {
        var kind: Kind
        var id: String
        var title: String
        var fields: [FieldAssignment]
    }

    struct Step {
        var author: Signature
        var message: String
        var new: [NewItem]
        var set: [(String, [FieldAssignment])]
    }

    var commits: [Step] = []

    init(_ bytes: [UInt8]) throws {
        let root = try YAMLParser.parse(bytes).root
        guard let steps = root["commits"]?.items else { throw RoadmapError("internal: example history has no commits") }
        for step in steps {
            guard let author = step["author"]?.string, let date = step["date"]?.string, let message = step["message"]?.string,
                  let signature = Self.signature(author, date) else {
                throw RoadmapError("internal: example history step at \(step.location) lacks author, date or message")
            }
            var new: [NewItem] = []
            for item in step["new"]?.items ?? [] {
                guard let kindText = item["kind"]?.string, let kind = Kind(rawValue: kindText),
                      let id = item["id"]?.string, let title = item["title"]?.string else {
                    throw RoadmapError("internal: example item at \(item.location) lacks kind, id or title")
                }
                let fields = (item.pairs ?? []).compactMap { pair -> FieldAssignment? in
                    guard let key = pair.key.string, !["kind", "id", "title"].contains(key) else { return nil }
                    return FieldAssignment(path: [key], value: pair.value.data)
                }
                new.append(NewItem(kind: kind, id: id, title: title, fields: fields))
            }
            var set: [(String, [FieldAssignment])] = []
            for pair in step["set"]?.pairs ?? [] {
                guard let id = pair.key.string else { continue }
                set.append((id, (pair.value.pairs ?? []).compactMap { field in
                    field.key.string.map { FieldAssignment(path: [$0], value: field.value.data) }
                }))
            }
            commits.append(Step(author: signature, message: message, new: new, set: set))
        }
    }

    /// `Name <email>` and an ISO 8601 time with offset (`2026-09-01T09:30:00+02:00`).
    static func signature(_ author: String, _ time: String) -> Signature? {
        guard let open = author.firstIndex(of: "<"), let close = author.firstIndex(of: ">"), open < close else { return nil }
        let name = author[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(author[author.index(after: open)..<close])
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: time), time.count >= 25 else { return nil }
        let sign = time[time.index(time.endIndex, offsetBy: -6)] == "-" ? -1 : 1
        let hours = Int(time.suffix(5).prefix(2)) ?? 0
        let minutes = Int(time.suffix(2)) ?? 0
        return Signature(name: name, email: email, date: date, timeZoneOffsetMinutes: sign * (hours * 60 + minutes))
    }
}
