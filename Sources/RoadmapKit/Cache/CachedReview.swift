import Foundation
import GitKit

/// One item file of a state, named without being read: its blob id when git knows it (nil for
/// a working-tree file that differs from the index, which is read from disk).
struct StateFile: Sendable {
    let path: String
    let blob: ObjectID?
    let mode: FileMode
    /// The item id (`ItemID.fromPath`), computed once.
    let id: String
    var isSymlink: Bool { mode == .symlink }

    init(path: String, blob: ObjectID?, mode: FileMode, id: String? = nil) {
        self.path = path
        self.blob = blob
        self.mode = mode
        self.id = id ?? ItemID.fromPath(path)
    }
}

extension Workspace {
    /// The review of `head` against the commit `base`, equal to what `Reviewer.review` computes
    /// over the two full snapshots, with the work cut down to what changed:
    ///
    /// - the base tree's findings and item references come from `ReviewCache` (by tree id);
    ///   on a miss they are derived the same way from the first parent's tree when that is
    ///   cached, else computed from every file, and stored;
    /// - the head's findings are the base's for every item the change cannot affect (see
    ///   `ItemGraph`), and the rules' for the others, run over a snapshot of just the files
    ///   those findings read; files are read and parsed only for that snapshot;
    /// - the diff-aware rules see a base snapshot of the ids whose files changed, which is
    ///   exact for `release-moved`, the one rule that reads `context.base` (it compares a
    ///   release's date per id, and finds nothing for an id whose files are identical on both
    ///   sides). A new diff-aware rule must be added to `diffAwareRules` and checked against
    ///   this; `ReviewCacheTests` compares both paths on real and generated repositories.
    ///
    /// With `storeHead`, a committed head state (a commit, or the tree `roadmap commit` records)
    /// leaves its own entry, so that the next review against it starts warm.
    ///
    /// Without `listing`, the result may leave out the existing findings of items the change
    /// cannot affect and only count them (`ReviewResult.unlisted`): what a hook prints.
    func cachedReview(base: ObjectID?, head: TreeState, today: RoadmapDate, storeHead: Bool = true,
                      listing: Bool = true) throws -> ReviewResult {
        if head == .index, let base, let result = try stagedReview(base: base, today: today, listing: listing) { return result }
        let headFiles = try stateFiles(head)
        guard let base else {
            let snapshot = Snapshot(files: ItemParsing.parseAll(try read(headFiles, at: head)), config: config)
            return Reviewer.review(base: nil, head: snapshot, config: config, today: today)
        }
        let prepared = try reviewBase(base, today: today, headFiles: headFiles, head: head)
        return try cachedReview(against: prepared, headFiles: headFiles, head: head, today: today, storeHead: storeHead)
    }

    /// A base commit of `cachedReview`: its tree's entry (from the review cache, else computed
    /// and stored), prepared so that several heads can be reviewed against it.
    struct ReviewBase {
        let commit: ObjectID
        let tree: ObjectID
        let prepared: DerivationBase
        var entry: ReviewCache.Entry { prepared.entry }
    }

    /// The review base of `commit`; `headFiles` at `head` are read instead of the base's files
    /// on a miss when they are the same files.
    func reviewBase(_ commit: ObjectID, today: RoadmapDate, headFiles: [StateFile], head: TreeState) throws -> ReviewBase {
        let repository = self.repository
        let info = try git("reading commit \(commit.short)") { try repository.commit(commit) }
        let entry = try treeEntry(info, today: today, headFiles: headFiles, head: head)
        return ReviewBase(commit: commit, tree: info.treeID, prepared: DerivationBase(entry))
    }

