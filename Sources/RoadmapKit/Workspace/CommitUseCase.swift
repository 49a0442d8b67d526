import Foundation
import GitKit

/// What `roadmap commit` did: the review it ran and, unless refused, the new commit.
public struct CommitOutcome: Sendable {
    public var review: ReviewReport?
    /// nil when the review refused the commit: nothing was written.
    public var commit: ObjectID?
    public var branch: String?
    public var changedPaths: [String]
}

extension Workspace {
    /// Commits what is staged (or, with `all`, every change under the root and
    /// `roadmap.yaml`) on the current branch, after the review the pre-commit hook runs.
    ///
    /// Nothing is written until the review passes: the tree is built from the index plus the
    /// working-tree changes without touching the index, and the branch moves only if its tip
    /// is still the commit the review saw. The index then follows the committed paths.
    public func commit(message: String, all: Bool, verify: Bool, strict: Bool, today: RoadmapDate) throws -> CommitOutcome {
        let repository = self.repository
        _ = try workingDirectory(for: "commit")
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw RoadmapError("the commit message is empty; give one with -m") }
        if repository.isIndexLocked {
            throw RoadmapError("cannot commit: the index is locked (index.lock exists): another git process is running, or one crashed; remove .git/index.lock if none is")
        }
        let head = try headCommit()
        let branch = try git("reading HEAD") { try repository.currentBranch() }
        let conflicted = try git("reading the index") { try repository.indexEntries(under: "") }.contains { $0.stage != 0 }
        if conflicted {
            throw RoadmapError("cannot commit: the index has unmerged paths; resolve the conflicts and stage them first")
        }

        var tree = try git("writing the index as a tree") { try repository.indexTreeID() }
        let indexTree = tree
        var changed: [String] = []
        if all {
            let updates = try workingTreeUpdates()
            changed = updates.map(\.path)
            if !updates.isEmpty {
                let base = tree
                tree = try git("building the commit's tree") { try repository.buildTree(base: base, updates: updates) }
            }
        }
        let headTree = try head.map { id in try git("reading HEAD") { try repository.commit(id).treeID } }
        let emptyTree = try git("writing the empty tree") { try repository.emptyTreeID() }
        if tree == (headTree ?? emptyTree) {
            throw RoadmapError("nothing to commit: stage changes with git add, or use --all to commit every change under \(root)/", exitCode: 2)
        }

        var report: ReviewReport?
        if verify {
            // The hook's fast path (Cache/CachedReview.swift); it also caches the new tree's
            // findings, so the first review after this commit starts warm.
            let result = try cachedReview(base: head, head: .tree(tree), today: today)
            report = ReviewReport(result: result, base: head, head: tree.hex)
            if result.blocks(strict: strict) {
                return CommitOutcome(review: report, commit: nil, branch: branch, changedPaths: changed)
            }
        }
        let commitTree = tree
        // The commit object first (unreachable until the branch moves), then the index, and the
        // branch last. Killed before the branch moves, the change is left staged — never a
        // branch ahead of a stale index, which git would show as staged changes reverting the
        // commit. If the branch moved meanwhile, the index is put back (see below).
        let id = try git("committing on \(branch ?? "HEAD")") {
            try repository.createCommit(tree: commitTree, parents: head.map { [$0] } ?? [], message: trimmed, updating: nil)
        }
        if !changed.isEmpty {
            try git("updating the index for commit \(id.short)") { try repository.updateIndex(toTree: commitTree, paths: changed) }
        }
        FaultInjection.point("commit.index-written")
        let reference = branch.map { $0.hasPrefix("refs/") ? $0 : "refs/heads/" + $0 } ?? "HEAD"
        let subject = trimmed.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? trimmed
        do {
            try repository.setReference(reference, to: id, expected: head, message: "commit\(head == nil ? " (initial)" : ""): \(subject)")
        } catch let error as GitError {
            if !changed.isEmpty { try? restoreIndex(paths: changed, to: indexTree, unless: commitTree, reference: reference) }
            if error.isRefMoved || error.isExists {
                throw RoadmapError("cannot commit: \(branch ?? "HEAD") was moved by someone else (expected it \(head.map { "at \($0.short)" } ?? "unborn")); nothing was committed, run the command again")
            }
            if error.isLocked {
                throw RoadmapError("cannot commit: \(reference) is locked (\(error.message)): another git process is updating it, or one was killed; remove that .lock file if none is running. Nothing was committed")
            }
            throw RoadmapError("committing on \(branch ?? "HEAD"): \(error.message); nothing was committed")
        }
        report?.head = id.hex
        return CommitOutcome(review: report, commit: id, branch: branch, changedPaths: changed)
    }

    /// After a commit whose branch could not move: puts the index entries of `paths` back as
    /// they were (`indexTree`), except where another writer changed them since, or where the
    /// branch's new tip holds exactly what this commit staged (a concurrent commit of the
    /// same change, whose index must stay as it is).
    func restoreIndex(paths: [String], to indexTree: ObjectID, unless staged: ObjectID, reference: String) throws {
        let repository = self.repository
        let entries = Dictionary(try repository.indexEntries(under: "").map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let tip = try repository.referenceTarget(reference)
        var restore: [String] = []
        for path in paths {
            let ours = try repository.entry(at: path, inTree: staged)
            let now = entries[path].map { TreeEntryInfo(path: path, id: $0.id, mode: $0.mode) }
            guard now?.id == ours?.id, now?.mode == ours?.mode else { continue }
            if let tip, let theirs = try repository.entry(at: path, inCommit: tip), theirs.id == ours?.id, theirs.mode == ours?.mode { continue }
            restore.append(path)
        }
        if !restore.isEmpty { try repository.updateIndex(toTree: indexTree, paths: restore) }
    }

    /// Tree updates that bring every change under the root, and `roadmap.yaml`, from the
    /// working tree: modified and untracked files as blobs, deleted ones removed.
    func workingTreeUpdates() throws -> [TreeUpdate] {
        let repository = self.repository
        var updates: [TreeUpdate] = []
        var seen = Set<String>()
        let folders = root.isEmpty ? [""] : [root, RoadmapConfig.fileName]
        // Files a sparse checkout leaves out (skip-worktree) are absent on purpose: libgit2
        // 1.5 reports them deleted, git keeps them as they are.
        let outsideSparseCheckout = Set(try git("reading the index") { try repository.indexEntries(under: root) }
            .filter(\.skipWorktree).map(\.path))
        for folder in folders {
            let status = try git("reading the working tree status") { try repository.status(under: folder, includeUntracked: true) }
            for entry in status where entry.untracked || entry.unstaged != nil {
                let path = entry.path
                if outsideSparseCheckout.contains(path) { continue }
                guard seen.insert(path).inserted else { continue }
                guard folder != RoadmapConfig.fileName || path == RoadmapConfig.fileName else { continue }
                if let mode = try git("reading \(path)", { try repository.workdirFileMode(path) }), mode.isBlob,
                   let bytes = try git("reading \(path)", { try repository.workdirFileData(path) }) {
                    let blob = try git("storing \(path)") { try repository.writeBlob(bytes) }
                    updates.append(.upsert(path: path, blob: blob, mode: mode))
                } else {
                    updates.append(.remove(path: path))
                }
            }
        }
        return updates.sorted { $0.path < $1.path }
    }
}
