import Foundation
import GitKit

/// One line of `roadmap proposals`: what a proposal changes and whether it can be accepted.
public struct ProposalSummary: Sendable {
    public var proposal: ProposalRef
    public var title: String
    public var reasoning: String
    public var author: Signature?
    /// The tip's committer date.
    public var updated: Date
    public var ahead: Int
    public var behind: Int
    /// The proposal's changes against its merge base with the base.
    public var diff: SemanticDiff
    /// nil when it merges cleanly into today's base.
    public var conflicts: [MergeConflict]
    public var mergesCleanly: Bool { conflicts.isEmpty }
}

/// Two open proposals that disagree: the same field of the same item set to different
/// values, or the same id created by both.
public struct ProposalOverlap: Sendable {
    public var first: String
    public var second: String
    public var item: String
    /// nil when both create the item.
    public var field: String?
    public var firstValue: String?
    public var secondValue: String?

    public var description: String {
        if let field {
            return "\(first) and \(second) both set '\(field)' of '\(item)': \(firstValue ?? "(removed)") vs \(secondValue ?? "(removed)")"
        }
        return "\(first) and \(second) both create the item '\(item)'"
    }
}

public struct ProposalsReport: Sendable {
    public var base: String
    public var baseTip: ObjectID
    public var proposals: [ProposalSummary]
    public var overlaps: [ProposalOverlap]
}

extension Workspace {
    /// Every open proposal (local, and with `remote` that remote's, as last fetched) with its
    /// effect, and the pairs of proposals that disagree.
    public func proposalsReport(remote: String?, today: RoadmapDate) throws -> ProposalsReport {
        let repository = self.repository
        let baseTip = try self.baseTip()
        var summaries: [ProposalSummary] = []
        let bases = ProposalBases()
        for proposal in try openProposals(remote: remote) {
            let tip = proposal.tip
            let mergeBase = try git("finding the merge base of \(proposal.reference) and \(config.base)") { try repository.mergeBase(baseTip, tip) }
            let (ahead, behind) = try git("counting commits of \(proposal.reference)") { try repository.aheadBehind(tip, baseTip) }
            let (title, reasoning, author) = try proposalDescription(name: proposal.name, tip: tip, base: mergeBase)
            let info = try git("reading commit \(tip.short)") { try repository.commit(tip) }
            let diff = try proposalDiff(mergeBase: mergeBase, tip: tip, today: today, bases: bases)
            var conflicts: [MergeConflict] = []
            if let mergeBase, mergeBase != tip, mergeBase != baseTip {
                conflicts = try git("merging \(proposal.reference) into \(config.base) (trial)") {
                    try TreeMerge.merge(repository, root: root, base: mergeBase, ours: baseTip, theirs: tip, sides: ("on \(config.base)", "in the proposal")).conflicts
                }
            } else if mergeBase == nil {
                conflicts = [MergeConflict(item: proposal.name, path: proposal.reference, field: nil, reason: "shares no history with \(config.base)")]
            }
            summaries.append(ProposalSummary(proposal: proposal, title: title, reasoning: reasoning, author: author,
                                             updated: info.committer.date, ahead: ahead, behind: behind, diff: diff, conflicts: conflicts))
        }
        return ProposalsReport(base: config.base, baseTip: baseTip, proposals: summaries, overlaps: Self.overlaps(summaries))
    }

    /// `SemanticDiff.compute` over the merge base's and the tip's snapshots, computed from what
    /// differs: the review through the review cache (Cache/CachedReview.swift), the item
    /// changes over the files of the ids that changed (the others cannot differ). The tip's
    /// files come from the base's and the tree diff (`proposalFiles`); `bases` shares the merge
    /// base's files and review between the proposals of one run.
    func proposalDiff(mergeBase: ObjectID?, tip: ObjectID, today: RoadmapDate, bases: ProposalBases = ProposalBases()) throws -> SemanticDiff {
        guard let mergeBase else {
            return SemanticDiff.compute(old: nil, new: try snapshot(.commit(tip)), config: config, today: today)
        }
        let base = try bases.base(mergeBase, in: self, today: today)
        let tipFiles = try proposalFiles(tip: tip, from: base)
        let review = try cachedReview(against: base.review, headFiles: tipFiles.files, head: .commit(tip), today: today,
                                      storeHead: false, change: fileChange(tipFiles, from: base))
        let items = SemanticDiff.itemChanges(
            old: Snapshot(files: ItemParsing.parseAll(try read(tipFiles.changedBaseFiles, at: .commit(mergeBase))), config: config),
            new: Snapshot(files: ItemParsing.parseAll(try read(tipFiles.changedFiles, at: .commit(tip))), config: config))
        return SemanticDiff(items: items, review: review)
    }

    static func overlaps(_ summaries: [ProposalSummary]) -> [ProposalOverlap] {
        var out: [ProposalOverlap] = []
        for i in summaries.indices {
            for j in summaries.indices where j > i {
                let a = summaries[i], b = summaries[j]
                if a.proposal.tip == b.proposal.tip { continue }
                let label = { (s: ProposalSummary) in s.proposal.remote.map { "\($0)/\(s.proposal.name)" } ?? s.proposal.name }
                let bItems = Dictionary(b.diff.items.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
                for itemA in a.diff.items {
                    guard let itemB = bItems[itemA.id] else { continue }
                    if itemA.change == .added && itemB.change == .added {
                        out.append(ProposalOverlap(first: label(a), second: label(b), item: itemA.id, field: nil))
                        continue
                    }
                    let bFields = Dictionary(itemB.fields.map { ($0.field, $0) }, uniquingKeysWith: { x, _ in x })
                    for fa in itemA.fields {
                        guard let fb = bFields[fa.field], fa.new != fb.new else { continue }
                        // Two lists that each only add or remove entries merge by value.
                        if case .sequence? = fa.new, case .sequence? = fb.new { continue }
                        out.append(ProposalOverlap(first: label(a), second: label(b), item: itemA.id, field: fa.field,
                                                   firstValue: fa.new?.shortText, secondValue: fb.new?.shortText))
                    }
                }
            }
        }
        return out
    }
}
