/// `launch-lag` (warning): fires when a non-cancelled campaign's `launch` is definitely more than
/// `launch-lag-days` (roadmap.yaml, default 30) after the `date` of a non-cancelled release it
/// promotes. When that cannot be confirmed, `timing-unconfirmed` fires instead. Points at
/// `launch`; `related` is the release.
public struct LaunchLagRule: Rule {
    public let id = "launch-lag"
    public let defaultSeverity = Severity.warning
    public let summary = "A campaign launches long after the release it promotes."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for (campaign, release, via, verdict) in LaunchTiming.pairs(context) {
            guard case let .lagging(lag) = verdict else { continue }
            findings.add(self, item: campaign, at: campaign.location(of: "launch"), related: [release.id],
                         "campaign \(named(campaign)) launches \(campaign.launch!), \(days(lag)) after \(context.describe(release: release, via: via)) ships \(release.date!) (more than \(days(context.config.launchLagDays))): launch earlier, or waive launch-lag with a reason")
        }
    }
}
