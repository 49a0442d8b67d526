/// All items of one state of the repository (a commit, the index or the working tree).
public struct Snapshot: Sendable {
    /// A file under the root that could not be parsed.
    public struct Failure: Sendable {
        public var id: String
        public var path: String
        public var rule: String
        public var message: String
        public var location: SourceLocation
    }

    /// The items root the snapshot was filtered with.
    public let root: String
    /// Every parsed item file under the root, sorted by path (duplicates included).
    public let items: [Item]
    /// Items by id; for a duplicated id, the first by path.
    public let byID: [String: Item]
    /// Files under the root that failed to parse, sorted by path.
    public let failures: [Failure]
    /// Ids held by more than one file under the root, with every path holding them (sorted).
    public let duplicates: [String: [String]]

    /// Builds a snapshot from the parsed YAML files of a state. Files outside `config.root`, and
    /// files not named `*.yaml` / `*.yml`, are ignored, so callers may pass every YAML file.
    public init(files: [ParsedFile], config: RoadmapConfig) {
        self.init(files: files, root: config.root)
    }

    public init(files: [ParsedFile], root: String) {
        self.root = root
        var items: [Item] = []
        var failures: [Failure] = []
        var pathsByID: [String: [String]] = [:]
        for file in files where Snapshot.isItemPath(file.path, root: root) {
            let id = ItemID.fromPath(file.path)
            pathsByID[id, default: []].append(file.path)
            switch file.outcome {
            case let .parsed(node):
                items.append(Item(id: id, path: file.path, node: node))
            case let .failed(rule, message, location):
                failures.append(Failure(id: id, path: file.path, rule: rule, message: message, location: location))
            }
        }
        items.sort { $0.path < $1.path }
        failures.sort { $0.path < $1.path }
        var byID: [String: Item] = [:]
        byID.reserveCapacity(items.count)
        for item in items where byID[item.id] == nil { byID[item.id] = item }
        self.items = items
        self.byID = byID
        self.failures = failures
        self.duplicates = pathsByID.filter { $0.value.count > 1 }.mapValues { $0.sorted() }
    }

    /// The number of item files (parsed or not) under the root.
    public var count: Int { items.count + failures.count }

    public subscript(id: String) -> Item? { byID[id] }

    /// True for `*.yaml` / `*.yml` files under `root` ("" = the whole repository, except `roadmap.yaml`).
    public static func isItemPath(_ path: String, root: String) -> Bool {
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return false }
        if root.isEmpty { return path != RoadmapConfig.fileName }
        // hasPrefix matches whole characters, so a longer UTF-8 form means a character more
        // (counting characters cost reviews of large roadmaps a tenth of their time).
        let prefix = root + "/"
        return path.hasPrefix(prefix) && path.utf8.count > prefix.utf8.count
    }

    /// The effective release of an epic or story (SPEC §4): its own `release`, else its epic's.
    public func effectiveRelease(of item: Item) -> String? {
        if let release = item.release { return release }
        if item.kind == .story, let epicID = item.epic, let epic = byID[epicID], epic.kind == .epic {
            return epic.release
        }
        return nil
    }
}
