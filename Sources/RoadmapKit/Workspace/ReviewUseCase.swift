import GitKit

/// Which two states a review compares (SPEC §8 `review`).
public enum ReviewScope: Sendable, Equatable {
    /// The working tree against HEAD.
    case worktree
    /// The index against HEAD: what a commit would record.
    case staged
    /// A commit against its first parent.
    case revision(String)
    /// `head` (default HEAD) against the merge base of `base` and `head`.
    case range(base: String, head: String?)
    /// A pushed commit whose remote branch is new: against its merge base with the base branch.
    case pushed(String)
}

/// The outcome of a review, with what it compared.
public struct ReviewReport: Sendable {
    public var result: ReviewResult
    /// The base commit's id, nil when there was none (a first commit).
    public var base: ObjectID?
    /// The `head` of SPEC §9: a commit id, `index` or `worktree`.
    public var head: String
}

extension Workspace {
    /// Reviews one state against another with every rule (SPEC §7).
    ///
    /// Without `listing` (a hook's text output, which shows what the change did and only counts
    /// the rest), the existing findings of items the change cannot affect may be counted by
    /// severity instead of listed (`ReviewResult.unlisted`): the pre-commit hook's review then
    /// costs what the change costs, not what the roadmap's findings do.
    public func review(_ scope: ReviewScope, today: RoadmapDate, listing: Bool = true) throws -> ReviewReport {
        let (base, head, headLabel) = try states(for: scope)
        // Same result as Reviewer.review over both full snapshots; the base side comes from the
        // review cache and only the files that changed (Cache/CachedReview.swift).
        let result = try cachedReview(base: base, head: head, today: today, listing: listing)
        return ReviewReport(result: result, base: base, head: headLabel)
    }

    /// The base commit (nil: none) and the head state of a scope.
    func states(for scope: ReviewScope) throws -> (base: ObjectID?, head: TreeState, label: String) {
        switch scope {
        case .worktree:
            _ = try workingDirectory(for: "review")
            return (try headCommit(), .worktree, "worktree")
        case .staged:
            return (try headCommit(), .index, "index")
        case let .revision(revision):
            let commit = try resolve(revision)
            return (try firstParent(of: commit), .commit(commit), commit.hex)
        case let .range(baseRevision, headRevision):
            let head = try resolve(headRevision ?? "HEAD")
            let other = try resolve(baseRevision)
            guard let mergeBase = try git("finding the merge base of \(baseRevision) and \(headRevision ?? "HEAD")", {
                try repository.mergeBase(other, head)
            }) else {
                let boundary = try shallowBoundary()
                if !boundary.isEmpty { throw noMergeBaseWithinShallowHistory(baseRevision, headRevision ?? "HEAD", boundary: boundary) }
                throw RoadmapError("'\(baseRevision)' and '\(headRevision ?? "HEAD")' share no history; review one of them with --rev")
            }
            return (mergeBase, .commit(head), head.hex)
        case let .pushed(revision):
            let head = try resolve(revision)
            if let baseTip = try git("reading branch \(config.base)", { try repository.referenceTarget("refs/heads/\(config.base)") }),
               baseTip != head,
               let mergeBase = try git("finding the merge base", { try repository.mergeBase(baseTip, head) }) {
                return (mergeBase, .commit(head), head.hex)
            }
            return (try firstParent(of: head), .commit(head), head.hex)
        }
    }
}

extension Workspace {
    /// Every finding of one committed state, as `review` reports a first commit (no base):
    /// what `roadmap serve`'s review page and `/api/review` show for a branch.
    public func stateReview(at commit: ObjectID, today: RoadmapDate) throws -> ReviewReport {
        ReviewReport(result: try cachedReview(base: nil, head: .commit(commit), today: today), base: nil, head: commit.hex)
    }
}