    /// `cachedReview` of the files `headFiles` of `head` against a prepared base; `change`,
    /// when the caller knows it, is how `headFiles` differ from `base.entry.files`.
    func cachedReview(against base: ReviewBase, headFiles: [StateFile], head: TreeState, today: RoadmapDate,
                      storeHead: Bool, change knownChange: FileChange? = nil) throws -> ReviewResult {
        let repository = self.repository
        let baseEntry = base.entry
        let baseFiles = baseEntry.files
        let cache = ReviewCache(repository: repository)
        if let derived = try derive(from: base.prepared, at: .tree(base.tree), to: headFiles, at: head, today: today,
                                    withBase: true, change: knownChange) {
            if storeHead, let tree = head.treeID(repository) {
                let key = ReviewCache.key(tree: tree, config: config, today: today)
                if cache.entry(tree: tree, key: key) == nil { cache.store(derived.entry, tree: tree, key: key) }
            }
            return Reviewer.compare(base: baseEntry.findings, head: derived.headFindings, items: headFiles.count)
        }
        // A change the derivation does not handle (dangling references, whose hints read every
        // id): the head in full, against the base files of the ids that changed.
        let headSnapshot = Snapshot(files: ItemParsing.parseAll(try read(headFiles, at: head)), config: config)
        let changed = knownChange?.changed ?? Self.changedIDs(baseFiles, headFiles)
        let baseForRules = Snapshot(files: ItemParsing.parseAll(try read(baseFiles.filter { changed.contains($0.id) },
                                                                         at: .tree(base.tree))), config: config)
        let headFindings = RuleEngine.findings(head: headSnapshot, base: baseForRules, config: config, today: today)
        return Reviewer.compare(base: baseEntry.findings, head: headFindings, items: headSnapshot.count)
    }

    /// The rules that read `context.base`: without a base they find nothing.
    static let diffAwareRules: Set<String> = [ReleaseMovedRule().id]

    /// The cached entry of a commit's tree, computed and stored on a miss: derived from the
    /// first parent's entry when cached, else from every file (read from the head state when it
    /// holds exactly the same files, which for a clean working tree avoids the object store).
    private func treeEntry(_ commit: CommitInfo, today: RoadmapDate, headFiles: [StateFile], head: TreeState) throws -> ReviewCache.Entry {
        let repository = self.repository
        let cache = ReviewCache(repository: repository)
        let tree = commit.treeID
        let key = ReviewCache.key(tree: tree, config: config, today: today)
        if let cached = cache.entry(tree: tree, key: key) { return cached }
        let files = try stateFiles(.tree(tree))
        // The parent is only a shortcut: at a shallow clone's boundary it was never fetched
        // (libgit2 1.5 does not read .git/shallow), and the entry is then computed in full.
        if let parent = commit.parents.first, let parentTree = try? repository.commit(parent).treeID {
            if let parentEntry = cache.entry(tree: parentTree, key: ReviewCache.key(tree: parentTree, config: config, today: today)),
               let derived = try derive(from: parentEntry, at: .tree(parentTree), to: files, at: .tree(tree), today: today, withBase: false) {
                cache.store(derived.entry, tree: tree, key: key)
                return derived.entry
            }
        }
        let identical = Self.changedIDs(files, headFiles).isEmpty
        let snapshot = Snapshot(files: identical ? try readAndParse(headFiles, at: head) : try readAndParse(files, at: .tree(tree)),
                                config: config)
        let entry = ReviewCache.Entry(findings: RuleEngine.findings(head: snapshot, base: nil, config: config, today: today),
                                      graph: GraphEntry.entries(of: snapshot), files: files)
        // Stored only when every file was read (a working-tree file can vanish meanwhile).
        if entry.graph.map(\.path) == files.map(\.path) { cache.store(entry, tree: tree, key: key) }
        return entry
    }

    /// The entry of state `new` derived from the entry of state `old`, and (with `withBase`)
    /// the new state's findings against the old one, diff-aware rules included; nil when the
    /// change touches what the derivation cannot do exactly (dangling references) or the old
    /// entry is inconsistent.
    func derive(from old: ReviewCache.Entry, at oldState: TreeState,
                to newFiles: [StateFile], at newState: TreeState, today: RoadmapDate,
                withBase: Bool) throws -> (entry: ReviewCache.Entry, headFindings: [Finding])? {
        try derive(from: DerivationBase(old), at: oldState, to: newFiles, at: newState, today: today, withBase: withBase)
    }

