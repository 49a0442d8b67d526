/// The references of one item file, as the cross-item rules follow them: what the review cache
/// keeps of every file so that a change can be reviewed without reading the files it does not
/// touch (Cache/CachedReview.swift).
struct GraphEntry: Sendable, Equatable {
    var path: String
    /// False for a file that did not parse (a `parse-error` or `unsupported-yaml` failure).
    var parsed: Bool
    /// The kind, when the file names a valid one.
    var kind: Kind?
    var theme: String?
    var epic: String?
    var release: String?
    var promotes: [String]

    var id: String { ItemID.fromPath(path) }

    init(path: String, parsed: Bool, kind: Kind?, theme: String?, epic: String?, release: String?, promotes: [String]) {
        self.path = path
        self.parsed = parsed
        self.kind = kind
        self.theme = theme
        self.epic = epic
        self.release = release
        self.promotes = promotes
    }

    init(_ item: Item) {
        self.init(path: item.path, parsed: true, kind: item.kind, theme: item.theme, epic: item.epic,
                  release: item.release, promotes: item.promotes.map(\.id))
    }

    /// Every id the file names, whatever its kind (a superset of what the rules follow).
    var targets: [String] {
        var out = promotes
        if let theme { out.append(theme) }
        if let epic { out.append(epic) }
        if let release { out.append(release) }
        return out
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

/// Which items' findings can depend on which, over one state's `GraphEntry`s.
///
/// Every cross-item rule of SPEC §7 reads, for an item X, only items reachable from X by
/// references (a campaign → the promoted story → its epic → the epic's release; a story → its
/// epic and release; an epic → its theme and release), and items from which X is reachable
/// (a release's children and the campaigns promoting it directly or through them), plus every
/// file sharing an id with those. So X's findings can change only if some changed id lies in
/// `forward(X) ∪ reverse(X)` in either state, which is the same as X lying in
/// `forward(changed) ∪ reverse(changed)`. Both closures follow every reference whatever the
/// kinds, which only ever makes them larger than needed.
struct ItemGraph {
    private var forwardEdges: [String: [String]] = [:]
    private var reverseEdges: [String: [String]] = [:]
    /// The kind `Snapshot.byID` gives each id (its first parsed file by path); nil: no kind.
    private(set) var kindByID: [String: Kind?] = [:]

    init(_ entries: [GraphEntry]) {
        forwardEdges.reserveCapacity(entries.count)
        reverseEdges.reserveCapacity(entries.count)
        for entry in entries {  // sorted by path: the first parsed file of an id wins, as in Snapshot
            let id = entry.id
            if entry.parsed, kindByID[id] == nil { kindByID[id] = .some(entry.kind) }
            let targets = entry.targets
            if targets.isEmpty { continue }
            forwardEdges[id, default: []].append(contentsOf: targets)
            for target in targets { reverseEdges[target, default: []].append(id) }
        }
    }

    /// Ids reachable from `ids` by references (`ids` excluded unless on a cycle).
    func forward(_ ids: Set<String>) -> Set<String> { closure(ids, forwardEdges) }

    /// Ids from which one of `ids` is reachable.
    func reverse(_ ids: Set<String>) -> Set<String> { closure(ids, reverseEdges) }

    private func closure(_ start: Set<String>, _ edges: [String: [String]]) -> Set<String> {
        var seen = Set<String>()
        var stack = Array(start)
        while let id = stack.popLast() {
            for next in edges[id] ?? [] where seen.insert(next).inserted { stack.append(next) }
        }
        return seen
    }
}
