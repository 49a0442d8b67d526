import Foundation
import GitKit

/// How a commit changed a path, against the commit's first parent.
public enum PathChangeKind: String, Sendable, Hashable {
    case added, modified
    /// Same file name, another folder.
    case moved
    /// Another file name.
    case renamed
    case deleted
    /// The commit at a shallow clone's boundary holding the path: git lists it as adding the
    /// path, but the path may be much older; what this commit changed is unknown.
    case boundary
}

/// One commit of a path's history.
public struct PathChange: Sendable, Hashable {
    public var commit: ObjectID
    /// The path in that commit (for a deletion: the path that was deleted).
    public var path: String
    /// For a move or rename: the path in the first parent.
    public var previousPath: String?
    public var kind: PathChangeKind

    public init(commit: ObjectID, path: String, previousPath: String? = nil, kind: PathChangeKind) {
        self.commit = commit
        self.path = path
        self.previousPath = previousPath
        self.kind = kind
    }
}

/// The commits of a path's history, newest first.
public struct PathHistoryResult: Sendable, Hashable {
    public var changes: [PathChange]
    /// The walk reached the boundary of a shallow clone while the path still existed: older
    /// history is missing from this repository.
    public var truncated: Bool

    public var commits: [ObjectID] { changes.map(\.commit) }
}

/// The commits in which a path changed, exactly as `git log --format=%H -- PATH` lists
/// them, or with `follow`, as `git log --follow --format=%H -- PATH` does.
///
/// Without `follow` this is git's default history simplification: commits are taken in
/// committer-date order (ties in the order they were reached); a commit with one parent is
/// listed when the path's entry (id and mode; for a folder, anything under it) differs from
/// the parent's; a root commit when it has the path; at a merge, the first parent whose
/// entry is the same is the only one followed and the merge is not listed, and a merge
/// that differs from every parent is listed and all its parents followed. Commits at the
/// boundary of a shallow clone count as roots, as git treats them.
///
/// With `follow`, like git, nothing is simplified: every commit is walked, merges are never
/// listed, a commit with one parent is listed when the path differs from its parent, and
/// when a commit adds the path, its source is looked for (rename detection at ≥ 50 %
/// similarity, or else a deleted file with the same name in another folder — a move is
/// always followed) and the walk goes on with the old path, for every commit after it in
/// the walk (git's single followed path).
public final class PathHistory {
    public let repository: Repository
    public let cache: HistoryCache

    public init(cache: HistoryCache) {
        self.repository = cache.repository
        self.cache = cache
    }

    /// With the repository's persistent cache.
    public convenience init(repository: Repository) throws {
        try self.init(cache: HistoryCache(repository: repository))
    }

    /// Whether `log` saves what the cache learned each time (a cache that cannot be
    /// written is not an error); off for a command that logs many paths and saves once.
    public var savesAfterEachLog = true

    /// Whether the last `log` was answered by the complete changed-path index: the index
    /// falling out of use changes no answer, only the time, so the tests read this.
    public private(set) var lastLogReadTheIndex = false

    /// Whether the last `log` walked the commit-graph's positions (with the index or with
    /// git's changed-path filters) rather than commit records: for the tests, likewise.
    public private(set) var lastLogWalkedGraphPositions = false

    /// How many of the last `log`'s comparisons a second thread read (`PathEntryPrefetcher`).
    public private(set) var lastLogComparisonsReadAhead = 0

    /// The path's history from `tip` (default HEAD), newest first.
    public func log(path: String, from tip: ObjectID? = nil, follow: Bool = false) throws -> PathHistoryResult {
        guard let start = try tip ?? repository.headCommitID() else {
            return PathHistoryResult(changes: [], truncated: false)
        }
        let path = Self.normalized(path)
        lastLogComparisonsReadAhead = 0
        let byPosition = follow ? nil : try positionWalk(path: path, from: start)
        lastLogReadTheIndex = byPosition?.readTheIndex == true
        lastLogWalkedGraphPositions = byPosition != nil
        if byPosition == nil { cache.reader.limitDeltaBaseCache(to: HistoryReader.defaultDeltaBaseBudget) }
        let result = try byPosition?.result ?? (follow ? followWalk(path: path, from: start) : simplifiedWalk(path: path, from: start))
        if savesAfterEachLog { try? cache.save() }
        return result
    }

