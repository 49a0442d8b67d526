/// `promotes-unscheduled` (error): fires on a `promotes` entry of a non-cancelled campaign when
/// the promoted epic or story has no effective release, or that release has no `date`; also when
/// a directly promoted release has no `date`. (A release id that names nothing is a
/// `dangling-reference` of the epic or story instead.) Points at the entry; `related` holds the
/// promoted item and, when there is one, its release.
public struct PromotesUnscheduledRule: Rule {
    public let id = "promotes-unscheduled"
    public let defaultSeverity = Severity.error
    public let summary = "A campaign promotes an item with no scheduled release."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for campaign in context.snapshot.items where campaign.kind == .campaign && campaign.status != "cancelled" {
            for p in context.promotions(of: campaign) {
                guard let target = p.item, let kind = target.kind, [.release, .epic, .story].contains(kind) else { continue }
                if p.releaseID == nil {
                    findings.add(self, item: campaign, at: p.node.location, related: [p.target],
                                 "campaign \(campaign.id) promotes \(kind.rawValue) \(named(target)), which has no release: give it a 'release', or promote a release")
                } else if let release = p.release, release.value("date") == nil {
                    let what = kind == .release ? "release \(named(release))" : "\(kind.rawValue) \(p.target), whose release \(named(release))"
                    findings.add(self, item: campaign, at: p.node.location, related: [p.target, release.id],
                                 "campaign \(campaign.id) promotes \(what) has no date: schedule the release before planning its launch")
                }
            }
        }
    }
}
