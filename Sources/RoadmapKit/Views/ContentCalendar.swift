/// The content calendar (SPEC §13 `roadmap calendar`): every asset of every campaign that is
/// not cancelled, on its publish day (a relative day resolved against the launch), by ISO week.
/// An asset whose day cannot be told (relative to a campaign without a launch) is left out.
public struct ContentCalendar: Sendable {
    public struct Entry: Sendable {
        /// The publish day (an interval when the launch it is relative to is coarse).
        public var day: RoadmapDate
        public var campaign: String
        public var campaignTitle: String
        public var asset: String
        public var title: String
        public var type: String?
        public var channel: String?
        /// The asset's owner, else the campaign's.
        public var owner: String?
        public var status: String
        /// `publish` as written (`launch-7d`, `2026-06-18`).
        public var publish: String
        public var teaser: Bool

        /// `CAMPAIGN/ASSET`.
        public var name: String { "\(campaign)/\(asset)" }
    }

    /// One ISO week (`2026-W25`), Monday to Sunday, with its entries by day.
    public struct Week: Sendable {
        public var label: String
        public var monday: Int
        public var entries: [Entry]
    }

    public var entries: [Entry]
    public var from: RoadmapDate?
    public var to: RoadmapDate?
    public var channel: String?

    /// Entries whose day overlaps `from…to`, of `channel` when given, by day, campaign, asset.
    public init(_ snapshot: Snapshot, from: RoadmapDate? = nil, to: RoadmapDate? = nil, channel: String? = nil) {
        self.from = from
        self.to = to
        self.channel = channel
        var entries: [Entry] = []
        for campaign in snapshot.items where campaign.kind == .campaign && campaign.status != "cancelled" {
            for (asset, day) in campaign.scheduledAssets {
                guard let day, let id = asset.id else { continue }
                if let from, day.lastDay < from.firstDay { continue }
                if let to, day.firstDay > to.lastDay { continue }
                if let channel, asset.channel != channel { continue }
                entries.append(Entry(day: day, campaign: campaign.id, campaignTitle: campaign.title ?? campaign.id, asset: id,
                                     title: asset.title ?? id, type: asset.type?.rawValue, channel: asset.channel,
                                     owner: asset.owner ?? campaign.owner, status: asset.status.rawValue,
                                     publish: asset.node["publish"].map(Self.text) ?? day.text, teaser: asset.teaser))
            }
        }
        self.entries = entries.sorted { ($0.day.firstDay, $0.campaign, $0.asset) < ($1.day.firstDay, $1.campaign, $1.asset) }
    }

    static func text(_ node: YAMLNode) -> String {
        if let s = node.string { return s }
        return Item.date(of: node)?.text ?? "\(node.data)"
    }

    /// The entries by ISO week of their (first) day, in order.
    public var weeks: [Week] {
        var weeks: [Week] = []
        for entry in entries {
            let monday = Self.monday(of: entry.day.firstDay)
            if weeks.last?.monday == monday {
                weeks[weeks.count - 1].entries.append(entry)
            } else {
                weeks.append(Week(label: Self.isoWeek(of: entry.day.firstDay), monday: monday, entries: [entry]))
            }
        }
        return weeks
    }

    /// ISO weekday, 1 (Monday) … 7 (Sunday); day 0 (1970-01-01) was a Thursday.
    public static func weekday(of day: Int) -> Int { ((day + 3) % 7 + 7) % 7 + 1 }

    public static func monday(of day: Int) -> Int { day - (weekday(of: day) - 1) }

    /// `2026-W25`: the ISO 8601 week, whose year is that of its Thursday.
    public static func isoWeek(of day: Int) -> String {
        let thursday = monday(of: day) + 3
        let year = RoadmapDate.civil(fromDayNumber: thursday).year
        let week = (thursday - RoadmapDate.dayNumber(year: year, month: 1, day: 1)) / 7 + 1
        return "\(year)-W\(week < 10 ? "0" : "")\(week)"
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mon 2026-06-15`, or the interval for a coarse day.
    public static func dayText(_ day: RoadmapDate) -> String {
        day.precision == .day ? "\(weekdayNames[weekday(of: day.firstDay) - 1]) \(day.text)" : day.text
    }
}
