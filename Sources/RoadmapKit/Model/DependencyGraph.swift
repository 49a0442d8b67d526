/// The `depends-on` edges of a snapshot resolved to items (SPEC §14), for the dependency rules,
/// `roadmap impact` and `roadmap forecast`. An edge exists when both ends are items of a kind
/// that holds `depends-on` (the reference rules report the others). Built once per snapshot:
/// a pass over the items, and Tarjan's algorithm (iterative, so a long chain cannot overflow
/// the stack) for the cycles.
public struct DependencyGraph: Sendable {
    /// `item` waits for `dependency`: it starts no sooner than `lag` days after it ends.
    public struct Edge: Sendable {
        public let item: Item
        public let dependency: Item
        public let lag: Int
        /// The `depends-on` entry (where findings point).
        public let node: YAMLNode
    }

    /// A cycle of `depends-on`: `ids` in order, each depending on the next and the last on the
    /// first, starting from the smallest id; `members` is every item of the strongly connected
    /// component it lies in, sorted (several cycles through the same items are one problem).
    public struct Cycle: Sendable, Equatable {
        public let ids: [String]
        public let members: [String]
    }

    private let outgoing: [String: [Edge]]
    private let incoming: [String: [Edge]]
    /// The cycles, one per strongly connected component that holds one, sorted by first id.
    public let cycles: [Cycle]

    public init(_ snapshot: Snapshot) {
        var outgoing: [String: [Edge]] = [:]
        var incoming: [String: [Edge]] = [:]
        // Items in path order; a duplicated id counts once, as `snapshot[id]` (its first file).
        for item in snapshot.items where !item.dependsOn.isEmpty && snapshot[item.id] === item {
            guard let kind = item.kind, Dependencies.kinds.contains(kind) else { continue }
            for entry in item.dependsOn {
                guard let dependency = snapshot[entry.id], let other = dependency.kind, Dependencies.kinds.contains(other) else { continue }
                let edge = Edge(item: item, dependency: dependency, lag: entry.lag, node: entry.node)
                outgoing[item.id, default: []].append(edge)
                incoming[dependency.id, default: []].append(edge)
            }
        }
        self.outgoing = outgoing
        self.incoming = incoming
        cycles = Self.findCycles(outgoing)
    }

    /// What `id` waits for, in written order.
    public func dependencies(of id: String) -> [Edge] { outgoing[id] ?? [] }

    /// The edges of the items that wait for `id`, by item id.
    public func dependents(of id: String) -> [Edge] { incoming[id] ?? [] }

    /// Whether the item lies on a cycle (its dates then have no consistent order).
    public func isOnCycle(_ id: String) -> Bool { cycles.contains { $0.members.contains(id) } }

    private static func findCycles(_ outgoing: [String: [Edge]]) -> [Cycle] {
        // Successors sorted by id, so that everything below is deterministic.
        var successors: [String: [String]] = [:]
        for (id, edges) in outgoing { successors[id] = Array(Set(edges.map(\.dependency.id))).sorted() }
        var index: [String: Int] = [:], low: [String: Int] = [:]
        var onStack = Set<String>(), stack: [String] = []
        var components: [[String]] = []
        var counter = 0
        for root in successors.keys.sorted() where index[root] == nil {
            // Each frame: a node and the position of the next successor to visit.
            var frames: [(id: String, next: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack.insert(root)
            while let frame = frames.last {
                let next = successors[frame.id] ?? []
                if frame.next < next.count {
                    frames[frames.count - 1].next += 1
                    let w = next[frame.next]
                    if index[w] == nil {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack.insert(w)
                        frames.append((w, 0))
                    } else if onStack.contains(w) {
                        low[frame.id] = min(low[frame.id]!, index[w]!)
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[parent.id] = min(low[parent.id]!, low[frame.id]!) }
                guard low[frame.id] == index[frame.id] else { continue }
                var component: [String] = []
                while let w = stack.popLast() {
                    onStack.remove(w)
                    component.append(w)
                    if w == frame.id { break }
                }
                let selfLoop = component.count == 1 && (successors[frame.id] ?? []).contains(frame.id)
                if component.count > 1 || selfLoop { components.append(component.sorted()) }
            }
        }
        return components.map { members in
            Cycle(ids: shortestCycle(through: members[0], within: Set(members), successors), members: members)
        }.sorted { $0.ids[0] < $1.ids[0] }
    }

    /// The shortest cycle from `start` back to it inside its component (breadth first over
    /// sorted successors: the same cycle on every run).
    private static func shortestCycle(through start: String, within members: Set<String>, _ successors: [String: [String]]) -> [String] {
        var parent: [String: String] = [:]
        var frontier = [start]
        while !frontier.isEmpty {
            var next: [String] = []
            for id in frontier {
                for w in successors[id] ?? [] where members.contains(w) {
                    if w == start {
                        var path = [id]
                        while let p = parent[path[0]] { path.insert(p, at: 0) }
                        return path
                    }
                    if parent[w] == nil && w != start {
                        parent[w] = id
                        next.append(w)
                    }
                }
            }
            frontier = next
        }
        return [start]
    }
}
