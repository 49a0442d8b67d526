/// How an item's start relates to the end of what it `depends-on` (SPEC §14), shared by
/// `dependency-order` and `timing-unconfirmed` so that exactly one of them speaks for each edge.
/// Finish-to-start: the start may fall on the day the dependency ends plus the lag, not before.
enum DependencyTiming {
    enum Verdict: Equatable {
        case fine
        /// Every possible start is before every possible end + lag, by at least `days`.
        case startsBefore(days: Int)
        /// Only the item's end is written, and it is already before the end + lag: whenever it
        /// starts, it starts too early.
        case endsBefore(days: Int)
        /// The coarse dates overlap so that the start may or may not come too early.
        case unconfirmed
    }

    /// The verdict for one edge: the item's start (else, for an end-only item, its end) against
    /// the dependency's end shifted by the lag.
    static func assess(start: RoadmapDate?, end: RoadmapDate?, dependencyEnd: RoadmapDate, lag: Int) -> Verdict {
        let earliest = dependencyEnd.firstDay + lag, latest = dependencyEnd.lastDay + lag
        if let start {
            if start.lastDay < earliest { return .startsBefore(days: earliest - start.lastDay) }
            return start.firstDay < latest ? .unconfirmed : .fine
        }
        // An item starts no later than it ends, so an end that is definitely too early settles it;
        // anything else says nothing about an unwritten start.
        if let end, end.lastDay < earliest { return .endsBefore(days: earliest - end.lastDay) }
        return .fine
    }

    /// Every edge to judge, with a verdict other than `fine`: neither end cancelled, the
    /// dependency's end written, the item's start (or end) written.
    static func edges(_ context: RuleContext) -> [(edge: DependencyGraph.Edge, verdict: Verdict)] {
        var out: [(DependencyGraph.Edge, Verdict)] = []
        for item in context.snapshot.items where !item.dependsOn.isEmpty && item.status != "cancelled" {
            for edge in context.dependencies.dependencies(of: item.id) where edge.item === item {
                guard edge.dependency.status != "cancelled", let end = edge.dependency.scheduleEnd else { continue }
                let verdict = assess(start: item.scheduleStart, end: item.scheduleEnd, dependencyEnd: end, lag: edge.lag)
                if verdict != .fine { out.append((edge, verdict)) }
            }
        }
        return out
    }

    /// "ends 2026-05-10" or "ends 2026-05-10, plus a lag of 14 days" for messages.
    static func describe(_ edge: DependencyGraph.Edge) -> String {
        let end = "\(edge.dependency.kind?.rawValue ?? "item") \(named(edge.dependency)) ends \(edge.dependency.scheduleEnd?.text ?? "?")"
        return edge.lag == 0 ? end : "\(end), and the lag is \(days(edge.lag))"
    }
}
