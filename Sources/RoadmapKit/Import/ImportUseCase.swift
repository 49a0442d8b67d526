import Foundation
import GitKit

/// The formats `roadmap import` reads.
public enum ImportSource: String, Sendable, CaseIterable {
    case csv, jira, github
}

/// What `roadmap import` did: the plan, and (unless a dry run or nothing changed) the commit.
public struct ImportOutcome: Sendable {
    public var plan: ImportPlan
    public var commit: ObjectID?
    /// The branch the commit is on (the current branch, or the proposal's).
    public var branch: String?
    public var proposal: String?
}

extension Workspace {
    /// `roadmap import`: reads an export, plans the items it makes or updates against the
    /// current branch (or, with `propose`, the base), checks every file it would write with
    /// review's structural rules, and records the result in one commit.
    ///
    /// Nothing is written on any error. Without `propose`, the commit is built from HEAD's tree
    /// plus the import's files (the index's other staged changes are neither committed nor
    /// lost); the files are then written to the working tree and the index, and the branch
    /// moves last, only if it still points where it did. A file the import would write that
    /// has uncommitted changes refuses the import. With `propose`, the commit goes on a new
    /// proposal branch from the base and the working tree, index and current branch are
    /// untouched.
    public func importItems(file: String, from source: ImportSource, map mapFile: String?, propose: String?,
                            dryRun: Bool, today: RoadmapDate) throws -> ImportOutcome {
        let repository = self.repository
        let exportBytes = try readUserFile(file, what: "the export")
        var map: ImportMap
        switch source {
        case .csv: map = ImportMap()
        case .jira: map = .jira
        case .github: map = .github
        }
        if let mapFile {
            let user = try Self.loadMap(try readUserFile(mapFile, what: "the map"), path: mapFile)
            map = source == .csv ? user : map.overlaid(by: user)
        } else if source == .csv {
            throw RoadmapError("a CSV import needs a map: write one with 'roadmap import --init-map \(file) > map.yaml', edit it, and pass --map map.yaml")
        }
        let table = try Self.readTable(exportBytes, path: file, source: source, delimiter: map.delimiter)
        if source == .github { map.columns.insert(ImportMap.Column(name: GitHubProjectReader.keyColumn, field: .key, location: nil, optional: false), at: 0) }
        var builder = RecordBuilder(map: map, table: table)
        let records = try builder.build()

        // The state the import applies to.
        let target: ObjectID?
        if let propose {
            try checkProposalName(propose)
            if try git("reading \(proposalReference(propose))", { try repository.referenceTarget(proposalReference(propose)) }) != nil {
                throw RoadmapError("a proposal '\(propose)' is already open (branch \(config.proposalPrefix)\(propose)); choose another name or withdraw it")
            }
            target = try baseTip()
        } else {
            _ = try workingDirectory(for: "import")
            target = try headCommit()
        }
        let files = try target.map { try itemFiles(.commit($0)) } ?? []
        let parsed = ItemParsing.parseAll(files)
        var templates: [Kind: String] = [:]
        var prototypes: [Kind: ItemComposer.Prototype] = [:]
        for kind in Kind.allCases {
            templates[kind] = try repositoryTemplate(kind)
            prototypes[kind] = ItemComposer.prototype(templates[kind] ?? ItemFactory.builtinTemplate(kind))
        }
        let planner = ImportPlanner(root: root, existing: parsed, existingBytes: Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a }),
                                    templates: templates, prototypes: prototypes, records: records, releaseDates: table.releaseDates,
                                    releasesAreVersions: source != .github)
        let plan = try planner.plan()
        try checkStructure(plan: plan, before: parsed, today: today)
        guard !dryRun, !plan.writes.isEmpty else {
            return ImportOutcome(plan: plan, commit: nil, branch: nil, proposal: nil)
        }
        let message = Self.importMessage(plan: plan, file: file, source: source)
        if let propose {
            return try commitProposal(plan: plan, name: propose, message: message, file: file)
        }
        return try commitOnBranch(plan: plan, head: target, message: message)
    }

    static func loadMap(_ bytes: [UInt8], path: String) throws(ImportFailure) -> ImportMap {
        do {
            return try ImportMap.load(bytes, path: path)
        } catch {
            throw ImportFailure(problems: [error])
        }
    }

    static func readTable(_ bytes: [UInt8], path: String, source: ImportSource, delimiter: Character?) throws(ImportFailure) -> SourceTable {
        do {
            if source == .github { return try GitHubProjectReader.read(bytes, path: path) }
            return SourceTable(csv: try CSVReader.read(bytes, path: path, delimiter: delimiter), path: path)
        } catch {
            throw ImportFailure(problems: [error])
        }
    }

    /// A file named on the command line (relative to -C DIR or the current folder).
    func readUserFile(_ path: String, what: String) throws -> [UInt8] {
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw RoadmapError("cannot read \(what) '\(path)': no such file, or it is not readable")
        }
        return [UInt8](data)
    }

    /// Refuses a plan whose files would have errors of their own (review's structural rules),
    /// naming each; errors the roadmap already had are not the import's.
    func checkStructure(plan: ImportPlan, before: [ParsedFile], today: RoadmapDate) throws {
        guard !plan.writes.isEmpty else { return }
        let written = Set(plan.writes.map(\.path))
        var after = before.filter { !written.contains($0.path) }
        after += plan.writes.map { ItemParsing.parse(SourceFile(path: $0.path, bytes: $0.bytes)) }
        // Only the structural rules run: the others cannot refuse an import, and over a
        // 10,000-item roadmap they cost more than the rest of the import.
        let rules = RuleCatalog.all.filter { Self.editGuardRules.contains($0.id) }
        func errors(_ files: [ParsedFile]) -> [Finding] {
            RuleEngine.findings(head: Snapshot(files: files, config: config), config: config, today: today, rules: rules)
                .filter { written.contains($0.path) && $0.severity == .error }
        }
        var found = errors(after)
        guard !found.isEmpty else { return }
        let old = Set(errors(before).map(\.identity))
        found.removeAll { old.contains($0.identity) }
        guard !found.isEmpty else { return }
        throw ImportFailure(problems: found.map {
            ImportInputError(path: $0.path, location: SourceLocation(line: $0.line, column: $0.column), "\($0.message) [\($0.rule)]")
        })
    }

    static func importMessage(plan: ImportPlan, file: String, source: ImportSource) -> String {
        let name = URL(fileURLWithPath: file).lastPathComponent
        var message = "Import \(name) (\(source.rawValue)): \(plan.count(.added)) added, \(plan.count(.changed)) changed\n\n"
        for entry in plan.entries where entry.change != .unchanged {
            message += "\(entry.change.rawValue) \(entry.id) (\(entry.key))"
            if entry.change == .changed { message += ": " + entry.fields.map(\.field).joined(separator: ", ") }
            message += "\n"
        }
        if !plan.vanished.isEmpty {
            message += "\nNo longer in the source (kept): " + plan.vanished.map(\.id).joined(separator: ", ") + "\n"
        }
        return message
    }

    /// The import's tree on top of `base` (nil: the empty tree).
    func importTree(plan: ImportPlan, base: ObjectID?) throws -> ObjectID {
        let repository = self.repository
        // One pack for thousands of blobs, not a loose object each (writeBlobs).
        let blobs = try git("storing the imported files") { try repository.writeBlobs(plan.writes.map(\.bytes)) }
        let updates = zip(plan.writes, blobs).map { TreeUpdate.upsert(path: $0.path, blob: $1, mode: .blob) }
        let baseTree = try base.map { id in try git("reading commit \(id.short)") { try repository.commit(id).treeID } }
        return try git("building the import's tree") { try repository.buildTree(base: baseTree, updates: updates) }
    }

    func commitProposal(plan: ImportPlan, name: String, message: String, file: String) throws -> ImportOutcome {
        let repository = self.repository
        let started = try self.propose(name: name, why: "Import \(URL(fileURLWithPath: file).lastPathComponent)", from: nil, switchTo: false)
        let reference = proposalReference(name)
        do {
            let tree = try importTree(plan: plan, base: started.commit)
            let id = try git("committing the import") { try repository.createCommit(tree: tree, parents: [started.commit], message: message, updating: nil) }
            try git("moving \(started.branch)") {
                try repository.setReference(reference, to: id, expected: started.commit, message: "roadmap import")
            }
            return ImportOutcome(plan: plan, commit: id, branch: started.branch, proposal: name)
        } catch {
            try? repository.deleteReference(reference, expected: started.commit)
            throw error
        }
    }

    func commitOnBranch(plan: ImportPlan, head: ObjectID?, message: String) throws -> ImportOutcome {
        let repository = self.repository
        if repository.isIndexLocked {
            throw RoadmapError("cannot import: the index is locked (index.lock exists): another git process is running, or one crashed; remove .git/index.lock if none is")
        }
        let branch = try git("reading HEAD") { try repository.currentBranch() }
        // Every file the import writes must be as HEAD has it, on disk and in the index: the
        // import overwrites it, and a change of the user's would be lost.
        let index = Dictionary(try git("reading the index") { try repository.indexEntries(under: root) }.map { ($0.path, $0) },
                               uniquingKeysWith: { a, _ in a })
        // HEAD's files under the root, listed once (a lookup per written file re-read the
        // commit and its trees each time).
        let committedFiles = try head.map { id in
            Dictionary(try git("reading commit \(id.short)") { try repository.treeEntries(ofCommit: id, under: root) }.map { ($0.path, $0) },
                       uniquingKeysWith: { a, _ in a })
        } ?? [:]
        var dirty: [String] = []
        var previous: [String: [UInt8]?] = [:]
        for write in plan.writes {
            let committed = committedFiles[write.path]
            let onDisk = try git("reading \(write.path)") { try repository.workdirFileData(write.path) }
            previous.updateValue(onDisk, forKey: write.path)  // nil (absent) is kept: rolled back by removing
            let committedBytes = try committed.map { entry in try git("reading \(write.path)") { try repository.blobData(entry.id) } }
            if onDisk != committedBytes || index[write.path]?.id != committed?.id || (index[write.path]?.stage ?? 0) != 0 {
                dirty.append(write.path)
            }
        }
        if !dirty.isEmpty {
            throw RoadmapError("cannot import: \(dirty.prefix(3).joined(separator: ", "))\(dirty.count > 3 ? " and \(dirty.count - 3) more" : "") \(dirty.count == 1 ? "has" : "have") uncommitted changes (or is untracked) and the import writes \(dirty.count == 1 ? "it" : "them"); commit or stash them first. Nothing was written")
        }
        let tree = try importTree(plan: plan, base: head)
        let id = try git("committing the import") { try repository.createCommit(tree: tree, parents: head.map { [$0] } ?? [], message: message, updating: nil) }
        let paths = plan.writes.map(\.path)
        let reference = branch.map { $0.hasPrefix("refs/") ? $0 : "refs/heads/" + $0 } ?? "HEAD"
        do {
            // The working tree and the index first, the branch last: killed in between, the
            // import is left staged (commit it with roadmap commit), never a branch ahead of a
            // working tree that would show the import reverted.
            try git("writing the imported files") { try repository.writeWorkdirFiles(plan.writes.map { ($0.path, $0.bytes) }) }
            try git("updating the index") { try repository.updateIndex(toTree: tree, paths: paths) }
            let subject = message.split(separator: "\n").first.map(String.init) ?? message
            try repository.setReference(reference, to: id, expected: head, message: "import: \(subject)")
        } catch {
            rollBack(previous: previous, head: head)
            if let error = error as? GitError {
                if error.isRefMoved || error.isExists {
                    throw RoadmapError("cannot import: \(branch ?? "HEAD") was moved by someone else meanwhile; nothing was committed, run the command again")
                }
                throw RoadmapError("importing on \(branch ?? "HEAD"): \(error.message); nothing was committed")
            }
            throw error
        }
        return ImportOutcome(plan: plan, commit: id, branch: branch, proposal: nil)
    }

    /// Puts the files and their index entries back as they were before a failed import.
    func rollBack(previous: [String: [UInt8]?], head: ObjectID?) {
        let repository = self.repository
        for (path, bytes) in previous {
            if let bytes {
                try? repository.writeWorkdirFile(path, bytes: bytes)
            } else if let workdir = repository.workingDirectory {
                try? FileManager.default.removeItem(atPath: workdir + "/" + path)
            }
        }
        let tree = try? head.map { try repository.commit($0).treeID } ?? repository.emptyTreeID()
        if let tree { try? repository.updateIndex(toTree: tree, paths: Array(previous.keys)) }
    }
}
