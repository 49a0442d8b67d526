/// `live-before-ship` (error): fires when a campaign that is not a teaser has status `live` or
/// `done` while a release it promotes (directly or through an epic or story) is not `shipped`
/// (cancelled releases are left to `promotes-cancelled`). Points at the campaign's `status`;
/// `related` is the release, whose owner is named.
public struct LiveBeforeShipRule: Rule {
    public let id = "live-before-ship"
    public let defaultSeverity = Severity.error
    public let summary = "A campaign is live while a release it promotes has not shipped."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for campaign in context.snapshot.items where campaign.kind == .campaign && !campaign.teaser && campaign.isStatus("live", "done") {
            for (release, via) in context.promotedReleases(of: campaign) where !release.isStatus("shipped", "cancelled") {
                findings.add(self, item: campaign, at: campaign.location(of: "status"), related: [release.id],
                             "campaign \(named(campaign)) is \(campaign.status) but \(context.describe(release: release, via: via)) is \(release.status)\(release.owner.map { " (release owner \($0))" } ?? ""): mark the release shipped, or the campaign planned")
            }
        }
    }
}