    /// `derive` from a prepared entry, which several states can share; `changed`, when the
    /// caller knows it, must be `changedIDs(old.entry.files, newFiles)`.
    func derive(from prepared: DerivationBase, at oldState: TreeState,
                to newFiles: [StateFile], at newState: TreeState, today: RoadmapDate,
                withBase: Bool, change knownChange: FileChange? = nil) throws -> (entry: ReviewCache.Entry, headFindings: [Finding])? {
        let old = prepared.entry
        let oldFiles = old.files
        guard let oldGraph = prepared.graphByPath else { return nil }
        // A known change is used only over a graph that lines up with the files by index.
        let change = prepared.isAligned ? knownChange : nil

        let changed = change?.changed ?? Self.changedIDs(oldFiles, newFiles)
        if changed.isEmpty { return (old, old.findings) }

        // The new state's references: the old ones for unchanged files, parsed for the others.
        var parsed: [String: ParsedFile] = [:]
        let changedNew = change?.newFiles ?? newFiles.filter { changed.contains($0.id) }
        for file in ItemParsing.parseAll(try read(changedNew, at: newState)) { parsed[file.path] = file }
        let changedSnapshot = Snapshot(files: Array(parsed.values), config: config)
        var changedGraph: [String: GraphEntry] = [:]
        for g in GraphEntry.entries(of: changedSnapshot) { changedGraph[g.path] = g }
        var newGraph: [GraphEntry] = []
        newGraph.reserveCapacity(newFiles.count)
        let after: ItemGraph
        if let change {
            // The old graph without the changed ids' files, and their new entries, by path.
            var changedEntries: [GraphEntry] = []
            changedEntries.reserveCapacity(changedNew.count)
            for file in changedNew {
                guard let entry = changedGraph[file.path] else { return nil }  // vanished while read
                changedEntries.append(entry)
            }
            var removed = change.oldIndices[...], next = 0
            for (index, entry) in old.graph.enumerated() {
                if removed.first == index {
                    removed.removeFirst()
                    continue
                }
                while next < changedEntries.count && changedEntries[next].path < entry.path {
                    newGraph.append(changedEntries[next])
                    next += 1
                }
                newGraph.append(entry)
            }
            newGraph += changedEntries[next...]
            after = ItemGraph(prepared.itemGraph, removing: Set(change.oldIndices), adding: changedEntries)
        } else {
            for file in newFiles {
                guard let entry = changedGraph[file.path] ?? oldGraph[file.path] else { return nil }  // vanished while read
                newGraph.append(entry)
            }
            after = ItemGraph(newGraph)
        }

        let neededFiles = { (needed: Set<String>) -> [StateFile] in
            guard change != nil else { return newFiles.filter { needed.contains($0.id) } }
            // An unchanged id has the same files in both states.
            var files = changedNew.filter { needed.contains($0.id) }
            for id in needed where !changed.contains(id) { files += (prepared.indicesByID[id] ?? []).map { oldFiles[$0] } }
            files.sort { $0.path < $1.path }
            return files
        }
        guard let headFindings = try findingsAfter(change: changed, from: old.findings, before: prepared.itemGraph, after: after,
                                                   neededFiles: neededFiles,
                                                   oldFiles: { change?.oldFiles ?? oldFiles.filter { changed.contains($0.id) } },
                                                   parsed: parsed, at: oldState, newState, today: today, withBase: withBase)
        else { return nil }
        let findings = withBase ? headFindings.filter { !Self.diffAwareRules.contains($0.rule) } : headFindings
        return (ReviewCache.Entry(findings: findings, graph: newGraph, files: newFiles), headFindings)
    }

    /// The items whose findings a change of `changed` ids may change (`affected`), and the items
    /// those findings read (`needed`).
    static func closure(of changed: Set<String>, before: ItemGraph, after: ItemGraph) -> (affected: Set<String>, needed: Set<String>) {
        // A forward walk also passes through words of an item's text that merely could be ids
        // (`IDMentions`, for `visibility-leak`); one that names no item in either state is read
        // by no rule, and its referrers (every item using the same word) are no closure of the
        // change. Without this, a common word made the hook re-judge the whole roadmap.
        let affected = changed.union(before.forward(changed)).union(before.reverse(changed))
            .union(after.forward(changed)).union(after.reverse(changed))
            .filter { changed.contains($0) || before.hasItem($0) || after.hasItem($0) }
        return (affected, affected.union(after.forward(affected)).union(after.reverse(affected)))
    }

