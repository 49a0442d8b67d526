internal import CLibGit2

extension Repository {
    /// Walks history from `tips`, leaving out commits reachable from `hiding`.
    public func walk(from tips: [ObjectID], hiding: [ObjectID] = [], order: WalkOrder = .time,
                     firstParentOnly: Bool = false) throws -> RevWalk {
        try RevWalk(self, tips: tips, hiding: hiding, order: order, firstParentOnly: firstParentOnly)
    }

    /// The files that differ between two trees (nil: the empty tree), limited to `paths`
    /// (files or folders, literal), with renames paired when `detectRenames` is set and
    /// the similarity reaches `renameThreshold` percent.
    public func diff(oldTree: ObjectID?, newTree: ObjectID?, paths: [String] = [],
                     detectRenames: Bool = false, renameThreshold: Int = 50) throws -> [DiffDelta] {
        let old = try oldTree.map { try Tree(self, $0) }
        let new = try newTree.map { try Tree(self, $0) }
        let diff = try Diff(self, old: old, new: new, paths: paths.map(Self.normalized))
        if detectRenames { try diff.findRenames(threshold: renameThreshold) }
        return diff.deltas
    }

    /// The best common ancestor; nil when the histories are unrelated (in a shallow clone:
    /// when they meet only beyond its boundary, see `ShallowBoundary`).
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws -> ObjectID? {
        let boundary = try shallowBoundary()
        if !boundary.isEmpty { return try mergeBaseWithinShallowHistory(a, b, boundary: boundary) }
        var out = git_oid()
        var one = a.oid, two = b.oid
        let rc = git_merge_base(&out, pointer, &one, &two)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_merge_base")
        return ObjectID(out)
    }

    /// Commits only in `local` (ahead) and only in `upstream` (behind), like
    /// `git rev-list --left-right --count local...upstream`.
    public func aheadBehind(_ local: ObjectID, _ upstream: ObjectID) throws -> (ahead: Int, behind: Int) {
        var ahead = 0, behind = 0
        var one = local.oid, two = upstream.oid
        try check(git_graph_ahead_behind(&ahead, &behind, pointer, &one, &two), "git_graph_ahead_behind")
        return (ahead, behind)
    }

    /// True when `ancestor` is reachable from `commit` through parents. A commit is *not*
    /// its own descendant (libgit2's `git_graph_descendant_of`); use `isAncestor` for the
    /// inclusive form of `git merge-base --is-ancestor`.
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        var one = commit.oid, two = ancestor.oid
        return try check(git_graph_descendant_of(pointer, &one, &two), "git_graph_descendant_of") == 1
    }

    /// `git merge-base --is-ancestor ancestor commit`: true also when they are equal.
    public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws -> Bool {
        try ancestor == commit || isDescendant(commit, of: ancestor)
    }
}
