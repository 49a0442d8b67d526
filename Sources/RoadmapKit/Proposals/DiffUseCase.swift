import GitKit

/// A `roadmap diff` with what it compared.
public struct DiffReport: Sendable {
    public var diff: SemanticDiff
    /// The old side's commit (nil: an empty roadmap).
    public var from: ObjectID?
    /// A commit id, or `worktree`.
    public var to: String
}

extension Workspace {
    /// `roadmap diff [NAME | REV | A..B]`: no argument compares the working tree with HEAD;
    /// a proposal name compares its tip with its merge base with the base branch (what
    /// accepting it would change); `A..B` compares B with A; a revision compares that commit
    /// with its first parent.
    public func semanticDiff(_ spec: String?, today: RoadmapDate) throws -> DiffReport {
        let repository = self.repository
        guard let spec, !spec.isEmpty else {
            let head = try headCommit()
            let old = try head.map { try snapshot(.commit($0)) }
            return DiffReport(diff: SemanticDiff.compute(old: old, new: try snapshot(.worktree), config: config, today: today),
                              from: head, to: "worktree")
        }
        let from: ObjectID?, to: ObjectID
        if let range = spec.range(of: "..") {
            let a = String(spec[..<range.lowerBound]), b = String(spec[range.upperBound...])
            from = try resolve(a.isEmpty ? "HEAD" : a)
            to = try resolve(b.isEmpty ? "HEAD" : b)
        } else if ItemID.isValid(spec),
                  let tip = try git("reading \(proposalReference(spec))", { try repository.referenceTarget(proposalReference(spec)) }) {
            let baseTip = try self.baseTip()
            from = try git("finding the merge base of \(config.proposalPrefix)\(spec) and \(config.base)") { try repository.mergeBase(baseTip, tip) }
            to = tip
        } else {
            to = try resolve(spec)
            from = try firstParent(of: to)
        }
        let old = try from.map { try snapshot(.commit($0)) }
        return DiffReport(diff: SemanticDiff.compute(old: old, new: try snapshot(.commit(to)), config: config, today: today),
                          from: from, to: to.hex)
    }
}
