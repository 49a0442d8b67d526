/// `dependency-order` (error): fires on a `depends-on` entry when the item's start (SPEC §14:
/// `start`; a release's `date`; a campaign's `start`, else `launch`) is definitely before the
/// dependency's end (`end`; a release's `date`; a campaign's `launch`) plus the entry's lag. An
/// epic or story with only an `end` fires when that end is already too early. Neither side may
/// be cancelled. When coarse dates (§5) cannot tell, `timing-unconfirmed` fires instead. Points
/// at the entry; `related` is the dependency; names both owners.
public struct DependencyOrderRule: Rule {
    public let id = "dependency-order"
    public let defaultSeverity = Severity.error
    public let summary = "An item starts before something it depends on ends."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for (edge, verdict) in DependencyTiming.edges(context) {
            let item = edge.item, kind = item.kind?.rawValue ?? "item"
            let what: String
            switch verdict {
            case let .startsBefore(gap):
                what = "starts \(item.scheduleStart!), \(days(gap)) too early"
            case let .endsBefore(gap):
                what = "ends \(item.scheduleEnd!), so it starts at least \(days(gap)) too early"
            default:
                continue
            }
            findings.add(self, item: item, at: edge.node.location, related: [edge.dependency.id],
                         "\(kind) \(named(item)) \(what): it depends on \(DependencyTiming.describe(edge)); move its dates (roadmap impact \(edge.dependency.id) shows what moves with a slip), or drop the dependency")
        }
    }
}
