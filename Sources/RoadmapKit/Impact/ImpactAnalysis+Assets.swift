extension ImpactAnalysis {
    /// An asset (SPEC §13) whose publish day moves with the moves: the content pieces of a
    /// moved campaign, and those announcing a moved release from a campaign that stays.
    public struct AssetMove: Sendable {
        public enum Reason: Sendable, Equatable {
            /// Its publish day is relative to its campaign's launch, which moves: no edit.
            case followsLaunch
            /// Its campaign moves, and every date of a moving item moves by the same days.
            case campaignMoves
            /// It announces the release `id` (directly or through its epics and stories), which moves.
            case announces(release: String)
        }

        public let campaign: Item
        public let asset: Asset
        /// The asset's id (assets without one are not listed: nothing can name them).
        public let id: String
        /// Who to tell: the asset's owner, else its campaign's.
        public let owner: String?
        public let old: RoadmapDate
        public let new: RoadmapDate
        public let days: Int
        public let reason: Reason
        /// The field `set` edits (`assets.ID.publish`), nil when the asset follows its launch.
        public var field: String? { reason == .followsLaunch ? nil : "assets.\(id).publish" }
    }

    /// The assets the moves carry along, by campaign and asset id, as `replan` would move them:
    /// published and cancelled assets already happened or never will, and stay.
    /// - a moved campaign's relative assets follow its new launch (no edit), its dated ones
    ///   move by the campaign's days;
    /// - a campaign that stays moves the dated assets announcing a moved release by the
    ///   release's days (`asset-before-release` would fire otherwise), the largest when several.
    static func assetMoves(_ moves: [Move], context: RuleContext) -> [AssetMove] {
        var out: [AssetMove] = []
        let moved = Dictionary(moves.map { ($0.item.id, $0) }, uniquingKeysWith: { first, _ in first })
        func open(_ asset: Asset) -> Bool { asset.status != .published && asset.status != .cancelled }
        for move in moves where move.item.kind == .campaign {
            let campaign = move.item
            let oldLaunch = campaign.launch
            let newLaunch = move.fields.first { $0.field == "launch" }?.new ?? oldLaunch
            for asset in campaign.assets where open(asset) {
                guard let id = asset.id, let publish = asset.publish else { continue }
                let owner = asset.owner ?? campaign.owner
                switch publish {
                case .relative:
                    guard let old = publish.resolved(launch: oldLaunch), let new = publish.resolved(launch: newLaunch),
                          old.text != new.text else { continue }
                    out.append(AssetMove(campaign: campaign, asset: asset, id: id, owner: owner, old: old, new: new,
                                         days: new.firstDay - old.firstDay, reason: .followsLaunch))
                case let .date(date):
                    let new = date.movedKeepingPrecision(by: move.days)
                    guard new.text != date.text else { continue }
                    out.append(AssetMove(campaign: campaign, asset: asset, id: id, owner: owner, old: date, new: new,
                                         days: move.days, reason: .campaignMoves))
                }
            }
        }
        // Campaigns that stay: their dated assets announcing a moved release.
        var largest: [String: (announcement: RuleContext.Announcement, days: Int, release: String)] = [:]
        for move in moves where move.item.kind == .release {
            let delta = move.fields.first { $0.field == "date" }.map { $0.new.lastDay - $0.old.lastDay } ?? 0
            guard delta != 0 else { continue }
            for a in context.announcementsByRelease[move.item.id] ?? [] where moved[a.campaign.id] == nil && open(a.asset) {
                guard let id = a.asset.id, case .date = a.asset.publish, !a.campaign.isStatus("cancelled", "done") else { continue }
                let key = a.campaign.id + "/" + id
                if let known = largest[key], abs(known.days) >= abs(delta) { continue }
                largest[key] = (a, delta, move.item.id)
            }
        }
        for (_, entry) in largest {
            let a = entry.announcement
            guard let id = a.asset.id, case let .date(date)? = a.asset.publish else { continue }
            let new = date.movedKeepingPrecision(by: entry.days)
            guard new.text != date.text else { continue }
            out.append(AssetMove(campaign: a.campaign, asset: a.asset, id: id, owner: a.asset.owner ?? a.campaign.owner,
                                 old: date, new: new, days: entry.days, reason: .announces(release: entry.release)))
        }
        return out.sorted { ($0.campaign.id, $0.id) < ($1.campaign.id, $1.id) }
    }
}
