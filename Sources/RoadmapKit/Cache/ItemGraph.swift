/// The references of one item file, as the cross-item rules follow them: what the review cache
/// keeps of every file so that a change can be reviewed without reading the files it does not
/// touch (Cache/CachedReview.swift).
struct GraphEntry: Sendable, Equatable {
    let path: String
    /// The item id (`ItemID.fromPath`), computed once.
    let id: String
    /// False for a file that did not parse (a `parse-error` or `unsupported-yaml` failure).
    let parsed: Bool
    /// The kind, when the file names a valid one.
    let kind: Kind?
    let theme: String?
    let epic: String?
    let release: String?
    let promotes: [String]
    /// The ids of its `depends-on` entries: `dependency-order`, `-cycle` and `-cancelled` read them.
    let dependsOn: [String]
    /// The ids its shown texts may name (`IDMentions`): `visibility-leak` reads those items.
    let mentions: [String]
    /// The references of SPEC §13: `goals`, a campaign's `program`, its assets' `announces`.
    let links: [String]
    /// Every id the file names, whatever its kind (a superset of what the rules follow),
    /// mentions in its texts included.
    let targets: [String]

    init(path: String, id: String? = nil, parsed: Bool, kind: Kind?, theme: String?, epic: String?, release: String?, promotes: [String],
         dependsOn: [String] = [], mentions: [String] = [], links: [String] = []) {
        self.path = path
        self.id = id ?? ItemID.fromPath(path)
        self.parsed = parsed
        self.kind = kind
        self.theme = theme
        self.epic = epic
        self.release = release
        self.promotes = promotes
        self.dependsOn = dependsOn
        self.mentions = mentions
        self.links = links
        targets = promotes + [theme, epic, release].compactMap { $0 } + dependsOn + mentions + links
    }

    init(_ item: Item) {
        self.init(path: item.path, parsed: true, kind: item.kind, theme: item.theme, epic: item.epic,
                  release: item.release, promotes: item.promotes.map(\.id), dependsOn: item.dependsOn.map(\.id),
                  mentions: IDMentions.candidates(of: item), links: GraphEntry.links(of: item))
    }

    /// The §13 ids an item names: its goals, program, and what its assets announce.
    static func links(of item: Item) -> [String] {
        item.goals.map(\.id) + [item.program].compactMap { $0 } + item.assets.flatMap { $0.announces.map(\.id) }
    }

    /// The entries of a snapshot's files, sorted by path.
    static func entries(of snapshot: Snapshot) -> [GraphEntry] {
        var out = snapshot.items.map(GraphEntry.init)
        for failure in snapshot.failures {
            out.append(GraphEntry(path: failure.path, parsed: false, kind: nil, theme: nil, epic: nil, release: nil, promotes: []))
        }
        out.sort { $0.path < $1.path }
        return out
    }
}

/// Entries by index, looked up by id and by each id they name: what a graph made by replacing
/// some of another's entries reads of that other.
protocol ItemGraphStore {
    /// Calls `body` with the index and entry of every entry of the id.
    func forEachStoredEntry(ofID id: String, _ body: (Int, GraphEntry) -> Void)
    /// Calls `body` with the index and entry of every entry that names the id.
    func forEachStoredReferrer(of target: String, _ body: (Int, GraphEntry) -> Void)
}

extension ItemGraph: ItemGraphStore {
    func forEachStoredEntry(ofID id: String, _ body: (Int, GraphEntry) -> Void) {
        for index in byID[id] ?? [] { body(index, entries[index]) }
    }

    func forEachStoredReferrer(of target: String, _ body: (Int, GraphEntry) -> Void) {
        for index in referrers[target] ?? [] { body(index, entries[index]) }
    }
}

/// Which items' findings can depend on which, over one state's `GraphEntry`s.
///
/// Every cross-item rule of SPEC §7 and §13 reads, for an item X, only items reachable from X by
/// references (a campaign → the promoted story → its epic → the epic's release; a story → its
/// epic and release; an epic → its theme and release; a campaign → its program, goals and the items
/// its assets announce; any item → what it `depends-on`, whose dependencies a cycle reaches), and items from which X is reachable
/// (a release's children and the campaigns promoting it directly or through them), plus every
/// file sharing an id with those. So X's findings can change only if some changed id lies in
/// `forward(X) ∪ reverse(X)` in either state, which is the same as X lying in
/// `forward(changed) ∪ reverse(changed)`. Both closures follow every reference whatever the
/// kinds, which only ever makes them larger than needed.
struct ItemGraph {
    private let entries: [GraphEntry]
    /// Entry indices by id (several files may share one), and by each id they name.
    private let byID: [String: [Int]]
    private let referrers: [String: [Int]]
    /// For a graph made from another by replacing some files (`init(_:removing:adding:)`):
    /// that graph and the indices of its entries left out; `entries` are the ones added.
    private let base: Base?

