/// `dependency-cancelled` (warning): fires on a `depends-on` entry of an item that is not
/// cancelled when the item it names is `cancelled`: the work waited for will not come. Points at
/// the entry; `related` is the cancelled item.
public struct DependencyCancelledRule: Rule {
    public let id = "dependency-cancelled"
    public let defaultSeverity = Severity.warning
    public let summary = "An item depends on a cancelled item."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for item in context.snapshot.items where !item.dependsOn.isEmpty && item.status != "cancelled" {
            for edge in context.dependencies.dependencies(of: item.id) where edge.item === item && edge.dependency.status == "cancelled" {
                findings.add(self, item: item, at: edge.node.location, related: [edge.dependency.id],
                             "\(item.kind?.rawValue ?? "item") \(named(item)) depends on \(edge.dependency.kind?.rawValue ?? "item") \(named(edge.dependency)), which is cancelled: drop it from 'depends-on', or replan the item")
            }
        }
    }
}
