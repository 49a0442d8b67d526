/// `date-order` (error): fires when an item's `end` is definitely before its `start` (points at
/// `end`), and when a campaign's `launch` is definitely before its `start` or definitely after its
/// `end` (points at `launch`). Overlapping coarse dates never fire.
public struct DateOrderRule: Rule {
    public let id = "date-order"
    public let defaultSeverity = Severity.error
    public let summary = "End before start, or a campaign launch outside its start…end."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for item in context.snapshot.items where item.kind != nil && item.kind != .release {
            if let start = item.start, let end = item.end, end.definitelyBefore(start) {
                findings.add(self, item: item, at: item.location(of: "end"),
                             "\(item.id) ends (\(end)) before it starts (\(start)): fix 'start' or 'end'")
            }
            guard item.kind == .campaign, let launch = item.launch else { continue }
            if let start = item.start, launch.definitelyBefore(start) {
                findings.add(self, item: item, at: item.location(of: "launch"),
                             "campaign \(item.id) launches (\(launch)) before its start (\(start)): move 'launch' or 'start'")
            } else if let end = item.end, launch.definitelyAfter(end) {
                findings.add(self, item: item, at: item.location(of: "launch"),
                             "campaign \(item.id) launches (\(launch)) after its end (\(end)): move 'launch' or 'end'")
            }
        }
    }
}