    /// The findings of a new state from those of an old one (`oldFindings`), given the
    /// reference graphs of both and the ids whose files differ: the rules run again over the
    /// items the change may affect, on a snapshot of just the files their findings read
    /// (`neededFiles` of those ids; `parsed` holds the ones already parsed). Nil when that
    /// cannot be exact (dangling references). With `withBase`, diff-aware rules compare with
    /// the old state's files of the changed ids (`oldFiles`).
    func findingsAfter(change changed: Set<String>, from oldFindings: [Finding], before: ItemGraph, after: ItemGraph,
                       neededFiles: (Set<String>) -> [StateFile], oldFiles: () -> [StateFile], parsed: [String: ParsedFile],
                       at oldState: TreeState, _ newState: TreeState, today: RoadmapDate, withBase: Bool) throws -> [Finding]? {
        let dangling = DanglingReferenceRule().id
        let hasDangling = oldFindings.contains { $0.rule == dangling }
        guard let (affected, local) = try rejudge(change: changed, before: before, after: after, hadDangling: hasDangling,
                                                  danglingAmong: { affected in
                                                      oldFindings.contains { $0.rule == dangling && affected.contains($0.item) }
                                                  },
                                                  neededFiles: neededFiles, oldFiles: oldFiles, parsed: parsed,
                                                  at: oldState, newState, today: today, withBase: withBase) else { return nil }
        let kept = oldFindings.filter { !affected.contains($0.item) }
        var headFindings = kept + local
        headFindings.sort(by: Finding.reportOrder)
        return headFindings
    }

    /// The rules' findings again for the items a change may affect (`affected`), read from a
    /// snapshot of just the files those findings read; the findings of every other item are
    /// the old state's. Nil when that cannot be exact: the old state had dangling references
    /// (`hadDangling`) and one of them is an affected item's (`danglingAmong`) or an id changes
    /// kind, or the new findings have one (their suggestions read every id by kind).
    func rejudge(change changed: Set<String>, before: ItemGraph, after: ItemGraph,
                 hadDangling: Bool, danglingAmong: (Set<String>) -> Bool,
                 neededFiles: (Set<String>) -> [StateFile], oldFiles: () -> [StateFile], parsed: [String: ParsedFile],
                 at oldState: TreeState, _ newState: TreeState, today: RoadmapDate,
                 withBase: Bool) throws -> (affected: Set<String>, findings: [Finding])? {
        let (affected, needed) = Self.closure(of: changed, before: before, after: after)

        let dangling = DanglingReferenceRule().id
        if hadDangling {
            // Their suggestions read every id by kind, and only the first 50 get one: exact
            // only while no id changes kind and no affected item has a dangling reference.
            if danglingAmong(affected) { return nil }
            for id in changed where before.kind(of: id) != after.kind(of: id) { return nil }
        }

        var parsed = parsed
        let files = neededFiles(needed)
        let toRead = files.filter { parsed[$0.path] == nil }
        for file in ItemParsing.parseAll(try read(toRead, at: newState)) { parsed[file.path] = file }
        let sub = Snapshot(files: files.compactMap { parsed[$0.path] }, config: config)
        var baseForRules: Snapshot?
        if withBase {
            baseForRules = Snapshot(files: ItemParsing.parseAll(try read(oldFiles(), at: oldState)), config: config)
        }
        let local = RuleEngine.findings(head: sub, base: baseForRules, config: config, today: today)
            .filter { affected.contains($0.item) }
        if local.contains(where: { $0.rule == dangling }) { return nil }
        return (affected, local)
    }

    /// What `derive` builds from the old entry before looking at the new state: its graph by
    /// path (nil when the entry is inconsistent: a file without a graph entry) and its
    /// `ItemGraph` (built on first use: a state without changes never needs it). Built once,
    /// it serves every state derived from the same entry.
    final class DerivationBase {
        let entry: ReviewCache.Entry
        let graphByPath: [String: GraphEntry]?
        private(set) lazy var itemGraph = ItemGraph(entry.graph)
        /// Whether `entry.graph[i]` is the entry of `entry.files[i]` for every i (they are both
        /// sorted by path), which a `FileChange` relies on.
        private(set) lazy var isAligned = graphByPath != nil && zip(entry.graph, entry.files).allSatisfy { $0.path == $1.path }
        /// Indices into `entry.files` by item id.
        private(set) lazy var indicesByID: [String: [Int]] = {
            var out: [String: [Int]] = [:]
            out.reserveCapacity(entry.files.count)
            for (index, file) in entry.files.enumerated() { out[file.id, default: []].append(index) }
            return out
        }()

        init(_ entry: ReviewCache.Entry) {
            self.entry = entry
            var byPath: [String: GraphEntry] = [:]
            byPath.reserveCapacity(entry.graph.count)
            for g in entry.graph { byPath[g.path] = g }
            let consistent = entry.graph.count == entry.files.count && entry.files.allSatisfy { byPath[$0.path] != nil }
            graphByPath = consistent ? byPath : nil
        }
    }

