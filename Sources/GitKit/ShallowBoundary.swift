import Foundation

/// Where a shallow clone's history stops (`git clone --depth N`, CI's default checkout).
///
/// git lists the boundary commits in `.git/shallow`: their objects are present and record
/// their parents, but the parents were never fetched, and git treats the boundary commits as
/// root commits. libgit2 1.5 does not read that file: it walks into the missing parents and
/// fails with "object not found". Everything in GitKit that walks parents on its own
/// (`mergeBase` in a shallow repository, the history walks) reads the boundary from here.
public struct ShallowBoundary: Sendable, Equatable {
    /// The commits whose parents are missing; empty for a complete repository.
    public let commits: Set<ObjectID>

    public init(commits: Set<ObjectID>) { self.commits = commits }

    public var isEmpty: Bool { commits.isEmpty }

    public func contains(_ id: ObjectID) -> Bool { commits.contains(id) }

    /// The parents git sees: none for a boundary commit.
    public func visibleParents(of commit: CommitInfo) -> [ObjectID] {
        commits.contains(commit.id) ? [] : commit.parents
    }
}

extension Repository {
    /// The shallow boundary as `.git/shallow` lists it now (read each time: a `git fetch
    /// --deepen` between two calls moves it).
    public func shallowBoundary() throws -> ShallowBoundary {
        ShallowBoundary(commits: try shallowCommitIDs())
    }

    /// The best common ancestor of two commits within a shallow clone's history, as
    /// `git merge-base` answers there: boundary commits have no parents. nil when the two
    /// histories meet only beyond the boundary (or never).
    ///
    /// Every commit reachable from `a` is collected, then those reachable from `b` that are
    /// also reachable from `a` are the common ancestors; the best are the common ancestors
    /// that no other common ancestor reaches (one walk from all of their parents). Of several,
    /// the newest by committer time is returned, ties by id, so the answer is stable.
    func mergeBaseWithinShallowHistory(_ a: ObjectID, _ b: ObjectID, boundary: ShallowBoundary) throws -> ObjectID? {
        let fromA = try reachable(from: [a], boundary: boundary)
        var common: [ObjectID] = []
        var seen = Set<ObjectID>()
        var stack = [b]
        while let id = stack.popLast() {
            guard seen.insert(id).inserted else { continue }
            if fromA.contains(id) {
                common.append(id)
                continue  // its ancestors are common too, but never better than it
            }
            stack.append(contentsOf: boundary.contains(id) ? [] : try commit(id).parents)
        }
        guard !common.isEmpty else { return nil }
        var parents: [ObjectID] = []
        for id in common where !boundary.contains(id) { parents.append(contentsOf: try commit(id).parents) }
        let dominated = try reachable(from: parents, boundary: boundary)
        let best = common.filter { !dominated.contains($0) }
        return try best.map { (id: $0, time: try commit($0).committer.date) }
            .max { $0.time != $1.time ? $0.time < $1.time : $0.id.hex > $1.id.hex }?.id
    }

    /// Every commit reachable from `tips` (themselves included), stopping at the boundary.
    private func reachable(from tips: [ObjectID], boundary: ShallowBoundary) throws -> Set<ObjectID> {
        var seen = Set<ObjectID>()
        var stack = tips
        while let id = stack.popLast() {
            guard seen.insert(id).inserted else { continue }
            if !boundary.contains(id) { stack.append(contentsOf: try commit(id).parents) }
        }
        return seen
    }
}
