/// `launch-before-release` (error): fires when a campaign that is neither a teaser nor cancelled
/// has a `launch` definitely before the `date` of a non-cancelled release it promotes, directly
/// or through an epic or story. When the order cannot be confirmed, `timing-unconfirmed` fires
/// instead. Points at `launch`; `related` is the release. Names the release's owner.
public struct LaunchBeforeReleaseRule: Rule {
    public let id = "launch-before-release"
    public let defaultSeverity = Severity.error
    public let summary = "A campaign launches before a release it promotes ships."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for (campaign, release, via, verdict) in LaunchTiming.pairs(context) where verdict == .launchesBefore {
            let gap = release.date!.firstDay - campaign.launch!.lastDay
            findings.add(self, item: campaign, at: campaign.location(of: "launch"), related: [release.id],
                         "campaign \(named(campaign)) launches \(campaign.launch!), \(days(gap)) before \(context.describe(release: release, via: via)) ships \(release.date!)\(release.owner.map { " (release owner \($0))" } ?? ""): move the launch, or mark it teaser: true")
        }
    }
}