    /// A path's history as SPEC §11 has it: the commits `git log -- PATH` lists (history
    /// simplified at merges) — unless the path came to be by a move or a rename, and then
    /// those of `git log --follow -- PATH`. The simplified walk answers first (it is also
    /// the cheaper one: it leaves out side branches that did not change the path); only when
    /// one of the commits it lists as adding the path has a source does the following walk run.
    public func itemLog(path: String, from tip: ObjectID? = nil) throws -> PathHistoryResult {
        let saves = savesAfterEachLog
        savesAfterEachLog = false
        defer { savesAfterEachLog = saves }
        let simplified = try log(path: path, from: tip)
        var result = simplified
        for change in simplified.changes where change.kind == .added && !cache.isShallowBoundary(change.commit) {
            let record = try cache.record(change.commit)
            guard let parent = record.parents.first else { continue }
            if try source(of: change.path, in: record, parent: parent) != nil {
                result = try log(path: path, from: tip, follow: true)
                break
            }
        }
        if saves { try? cache.save() }
        return result
    }

    static func normalized(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.hasPrefix("/") { path.removeFirst() }
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    // MARK: Walks

    /// Whether walks summarize the commits they meet (what each changed against its first
    /// parent, from the tree reads the walk does anyway) into the cache, so later queries
    /// are walks over memory. Off, a walk answers only by comparing the path's entries, as
    /// git does.
    public var indexesWhileWalking = true

    /// Called now and then during a walk with the number of commits met so far.
    public var progress: ((Int) -> Void)?

    /// The path a walk follows, with what answering for it needs.
    private struct Target {
        var path: String
        var keys: [UInt64]
        var names: [String]
        /// The folders above the path: a summary looks into these.
        var folders: Set<String>
        /// For the commit-graph's changed-path filters.
        var query: ChangedPathQuery
        /// For the complete changed-path index.
        var indexKey: UInt64

        init(_ path: String) {
            self.path = path
            query = ChangedPathQuery(path: path)
            indexKey = ChangedPathIndex.key(path)
            keys = HistoryCache.pathKeys(path)
            let names = path.split(separator: "/").map(String.init)
            self.names = names
            folders = Set(names.indices.dropLast().map { names[...$0].joined(separator: "/") })
        }
    }

    private func entry(_ target: Target, in tree: ObjectID) throws -> TreeEntryInfo? {
        try cache.reader.entry(at: target.names, inTree: tree)
    }

    /// Does the path's entry (id and mode; for a folder, anything under it) differ between
    /// the commit and `parent`? Against the first parent the commit's summary answers,
    /// made now when it cannot tell yet; a "changed" is confirmed with the entries.
    private func differs(_ id: ObjectID, _ record: HistoryCache.Record, from parent: ObjectID,
                         target: Target) throws -> Bool {
        if parent == record.parents.first, let indexed = cache.indexedChange(id, key: target.indexKey) {
            // The complete index: "unchanged" is certain, "changed" is confirmed below.
            if !indexed { return false }
        } else if parent == record.parents.first {
            var answer = cache.changes(record, target.keys)
            // git's changed-path filter, where the summary cannot tell: a "no" is certain
            // and spares the tree comparison (and the summary: the walk reads no trees).
            if answer == nil, cache.mayHaveChanged(id, target.query) == false { return false }
            if answer == nil, indexesWhileWalking {
                answer = cache.changes(try cache.summarize(id, expanding: target.folders.contains), target.keys)
            }
            if answer == false { return false }
        }
        let parentTree = try cache.record(parent).treeID
        if parentTree == record.treeID { return false }
        return try entry(target, in: record.treeID) != entry(target, in: parentTree)
    }

    /// The walk both logs share: commits by committer time from `start`; a root commit (or
    /// one at a shallow boundary) that has the path is listed as adding it; any other is
    /// given to `step`, which lists what it finds and returns the parents to walk on.
    private func walk(from start: ObjectID, path: String,
                      step: (ObjectID, HistoryCache.Record, HistoryCache.Parents, inout Target, inout [PathChange]) throws -> HistoryCache.Parents)
        throws -> PathHistoryResult {
        var target = Target(path)
        let prefetching = cache.startPrefetching(from: start)
        defer { if prefetching { cache.stopPrefetching() } }
        var queue = NewestFirstQueue<ObjectID>()
        var seen: Set<ObjectID> = [start]
        var changes: [PathChange] = []
        var truncated = false
        var met = 0
        queue.push(start, time: try cache.record(start).commitTime)
        while let id = queue.pop() {
            met += 1
            if met % 1024 == 0 { progress?(met) }
            let record = try cache.record(id)
            let parents = cache.isShallowBoundary(id) ? [] : record.parents
            var next: HistoryCache.Parents = []
            if parents.isEmpty {
                if try entry(target, in: record.treeID) != nil {
                    let atBoundary = cache.isShallowBoundary(id)
                    changes.append(PathChange(commit: id, path: target.path, kind: atBoundary ? .boundary : .added))
                    if atBoundary { truncated = true }
                }
            } else {
                next = try step(id, record, parents, &target, &changes)
            }
            for parent in next where seen.insert(parent).inserted {
                queue.push(parent, time: try cache.record(parent).commitTime)
            }
        }
        return PathHistoryResult(changes: changes, truncated: truncated)
    }

    private func simplifiedWalk(path: String, from start: ObjectID) throws -> PathHistoryResult {
        try walk(from: start, path: path) { id, record, parents, target, changes in
            if parents.count == 1 {
                if try differs(id, record, from: parents[0], target: target) {
                    changes.append(try change(at: id, record, parent: parents[0], target: target))
                }
                return parents
            }
            for parent in parents where try !differs(id, record, from: parent, target: target) {
                return [parent]
            }
            changes.append(try change(at: id, record, parent: parents[0], target: target))
            return parents
        }
    }

    /// `simplifiedWalk` over the commit-graph's positions, when the tip is in the graph (then
    /// so is all its history): the same order, the same simplification at merges and the
    /// same confirmation of every change with the path's entries, but no record, id or
    /// hash-table entry is made for a commit the path did not change in. What tells it
    /// which commits cannot have changed the path (against their first parent) is the
    /// complete changed-path index when one covers the tip (`readTheIndex`), else git's own
    /// changed-path Bloom filters, read as git reads them (a commit without a filter is
    /// compared). Nil when it cannot answer (neither, a shallow clone, a tip newer than the
    /// graph, an entry of the graph that does not read): the general walk answers then.
    private func positionWalk(path: String, from start: ObjectID) throws -> (result: PathHistoryResult, readTheIndex: Bool)? {
        guard let graph = cache.reader.commitGraph, cache.shallow.isEmpty,
              let startPosition = graph.position(of: start),
              let startTime = graph.commitTime(atPosition: startPosition) else { return nil }
        let target = Target(path)
        let index = cache.pathIndex.flatMap { startPosition < $0.commitCount ? $0 : nil }
        guard index != nil || graph.hasChangedPathFilters else { return nil }
        // With the index, the walk reads only the trees of the commits that changed the path
        // (and their parents'): 4 MiB of delta bases, not the 16 a walk of "maybe"s wants,
        // measured 2 ms faster on the benchmark's warm release and story.
        cache.reader.limitDeltaBaseCache(to: index != nil ? 4 << 20 : HistoryReader.defaultDeltaBaseBudget)
        /// False when the path is certainly unchanged against the first parent.
        func mayHaveChanged(atPosition position: Int) -> Bool {
            if let index { return index.mayHaveChanged(key: target.indexKey, atPosition: position) != false }
            return graph.mayHaveChanged(target.query, atPosition: position) != false
        }
        var queue = NewestFirstQueue<Int>()
        var seen = [Bool](repeating: false, count: graph.count)
        var parents: [Int] = []
        parents.reserveCapacity(8)
        var changes: [PathChange] = []
        var met = 0
        queue.push(startPosition, time: startTime)
        seen[startPosition] = true
        // Without the index, the filters' "maybe"s are many and each costs two tree reads:
        // a second thread reads half of them (`PathEntryPrefetcher`).
        let prefetcher = index == nil && ProcessInfo.processInfo.activeProcessorCount > 1
            ? PathEntryPrefetcher(gitDirectory: repository.gitDirectory, graph: graph, start: startPosition,
                                  names: target.names, query: target.query)
            : nil
        defer { prefetcher?.stop() }
        /// The entries last compared against a first parent, for `change`.
        var compared: (position: Int, entries: PathEntryPrefetcher.Entries)?
        // Does the path differ between the commit and this parent? (`differs`, by position.)
        func differs(_ position: Int, from parent: Int, first: Bool) throws -> Bool? {
            if first, !mayHaveChanged(atPosition: position) { return false }
            guard let tree = graph.tree(atPosition: position), let parentTree = graph.tree(atPosition: parent) else { return nil }
            if tree == parentTree { return false }
            let readAhead = first ? prefetcher?.entries(at: position) : nil
            if readAhead != nil { lastLogComparisonsReadAhead += 1 }
            let entries = try readAhead
                ?? PathEntryPrefetcher.Entries(commit: entry(target, in: tree), parent: entry(target, in: parentTree))
            if first { compared = (position, entries) }
            return entries.commit != entries.parent
        }
        func change(_ position: Int, parent: Int) throws -> PathChange? {
            guard let id = graph.id(atPosition: position) else { return nil }
            if let compared, compared.position == position, parent == parents.first {
                return Self.change(at: id, new: compared.entries.commit, old: compared.entries.parent, target: target)
            }
            guard let tree = graph.tree(atPosition: position), let parentTree = graph.tree(atPosition: parent) else { return nil }
            return try self.change(at: id, tree: tree, parentTree: parentTree, target: target)
        }
        while let position = queue.pop() {
            met += 1
            if met % 1024 == 0 { progress?(met) }
            guard graph.parentPositions(atPosition: position, into: &parents) else { return nil }
            var followed: Int?
            if parents.isEmpty {
                guard let tree = graph.tree(atPosition: position), let id = graph.id(atPosition: position) else { return nil }
                if try entry(target, in: tree) != nil { changes.append(PathChange(commit: id, path: target.path, kind: .added)) }
            } else if parents.count == 1 {
                guard let changed = try differs(position, from: parents[0], first: true) else { return nil }
                if changed {
                    guard let found = try change(position, parent: parents[0]) else { return nil }
                    changes.append(found)
                }
            } else {
                for parent in parents {
                    guard let changed = try differs(position, from: parent, first: parent == parents[0]) else { return nil }
                    if !changed {
                        followed = parent
                        break
                    }
                }
                if followed == nil {
                    guard let found = try change(position, parent: parents[0]) else { return nil }
                    changes.append(found)
                }
            }
            for parent in parents where followed == nil || parent == followed {
                guard !seen[parent] else { continue }
                guard let time = graph.commitTime(atPosition: parent) else { return nil }
                seen[parent] = true
                queue.push(parent, time: time)
            }
        }
        return (PathHistoryResult(changes: changes, truncated: false), index != nil)
    }

    /// How the path changed in commit `id` against `parent` (known to differ).
    private func change(at id: ObjectID, _ record: HistoryCache.Record, parent: ObjectID,
                        target: Target) throws -> PathChange {
        try change(at: id, tree: record.treeID, parentTree: cache.record(parent).treeID, target: target)
    }

    private func change(at id: ObjectID, tree: ObjectID, parentTree: ObjectID, target: Target) throws -> PathChange {
        Self.change(at: id, new: try entry(target, in: tree), old: try entry(target, in: parentTree), target: target)
    }

    private static func change(at id: ObjectID, new: TreeEntryInfo?, old: TreeEntryInfo?, target: Target) -> PathChange {
        switch (old, new) {
        case (nil, _?): return PathChange(commit: id, path: target.path, kind: .added)
        case (_?, nil): return PathChange(commit: id, path: target.path, kind: .deleted)
        default: return PathChange(commit: id, path: target.path, kind: .modified)
        }
    }

    private func followWalk(path start: String, from tip: ObjectID) throws -> PathHistoryResult {
        try walk(from: tip, path: start) { id, record, parents, target, changes in
            guard parents.count == 1, let parent = parents.first,
                  try differs(id, record, from: parent, target: target) else { return parents }
            var change = try change(at: id, record, parent: parent, target: target)
            if change.kind == .added, let source = try source(of: target.path, in: record, parent: parent) {
                change.previousPath = source
                change.kind = Self.fileName(source) == Self.fileName(target.path) ? .moved : .renamed
                target = Target(source)
            }
            changes.append(change)
            return parents
        }
    }

    /// Where a file added by a commit came from: the deleted file git's rename detection
    /// pairs it with — an identical one first, else the most similar at ≥ 50 % by git's own
    /// score (`GitSimilarity`, not libgit2's, which pairs files git scores at 45–49 %) —
    /// else a file of the same name the commit deleted elsewhere (a move, however rewritten).
    private func source(of path: String, in record: HistoryCache.Record, parent: ObjectID) throws -> String? {
        let parentTree = try cache.record(parent).treeID
        let deltas = try repository.diff(oldTree: parentTree, newTree: record.treeID)
        guard let added = deltas.first(where: { $0.status == .added && $0.newPath == path }), let addedID = added.newID else {
            return nil
        }
        let deleted = deltas.filter { $0.status == .deleted && $0.oldPath != nil && $0.oldID != nil }
        let name = Self.fileName(path)
        // Exact renames first, preferring the same file name, as git does.
        let exact = deleted.filter { $0.oldID == addedID }
        if let same = exact.first(where: { $0.oldPath.map(Self.fileName) == name }) ?? exact.first { return same.oldPath }
        if Self.isRegularFile(added.newMode) {
            let bytes = try repository.blobData(addedID)
            var best: (score: Int, path: String)?
            for candidate in deleted where Self.isRegularFile(candidate.oldMode) {
                guard let id = candidate.oldID, let old = candidate.oldPath else { continue }
                let score = GitSimilarity.score(source: try repository.blobData(id), destination: bytes)
                let sameName = Self.fileName(old) == name
                if score >= GitSimilarity.defaultMinimumScore,
                   best.map({ score > $0.score || (score == $0.score && sameName && Self.fileName($0.path) != name) }) ?? true {
                    best = (score, old)
                }
            }
            if let best { return best.path }
        }
        return deleted.first(where: { $0.oldPath.map(Self.fileName) == name })?.oldPath
    }

    /// git scores only regular files (symlinks are renamed only when identical).
    private static func isRegularFile(_ mode: FileMode?) -> Bool { mode == .blob || mode == .executable }

    static func fileName(_ path: String) -> Substring {
        path.split(separator: "/").last ?? Substring(path)
    }
}
