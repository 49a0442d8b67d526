/// A release whose date a change moved, and the campaigns that promote it (directly or
/// through an epic or story): what a pull-request comment and a notification tell their owners.
public struct ReleaseMove: Sendable, Hashable {
    /// A campaign promoting the moved release, as the head state has it.
    public struct Campaign: Sendable, Hashable {
        public var id: String
        public var title: String?
        public var owner: String?
        public var path: String
        public var launch: String?
        /// The launch now falls definitely before the release's new date (and it is no teaser).
        public var launchesBeforeRelease: Bool
    }

    /// An asset announcing the moved release (SPEC §13), directly or through its epics and stories.
    public struct Asset: Sendable, Hashable {
        /// `CAMPAIGN/ASSET`.
        public var name: String
        public var campaign: String
        public var title: String?
        /// The asset's owner, else its campaign's: who publishes it.
        public var owner: String?
        /// The publish day as written, with the day it resolves to (`launch (2027-04-22)`).
        public var publish: String
        /// It now publishes definitely before the release's new date (and it is no teaser).
        public var publishesBeforeRelease: Bool
    }

    public var id: String
    public var title: String?
    public var owner: String?
    public var path: String
    public var old: String
    public var new: String
    /// new − old in days, when both are dates (§5: from first day to first day).
    public var days: Int?
    public var campaigns: [Campaign]
    public var assets: [Asset] = []

    /// `+35 days` / `-3 days` / `` when unknown.
    public var shift: String {
        guard let days else { return "" }
        return "\(days >= 0 ? "+" : "")\(days) day\(days == 1 || days == -1 ? "" : "s")"
    }

    /// Every release whose `date` differs between `base` and `head` (same id, a release on
    /// both sides), by id, with the head's non-cancelled campaigns promoting it.
    public static func moves(base: Snapshot, head: Snapshot, config: RoadmapConfig, today: RoadmapDate) -> [ReleaseMove] {
        let context = RuleContext(snapshot: head, config: config, today: today)
        var moves: [ReleaseMove] = []
        for release in head.items where release.kind == .release {
            guard let old = base[release.id], old.kind == .release else { continue }
            let oldText = old.value("date").map(Self.text) ?? "none", newText = release.value("date").map(Self.text) ?? "none"
            let oldDate = old.date, newDate = release.date
            if let oldDate, let newDate {
                if oldDate.firstDay == newDate.firstDay && oldDate.lastDay == newDate.lastDay { continue }
            } else if oldText == newText {
                continue
            }
            let campaigns = (context.campaignsByRelease[release.id] ?? []).sorted { $0.id < $1.id }.map { campaign in
                Campaign(id: campaign.id, title: campaign.title, owner: campaign.owner, path: campaign.path,
                         launch: campaign.launch?.text,
                         launchesBeforeRelease: !campaign.teaser && campaign.launch.flatMap { launch in newDate.map { launch.definitelyBefore($0) } } == true)
            }
            var seen = Set<String>()
            let assets = (context.announcementsByRelease[release.id] ?? [])
                .filter { seen.insert($0.assetName).inserted }
                .sorted { $0.assetName < $1.assetName }
                .map { a in
                    let day = a.asset.publishDay(launch: a.campaign.launch)
                    return Asset(name: a.assetName, campaign: a.campaign.id, title: a.asset.title, owner: a.asset.owner ?? a.campaign.owner,
                                 publish: day.map { AssetTiming.describe(a.asset, day: $0) } ?? "?",
                                 publishesBeforeRelease: !a.isTeaser && day.flatMap { d in newDate.map { d.definitelyBefore($0) } } == true)
                }
            moves.append(ReleaseMove(id: release.id, title: release.title, owner: release.owner, path: release.path,
                                     old: oldText, new: newText,
                                     days: oldDate.flatMap { o in newDate.map { $0.days(since: o) } }, campaigns: campaigns, assets: assets))
        }
        return moves.sorted { $0.id < $1.id }
    }

    static func text(_ node: YAMLNode) -> String {
        if let s = node.string { return s }
        return "\(node.data)"
    }
}
