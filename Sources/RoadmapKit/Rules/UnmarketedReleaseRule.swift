/// `unmarketed-release` (warning): fires on a release that is not cancelled, whose `marketing` is
/// `required` (written, or by default because its `tier` is `major`), and that no campaign other
/// than a cancelled one promotes, directly or through its epics and stories. Points at
/// `marketing`, else `tier`, else the item.
public struct UnmarketedReleaseRule: Rule {
    public let id = "unmarketed-release"
    public let defaultSeverity = Severity.warning
    public let summary = "A release that requires marketing is promoted by no campaign."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for release in context.snapshot.items where release.kind == .release && release.marketing == .required && release.status != "cancelled" {
            guard (context.campaignsByRelease[release.id] ?? []).isEmpty else { continue }
            let location = release.value("marketing")?.location ?? release.value("tier")?.location ?? release.topLocation
            let why = release.value("marketing") != nil ? "marketing: required" : "a major release, so marketing is required"
            findings.add(self, item: release, at: location,
                         "release \(named(release)) is \(why), but no campaign promotes it: plan a campaign, or set marketing: optional")
        }
    }
}
