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

    /// The path's history from `tip` (default HEAD), newest first. Saves what the cache
    /// learned (a cache that cannot be written is not an error).
    public func log(path: String, from tip: ObjectID? = nil, follow: Bool = false) throws -> PathHistoryResult {
        guard let start = try tip ?? repository.headCommitID() else {
            return PathHistoryResult(changes: [], truncated: false)
        }
        let path = Self.normalized(path)
        let result = follow ? try followWalk(path: path, from: start) : try simplifiedWalk(path: path, from: start)
        try? cache.save()
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

    /// Commits met by a walk that are not indexed yet are indexed afterwards when there are
    /// at most this many (new commits since the last query); more are left to
    /// `HistoryCache.index(reachableFrom:)`, so a first query costs what git's does.
    public var incrementalIndexLimit = 256

    private func parents(of id: ObjectID, _ record: HistoryCache.Record) -> [ObjectID] {
        cache.isShallowBoundary(id) ? [] : record.parents
    }

    private func indexIfFew(_ unindexed: [ObjectID]) throws {
        guard unindexed.count <= incrementalIndexLimit else { return }
        for id in unindexed { try cache.index(id) }
    }

    /// Does the path's entry differ between the commit and `parent`? The index (changes
    /// against the first parent) answers "no" for the first parent without reading trees.
    private func differs(_ record: HistoryCache.Record, from parent: ObjectID, hash: UInt64,
                         resolver: PathResolver) throws -> Bool {
        if parent == record.parents.first, record.contains(hash) == false { return false }
        let parentTree = try cache.record(parent).treeID
        if parentTree == record.treeID { return false }
        return try resolver.entry(in: record.treeID) != resolver.entry(in: parentTree)
    }

    private func simplifiedWalk(path: String, from start: ObjectID) throws -> PathHistoryResult {
        let hash = HistoryCache.pathHash(path)
        let resolver = PathResolver(repository, path: path)
        var queue = CommitQueue()
        var seen: Set<ObjectID> = [start]
        var changes: [PathChange] = []
        var unindexed: [ObjectID] = []
        var truncated = false
        queue.push(start, time: try cache.record(start).commitTime)

        while let id = queue.pop() {
            let record = try cache.record(id)
            if record.changed == nil { unindexed.append(id) }
            let parents = parents(of: id, record)
            var follow: [ObjectID] = parents
            if parents.isEmpty {
                if try resolver.entry(in: record.treeID) != nil {
                    changes.append(PathChange(commit: id, path: path, kind: .added))
                    if cache.isShallowBoundary(id) { truncated = true }
                }
            } else if parents.count == 1 {
                if try differs(record, from: parents[0], hash: hash, resolver: resolver) {
                    changes.append(try change(at: id, record, parent: parents[0], path: path, resolver: resolver))
                }
            } else {
                var sameParent: ObjectID?
                for parent in parents where try !differs(record, from: parent, hash: hash, resolver: resolver) {
                    sameParent = parent
                    break
                }
                if let sameParent {
                    follow = [sameParent]
                } else {
                    changes.append(try change(at: id, record, parent: parents[0], path: path, resolver: resolver))
                }
            }
            for parent in follow where seen.insert(parent).inserted {
                queue.push(parent, time: try cache.record(parent).commitTime)
            }
        }
        try indexIfFew(unindexed)
        return PathHistoryResult(changes: changes, truncated: truncated)
    }

    /// How the path changed in commit `id` against `parent` (known to differ).
    private func change(at id: ObjectID, _ record: HistoryCache.Record, parent: ObjectID, path: String,
                        resolver: PathResolver) throws -> PathChange {
        let new = try resolver.entry(in: record.treeID)
        let old = try resolver.entry(in: cache.record(parent).treeID)
        switch (old, new) {
        case (nil, _?): return PathChange(commit: id, path: path, kind: .added)
        case (_?, nil): return PathChange(commit: id, path: path, kind: .deleted)
        default: return PathChange(commit: id, path: path, kind: .modified)
        }
    }

    private func followWalk(path start: String, from tip: ObjectID) throws -> PathHistoryResult {
        var path = start
        var hash = HistoryCache.pathHash(path)
        var resolver = PathResolver(repository, path: path)
        var queue = CommitQueue()
        var seen: Set<ObjectID> = [tip]
        var changes: [PathChange] = []
        var unindexed: [ObjectID] = []
        var truncated = false
        queue.push(tip, time: try cache.record(tip).commitTime)

        while let id = queue.pop() {
            let record = try cache.record(id)
            if record.changed == nil { unindexed.append(id) }
            let parents = parents(of: id, record)
            for parent in parents where seen.insert(parent).inserted {
                queue.push(parent, time: try cache.record(parent).commitTime)
            }
            if parents.count > 1 { continue }
            guard let parent = parents.first else {
                if try resolver.entry(in: record.treeID) != nil {
                    changes.append(PathChange(commit: id, path: path, kind: .added))
                    if cache.isShallowBoundary(id) { truncated = true }
                }
                continue
            }
            guard try differs(record, from: parent, hash: hash, resolver: resolver) else { continue }
            var change = try change(at: id, record, parent: parent, path: path, resolver: resolver)
            if change.kind == .added, let source = try source(of: path, in: record, parent: parent) {
                change.previousPath = source
                change.kind = Self.fileName(source) == Self.fileName(path) ? .moved : .renamed
                path = source
                hash = HistoryCache.pathHash(path)
                resolver = PathResolver(repository, path: path)
            }
            changes.append(change)
        }
        try indexIfFew(unindexed)
        return PathHistoryResult(changes: changes, truncated: truncated)
    }

    /// Where a file added by a commit came from: the old path git's rename detection pairs
    /// it with (≥ 50 % similar), else a file of the same name the commit deleted elsewhere.
    private func source(of path: String, in record: HistoryCache.Record, parent: ObjectID) throws -> String? {
        let parentTree = try cache.record(parent).treeID
        let deltas = try repository.diff(oldTree: parentTree, newTree: record.treeID, detectRenames: true, renameThreshold: 50)
        if let rename = deltas.first(where: { $0.status == .renamed && $0.newPath == path }), let old = rename.oldPath {
            return old
        }
        let name = Self.fileName(path)
        return deltas.first(where: { $0.status == .deleted && $0.oldPath.map(Self.fileName) == name })?.oldPath
    }

    static func fileName(_ path: String) -> Substring {
        path.split(separator: "/").last ?? Substring(path)
    }
}

