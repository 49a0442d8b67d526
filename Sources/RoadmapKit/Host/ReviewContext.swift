/// What a pull-request comment or a notification adds to a review's findings: the releases the
/// change moved, and who owns each item (the findings name items by id only).
public struct ReviewContext: Sendable {
    public var moves: [ReleaseMove]
    /// Item id → owner, from the head state, else the base (for items the change removed).
    public var owners: [String: String]

    public init(moves: [ReleaseMove] = [], owners: [String: String] = [:]) {
        self.moves = moves
        self.owners = owners
    }

    public static let empty = ReviewContext()

    public init(base: Snapshot?, head: Snapshot, config: RoadmapConfig, today: RoadmapDate) {
        var owners: [String: String] = [:]
        for item in base?.items ?? [] { if let owner = item.owner { owners[item.id] = owner } }
        for item in head.items { if let owner = item.owner { owners[item.id] = owner } }
        self.init(moves: base.map { ReleaseMove.moves(base: $0, head: head, config: config, today: today) } ?? [], owners: owners)
    }
}

extension Workspace {
    /// The context of the review of `scope` (both snapshots read in full).
    public func reviewContext(_ scope: ReviewScope, today: RoadmapDate) throws -> ReviewContext {
        let (base, head, _) = try states(for: scope)
        let headSnapshot = try snapshot(head)
        let baseSnapshot = try base.map { try snapshot(.commit($0)) }
        return ReviewContext(base: baseSnapshot, head: headSnapshot, config: config, today: today)
    }
}
