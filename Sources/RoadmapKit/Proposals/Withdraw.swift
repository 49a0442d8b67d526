import Foundation
import GitKit

public struct WithdrawOutcome: Sendable {
    public var name: String
    public var archive: String
    /// The archived commit: an empty commit on the proposal's tip recording who withdrew it and why.
    public var commit: ObjectID
    public var switchedToBase: Bool
    public var warning: String?
}

extension Workspace {
    /// Closes a proposal without merging it: an empty commit on its tip records the reason
    /// (trailer `Roadmap-Withdrawn: NAME`), the result is kept under
    /// `refs/proposals/withdrawn/NAME` and the branch is removed. Nothing is lost: every
    /// commit of the proposal stays reachable from the archive. `author` signs the empty
    /// commit (nil: git's configured identity, as the command does).
    public func withdraw(name: String, why: String?, author: Signature? = nil) throws -> WithdrawOutcome {
        let repository = self.repository
        let proposal = try proposal(named: name)
        let current = try git("reading HEAD") { try repository.currentBranch() }.map { $0.hasPrefix("refs/") ? $0 : "refs/heads/" + $0 }
        let onProposal = current == proposal.reference && repository.workingDirectory != nil
        if onProposal {
            if try git("reading the working tree status", { try repository.hasUncommittedChanges() }) {
                throw RoadmapError("cannot withdraw '\(name)': it is checked out with uncommitted changes; commit or stash them first (nothing was changed)")
            }
            _ = try baseTip()
        }
        let archive = try archiveReference(prefix: Self.withdrawnPrefix, name: name)
        let tree = try git("reading commit \(proposal.tip.short)") { try repository.commit(proposal.tip).treeID }
        var text = "Withdraw proposal \(name)"
        if let why, !why.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            text += "\n\n" + why.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        text += "\n\nRoadmap-Withdrawn: \(name)\n"
        let message = text
        let commit = try git("recording the withdrawal") {
            try repository.createCommit(tree: tree, parents: [proposal.tip], message: message, author: author, updating: nil)
        }
        let warning = try archiveAndRemove(proposal, archive: archive, switchFrom: onProposal, tip: commit)
        return WithdrawOutcome(name: name, archive: archive, commit: commit, switchedToBase: onProposal, warning: warning)
    }
}
