/// `asset-published-unshipped` (error): fires when an asset is `published` while the release of
/// an item it announces (the release itself, or an announced epic's or story's effective
/// release) is not `shipped`, unless the asset or its campaign is a teaser. Cancelled
/// releases and items are left to `asset-announces-cancelled`; campaigns that are cancelled are
/// not judged. Points at the asset's line; `related` is the release and `CAMPAIGN/ASSET`.
public struct AssetPublishedUnshippedRule: Rule {
    public let id = "asset-published-unshipped"
    public let defaultSeverity = Severity.error
    public let summary = "A content piece is published while a release it announces has not shipped."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for campaign in context.snapshot.items where campaign.kind == .campaign && campaign.status != "cancelled" {
            var seen = Set<String>()
            for a in context.announcements(of: campaign) where a.asset.status == .published && !a.isTeaser {
                guard let release = a.release, !release.isStatus("shipped", "cancelled"), a.item?.status != "cancelled",
                      seen.insert("\(a.asset.id ?? "")\u{1F}\(release.id)").inserted else { continue }
                let via = a.target == release.id ? "" : " (through \(a.item?.kind?.rawValue ?? "item") \(a.target))"
                findings.add(self, item: campaign, at: a.asset.location, related: [release.id, a.assetName],
                             "asset \(named(a.asset, in: campaign)) is published but release \(release.id)\(via) is \(release.status)\(release.owner.map { " (release owner \($0))" } ?? ""): mark the release shipped, set the asset's status back, or mark it teaser: true")
            }
        }
    }
}