    /// How a new state's files differ from an entry's, when the caller knows it without
    /// comparing every file (`proposalFiles`): exactly what `derive` would compute.
    struct FileChange {
        /// `changedIDs(entry.files, newFiles)`.
        let changed: Set<String>
        /// The new state's files whose id is in `changed`, in path order.
        let newFiles: [StateFile]
        /// The entry's files whose id is in `changed`, in path order, and their indices in it.
        let oldFiles: [StateFile]
        let oldIndices: [Int]
    }

    /// Ids with a file that differs between two states (by path, blob and mode); a file
    /// without a blob id (changed on disk) differs from every file.
    static func changedIDs(_ a: [StateFile], _ b: [StateFile]) -> Set<String> {
        var byPath: [String: StateFile] = [:]
        byPath.reserveCapacity(a.count)
        for file in a { byPath[file.path] = file }
        var changed = Set<String>()
        var seen = 0
        for file in b {
            if let other = byPath[file.path] {
                seen += 1
                if file.blob != nil && other.blob == file.blob && other.isSymlink == file.isSymlink { continue }
            }
            changed.insert(file.id)
        }
        if seen < a.count {
            var inB = Set<String>()
            inB.reserveCapacity(b.count)
            for file in b { inB.insert(file.path) }
            for file in a where !inB.contains(file.path) { changed.insert(file.id) }
        }
        return changed
    }

    // MARK: Listing and reading states

    /// The item files of a state, sorted by path, without reading them: the tree or the index
    /// gives blob ids; in the working tree, a file git status reports unchanged keeps its index
    /// blob, and only the others are looked at on disk.
    ///
    /// With `folder`, every file under that folder ("" = the whole repository), not only items.
    func stateFiles(_ state: TreeState, under folder: String? = nil) throws -> [StateFile] {
        let repository = self.repository
        let items = self.root
        let root = folder ?? items
        let keep: (String) -> Bool = folder == nil ? { Snapshot.isItemPath($0, root: items) } : { _ in true }
        switch state {
        case .head:
            guard let head = try headCommit() else { return [] }
            return try stateFiles(.commit(head), under: folder)
        case let .commit(commit):
            let entries = try git("listing \(root.isEmpty ? "the tree" : root) at \(commit.short)") {
                try repository.treeEntries(ofCommit: commit, under: root)
            }
            return entries.filter { $0.mode.isBlob && keep($0.path) }
                .map { StateFile(path: $0.path, blob: $0.id, mode: $0.mode) }
                .sorted { $0.path < $1.path }  // git's tree order puts "a-b" after "a/": not Snapshot's
        case let .tree(tree):
            let entries = try git("listing \(root.isEmpty ? "the tree" : root) of tree \(tree.short)") {
                try repository.treeEntries(ofTree: tree, under: root)
            }
            return entries.filter { $0.mode.isBlob && keep($0.path) }
                .map { StateFile(path: $0.path, blob: $0.id, mode: $0.mode) }
                .sorted { $0.path < $1.path }
        case .index:
            let entries = try git("reading the index") { try repository.indexEntries(under: root) }
            return entries.filter { $0.stage == 0 && $0.mode.isBlob && keep($0.path) }
                .map { StateFile(path: $0.path, blob: $0.id, mode: $0.mode) }
                .sorted { $0.path < $1.path }
        case .worktree:
            _ = try workingDirectory(for: "review")
            let entries = try git("reading the index") { try repository.indexEntries(under: root) }
            let status = try git("reading the working tree status") { try repository.status(under: root, includeUntracked: true) }
            var unchanged: [String: IndexEntryInfo] = [:]
            unchanged.reserveCapacity(entries.count)
            var paths = Set<String>()
            for entry in entries where entry.mode.isBlob && keep(entry.path) {
                paths.insert(entry.path)
                if entry.stage == 0 { unchanged[entry.path] = entry }
            }
            for entry in status where keep(entry.path) {
                // A sparse checkout leaves these files out on purpose; git reads the index's
                // version for them (libgit2 1.5 reports them deleted).
                if unchanged[entry.path]?.skipWorktree == true { continue }
                if entry.untracked { paths.insert(entry.path) }
                if entry.unstaged != nil || entry.untracked || entry.conflicted { unchanged[entry.path] = nil }
            }
            var result: [StateFile] = []
            result.reserveCapacity(paths.count)
            for path in paths.sorted() {
                if let entry = unchanged[path] {
                    result.append(StateFile(path: path, blob: entry.id, mode: entry.mode))
                    continue
                }
                let mode = try git("reading \(path)") { try repository.workdirFileMode(path) }
                guard let mode, mode.isBlob else { continue }  // deleted, or now a folder
                result.append(StateFile(path: path, blob: nil, mode: mode))
            }
            return result
        }
    }

