/// `asset-outside-campaign` (warning): fires when an asset that is not cancelled, of a campaign
/// that is not cancelled, publishes definitely before the campaign's `start` or definitely
/// after its `end` (a relative publish day resolved against the launch; an overlap of coarse
/// dates does not fire). Points at the asset's line; `related` is `CAMPAIGN/ASSET`.
public struct AssetOutsideCampaignRule: Rule {
    public let id = "asset-outside-campaign"
    public let defaultSeverity = Severity.warning
    public let summary = "A content piece publishes outside its campaign's start…end."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for campaign in context.snapshot.items where campaign.kind == .campaign && campaign.status != "cancelled" {
            guard campaign.start != nil || campaign.end != nil else { continue }
            for (asset, day) in campaign.scheduledAssets where asset.status != .cancelled {
                guard let day else { continue }
                let side: String
                if let start = campaign.start, day.definitelyBefore(start) {
                    side = "before the campaign starts \(start)"
                } else if let end = campaign.end, day.definitelyAfter(end) {
                    side = "after the campaign ends \(end)"
                } else {
                    continue
                }
                findings.add(self, item: campaign, at: asset.location, related: [asset.name(in: campaign)],
                             "asset \(named(asset, in: campaign)) publishes \(AssetTiming.describe(asset, day: day)), \(side): move the publish day, or widen the campaign's start…end")
            }
        }
    }
}
