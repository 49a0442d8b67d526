/// `timing-unconfirmed` (warning): fires instead of `launch-before-release` when the coarse dates
/// (§5) of a non-teaser campaign's `launch` and a promoted release's `date` overlap so that the
/// launch may come before the release or not, e.g. launch `2026-06` and release `2026-06-15`
/// (a launch whose first day is on or after the release's last day is confirmed). Same scope as
/// `launch-before-release`. `launch-lag` fires only when certain and never turns into this rule.
/// Points at `launch`; `related` is the release. Likewise for an asset's publish day against a
/// release it announces, instead of `asset-before-release` (SPEC §13): that finding points at
/// the asset's line, and `related` also holds `CAMPAIGN/ASSET`.
public struct TimingUnconfirmedRule: Rule {
    public let id = "timing-unconfirmed"
    public let defaultSeverity = Severity.warning
    public let summary = "The order of a launch and a release date cannot be confirmed."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for (campaign, release, via, verdict) in LaunchTiming.pairs(context) {
            guard case let .unconfirmed(reason) = verdict else { continue }
            findings.add(self, item: campaign, at: campaign.location(of: "launch"), related: [release.id],
                         "cannot confirm the timing of campaign \(named(campaign)), launch \(campaign.launch!), against \(context.describe(release: release, via: via)), date \(release.date!): \(reason); give both a day (YYYY-MM-DD)")
        }
        for pair in AssetTiming.pairs(context) {
            guard case .unconfirmed = pair.verdict else { continue }
            let a = pair.announcement, release = pair.release
            findings.add(self, item: a.campaign, at: a.asset.location, related: [release.id, a.assetName],
                         "cannot confirm the timing of asset \(named(a.asset, in: a.campaign)), publish \(AssetTiming.describe(a.asset, day: pair.publish)), against \(context.describe(release: release, via: pair.via)), date \(release.date!): it may publish before the release ships; give both a day (YYYY-MM-DD)")
        }
    }
}
