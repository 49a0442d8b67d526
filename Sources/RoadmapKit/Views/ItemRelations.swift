/// The items related to one item, for its page: its children (a theme's epics, an epic's
/// stories, a release's epics and stories), the campaigns promoting it (directly, or through
/// its release), and what it promotes (for a campaign).
public struct ItemRelations: Sendable {
    public var children: [Item]
    public var promotedBy: [Item]
    public var promotes: [Item]
    /// The item's parent: a story's epic, an epic's theme.
    public var parents: [Item]

    public init(of item: Item, in snapshot: Snapshot) {
        let all = snapshot.items.filter { $0.kind != nil }
        children = all.filter { other in
            switch item.kind {
            case .theme?: other.kind == .epic && other.theme == item.id
            case .epic?: other.kind == .story && other.epic == item.id
            case .release?: (other.kind == .epic || other.kind == .story) && other.release == item.id
            default: false
            }
        }
        promotedBy = all.filter { campaign in
            campaign.kind == .campaign && campaign.promotes.contains { promoted in
                promoted.id == item.id || (item.kind == .release && snapshot[promoted.id].flatMap(snapshot.effectiveRelease(of:)) == item.id)
            }
        }
        promotes = item.promotes.compactMap { snapshot[$0.id] }
        parents = [item.epic, item.theme].compactMap { $0 }.compactMap { snapshot[$0] }
    }
}
