/// How an asset's publish day relates to the ship date of a release it announces (SPEC §13),
/// shared by `asset-before-release` and `timing-unconfirmed` so that exactly one of them speaks
/// for each (asset, release) pair.
enum AssetTiming {
    struct Pair {
        let announcement: RuleContext.Announcement
        let release: Item
        let publish: RoadmapDate
        let verdict: LaunchTiming.Verdict
        /// The announced ids that lead to the release other than the release itself (for messages).
        let via: [String]
    }

    /// Every pair to judge: non-teaser assets that are not cancelled, of campaigns that are
    /// not cancelled, with a publish day (a relative one needs the launch), announcing an item
    /// that is not cancelled whose release is not cancelled and has a date. One pair per asset
    /// and release, whichever announced items lead to it.
    static func pairs(_ context: RuleContext) -> [Pair] {
        var out: [Pair] = []
        for campaign in context.snapshot.items where campaign.kind == .campaign && campaign.status != "cancelled" {
            var index: [String: Int] = [:]
            for a in context.announcements(of: campaign) where !a.isTeaser && a.asset.status != .cancelled {
                guard let publish = a.asset.publishDay(launch: campaign.launch), let release = a.release,
                      release.status != "cancelled", let date = release.date,
                      a.item?.status != "cancelled" else { continue }
                let key = "\(a.asset.id ?? "")\u{1F}\(release.id)"
                if let at = index[key] {
                    if a.target != release.id {
                        let p = out[at]
                        out[at] = Pair(announcement: p.announcement, release: p.release, publish: p.publish, verdict: p.verdict, via: p.via + [a.target])
                    }
                    continue
                }
                let verdict = LaunchTiming.assess(launch: publish, release: date, teaser: false, lagDays: Int.max)
                index[key] = out.count
                out.append(Pair(announcement: a, release: release, publish: publish, verdict: verdict,
                                via: a.target == release.id ? [] : [a.target]))
            }
        }
        return out.filter { $0.verdict != .fine }
    }

    /// How a publish day reads in messages: `2026-06-01` or `launch-14d (2026-06-01)`.
    static func describe(_ asset: Asset, day: RoadmapDate) -> String {
        switch asset.publish {
        case let .relative(days)?:
            let offset = days == 0 ? "" : (days > 0 ? "+\(days)d" : "\(days)d")
            return "launch\(offset) (\(day.text))"
        default:
            return day.text
        }
    }
}

/// "blog-post (owner @li)" — an asset and who to tell: its own owner, else its campaign's.
func named(_ asset: Asset, in campaign: Item) -> String {
    let name = asset.name(in: campaign)
    if let owner = asset.owner { return "\(name) (owner \(owner))" }
    return campaign.owner.map { "\(name) (campaign owner \($0))" } ?? "\(name) (no owner)"
}
