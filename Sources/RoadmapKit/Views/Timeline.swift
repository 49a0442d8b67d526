/// The layout of `roadmap timeline`: an axis of months or quarters, a product lane (releases,
/// each followed by its epics) and a marketing lane (campaigns, each drawn against the dates
/// of the releases it promotes), with the findings of every item. Renderers only draw it.
public struct Timeline: Sendable {
    /// The scale of the axis.
    public enum Scale: String, Sendable { case month, quarter }

    /// One tick of the axis: a month or a quarter.
    public struct Tick: Sendable, Equatable {
        /// `Sep 2026` style label parts: `2026-09` or `2026-Q3`.
        public var label: String
        /// A short label for narrow columns: `Sep`, `Q3`.
        public var shortLabel: String
        public var firstDay: Int
        public var lastDay: Int
    }

    /// A release a campaign promotes, with its ship date.
    public struct Promoted: Sendable, Equatable {
        public var id: String
        public var date: RoadmapDate?
    }

    /// What an entry `depends-on` (SPEC §14): the dependency, its lag and its end.
    public struct Dependency: Sendable, Equatable {
        public var id: String
        public var lag: Int
        public var end: RoadmapDate?
        /// When the entry may start at the earliest, as a day: the end's last day plus the lag.
        public var earliestStart: Int? { end.map { $0.lastDay + lag } }
    }

    /// One row of a lane.
    public struct Entry: Sendable {
        public var id: String
        public var kind: Kind
        public var title: String
        public var status: String
        public var owner: String?
        /// The days the item covers on the axis: a release's date, an epic's start…end, a
        /// campaign's start…end with its launch; nil when it has no date.
        public var firstDay: Int?
        public var lastDay: Int?
        /// The day that matters most: a release's ship date, a campaign's launch.
        public var marker: RoadmapDate?
        /// For a campaign: the releases it promotes (directly or through epics and stories).
        public var promoted: [Promoted]
        /// For an epic: its effective release.
        public var release: String?
        /// Findings naming this item, in report order.
        public var findings: [Finding]
        /// Findings about other items that name this one as related (a launch before this release).
        public var relatedFindings: [Finding]
        /// What it waits for, in written order (items of the view only).
        public var dependsOn: [Dependency] = []
        /// The day it starts for `depends-on` (SPEC §14), when it has one.
        public var startDay: Int?

        /// The most severe finding's severity.
        public var worst: Severity? { findings.map(\.severity).max() }
        /// True when a campaign launches before a release it promotes.
        public var launchesBeforeRelease: Bool { findings.contains { $0.rule == "launch-before-release" } }
        /// The dates as text: `2027-04-15`, `2026-09 … 2027-02`, `launch 2027-04-22 (2027-04-16 … 2027-05-31)`.
        public var dateText: String
    }

    public var scale: Scale
    public var ticks: [Tick]
    /// The axis' first and last day (the first tick's first day, the last tick's last day).
    public var firstDay: Int
    public var lastDay: Int
    public var today: RoadmapDate
    public var product: [Entry]
    public var marketing: [Entry]
    /// Releases, epics and campaigns with no date at all (drawn in no lane).
    public var undated: [Entry]

    public var isEmpty: Bool { product.isEmpty && marketing.isEmpty }

