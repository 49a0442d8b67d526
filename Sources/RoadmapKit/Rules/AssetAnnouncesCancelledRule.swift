/// `asset-announces-cancelled` (error): fires on an `announces` entry of an asset that is not
/// cancelled, of a campaign that is not cancelled, when the announced item is `cancelled` or
/// belongs to a cancelled release (an epic or story whose effective release is cancelled).
/// Points at the asset's line; `related` holds the announced item, the cancelled release when
/// it is another item, and `CAMPAIGN/ASSET`.
public struct AssetAnnouncesCancelledRule: Rule {
    public let id = "asset-announces-cancelled"
    public let defaultSeverity = Severity.error
    public let summary = "A content piece announces a cancelled item or release."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for campaign in context.snapshot.items where campaign.kind == .campaign && campaign.status != "cancelled" {
            for a in context.announcements(of: campaign) where a.asset.status != .cancelled {
                guard let target = a.item, let kind = target.kind, [.epic, .story, .release].contains(kind) else { continue }
                if target.status == "cancelled" {
                    findings.add(self, item: campaign, at: a.asset.location, related: [a.target, a.assetName],
                                 "asset \(named(a.asset, in: campaign)) announces \(kind.rawValue) \(named(target)), which is cancelled: drop it from 'announces', or cancel the asset")
                } else if let release = a.release, release.id != target.id, release.status == "cancelled" {
                    findings.add(self, item: campaign, at: a.asset.location, related: [a.target, release.id, a.assetName],
                                 "asset \(named(a.asset, in: campaign)) announces \(kind.rawValue) \(a.target), whose release \(named(release)) is cancelled: drop it from 'announces', or cancel the asset")
                }
            }
        }
    }
}
