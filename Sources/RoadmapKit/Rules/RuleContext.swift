/// What a rule sees: the snapshot under review, its indexes, the configuration, today, and the
/// base snapshot for diff-aware rules. Built once per snapshot; every index is a dictionary, so
/// rules stay linear in the number of items.
public final class RuleContext: Sendable {
    /// One entry of a campaign's `promotes`, resolved.
    public struct Promotion: Sendable {
        /// The id as written in `promotes`.
        public let target: String
        /// The entry's node (where findings about it point).
        public let node: YAMLNode
        /// The promoted item, when it exists.
        public let item: Item?
        /// The release the entry promotes: the item itself when it is a release, else the
        /// effective release of the promoted epic or story (nil when there is none).
        public let releaseID: String?
        /// That release, when it exists and is a release.
        public let release: Item?
    }

    /// One entry of an asset's `announces` (SPEC §13), resolved like a promotion.
    public struct Announcement: Sendable {
        public let campaign: Item
        public let asset: Asset
        /// The id as written in `announces`, and its node.
        public let target: String
        public let node: YAMLNode
        /// The announced item, when it exists.
        public let item: Item?
        /// The release it announces: the item when it is a release, else its effective release.
        public let releaseID: String?
        public let release: Item?

        /// Whether the asset may go out before the release: it is a teaser, or its campaign is.
        public var isTeaser: Bool { asset.teaser || campaign.teaser }
        /// `CAMPAIGN/ASSET`.
        public var assetName: String { asset.name(in: campaign) }
    }

    public let snapshot: Snapshot
    public let base: Snapshot?
    public let config: RoadmapConfig
    public let today: RoadmapDate
    /// Resolved `promotes` entries of each campaign, by campaign path.
    public let promotions: [String: [Promotion]]
    /// Non-cancelled campaigns (by path) that promote each release, directly or through epics/stories.
    public let campaignsByRelease: [String: [Item]]
    /// Epics and stories whose effective release is each release id.
    public let childrenByRelease: [String: [Item]]
    /// Resolved `announces` entries of every asset of each campaign, by campaign path.
    public let announcements: [String: [Announcement]]
    /// Announcements of each release (directly or through its epics and stories) by assets
    /// that are not cancelled, of campaigns that are not cancelled.
    public let announcementsByRelease: [String: [Announcement]]

    public init(snapshot: Snapshot, base: Snapshot? = nil, config: RoadmapConfig, today: RoadmapDate) {
        self.snapshot = snapshot
        self.base = base
        self.config = config
        self.today = today
        var promotions: [String: [Promotion]] = [:]
        var campaignsByRelease: [String: [Item]] = [:]
        var childrenByRelease: [String: [Item]] = [:]
        var announcements: [String: [Announcement]] = [:]
        var announcementsByRelease: [String: [Announcement]] = [:]
        func releaseOf(_ target: String) -> (item: Item?, releaseID: String?, release: Item?) {
            let named = snapshot[target]
            let releaseID: String?
            switch named?.kind {
            case .release?: releaseID = target
            case .epic?, .story?: releaseID = named.flatMap(snapshot.effectiveRelease(of:))
            default: releaseID = nil
            }
            let release = releaseID.flatMap { snapshot[$0] }.flatMap { $0.kind == .release ? $0 : nil }
            return (named, releaseID, release)
        }
        for item in snapshot.items {
            switch item.kind {
            case .campaign?:
                var list: [Promotion] = []
                var seen = Set<String>()
                for (target, node) in item.promotes {
                    let promoted = snapshot[target]
                    let releaseID: String?
                    switch promoted?.kind {
                    case .release?: releaseID = target
                    case .epic?, .story?: releaseID = snapshot.effectiveRelease(of: promoted!)
                    default: releaseID = nil
                    }
                    let release = releaseID.flatMap { snapshot[$0] }.flatMap { $0.kind == .release ? $0 : nil }
                    list.append(Promotion(target: target, node: node, item: promoted, releaseID: releaseID, release: release))
                    if let releaseID, item.status != "cancelled", seen.insert(releaseID).inserted {
                        campaignsByRelease[releaseID, default: []].append(item)
                    }
                }
                promotions[item.path] = list
                var announced: [Announcement] = []
                for asset in item.assets {
                    for (target, node) in asset.announces {
                        let (named, releaseID, release) = releaseOf(target)
                        let a = Announcement(campaign: item, asset: asset, target: target, node: node, item: named,
                                             releaseID: releaseID, release: release)
                        announced.append(a)
                        if let releaseID, item.status != "cancelled", asset.status != .cancelled {
                            announcementsByRelease[releaseID, default: []].append(a)
                        }
                    }
                }
                if !announced.isEmpty { announcements[item.path] = announced }
            case .epic?, .story?:
                if let releaseID = snapshot.effectiveRelease(of: item) {
                    childrenByRelease[releaseID, default: []].append(item)
                }
            default:
                break
            }
        }
        self.promotions = promotions
        self.campaignsByRelease = campaignsByRelease
        self.childrenByRelease = childrenByRelease
        self.announcements = announcements
        self.announcementsByRelease = announcementsByRelease
    }

    /// The resolved announcements of a campaign's assets.
    public func announcements(of campaign: Item) -> [Announcement] { announcements[campaign.path] ?? [] }

    /// The resolved promotions of a campaign.
    public func promotions(of campaign: Item) -> [Promotion] { promotions[campaign.path] ?? [] }

    /// The distinct dated releases a campaign promotes, each with the promoted ids that lead to it.
    public func promotedReleases(of campaign: Item) -> [(release: Item, via: [String])] {
        var order: [String] = []
        var via: [String: [String]] = [:]
        var releases: [String: Item] = [:]
        for p in promotions(of: campaign) {
            guard let release = p.release else { continue }
            if releases[release.id] == nil {
                order.append(release.id)
                releases[release.id] = release
            }
            if p.target != release.id { via[release.id, default: []].append(p.target) }
        }
        return order.map { (releases[$0]!, via[$0] ?? []) }
    }

    /// "release x" or "release x (through epic y)" for messages.
    func describe(release: Item, via: [String]) -> String {
        guard !via.isEmpty else { return "release \(release.id)" }
        let names = via.map { id in snapshot[id].flatMap(\.kind).map { "\($0.rawValue) \(id)" } ?? id }
        return "release \(release.id) (through \(names.joined(separator: ", ")))"
    }
}

/// "x (owner @a)" for messages naming an item and its owner.
func named(_ item: Item) -> String {
    item.owner.map { "\(item.id) (owner \($0))" } ?? "\(item.id) (no owner)"
}

/// "1 day" / "3 days".
func days(_ n: Int) -> String { n == 1 || n == -1 ? "\(n) day" : "\(n) days" }
