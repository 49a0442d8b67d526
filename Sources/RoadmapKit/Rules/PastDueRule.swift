/// `past-due` (warning): fires when a release's `date` is definitely before today and the
/// release is not `shipped` or `cancelled` (points at `date`), and when a campaign's `launch` is
/// definitely before today and the campaign is still `proposed` or `planned` (points at `launch`).
public struct PastDueRule: Rule {
    public let id = "past-due"
    public let defaultSeverity = Severity.warning
    public let summary = "A release or launch date has passed without the item moving on."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        let today = context.today
        for item in context.snapshot.items {
            switch item.kind {
            case .release?:
                guard let date = item.date, date.definitelyBefore(today), !item.isStatus("shipped", "cancelled") else { continue }
                findings.add(self, item: item, at: item.location(of: "date"),
                             "release \(named(item)) was due \(date) and is still \(item.status): set status: shipped, or move its date")
            case .campaign?:
                guard let launch = item.launch, launch.definitelyBefore(today), item.isStatus("proposed", "planned") else { continue }
                findings.add(self, item: item, at: item.location(of: "launch"),
                             "campaign \(named(item)) was to launch \(launch) and is still \(item.status): update its status, or move its launch")
            default:
                continue
            }
        }
    }
}
