import GitKit

/// What the commands do in a shallow clone (`git clone --depth N`, CI's default checkout):
/// the boundary commits have no visible parents (`ShallowBoundary`), so a review or diff
/// against a parent beyond it cannot run; it stops with one line that names the commit and
/// the `git fetch` that brings the missing history.
extension Workspace {
    /// The shallow boundary (empty for a complete repository).
    func shallowBoundary() throws -> ShallowBoundary {
        let repository = self.repository
        return try git("reading .git/shallow") { try repository.shallowBoundary() }
    }

    /// The first parent of `commit` (nil for a root commit), or the one-line error when the
    /// commit is at a shallow clone's boundary and its parent was never fetched.
    func firstParent(of commit: ObjectID) throws -> ObjectID? {
        let repository = self.repository
        let info = try git("reading commit \(commit.short)") { try repository.commit(commit) }
        guard let parent = info.parents.first else { return nil }
        if try shallowBoundary().contains(commit) {
            throw RoadmapError("commit \(commit.short) is at this shallow clone's boundary: its parent \(parent.short) was not fetched; run 'git fetch --deepen=1' (or 'git fetch --unshallow') and try again")
        }
        return parent
    }

    /// The error for two revisions whose merge base is not in a shallow clone's history.
    func noMergeBaseWithinShallowHistory(_ a: String, _ b: String, boundary: ShallowBoundary) -> RoadmapError {
        let stops = boundary.commits.map(\.short).sorted().joined(separator: ", ")
        return RoadmapError("'\(a)' and '\(b)' have no common commit in this shallow clone (its history stops at \(stops)); run 'git fetch --unshallow', or 'git fetch --deepen=N' with N large enough to reach their merge base, and try again")
    }

    /// The error for a revision that does not resolve in a shallow clone: it may lie beyond
    /// the boundary (`HEAD~5` in a depth-3 clone), which git would say no better.
    func unknownRevisionInShallowClone(_ revision: String, boundary: ShallowBoundary) -> RoadmapError {
        let stops = boundary.commits.map(\.short).sorted().joined(separator: ", ")
        return RoadmapError("unknown revision '\(revision)' in this shallow clone (its history stops at \(stops)); if it is older, run 'git fetch --deepen=N' or 'git fetch --unshallow', and try again")
    }

    /// The error for a day older than a shallow clone's history.
    func dayBeyondShallowHistory(_ day: String, boundary: ShallowBoundary) -> RoadmapError {
        let stops = boundary.commits.map(\.short).sorted().joined(separator: ", ")
        return RoadmapError("branch '\(config.base)' has no commit on or before \(day) in this shallow clone (its history stops at \(stops)); run 'git fetch --unshallow' (or 'git fetch --deepen=N' with N large enough to reach that day), and try again")
    }
}
