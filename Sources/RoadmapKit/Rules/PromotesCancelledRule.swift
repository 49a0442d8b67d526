/// `promotes-cancelled` (error): fires on a `promotes` entry of a campaign that is not cancelled
/// when the promoted item is `cancelled`, or belongs to (is an epic or story whose effective
/// release is) a cancelled release. Points at the entry; `related` holds the promoted item and
/// the cancelled release.
public struct PromotesCancelledRule: Rule {
    public let id = "promotes-cancelled"
    public let defaultSeverity = Severity.error
    public let summary = "A campaign promotes a cancelled item or release."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for campaign in context.snapshot.items where campaign.kind == .campaign && campaign.status != "cancelled" {
            for p in context.promotions(of: campaign) {
                guard let target = p.item, let kind = target.kind else { continue }
                if target.status == "cancelled" && kind != .theme && kind != .campaign {
                    findings.add(self, item: campaign, at: p.node.location, related: [p.target],
                                 "campaign \(named(campaign)) promotes \(kind.rawValue) \(named(target)), which is cancelled: drop it from 'promotes', or cancel the campaign")
                } else if let release = p.release, release.id != target.id, release.status == "cancelled" {
                    findings.add(self, item: campaign, at: p.node.location, related: [p.target, release.id],
                                 "campaign \(named(campaign)) promotes \(kind.rawValue) \(p.target), whose release \(named(release)) is cancelled: drop it from 'promotes', or cancel the campaign")
                }
            }
        }
    }
}
