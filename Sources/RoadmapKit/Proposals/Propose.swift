import Foundation
import GitKit

/// What `roadmap propose` did.
public struct ProposeOutcome: Sendable {
    public var name: String
    public var branch: String
    /// The proposal's first commit (empty, carrying the title and reasoning).
    public var commit: ObjectID
    public var from: ObjectID
    public var switched: Bool
}

extension Workspace {
    /// Starts a proposal: a branch `<prefix>NAME` from the base (or `from`), whose first commit
    /// is empty and carries the title and the reasoning with a `Roadmap-Proposal: NAME`
    /// trailer, so they travel with the branch. Unless `switchTo` is false, switches to it,
    /// carrying uncommitted changes that apply cleanly; when they would be lost, the branch is
    /// removed again and nothing has changed.
    public func propose(name: String, why: String?, from revision: String?, switchTo: Bool) throws -> ProposeOutcome {
        let repository = self.repository
        try checkProposalName(name)
        let reference = proposalReference(name)
        if try git("reading \(reference)", { try repository.referenceTarget(reference) }) != nil {
            throw RoadmapError("a proposal '\(name)' is already open (branch \(config.proposalPrefix)\(name)); choose another name or withdraw it")
        }
        if switchTo {
            _ = try workingDirectory(for: "propose")
            if repository.isIndexLocked {
                throw RoadmapError("cannot switch to the proposal: the index is locked (index.lock exists); remove .git/index.lock if no git process is running")
            }
        }
        let from = try revision.map(resolve) ?? baseTip()
        let tree = try git("reading commit \(from.short)") { try repository.commit(from).treeID }
        let text = (why ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let title = lines.first.flatMap { $0.isEmpty ? nil : $0 } ?? "Propose \(name)"
        let reasoning = lines.count > 1 ? lines[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
        var message = title + "\n\n"
        if !reasoning.isEmpty { message += reasoning + "\n\n" }
        message += "\(Self.proposalTrailer): \(name)\n"
        let finalMessage = message
        let commit = try git("creating the proposal's first commit") {
            try repository.createCommit(tree: tree, parents: [from], message: finalMessage, updating: nil)
        }
        try git("creating branch \(config.proposalPrefix)\(name)") {
            try repository.setReference(reference, to: commit, expected: nil, message: "roadmap propose \(name)")
        }
        guard switchTo else { return ProposeOutcome(name: name, branch: config.proposalPrefix + name, commit: commit, from: from, switched: false) }
        do {
            try repository.checkout(branch: reference)
        } catch let error as GitError {
            try? repository.deleteReference(reference, expected: commit)
            if error.isConflict {
                throw RoadmapError("cannot switch to \(config.proposalPrefix)\(name): your uncommitted changes would be lost (they touch files that differ between HEAD and \(revision ?? config.base)); commit or stash them, or use --no-switch. Nothing was changed")
            }
            throw RoadmapError("switching to \(config.proposalPrefix)\(name): \(error.message); nothing was changed")
        }
        return ProposeOutcome(name: name, branch: config.proposalPrefix + name, commit: commit, from: from, switched: true)
    }
}
