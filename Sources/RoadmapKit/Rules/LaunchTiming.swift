/// How a campaign's launch relates to the date of a release it promotes, shared by
/// `launch-before-release`, `launch-lag` and `timing-unconfirmed` so that exactly one of them
/// speaks for each (campaign, release) pair.
enum LaunchTiming {
    enum Verdict: Equatable {
        case fine
        /// The launch is definitely before the release date (non-teasers only).
        case launchesBefore
        /// The launch is definitely more than `lag` days after the release date; the minimum lag.
        case lagging(days: Int)
        /// The dates overlap so that the launch may or may not come before the release.
        case unconfirmed(reason: String)
    }

    /// The verdict for a launch and a release date. A teaser may launch before the release.
    static func assess(launch: RoadmapDate, release: RoadmapDate, teaser: Bool, lagDays: Int) -> Verdict {
        if !teaser {
            if launch.definitelyBefore(release) { return .launchesBefore }
            if launch.firstDay < release.lastDay {
                return .unconfirmed(reason: "it may launch before the release ships")
            }
        }
        // Lag is reported only when certain: "timing-unconfirmed" is about the *order* of the
        // two dates (§5); a coarse release such as 2026-Q2 would otherwise make almost every
        // launch "possibly late".
        let minLag = launch.firstDay - release.lastDay
        if minLag > lagDays { return .lagging(days: minLag) }
        return .fine
    }

    /// Every (campaign, release, verdict) to judge: campaigns and releases that are not
    /// cancelled, both with valid dates.
    static func pairs(_ context: RuleContext) -> [(campaign: Item, release: Item, via: [String], verdict: Verdict)] {
        var out: [(Item, Item, [String], Verdict)] = []
        for campaign in context.snapshot.items where campaign.kind == .campaign && campaign.status != "cancelled" {
            guard let launch = campaign.launch else { continue }
            for (release, via) in context.promotedReleases(of: campaign) {
                guard release.status != "cancelled", let date = release.date else { continue }
                let verdict = assess(launch: launch, release: date, teaser: campaign.teaser, lagDays: context.config.launchLagDays)
                if verdict != .fine { out.append((campaign, release, via, verdict)) }
            }
        }
        return out
    }
}