    private final class Base {
        let graph: any ItemGraphStore
        let removed: Set<Int>
        init(graph: any ItemGraphStore, removed: Set<Int>) {
            self.graph = graph
            self.removed = removed
        }
    }

    // The edge maps cost one pass over the entries; the closures then visit only what they
    // reach. (Scanning every entry once per step of depth instead, as the review did before,
    // hashed each of 10,000 ids a dozen times per hook run: 14 % of it.)
    init(_ entries: [GraphEntry]) {
        self.entries = entries
        var byID: [String: [Int]] = [:]
        var referrers: [String: [Int]] = [:]
        byID.reserveCapacity(entries.count)
        referrers.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            byID[entry.id, default: []].append(index)
            for target in entry.targets { referrers[target, default: []].append(index) }
        }
        self.byID = byID
        self.referrers = referrers
        base = nil
    }

    /// The graph of `base`'s entries without those at `removed`, plus `added`: equal to the
    /// graph of that list sorted by path, at the cost of the change (the edge maps of `base`
    /// are shared, not rebuilt). `base` must not itself be made this way.
    init(_ base: ItemGraph, removing removed: Set<Int>, adding added: [GraphEntry]) {
        precondition(base.base == nil, "ItemGraph: one level of replacement only")
        self.init(ItemGraph(added), base: Base(graph: base, removed: removed))
    }

    /// The same over entries kept elsewhere (a review cache file read in place): only the
    /// entries the closures reach are ever decoded.
    init(_ base: any ItemGraphStore, removing removed: Set<Int>, adding added: [GraphEntry]) {
        self.init(ItemGraph(added), base: Base(graph: base, removed: removed))
    }

    private init(_ added: ItemGraph, base: Base) {
        entries = added.entries
        byID = added.byID
        referrers = added.referrers
        self.base = base
    }

    /// Calls `body` with every entry of the id.
    private func forEachEntry(ofID id: String, _ body: (GraphEntry) -> Void) {
        if let base {
            base.graph.forEachStoredEntry(ofID: id) { index, entry in if !base.removed.contains(index) { body(entry) } }
        }
        for index in byID[id] ?? [] { body(entries[index]) }
    }

    /// Calls `body` with every entry that names the id.
    private func forEachReferrer(of target: String, _ body: (GraphEntry) -> Void) {
        if let base {
            base.graph.forEachStoredReferrer(of: target) { index, entry in if !base.removed.contains(index) { body(entry) } }
        }
        for index in referrers[target] ?? [] { body(entries[index]) }
    }

    /// Ids reachable from `ids` by references (`ids` excluded unless on a cycle).
    func forward(_ ids: Set<String>) -> Set<String> {
        var seen = Set<String>()
        var frontier = ids
        while !frontier.isEmpty {
            var next = Set<String>()
            for id in frontier {
                forEachEntry(ofID: id) { entry in
                    for target in entry.targets where seen.insert(target).inserted { next.insert(target) }
                }
            }
            frontier = next
        }
        return seen
    }

    /// Whether some file of this state has the id.
    func hasItem(_ id: String) -> Bool {
        var found = false
        forEachEntry(ofID: id) { _ in found = true }
        return found
    }

    /// Ids from which one of `ids` is reachable.
    func reverse(_ ids: Set<String>) -> Set<String> {
        var seen = Set<String>()
        var frontier = ids
        while !frontier.isEmpty {
            var next = Set<String>()
            for target in frontier {
                forEachReferrer(of: target) { entry in
                    if seen.insert(entry.id).inserted { next.insert(entry.id) }
                }
            }
            frontier = next
        }
        return seen
    }

    /// The kind `Snapshot.byID` gives an id (its first parsed file by path): nil when no file
    /// of the id parsed, `.some(nil)` when it parsed without a valid kind.
    func kind(of id: String) -> Kind?? {
        guard base != nil else {
            for index in byID[id] ?? [] where entries[index].parsed { return .some(entries[index].kind) }
            return nil
        }
        // Entries from both lists: the first by path.
        var first: GraphEntry?
        forEachEntry(ofID: id) { entry in
            if entry.parsed, first.map({ entry.path < $0.path }) ?? true { first = entry }
        }
        guard let first else { return nil }
        return .some(first.kind)
    }
}
