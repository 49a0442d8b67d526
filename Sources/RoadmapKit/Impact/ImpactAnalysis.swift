/// What-if analysis of moving one item's dates (SPEC §14 `roadmap impact`), over a snapshot:
/// every item that would have to move, transitively, and by how much.
///
/// - A dependent (through `depends-on`) moves when its start would come before the moved
///   dependency's new end plus the lag; the slack it had absorbs part of the move (finish-to-
///   start, as `dependency-order` judges it). A dependent already too early, or whose coarse
///   dates could not be ordered, moves by the whole move of the end.
/// - The campaigns promoting a moved release (directly or through an epic or story, as the
///   rules resolve it) move with it by as many days, as `replan` moves them; and their own
///   dependents in turn.
/// - An item reached several ways (a diamond) moves by the largest of the moves asked.
///
/// - The assets of a moved campaign move with it (a dated one by its days, a relative one with
///   its launch), and dated assets announcing a moved release from a campaign that stays move
///   by the release's days (`assets`, as `replan` moves them).
///
/// Every date field of a moving item moves by the same days (`RoadmapDate.shifted`), so its
/// own dates keep their order. Children are not moved with their epic or release: those that
/// would end after their release are reported (`child-after-release`) by the use case.
public struct ImpactAnalysis: Sendable {
    public enum Reason: Sendable, Equatable {
        /// The move that was asked for.
        case asked
        /// It depends on `id`, which moved, with this lag.
        case dependsOn(id: String, lag: Int)
        /// It promotes the release `id`, which moved.
        case promotes(release: String)
    }

    public struct FieldMove: Sendable, Equatable {
        public let field: String
        public let old: RoadmapDate
        public let new: RoadmapDate
    }

    public struct Move: Sendable {
        public let item: Item
        /// The days the item had to move (its date fields move by these, coarse ones per `shifted`).
        public let days: Int
        public let reason: Reason
        /// The fields whose text changes.
        public let fields: [FieldMove]
    }

    /// The moves, the asked one first, then by kind and id.
    public let moves: [Move]
    /// The assets whose publish day moves, by campaign and asset id.
    public let assets: [AssetMove]
    /// For each moved release: the chain of moves from the asked item that decides its new date.
    public let criticalPaths: [(release: String, chain: [String])]

    /// Plans the moves of `id` by `days`.
    public init(snapshot: Snapshot, id: String, days: Int) throws {
        guard let root = snapshot[id] else { throw RoadmapError("no item '\(id)'; 'roadmap list' shows the ids") }
        guard let kind = root.kind, Dependencies.kinds.contains(kind) else {
            throw RoadmapError("'\(id)' is a \(root.kind?.rawValue ?? "file of no known kind"); impact moves an epic, story, release or campaign")
        }
        guard !Self.dateFields(of: root).isEmpty else {
            throw RoadmapError("\(root.path) has no date to move; give \(id) \(kind == .release ? "a date" : kind == .campaign ? "a launch" : "a start or end") first")
        }
        let graph = DependencyGraph(snapshot)
        if let cycle = graph.cycles.first(where: { Self.reaches(id, $0.members, graph) }) {
            throw RoadmapError("\(id)'s dependents run into the depends-on cycle \((cycle.ids + [cycle.ids[0]]).joined(separator: " → ")); break it first (roadmap review names it)")
        }
        let context = RuleContext(snapshot: snapshot, config: RoadmapConfig(), today: RoadmapDate(dayNumber: 0))

        var shift: [String: Int] = [id: days]
        var reason: [String: Reason] = [id: .asked]
        var queue = [id]
        var visits = 0
        while !queue.isEmpty {
            let current = queue.removeFirst()
            visits += 1
            // A release depending on a campaign that promotes it would push itself forever.
            if visits > 4 * (snapshot.items.count + 1) {
                throw RoadmapError("the moves from \(id) do not settle: \(current) is pushed around a loop of depends-on and promotes; review its dependencies")
            }
            guard let item = snapshot[current], let s = shift[current] else { continue }
            let fields = Self.moved(item, by: s)
            guard let oldEnd = item.scheduleEnd else { continue }
            let newEnd = fields.first { $0.field == Self.endField(of: item) }?.new ?? oldEnd
            let endDelta = newEnd.lastDay - oldEnd.lastDay
            for edge in graph.dependents(of: current) where edge.item.status != "cancelled" {
                let dependent = edge.item
                guard let start = dependent.scheduleStart ?? dependent.scheduleEnd else { continue }
                let slack = start.firstDay - (oldEnd.lastDay + edge.lag)
                let need = endDelta - max(slack, 0)
                guard need > 0, need > shift[dependent.id] ?? 0 else { continue }
                shift[dependent.id] = need
                reason[dependent.id] = .dependsOn(id: current, lag: edge.lag)
                queue.append(dependent.id)
            }
            if item.kind == .release, endDelta != 0 {
                for campaign in context.campaignsByRelease[current] ?? [] where campaign.id != id {
                    if let old = shift[campaign.id], old >= endDelta { continue }
                    shift[campaign.id] = endDelta
                    reason[campaign.id] = .promotes(release: current)
                    queue.append(campaign.id)
                }
            }
        }

        var moves: [Move] = []
        for (movedID, s) in shift {
            guard let item = snapshot[movedID], let why = reason[movedID] else { continue }
            let fields = Self.moved(item, by: s).filter { $0.old.text != $0.new.text }
            if fields.isEmpty && movedID != id { continue }
            moves.append(Move(item: item, days: s, reason: why, fields: fields))
        }
        moves.sort { a, b in
            if (a.item.id == id) != (b.item.id == id) { return a.item.id == id }
            if a.item.kind != b.item.kind, let ka = a.item.kind, let kb = b.item.kind { return ka < kb }
            return a.item.id < b.item.id
        }
        self.moves = moves
        assets = Self.assetMoves(moves, context: context)

        var paths: [(String, [String])] = []
        for move in moves where move.item.kind == .release {
            var chain = [move.item.id]
            var seen: Set<String> = [move.item.id]
            while let why = reason[chain[0]] {
                let previous: String
                switch why {
                case .asked: previous = ""
                case let .dependsOn(dependency, _): previous = dependency
                case let .promotes(release): previous = release
                }
                guard !previous.isEmpty, seen.insert(previous).inserted else { break }
                chain.insert(previous, at: 0)
            }
            paths.append((move.item.id, chain))
        }
        criticalPaths = paths
    }

    /// The item's date fields with a valid date, in the kind's order.
    static func dateFields(of item: Item) -> [(field: String, date: RoadmapDate)] {
        (item.kind?.dateFields ?? []).compactMap { field in item.value(field).flatMap(Item.date(of:)).map { (field, $0) } }
    }

    /// The field holding the item's end for `depends-on`.
    static func endField(of item: Item) -> String {
        switch item.kind {
        case .release?: return "date"
        case .campaign?: return "launch"
        default: return "end"
        }
    }

    static func moved(_ item: Item, by days: Int) -> [FieldMove] {
        dateFields(of: item).map { FieldMove(field: $0.field, old: $0.date, new: $0.date.movedKeepingPrecision(by: days)) }
    }

    /// Whether a dependent path from `id` reaches one of `members`.
    private static func reaches(_ id: String, _ members: [String], _ graph: DependencyGraph) -> Bool {
        let targets = Set(members)
        var seen: Set<String> = [id]
        var frontier = [id]
        while let next = frontier.popLast() {
            if targets.contains(next) { return true }
            for edge in graph.dependents(of: next) where seen.insert(edge.item.id).inserted { frontier.append(edge.item.id) }
        }
        return false
    }
}
