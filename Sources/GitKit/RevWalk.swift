internal import CLibGit2

/// The order in which `Repository.walk` yields commits.
public enum WalkOrder: Sendable, Hashable {
    /// Newest commit time first (GIT_SORT_TIME).
    case time
    /// Parents never before their children (GIT_SORT_TOPOLOGICAL).
    case topological
    /// Topological, ties broken by commit time (GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME), like `git rev-list --date-order`.
    case topologicalTime

    var sortMode: UInt32 {
        switch self {
        case .time: GIT_SORT_TIME.rawValue
        case .topological: GIT_SORT_TOPOLOGICAL.rawValue
        case .topologicalTime: GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
        }
    }
}

/// A walk over commit history (an owned `git_revwalk`), yielding commit ids.
///
/// Iterate with `nextID()` (throws on a read error) or as a `Sequence`, which stops at
/// the first error and records it in `failure`.
public final class RevWalk: Sequence, IteratorProtocol {
    let pointer: OpaquePointer
    let repository: Repository
    /// The error that ended a `Sequence` iteration early, if any.
    public private(set) var failure: GitError?

    init(_ repository: Repository, tips: [ObjectID], hiding: [ObjectID], order: WalkOrder, firstParentOnly: Bool) throws {
        var out: OpaquePointer?
        try check(git_revwalk_new(&out, repository.pointer), "git_revwalk_new")
        guard let out else { throw GitError.own("no revision walker", operation: "git_revwalk_new") }
        pointer = out
        self.repository = repository
        try check(git_revwalk_sorting(pointer, order.sortMode), "git_revwalk_sorting")
        if firstParentOnly {
            try check(git_revwalk_simplify_first_parent(pointer), "git_revwalk_simplify_first_parent")
        }
        for tip in tips {
            var oid = tip.oid
            try check(git_revwalk_push(pointer, &oid), "git_revwalk_push")
        }
        for hidden in hiding {
            var oid = hidden.oid
            try check(git_revwalk_hide(pointer, &oid), "git_revwalk_hide")
        }
    }

    deinit { git_revwalk_free(pointer) }

    /// The next commit id; nil at the end of history (GIT_ITEROVER).
    public func nextID() throws -> ObjectID? {
        var oid = git_oid()
        let rc = git_revwalk_next(&oid, pointer)
        if rc == GIT_ITEROVER.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_revwalk_next")
        return ObjectID(oid)
    }

    public func next() -> ObjectID? {
        guard failure == nil else { return nil }
        do {
            return try nextID()
        } catch let error as GitError {
            failure = error
            return nil
        } catch {
            failure = GitError.own("\(error)", operation: "git_revwalk_next")
            return nil
        }
    }

    /// Every remaining commit id, throwing on a read error.
    public func allIDs() throws -> [ObjectID] {
        var result: [ObjectID] = []
        while let id = try nextID() { result.append(id) }
        return result
    }
}
