/// `dependency-cycle` (error): fires once per cycle of `depends-on` (one item depending on
/// itself, two on each other, or a longer ring): no dates can satisfy it. Reported on the
/// cycle's smallest id, at its entry naming the next item; the message names the whole cycle
/// (`a → b → c → a`, the shortest one through that id) and any other item caught in the same
/// knot; `related` is every other item of it (the item itself for a self-dependency).
public struct DependencyCycleRule: Rule {
    public let id = "dependency-cycle"
    public let defaultSeverity = Severity.error
    public let summary = "Items depend on each other in a cycle."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        for cycle in context.dependencies.cycles {
            guard let first = context.snapshot[cycle.ids[0]] else { continue }
            let next = cycle.ids.count > 1 ? cycle.ids[1] : cycle.ids[0]
            let entry = context.dependencies.dependencies(of: first.id).first { $0.dependency.id == next }
            let ring = (cycle.ids + [cycle.ids[0]]).joined(separator: " → ")
            let others = cycle.members.filter { !cycle.ids.contains($0) }
            let also = others.isEmpty ? "" : " (\(others.joined(separator: ", ")) \(others.count == 1 ? "is" : "are") caught in it too)"
            let related = cycle.members.count == 1 ? cycle.members : cycle.members.filter { $0 != first.id }
            findings.add(self, item: first, at: entry?.node.location ?? first.location(of: "depends-on"), related: related,
                         cycle.ids.count == 1
                            ? "\(first.kind?.rawValue ?? "item") \(named(first)) depends on itself: remove \(first.id) from its 'depends-on'"
                            : "depends-on cycle \(ring)\(also): no dates can satisfy it; remove one of these entries")
        }
    }
}
