import Foundation
import GitKit

/// What `roadmap accept` did, or why it refused.
public struct AcceptOutcome: Sendable {
    public enum Kind: String, Sendable {
        case fastForward = "fast-forward"
        case merge
        /// The base already contained the proposal: only archived.
        case alreadyMerged = "already-merged"
    }

    public var name: String
    public var kind: Kind
    /// The review of the result against the old base tip.
    public var review: ReviewResult?
    /// Set when the review found new errors and `force` was not given: nothing was written.
    public var refused: Bool
    public var oldBase: ObjectID
    /// The base's new tip (nil when refused).
    public var newBase: ObjectID?
    public var archive: String?
    /// Items merged field by field.
    public var mergedItems: [String]
    /// Set when the user was on the proposal and is now on the base.
    public var switchedToBase: Bool
    /// A note when the proposal branch could not be removed (it moved meanwhile).
    public var warning: String?
}

extension Workspace {
    /// Accepts a proposal into the base (SPEC §8): a fast-forward when possible (and not
    /// `noFastForward`), else a merge commit with the base and the proposal as parents,
    /// items changed on both sides merged field by field. A conflict, or new errors in the
    /// result (unless `force`), refuse with nothing written. The base moves only if it still
    /// points where it did when the merge was computed; the proposal is archived under
    /// `refs/proposals/accepted/NAME` and its branch removed. `author` signs the merge commit
    /// (nil: git's configured identity, as the command does; the server passes the signed-in
    /// person); the committer is always git's configured identity.
    public func accept(name: String, noFastForward: Bool, force: Bool, message: String?, author: Signature? = nil,
                       today: RoadmapDate) throws -> AcceptOutcome {
        let repository = self.repository
        let proposal = try proposal(named: name)
        let baseTip = try self.baseTip()
        let tip = proposal.tip
        let branch = config.proposalPrefix + name

        // Which branch is checked out decides what happens to the working tree.
        let current = try git("reading HEAD") { try repository.currentBranch() }.map { $0.hasPrefix("refs/") ? $0 : "refs/heads/" + $0 }
        let onBase = current == baseReference && repository.workingDirectory != nil
        let onProposal = current == proposal.reference && repository.workingDirectory != nil
        if onBase || onProposal {
            if repository.isIndexLocked {
                throw RoadmapError("cannot accept '\(name)': the index is locked (index.lock exists); remove .git/index.lock if no git process is running")
            }
            if try git("reading the working tree status", { try repository.hasUncommittedChanges() }) {
                throw RoadmapError("cannot accept '\(name)': you have uncommitted changes on \(onBase ? config.base : branch); commit or stash them first (nothing was changed)")
            }
        }

        let mergeBase = try git("finding the merge base of \(branch) and \(config.base)") { try repository.mergeBase(baseTip, tip) }
        guard let mergeBase else {
            throw RoadmapError("cannot accept '\(name)': \(branch) shares no history with \(config.base)", exitCode: 1)
        }
        let archive = try archiveReference(prefix: Self.acceptedPrefix, name: name)
        if mergeBase == tip {
            // Already contained in the base: archive only.
            try archiveAndRemove(proposal, archive: archive, switchFrom: onProposal)
            return AcceptOutcome(name: name, kind: .alreadyMerged, review: nil, refused: false, oldBase: baseTip, newBase: baseTip,
                                 archive: archive, mergedItems: [], switchedToBase: onProposal, warning: nil)
        }

        let kind: AcceptOutcome.Kind
        let resultTree: ObjectID
        var mergedItems: [String] = []
        if mergeBase == baseTip && !noFastForward {
            kind = .fastForward
            resultTree = try git("reading commit \(tip.short)") { try repository.commit(tip).treeID }
        } else {
            kind = .merge
            let result = try git("merging \(branch) into \(config.base)") {
                try TreeMerge.merge(repository, root: root, base: mergeBase, ours: baseTip, theirs: tip, sides: ("on \(config.base)", "in the proposal"))
            }
            guard let tree = result.tree else {
                let shown = result.conflicts.prefix(3).map(\.description).joined(separator: "; ")
                let more = result.conflicts.count > 3 ? " (and \(result.conflicts.count - 3) more)" : ""
                throw RoadmapError("cannot accept '\(name)': \(result.conflicts.count) conflict\(result.conflicts.count == 1 ? "" : "s") with \(config.base): \(shown)\(more); update the proposal and try again (nothing was written)", exitCode: 1)
            }
            resultTree = tree
            mergedItems = result.mergedItems
        }

        let review = Reviewer.review(base: try snapshot(.commit(baseTip)), head: try snapshot(.tree(resultTree)), config: config, today: today)
        if review.blocks() && !force {
            return AcceptOutcome(name: name, kind: kind, review: review, refused: true, oldBase: baseTip, newBase: nil,
                                 archive: nil, mergedItems: mergedItems, switchedToBase: false, warning: nil)
        }

        let newTip: ObjectID
        if kind == .fastForward {
            newTip = tip
        } else {
            let (title, _, _) = try proposalDescription(name: name, tip: tip, base: mergeBase)
            var text = "Accept proposal \(name): \(title)\n\nMerge branch '\(branch)' into \(config.base)"
            if let message, !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                text += "\n\n" + message.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if !mergedItems.isEmpty { text += "\n\nMerged field by field: " + mergedItems.joined(separator: ", ") }
            let finalText = text
            newTip = try git("writing the merge commit") {
                try repository.createCommit(tree: resultTree, parents: [baseTip, tip], message: finalText, author: author, updating: nil)
            }
        }

        // The working tree follows the base before the base moves (the checkout compares
        // with HEAD's tree); if the base then turns out to have moved, it is put back.
        if onBase {
            try git("updating the working tree") { try repository.checkoutTree(newTip, paths: nil, force: false) }
        }
        FaultInjection.point("accept.worktree-updated")
        do {
            try repository.setReference(baseReference, to: newTip, expected: baseTip, message: "roadmap accept \(name) (\(kind.rawValue))")
        } catch let error as GitError {
            if onBase { try? repository.checkoutTree(baseTip, paths: nil, force: true) }
            if error.isLocked {
                // A .lock next to the ref: another git process is updating it, or one was killed
                // while it held the lock (git leaves the file then, and so would we).
                throw RoadmapError("cannot accept '\(name)': \(baseReference) is locked (\(error.message)); another git process is updating it, or one was killed: remove that .lock file if none is running. Nothing was changed")
            }
            if error.isRefMoved || error.isNotFound {
                throw RoadmapError("cannot accept '\(name)': \(config.base) was moved by someone else while accepting (expected \(baseTip.short)); nothing was changed, run the command again", exitCode: 1)
            }
            throw RoadmapError("moving \(config.base): \(error.message); nothing was changed")
        }
        let warning = try archiveAndRemove(proposal, archive: archive, switchFrom: onProposal)
        return AcceptOutcome(name: name, kind: kind, review: review, refused: false, oldBase: baseTip, newBase: newTip,
                             archive: archive, mergedItems: mergedItems, switchedToBase: onProposal, warning: warning)
    }

    /// Archives the proposal's tip under `archive`, leaves its branch (switching to the base
    /// when it is checked out) and deletes it if it did not move. Returns a warning, if any.
    @discardableResult
    func archiveAndRemove(_ proposal: ProposalRef, archive: String, switchFrom onProposal: Bool, tip: ObjectID? = nil) throws -> String? {
        let repository = self.repository
        let archivedTip = tip ?? proposal.tip
        try git("archiving \(proposal.reference) as \(archive)") {
            try repository.setReference(archive, to: archivedTip, expected: nil, message: "roadmap: archive \(proposal.name)")
        }
        if onProposal {
            do {
                try repository.checkout(branch: baseReference)
            } catch let error as GitError {
                return "could not switch to \(config.base) (\(error.message)); \(proposal.reference) is kept, switch with 'git switch \(config.base)' and delete it"
            }
        }
        do {
            try repository.deleteReference(proposal.reference, expected: proposal.tip)
        } catch let error as GitError {
            return "kept \(proposal.reference): \(error.message)"
        }
        return nil
    }
}
