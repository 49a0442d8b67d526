/// `roadmap board`: Kanban columns by status, in workflow order, each card with its owner.
/// With a kind, every status of that kind is a column (empty ones too); without, the columns
/// are the statuses in use, in the order of the kinds' workflows.
public struct Board: Sendable {
    public struct Card: Sendable, Equatable {
        public var id: String
        public var kind: Kind
        public var title: String
        public var owner: String?
    }

    public struct Column: Sendable {
        public var status: String
        public var cards: [Card]
    }

    public var columns: [Column]
    /// The kind the board shows (`--kind`), or nil for every kind.
    public var kind: Kind?

    /// Statuses of every kind in one workflow order.
    static let workflow = ["proposed", "planned", "active", "in-progress", "live", "shipped", "done", "achieved", "missed", "cancelled"]

    public init(_ snapshot: Snapshot, kind: Kind? = nil) {
        self.kind = kind
        let items = snapshot.items.filter { $0.kind != nil && (kind == nil || $0.kind == kind) }
        var order = kind?.statuses ?? Board.workflow.filter { status in items.contains { $0.status == status } }
        for item in items where !order.contains(item.status) { order.append(item.status) }
        columns = order.map { status in
            Column(status: status, cards: items.filter { $0.status == status }
                .sorted { ($0.kind!, $0.id) < ($1.kind!, $1.id) }
                .map { Card(id: $0.id, kind: $0.kind!, title: $0.title ?? $0.id, owner: $0.owner) })
        }
    }
}
