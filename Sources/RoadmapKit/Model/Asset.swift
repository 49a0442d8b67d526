/// The type of a content piece (SPEC §13).
public enum AssetType: String, Sendable, CaseIterable {
    case blog, email, social, video, webinar, event, press, ad, landingPage = "landing-page", other
}

/// Where a content piece is in its making (SPEC §13).
public enum AssetStatus: String, Sendable, CaseIterable {
    case planned, inProgress = "in-progress", ready, published, cancelled
}

/// One entry of a campaign's `assets`: a content piece (blog post, e-mail, social post…),
/// decoded leniently like `Item`: a field is nil when absent or of the wrong type, and
/// `invalid-value` / `missing-field` report what is wrong from the nodes.
public struct Asset: Sendable {
    /// The fields an asset knows, in canonical order.
    public static let fields = ["id", "title", "type", "channel", "publish", "owner", "status", "announces", "teaser"]

    public let id: String?
    public let title: String?
    public let type: AssetType?
    public let channel: String?
    public let publish: AssetPublish?
    public let owner: String?
    /// The status as written when valid, else `planned`.
    public let status: AssetStatus
    /// Announced epic, story or release ids (string entries), with their nodes.
    public let announces: [(id: String, node: YAMLNode)]
    public let teaser: Bool
    /// The entry's node (a mapping when well-formed).
    public let node: YAMLNode

    public init(node: YAMLNode) {
        self.node = node
        func string(_ key: String) -> String? { node[key]?.string }
        id = string("id")
        title = string("title")
        type = string("type").flatMap(AssetType.init(rawValue:))
        channel = string("channel")
        publish = node["publish"].flatMap(AssetPublish.init(node:))
        owner = string("owner")
        status = string("status").flatMap(AssetStatus.init(rawValue:)) ?? .planned
        announces = (node["announces"]?.items ?? []).compactMap { n in n.string.map { ($0, n) } }
        if case let .bool(b)? = node["teaser"]?.scalar { teaser = b } else { teaser = false }
    }

    /// The asset's line, where findings on it point: its first key (`- id: …`).
    public var location: SourceLocation { node.pairs?.first?.key.location ?? node.location }

    /// Where a finding about one of its fields points: that value, else the asset's line.
    public func location(of key: String) -> SourceLocation {
        if let value = node[key], value.scalar != .null { return value.location }
        return location
    }

    /// The publish day(s) against the campaign's launch.
    public func publishDay(launch: RoadmapDate?) -> RoadmapDate? { publish?.resolved(launch: launch) }

    /// How findings and outputs name the asset: `CAMPAIGN/ASSET`.
    public func name(in campaign: Item) -> String { "\(campaign.id)/\(id ?? "?")" }
}
