/// `goal-one-sided` (warning): fires on a goal that is not cancelled when the items naming it in
/// their `goals` (not cancelled) are all product items (themes, epics) or all marketing items
/// (campaigns, programs): a common goal needs both sides. A goal nobody names does not fire.
/// Points at the goal's `kind:`; `related` holds the items that name it.
public struct GoalOneSidedRule: Rule {
    public let id = "goal-one-sided"
    public let defaultSeverity = Severity.warning
    public let summary = "A goal is supported only by product items or only by marketing items."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        var supporters: [String: [Item]] = [:]
        for item in context.snapshot.items where item.status != "cancelled" {
            guard let kind = item.kind, [.theme, .epic, .campaign, .program].contains(kind) else { continue }
            for goal in Set(item.goals.map(\.id)) { supporters[goal, default: []].append(item) }
        }
        for goal in context.snapshot.items where goal.kind == .goal && goal.status != "cancelled" {
            guard let items = supporters[goal.id], !items.isEmpty else { continue }
            let product = items.filter { $0.kind == .theme || $0.kind == .epic }
            let marketing = items.filter { $0.kind == .campaign || $0.kind == .program }
            guard product.isEmpty || marketing.isEmpty else { continue }
            let (side, missing) = product.isEmpty ? ("marketing", "a theme or epic") : ("product", "a campaign or program")
            findings.add(self, item: goal, at: goal.topLocation, related: items.map(\.id),
                         "goal \(named(goal)) is supported only by \(side) items (\(items.map(\.id).sorted().joined(separator: ", "))): name it in the goals of \(missing) too, so that product and marketing share it")
        }
    }
}
