/// The forecast of one release or campaign not yet done.
public struct ItemForecast: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var owner: String?
    /// The date as planned (release `date`, campaign `launch`).
    public var planned: RoadmapDate
    /// Day numbers of the percentiles.
    public var p50: Int
    public var p80: Int
    public var p95: Int
    public var source: SlipSource
}

/// For a campaign and a release it promotes: how often the launch came before the ship day.
public struct LaunchRisk: Sendable, Equatable {
    public var campaign: String
    public var release: String
    /// 0 … 1.
    public var probability: Double
}

/// Monte Carlo over a roadmap's dated items: each sample draws every item's slip from the
/// `SlipModel` and propagates it, in dependency order —
/// - through `promotes`: a campaign whose sampled launch falls before the sampled ship day of
///   a release it promotes follows the release (keeping its planned gap after it) when the
///   release's slip was known before the launch day (the drawn observation tells how early
///   the date that held was set); else it launches before the ship day, and counts as such;
/// - through `depends-on` (SPEC §14, finish-to-start): an item starts no sooner than LAG days
///   after its dependency's sampled end, its end moving with its start.
/// Teaser campaigns (`teaser: true`) come before their release by design: they do not follow
/// it and have no launch-before-ship figure. Releases and campaigns already done (or without a date) keep their date. An item not done
/// does not land before today.
public struct Forecaster {
    /// A link from an item to one it waits for.
    public enum Link: Sendable, Equatable {
        case promotes(String)
        case dependsOn(String, lag: Int)
    }

    struct Node {
        var id: String
        var kind: String
        var start: Int
        var end: Int
        var planned: RoadmapDate
        /// Done, cancelled or not a release/campaign/epic/story with a date: keeps its date.
        var fixed: Bool
        /// A teaser campaign is meant to come before the release: it neither follows it nor counts as early.
        var teaser: Bool
        var source: SlipSource
        var links: [(target: Int, link: Link)] = []
    }

    public static let doneStatuses: [String: Set<String>] = [
        "release": ["shipped", "cancelled"], "campaign": ["live", "done", "cancelled"],
        "epic": ["done", "cancelled"], "story": ["done", "cancelled"],
    ]

    /// `links`: the links of an item (default: a campaign's `promotes`); `labels`: theme and
    /// owner of each item, for the model's groups.
    public static func run(_ snapshot: Snapshot, today: Int, model: SlipModel, labels: [String: SlipRecord.Labels],
                           samples: Int, seed: UInt64,
                           links: (Item) -> [Link] = defaultLinks) -> (items: [ItemForecast], risks: [LaunchRisk]) {
        var nodes: [Node] = []
        var index: [String: Int] = [:]
        func add(_ item: Item) -> Int? {
            if let known = index[item.id] { return known }
            guard let kind = item.kind, let (start, end, planned) = span(of: item) else { return nil }
            let fixed = doneStatuses[kind.rawValue]?.contains(item.status) ?? true
            index[item.id] = nodes.count
            nodes.append(Node(id: item.id, kind: kind.rawValue, start: start, end: end, planned: planned, fixed: fixed,
                              teaser: item.kind == .campaign && item.teaser, source: model.source(kind: kind.rawValue, labels: labels[item.id] ?? .init())))
            return nodes.count - 1
        }
        // Releases and campaigns, then the epics and stories they wait for, transitively.
        var pending: [Item] = []
        for item in snapshot.items where snapshot.byID[item.id] === item && (item.kind == .release || item.kind == .campaign) {
            if add(item) != nil { pending.append(item) }
        }
        var cursor = 0
        while cursor < pending.count {
            let item = pending[cursor]
            cursor += 1
            guard let from = index[item.id] else { continue }
            for link in links(item) {
                let id: String
                switch link {
                case let .promotes(target), let .dependsOn(target, _): id = target
                }
                guard let target = snapshot.byID[id] else { continue }
                let known = index[id] != nil
                guard let to = add(target), to != from else { continue }
                nodes[from].links.append((to, link))
                if !known { pending.append(target) }
            }
        }
        let order = topologicalOrder(nodes)
        let count = max(1, samples)
        var drawn = Array(repeating: [Int](), count: nodes.count)
        let shown = nodes.indices.filter { !nodes[$0].fixed && (nodes[$0].kind == "release" || nodes[$0].kind == "campaign") }
        for i in shown { drawn[i].reserveCapacity(count) }
        var pairs: [Int: [Int: Int]] = [:]
        var random = SplitMix64(seed: seed)
        var value = Array(repeating: 0, count: nodes.count)
        var known = Array(repeating: Int.min, count: nodes.count)
        var done = Array(repeating: false, count: nodes.count)
        for _ in 0..<count {
            for i in done.indices { done[i] = false }
            for i in order {
                let node = nodes[i]
                var end = node.end, learned = Int.min
                if !node.fixed {
                    let (slip, lead) = model.draw(node.source, horizon: node.end - today, using: &random)
                    end = max(node.end + slip, today)
                    learned = end - lead
                }
                // depends-on: the start no sooner than the dependency's end + lag.
                for (target, link) in node.links where done[target] {
                    guard case let .dependsOn(_, lag) = link, !node.fixed else { continue }
                    let shift = value[target] + lag - node.start
                    if shift > 0, node.end + shift > end { end = max(node.end + shift, today); learned = known[target] }
                }
                // promotes: follow the release when its slip is known in time.
                for (target, link) in node.links where done[target] {
                    guard case .promotes = link, !node.fixed, !node.teaser, end < value[target], known[target] < end else { continue }
                    let gap = max(node.end - nodes[target].end, 0)
                    end = value[target] + gap
                    learned = max(learned, known[target])
                }
                value[i] = end
                known[i] = learned
                done[i] = true
                if !node.fixed && (node.kind == "release" || node.kind == "campaign") { drawn[i].append(end) }
                for (target, link) in node.links where done[target] {
                    guard case .promotes = link, !node.fixed else { continue }
                    pairs[i, default: [:]][target, default: 0] += end < value[target] ? 1 : 0
                }
            }
        }
        var forecasts: [ItemForecast] = []
        for i in shown {
            let sorted = drawn[i].sorted()
            func percentile(_ p: Int) -> Int { sorted[max(0, (p * sorted.count + 99) / 100 - 1)] }
            let node = nodes[i]
            forecasts.append(ItemForecast(id: node.id, kind: node.kind, owner: snapshot.byID[node.id]?.owner,
                                          planned: node.planned, p50: percentile(50), p80: percentile(80),
                                          p95: percentile(95), source: node.source))
        }
        var risks: [LaunchRisk] = []
        for i in nodes.indices where nodes[i].kind == "campaign" && !nodes[i].fixed && !nodes[i].teaser {
            for (target, link) in nodes[i].links {
                guard case .promotes = link, nodes[target].kind == "release",
                      !risks.contains(where: { $0.campaign == nodes[i].id && $0.release == nodes[target].id }) else { continue }
                risks.append(LaunchRisk(campaign: nodes[i].id, release: nodes[target].id,
                                        probability: Double(pairs[i]?[target] ?? 0) / Double(count)))
            }
        }
        forecasts.sort { ($0.p50, $0.id) < ($1.p50, $1.id) }
        return (forecasts, risks)
    }

