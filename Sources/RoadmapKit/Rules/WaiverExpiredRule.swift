/// `waiver-expired` (warning): fires on every waiver whose `until` is definitely before today
/// (a waiver is good through its `until` day). An expired waiver no longer suppresses its rule.
/// Points at the `until` value; `related` is empty.
public struct WaiverExpiredRule: Rule {
    public let id = "waiver-expired"
    public let defaultSeverity = Severity.warning
    public let summary = "A waiver's until date has passed."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for item in context.snapshot.items {
            for waiver in item.waivers where waiver.isExpired(today: context.today) {
                let reason = waiver.reason.map { " (\"\($0)\")" } ?? ""
                findings.add(self, item: item, at: waiver.untilNode?.location ?? waiver.keyNode.location,
                             "the waiver of '\(waiver.rule)'\(reason) expired on \(waiver.until!): renew its 'until' or remove it\(item.owner.map { "; owner \($0)" } ?? "")")
            }
        }
    }
}