/// Commits by committer time, newest first; equal times in the order they were added —
/// git's `commit_list_insert_by_date` order for `git log` without `--topo-order`.
struct CommitQueue {
    private var heap: [(time: Int64, sequence: Int, id: ObjectID)] = []
    private var counter = 0

    var isEmpty: Bool { heap.isEmpty }

    private func before(_ a: Int, _ b: Int) -> Bool {
        heap[a].time != heap[b].time ? heap[a].time > heap[b].time : heap[a].sequence < heap[b].sequence
    }

    mutating func push(_ id: ObjectID, time: Int64) {
        heap.append((time, counter, id))
        counter += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> ObjectID? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0].id
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count && before(left, best) { best = left }
            if right < heap.count && before(right, best) { best = right }
            if best == parent { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return top
    }
}

/// Looks a path up in many trees, remembering each (tree, level) it read, so a walk reads
/// every distinct tree on the path once — as git's pathspec-limited tree comparison does.
final class PathResolver {
    private struct Key: Hashable {
        var level: Int
        var tree: ObjectID
    }

    let repository: Repository
    let components: [String]
    private var memo: [Key: TreeEntryInfo?] = [:]

    init(_ repository: Repository, path: String) {
        self.repository = repository
        self.components = path.split(separator: "/").map(String.init)
    }

    /// The entry at the path in `root` (id and mode); nil when absent.
    func entry(in root: ObjectID) throws -> TreeEntryInfo? {
        guard !components.isEmpty else { return TreeEntryInfo(path: "", id: root, mode: .tree) }
        var tree = root
        for (level, name) in components.enumerated() {
            let key = Key(level: level, tree: tree)
            let found: TreeEntryInfo?
            if let known = memo[key] {
                found = known
            } else {
                found = try repository.treeEntry(named: name, inTree: tree)
                memo[key] = found
            }
            guard let found else { return nil }
            if level == components.count - 1 { return found }
            guard found.mode == .tree else { return nil }
            tree = found.id
        }
        return nil
    }
}
