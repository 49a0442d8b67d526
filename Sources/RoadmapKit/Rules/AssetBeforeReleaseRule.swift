/// `asset-before-release` (error): fires when an asset of a campaign that is not cancelled, the
/// asset neither cancelled nor a teaser (nor of a teaser campaign), publishes definitely before
/// the date of a non-cancelled release it announces, directly or through an epic or story. A
/// relative publish day (`launch-14d`) is resolved against the campaign's launch. When the
/// order cannot be told (coarse dates), `timing-unconfirmed` fires instead. Points at the
/// asset's line; `related` is the release and `CAMPAIGN/ASSET`. Names the asset's owner.
public struct AssetBeforeReleaseRule: Rule {
    public let id = "asset-before-release"
    public let defaultSeverity = Severity.error
    public let summary = "A content piece publishes before a release it announces ships."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for pair in AssetTiming.pairs(context) where pair.verdict == .launchesBefore {
            let a = pair.announcement, release = pair.release
            let gap = release.date!.firstDay - pair.publish.lastDay
            findings.add(self, item: a.campaign, at: a.asset.location, related: [release.id, a.assetName],
                         "asset \(named(a.asset, in: a.campaign)) publishes \(AssetTiming.describe(a.asset, day: pair.publish)), \(days(gap)) before \(context.describe(release: release, via: pair.via)) ships \(release.date!)\(release.owner.map { " (release owner \($0))" } ?? ""): move the publish day, or mark the asset teaser: true")
        }
    }
}
