/// `unaligned` (info): fires on a campaign or epic that is not cancelled and has no goal of its
/// own (`goals`), none through its program (a campaign) and none through its theme (an epic).
/// Only in a roadmap that has at least one goal item: a roadmap that does not use goals is not
/// told about them on every item. Points at the item's `kind:`.
public struct UnalignedRule: Rule {
    public let id = "unaligned"
    public let defaultSeverity = Severity.info
    public let summary = "A campaign or epic serves no goal, directly or through its program or theme."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        let snapshot = context.snapshot
        guard snapshot.items.contains(where: { $0.kind == .goal }) else { return }
        for item in snapshot.items where item.status != "cancelled" && item.goals.isEmpty {
            let parentField: String
            let parentID: String?
            switch item.kind {
            case .campaign?: (parentField, parentID) = ("program", item.program)
            case .epic?: (parentField, parentID) = ("theme", item.theme)
            default: continue
            }
            if let parentID, let parent = snapshot[parentID], !parent.goals.isEmpty { continue }
            findings.add(self, item: item, at: item.topLocation,
                         "\(item.kind?.rawValue ?? "item") \(named(item)) serves no goal, of its own or through its \(parentField): add goals: [GOAL], or a \(parentField) that has goals")
        }
    }
}