    /// Lays out a roadmap. `from` / `to` clip the axis (an item is shown when it overlaps it);
    /// without them the axis spans every dated item. Spans over 24 months use quarters unless
    /// `scale` asks for one (the zoom of `roadmap serve`).
    public init(_ view: RoadmapView, from: RoadmapDate? = nil, to: RoadmapDate? = nil, scale: Scale? = nil) {
        let snapshot = view.snapshot
        today = view.today
        var product: [Entry] = []
        var marketing: [Entry] = []
        var undated: [Entry] = []

        func base(_ item: Item, kind: Kind) -> Entry {
            var entry = Entry(id: item.id, kind: kind, title: item.title ?? item.id, status: item.status, owner: item.owner,
                              firstDay: nil, lastDay: nil, marker: nil, promoted: [], release: nil,
                              findings: view.findings(of: item.id),
                              relatedFindings: view.findings.filter { $0.item != item.id && $0.related.contains(item.id) }, dateText: "")
            entry.dependsOn = item.dependsOn.compactMap { d in
                snapshot[d.id].map { Dependency(id: d.id, lag: d.lag, end: $0.scheduleEnd) }
            }
            entry.startDay = item.scheduleStart?.firstDay
            return entry
        }
        func span(_ dates: [RoadmapDate?]) -> (Int, Int)? {
            let present = dates.compactMap { $0 }
            guard let first = present.map(\.firstDay).min(), let last = present.map(\.lastDay).max() else { return nil }
            return (first, last)
        }
        func range(_ start: RoadmapDate?, _ end: RoadmapDate?) -> String {
            switch (start, end) {
            case let (s?, e?): return "\(s.text) … \(e.text)"
            case let (s?, nil): return "from \(s.text)"
            case let (nil, e?): return "until \(e.text)"
            default: return ""
            }
        }
        func releaseIDs(promotedBy campaign: Item) -> [String] {
            var ids: [String] = []
            for (id, _) in campaign.promotes {
                guard let target = snapshot[id] else { continue }
                let release: String? = target.kind == .release ? id : snapshot.effectiveRelease(of: target)
                if let release, !ids.contains(release) { ids.append(release) }
            }
            return ids
        }

        let items = snapshot.byID.values.filter { $0.kind != nil }.sorted { $0.id < $1.id }
        var releases: [Entry] = []
        var epicsByRelease: [String: [Entry]] = [:]
        var looseEpics: [Entry] = []
        for item in items {
            switch item.kind {
            case .release?:
                var entry = base(item, kind: .release)
                entry.marker = item.date
                if let d = item.date { (entry.firstDay, entry.lastDay) = (d.firstDay, d.lastDay) }
                entry.dateText = item.date?.text ?? "no date"
                releases.append(entry)
            case .epic?:
                var entry = base(item, kind: .epic)
                entry.release = snapshot.effectiveRelease(of: item)
                if let (f, l) = span([item.start, item.end]) { (entry.firstDay, entry.lastDay) = (f, l) }
                entry.dateText = range(item.start, item.end)
                if let release = entry.release, snapshot[release]?.kind == .release {
                    epicsByRelease[release, default: []].append(entry)
                } else {
                    looseEpics.append(entry)
                }
            case .campaign?:
                var entry = base(item, kind: .campaign)
                entry.marker = item.launch
                entry.promoted = releaseIDs(promotedBy: item).map { Promoted(id: $0, date: snapshot[$0]?.date) }
                if let (f, l) = span([item.start, item.end, item.launch]) { (entry.firstDay, entry.lastDay) = (f, l) }
                let window = range(item.start, item.end)
                entry.dateText = (item.launch.map { "launch \($0.text)" } ?? "no launch") + (window.isEmpty ? "" : " (\(window))")
                marketing.append(entry)
            default:
                continue
            }
        }
        func byStart(_ a: Entry, _ b: Entry) -> Bool {
            switch (a.firstDay, b.firstDay) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.id < b.id
            }
        }
        func byMarker(_ a: Entry, _ b: Entry) -> Bool {
            switch (a.marker?.firstDay, b.marker?.firstDay) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return byStart(a, b)
            }
        }
        for release in releases.sorted(by: byMarker) {
            product.append(release)
            product += (epicsByRelease[release.id] ?? []).sorted(by: byStart)
        }
        product += looseEpics.sorted(by: byStart)
        marketing.sort(by: byMarker)

        // The axis: what the options say, else every dated item, whole months or quarters.
        let dated = (product + marketing).filter { $0.firstDay != nil }
        var first = from?.firstDay ?? dated.compactMap(\.firstDay).min() ?? view.today.firstDay
        var last = to?.lastDay ?? dated.compactMap(\.lastDay).max() ?? view.today.lastDay
        if last < first { swap(&first, &last) }
        let (y1, m1, _) = RoadmapDate.civil(fromDayNumber: first)
        let (y2, m2, _) = RoadmapDate.civil(fromDayNumber: last)
        let months = (y2 - y1) * 12 + (m2 - m1) + 1
        self.scale = scale ?? (months > 24 ? .quarter : .month)
        var ticks: [Tick] = []
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        switch self.scale {
        case .month:
            var (y, m) = (y1, m1)
            while (y, m) <= (y2, m2) {
                let mm = m < 10 ? "0\(m)" : "\(m)"
                ticks.append(Tick(label: "\(y)-\(mm)", shortLabel: names[m - 1],
                                  firstDay: RoadmapDate.dayNumber(year: y, month: m, day: 1),
                                  lastDay: RoadmapDate.dayNumber(year: y, month: m, day: RoadmapDate.daysIn(year: y, month: m))))
                (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
            }
        case .quarter:
            var (y, q) = (y1, (m1 - 1) / 3 + 1)
            let (yEnd, qEnd) = (y2, (m2 - 1) / 3 + 1)
            while (y, q) <= (yEnd, qEnd) {
                let lastMonth = q * 3
                ticks.append(Tick(label: "\(y)-Q\(q)", shortLabel: "Q\(q)",
                                  firstDay: RoadmapDate.dayNumber(year: y, month: lastMonth - 2, day: 1),
                                  lastDay: RoadmapDate.dayNumber(year: y, month: lastMonth, day: RoadmapDate.daysIn(year: y, month: lastMonth))))
                (y, q) = q == 4 ? (y + 1, 1) : (y, q + 1)
            }
        }
        self.ticks = ticks
        firstDay = ticks.first!.firstDay
        lastDay = ticks.last!.lastDay

        // Clip: keep what overlaps the axis; items with no date go to `undated`.
        let (axisFirst, axisLast) = (firstDay, lastDay)
        func visible(_ e: Entry) -> Bool {
            guard let f = e.firstDay, let l = e.lastDay else { return false }
            return l >= axisFirst && f <= axisLast
        }
        undated = (product + marketing).filter { $0.firstDay == nil }
        self.product = product.filter(visible)
        self.marketing = marketing.filter(visible)
        self.undated = undated
    }

    /// The fraction (0…1) of the axis at which a day starts.
    public func position(ofDay day: Int) -> Double {
        let total = Double(lastDay - firstDay + 1)
        return min(max(Double(day - firstDay) / total, 0), 1)
    }

    /// Every entry of both lanes.
    public var entries: [Entry] { product + marketing }

    /// The ship date of a release on the timeline (for drawing a campaign against it).
    public func releaseDate(_ id: String) -> RoadmapDate? {
        product.first { $0.id == id && $0.kind == .release }?.marker
    }
}
