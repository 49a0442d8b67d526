/// A waiver on an item: `waive: {rule: reason}` or `waive: {rule: {reason: …, until: DATE}}`.
public struct Waiver: Sendable {
    public var rule: String
    public var reason: String?
    /// The expiry, when given and valid.
    public var until: RoadmapDate?
    /// The waiver's key node (where the rule id is written).
    public var keyNode: YAMLNode
    /// The `until` value node, when given.
    public var untilNode: YAMLNode?

    /// A waiver suppresses its rule unless its `until` day is before `today`.
    public func isExpired(today: RoadmapDate) -> Bool {
        guard let until else { return false }
        return until.definitelyBefore(today)
    }
}

/// One item file of a snapshot, decoded leniently: typed accessors are nil when a field is
/// absent, null or invalid; the structural rules report what is wrong from the raw nodes.
///
/// A class: the rules pass items around in indexes and lists, and copying a struct of this
/// size cost a retain and release per field on every copy (measured: a third of a review).
public final class Item: Sendable {
    /// The file name without extension.
    public let id: String
    /// Repository-relative path.
    public let path: String
    /// The top-level node of the file.
    public let node: YAMLNode
    /// The kind, when `kind:` names one of the five.
    public let kind: Kind?
    /// The top-level pairs whose key is a string, in document order, with `null` values included.
    /// Computed on each call (the rules never need it; listings and diffs do).
    public var fields: [(key: String, value: YAMLValue)] {
        (node.pairs ?? []).compactMap { pair in pair.key.string.map { ($0, pair.value.data) } }
    }
    /// Value nodes by key (the first pair wins; the parser refuses duplicate keys).
    public let valueNodes: [String: YAMLNode]
    /// Key nodes by key.
    public let keyNodes: [String: YAMLNode]

    public let title: String?
    /// The status as written when it is a string, else `planned`.
    public let status: String
    public let owner: String?
    public let description: String?
    public let tags: [String]
    public let waivers: [Waiver]

    // Kind-specific fields (nil when absent or not of the right type).
    public let horizon: Horizon?
    public let theme: String?
    public let epic: String?
    public let release: String?
    public let start: RoadmapDate?
    public let end: RoadmapDate?
    public let date: RoadmapDate?
    public let version: String?
    /// The tier, `minor` when absent or invalid.
    public let tier: Tier
    /// The effective marketing requirement: as written, else `required` for major releases and `optional` otherwise.
    public let marketing: Marketing
    /// Promoted ids (string entries only) with the entry's node.
    public let promotes: [(id: String, node: YAMLNode)]
    public let launch: RoadmapDate?
    public let channels: [String]
    public let audience: String?
    public let teaser: Bool
    /// The valid entries of `depends-on` (SPEC §14), in written order.
    public let dependsOn: [Dependency]

    public init(id: String, path: String, node: YAMLNode) {
        self.id = id
        self.path = path
        self.node = node
        var values: [String: YAMLNode] = [:]
        var keys: [String: YAMLNode] = [:]
        for pair in node.pairs ?? [] {
            guard let key = pair.key.string else { continue }
            if values[key] == nil {
                values[key] = pair.value
                keys[key] = pair.key
            }
        }
        self.valueNodes = values
        self.keyNodes = keys

        func string(_ key: String) -> String? { values[key]?.string }
        func date(_ key: String) -> RoadmapDate? { values[key].flatMap(Item.date(of:)) }
        func strings(_ key: String) -> [String] { values[key]?.items?.compactMap(\.string) ?? [] }

        self.kind = string("kind").flatMap(Kind.init(rawValue:))
        self.title = string("title")
        self.status = string("status") ?? Kind.defaultStatus
        self.owner = string("owner")
        self.description = string("description")
        self.tags = strings("tags")
        self.horizon = string("horizon").flatMap(Horizon.init(rawValue:))
        self.theme = string("theme")
        self.epic = string("epic")
        self.release = string("release")
        self.start = date("start")
        self.end = date("end")
        self.date = date("date")
        self.version = string("version")
        let tier = string("tier").flatMap(Tier.init(rawValue:)) ?? .minor
        self.tier = tier
        self.marketing = string("marketing").flatMap(Marketing.init(rawValue:)) ?? (tier == .major ? .required : .optional)
        self.promotes = (values["promotes"]?.items ?? []).compactMap { n in n.string.map { ($0, n) } }
        self.launch = date("launch")
        self.channels = strings("channels")
        self.audience = string("audience")
        if case let .bool(b)? = values["teaser"]?.scalar { self.teaser = b } else { self.teaser = false }
        self.dependsOn = Dependency.entries(of: values["depends-on"])

        var waivers: [Waiver] = []
        for pair in values["waive"]?.pairs ?? [] {
            guard let rule = pair.key.string else { continue }
            var waiver = Waiver(rule: rule, reason: nil, until: nil, keyNode: pair.key, untilNode: nil)
            if let reason = pair.value.string {
                waiver.reason = reason
            } else if pair.value.pairs != nil {
                waiver.reason = pair.value["reason"]?.string
                waiver.untilNode = pair.value["until"]
                waiver.until = pair.value["until"].flatMap(Item.date(of:))
            }
            waivers.append(waiver)
        }
        self.waivers = waivers
    }

    /// A date field's value: a date string, or a plain year written as an integer (`2027`).
    public static func date(of node: YAMLNode) -> RoadmapDate? {
        switch node.scalar {
        case let .string(s)?: return RoadmapDate(s)
        case let .int(n)? where (1...9999).contains(n):
            return RoadmapDate(String(repeating: "0", count: 4 - String(n).count) + String(n))
        default: return nil
        }
    }

    /// The value node of a field when it is present and not null.
    public func value(_ key: String) -> YAMLNode? {
        guard let n = valueNodes[key] else { return nil }
        if case .scalar(.null, _) = n.content { return nil }
        return n
    }

    /// Where a finding about `key` points: the field's value, else the item's start.
    public func location(of key: String) -> SourceLocation {
        value(key)?.location ?? keyNodes[key]?.location ?? topLocation
    }

    /// The item's own position: its `kind:` key when present, else the top of the file.
    public var topLocation: SourceLocation {
        keyNodes["kind"]?.location ?? node.pairs?.first?.key.location ?? node.location
    }

    /// Whether the status is one of `statuses`.
    public func isStatus(_ statuses: String...) -> Bool { statuses.contains(status) }

    /// `@owner`-style mention for messages: " (owner: x)" or "".
    var ownerNote: String { owner.map { " (owner \($0))" } ?? "" }
}
