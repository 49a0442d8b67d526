/// One entry of an item's `depends-on` (SPEC §14): a plain id, or `{id: ID, lag: DAYS}`.
/// Finish-to-start: the item starts no sooner than `lag` days after the dependency ends
/// (`lag` may be negative: an overlap allowed).
public struct Dependency: Sendable {
    /// The id of the item depended on.
    public let id: String
    /// Days between the dependency's end and the item's start; 0 when not written.
    public let lag: Int
    /// Where findings about the entry point: the entry, or the `id` of a mapping entry.
    public let node: YAMLNode

    public init(id: String, lag: Int = 0, node: YAMLNode) {
        self.id = id
        self.lag = lag
        self.node = node
    }

    /// The valid entries of a `depends-on` value: string entries, and mappings whose `id` is a
    /// string and whose `lag`, when given, is an integer. Other entries are `invalid-value`s.
    static func entries(of value: YAMLNode?) -> [Dependency] {
        (value?.items ?? []).compactMap { entry in
            if let id = entry.string { return Dependency(id: id, node: entry) }
            guard entry.pairs != nil, let idNode = entry["id"], let id = idNode.string else { return nil }
            guard let lagNode = entry["lag"], lagNode.scalar != .null else { return Dependency(id: id, node: idNode) }
            guard case let .int(lag)? = lagNode.scalar else { return nil }
            return Dependency(id: id, lag: lag, node: idNode)
        }
    }
}

/// The kinds that may hold `depends-on` and be named by it.
public enum Dependencies {
    public static let kinds: [Kind] = [.epic, .story, .release, .campaign]
}

extension Item {
    /// When the item starts for `depends-on` (SPEC §14): `start`; a release's `date`; a
    /// campaign's `start`, else its `launch`. Nil when not written (or not a valid date).
    public var scheduleStart: RoadmapDate? {
        switch kind {
        case .release?: return date
        case .campaign?: return start ?? launch
        case .epic?, .story?: return start
        default: return nil
        }
    }

    /// When the item ends for `depends-on` (SPEC §14): `end`; a release's `date`; a campaign's
    /// `launch`. Nil when not written.
    public var scheduleEnd: RoadmapDate? {
        switch kind {
        case .release?: return date
        case .campaign?: return launch
        case .epic?, .story?: return end
        default: return nil
        }
    }
}
