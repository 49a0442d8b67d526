/// `shipped-with-open-work` (warning): fires on a `shipped` release once for each epic or story
/// whose effective release it is and whose status is neither `done` nor `cancelled`. Points at
/// the release's `status`; `related` is the open epic or story, whose owner is named.
public struct ShippedWithOpenWorkRule: Rule {
    public let id = "shipped-with-open-work"
    public let defaultSeverity = Severity.warning
    public let summary = "A shipped release still has open epics or stories."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for release in context.snapshot.items where release.kind == .release && release.status == "shipped" {
            for child in context.childrenByRelease[release.id] ?? [] where !child.isStatus("done", "cancelled") {
                findings.add(self, item: release, at: release.location(of: "status"), related: [child.id],
                             "release \(release.id) is shipped but \(child.kind!.rawValue) \(named(child)) is \(child.status): mark it done or cancelled, or move it to a later release")
            }
        }
    }
}
