/// `timing-unconfirmed` (warning): fires, instead of `launch-before-release` or `launch-lag`, when
/// the coarse dates (§5) of a campaign's `launch` and a promoted release's `date` allow both a
/// timing that breaks the rule and one that does not, e.g. launch `2026-06` and release
/// `2026-06-15`. Same scope as those rules. Points at `launch`; `related` is the release.
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
    }
}