    /// A campaign's `promotes`, and every item's `depends-on`.
    public static func defaultLinks(_ item: Item) -> [Link] {
        (item.kind == .campaign ? item.promotes.map { .promotes($0.id) } : [])
            + item.dependsOn.map { .dependsOn($0.id, lag: $0.lag) }
    }

    /// Start, end (day numbers, first days) and the planned date shown: a release's `date`; a
    /// campaign's `launch` (its start: `start`, else `launch`); an epic's or story's `end`
    /// (start: `start`, else `end`). nil without one.
    static func span(of item: Item) -> (start: Int, end: Int, planned: RoadmapDate)? {
        switch item.kind {
        case .release?:
            return item.date.map { ($0.firstDay, $0.firstDay, $0) }
        case .campaign?:
            guard let launch = item.launch else { return nil }
            return ((item.start ?? launch).firstDay, launch.firstDay, launch)
        case .epic?, .story?:
            guard let end = item.end else { return nil }
            return ((item.start ?? end).firstDay, end.firstDay, end)
        default:
            return nil
        }
    }

    /// Items after those they link to (Kahn's algorithm, by id among the ready ones); the
    /// items of a cycle (which `dependency-cycle` reports) come last, their cyclic links unused.
    static func topologicalOrder(_ nodes: [Node]) -> [Int] {
        var waiting = nodes.map { Set($0.links.map(\.target)).count }
        var dependents = Array(repeating: [Int](), count: nodes.count)
        for (i, node) in nodes.enumerated() {
            for target in Set(node.links.map(\.target)) { dependents[target].append(i) }
        }
        var ready = nodes.indices.filter { waiting[$0] == 0 }.sorted { nodes[$0].id > nodes[$1].id }
        var order: [Int] = []
        var placed = Array(repeating: false, count: nodes.count)
        while let i = ready.popLast() {
            order.append(i)
            placed[i] = true
            var next: [Int] = []
            for dependent in dependents[i] {
                waiting[dependent] -= 1
                if waiting[dependent] == 0 { next.append(dependent) }
            }
            if !next.isEmpty { ready = (ready + next).sorted { nodes[$0].id > nodes[$1].id } }
        }
        order += nodes.indices.filter { !placed[$0] }.sorted { nodes[$0].id < nodes[$1].id }
        return order
    }

    /// Theme and owner of each item: its own `theme` (epics), else for a release the theme
    /// most of its epics have (ties: the first by name), for a campaign its first promoted
    /// release's.
    public static func labels(of snapshot: Snapshot) -> [String: SlipRecord.Labels] {
        var themesOfRelease: [String: [String: Int]] = [:]
        for item in snapshot.items where item.kind == .epic {
            if let release = item.release, let theme = item.theme { themesOfRelease[release, default: [:]][theme, default: 0] += 1 }
        }
        func releaseTheme(_ id: String) -> String? {
            themesOfRelease[id]?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        var labels: [String: SlipRecord.Labels] = [:]
        for item in snapshot.items where labels[item.id] == nil {
            var theme = item.theme
            if theme == nil, item.kind == .release { theme = releaseTheme(item.id) }
            if theme == nil, item.kind == .campaign, let first = item.promotes.first { theme = releaseTheme(first.id) }
            labels[item.id] = SlipRecord.Labels(theme: theme, owner: item.owner)
        }
        return labels
    }
}