    /// `ItemParsing.parseAll(read(files, at: state))`, with the reading spread over the cores
    /// too when it is from disk (the object store is read from one thread).
    func readAndParse(_ files: [StateFile], at state: TreeState) throws -> [ParsedFile] {
        let workers = ProcessInfo.processInfo.activeProcessorCount
        guard state == .worktree, files.count >= 512, workers > 1 else { return ItemParsing.parseAll(try read(files, at: state)) }
        let chunks = workers * 4
        let size = (files.count + chunks - 1) / chunks
        let results = ResultSlots<Result<[ParsedFile], any Error>>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = min(chunk * size, files.count) ..< min((chunk + 1) * size, files.count)
            results.set(chunk, Result { try read(Array(files[range]), at: state).map(ItemParsing.parse) })
        }
        var out: [ParsedFile] = []
        out.reserveCapacity(files.count)
        for result in results.values { if let result { out += try result.get() } }
        return out
    }

    /// The contents of files of a state: from the object store by blob id, else from disk.
    func read(_ files: [StateFile], at state: TreeState) throws -> [SourceFile] {
        let repository = self.repository
        let at: String
        switch state {
        case .index: at = "the index"
        case .worktree: at = "the working tree"
        case .head: at = "HEAD"
        case let .commit(id): at = id.short
        case let .tree(id): at = "tree \(id.short)"
        }
        var result: [SourceFile] = []
        result.reserveCapacity(files.count)
        for file in files {
            // The working tree is read from disk, as `git status` judged it (cheaper than
            // inflating blobs, and what the user sees).
            if let blob = file.blob, state != .worktree {
                result.append(try blobFile(path: file.path, id: blob, mode: file.mode, at: at))
                continue
            }
            if !file.isSymlink, let size = Self.fileSize(workdir: repository.workingDirectory, file.path), size > yamlMaximumFileSize {
                result.append(SourceFile(path: file.path, bytes: [], oversize: size))
                continue
            }
            guard let bytes = try git("reading \(file.path)", { try repository.workdirFileData(file.path) }) else {
                // Not on disk though status found it unchanged: outside a sparse checkout
                // (skip-worktree), where git takes the index's version.
                if let blob = file.blob { result.append(try blobFile(path: file.path, id: blob, mode: file.mode, at: "the index")) }
                continue
            }
            result.append(SourceFile(path: file.path, bytes: bytes, isSymlink: file.isSymlink))
        }
        return result
    }
}

extension TreeState {
    /// The tree a committed state records, nil for the index and the working tree.
    func treeID(_ repository: Repository) -> ObjectID? {
        switch self {
        case let .tree(id): return id
        case let .commit(id): return try? repository.commit(id).treeID
        case .head: return (try? repository.headCommitID()).flatMap { $0 }.flatMap { try? repository.commit($0).treeID }
        case .index, .worktree: return nil
        }
    }
}

extension ItemParsing {
    /// Parses files on every core when there are enough of them to pay for the threads;
    /// the result is in the order of `files`, as a serial `map(parse)` gives.
    static func parseAll(_ files: [SourceFile]) -> [ParsedFile] {
        let workers = ProcessInfo.processInfo.activeProcessorCount
        guard files.count >= 512, workers > 1 else { return files.map(parse) }
        let chunks = workers * 4
        let size = (files.count + chunks - 1) / chunks
        let results = ResultSlots<[ParsedFile]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = min(chunk * size, files.count) ..< min((chunk + 1) * size, files.count)
            results.set(chunk, files[range].map(parse))
        }
        return results.values.flatMap { $0 ?? [] }
    }
}

/// One slot per concurrent task, each written once by its own task.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }
    var values: [T?] { lock.withLock { slots } }
}
