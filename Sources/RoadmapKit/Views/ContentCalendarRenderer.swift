import Foundation

/// `roadmap calendar`'s formats: text by week, JSON, ICS, and an HTML month grid.
public enum ContentCalendarRenderer {
    public static func text(_ calendar: ContentCalendar) -> String {
        let weeks = calendar.weeks
        guard !weeks.isEmpty else { return "no assets\(calendar.channel.map { " on channel \($0)" } ?? "") in this period\n" }
        func cells(_ e: ContentCalendar.Entry) -> [String] {
            [ContentCalendar.dayText(e.day), e.channel ?? "-", e.type ?? "-", e.name, e.title, e.owner ?? "-",
             e.status + (e.teaser ? " (teaser)" : "")]
        }
        // One set of column widths for the whole calendar, so that the weeks line up.
        var widths = Array(repeating: 0, count: 7)
        for entry in calendar.entries { for (i, cell) in cells(entry).enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for week in weeks {
            let sunday = RoadmapDate(dayNumber: week.monday + 6)
            out += "\(week.label)  \(RoadmapDate(dayNumber: week.monday).text) … \(sunday.text)\n"
            for row in week.entries.map(cells) {
                let line = row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                out += "  " + line.joined(separator: "  ") + "\n"
            }
        }
        return out
    }

    public static func json(_ calendar: ContentCalendar) -> String {
        func entry(_ e: ContentCalendar.Entry) -> JSONValue {
            .object([
                ("day", .string(e.day.text)), ("campaign", .string(e.campaign)), ("asset", .string(e.asset)),
                ("title", .string(e.title)), ("type", .string(e.type)), ("channel", .string(e.channel)),
                ("owner", .string(e.owner)), ("status", .string(e.status)), ("publish", .string(e.publish)),
                ("teaser", .bool(e.teaser)),
            ])
        }
        let value = JSONValue.object([
            ("schemaVersion", .int(1)),
            ("from", .string(calendar.from?.text)), ("to", .string(calendar.to?.text)), ("channel", .string(calendar.channel)),
            ("weeks", .array(calendar.weeks.map { week in
                .object([("week", .string(week.label)), ("start", .string(RoadmapDate(dayNumber: week.monday).text)),
                         ("end", .string(RoadmapDate(dayNumber: week.monday + 6).text)),
                         ("assets", .array(week.entries.map(entry)))])
            })),
        ])
        return value.encoded() + "\n"
    }

    /// An iCalendar with one all-day event per asset.
    public static func ics(_ calendar: ContentCalendar, stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//roadmap//roadmap \(RoadmapKitVersion.string)//EN",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Content calendar",
        ]
        lines += ICalendarExporter.assetEvents(calendar.entries, stamp: ICalendarExporter.timestamp(stamp))
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarExporter.fold).joined(separator: "\r\n") + "\r\n"
    }

    public static let templatePath = "templates/calendar.html.mustache"

    /// The month grid: for every month from the first entry's (or `from`) to the last's (or
    /// `to`), its weeks Monday to Sunday, each day with its assets. Text reaches the page only
    /// through `{{…}}`, which escapes it.
    public static func html(_ calendar: ContentCalendar, title: String = "Content calendar", template: String? = nil) throws -> String {
        try HTMLExporter.compile(template, path: templatePath).render(context(calendar, title: title))
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// The values of the month grid (shared by `calendar --format html` and the server's page).
    public static func context(_ calendar: ContentCalendar, title: String) -> [String: Any] {
        let clean = sanitizeForTerminal
        var byDay: [Int: [ContentCalendar.Entry]] = [:]
        for entry in calendar.entries { byDay[entry.day.firstDay, default: []].append(entry) }
        let first = calendar.from?.firstDay ?? calendar.entries.first?.day.firstDay
        let last = calendar.to?.lastDay ?? calendar.entries.map(\.day.firstDay).max()
        var months: [[String: Any]] = []
        if let first, let last, last >= first {
            var (year, month, _) = RoadmapDate.civil(fromDayNumber: first)
            // At most five years of months: a page, not an archive.
            for _ in 0..<60 {
                let start = RoadmapDate.dayNumber(year: year, month: month, day: 1)
                if start > last { break }
                let next = month == 12 ? RoadmapDate.dayNumber(year: year + 1, month: 1, day: 1) : RoadmapDate.dayNumber(year: year, month: month + 1, day: 1)
                var weeks: [[String: Any]] = []
                var monday = ContentCalendar.monday(of: start)
                while monday < next {
                    let days: [[String: Any]] = (0..<7).map { offset -> [String: Any] in
                        let day = monday + offset
                        let inMonth = day >= start && day < next
                        let assets: [[String: Any]] = inMonth ? (byDay[day] ?? []).map { e -> [String: Any] in
                            ["name": clean(e.name), "title": clean(e.title), "channel": e.channel.map(clean) ?? false,
                             "type": e.type ?? false, "owner": e.owner.map(clean) ?? false, "status": clean(e.status),
                             "statusClass": HTMLExporter.token(e.status), "teaser": e.teaser]
                        } : []
                        return ["day": inMonth ? String(RoadmapDate.civil(fromDayNumber: day).day) : "", "inMonth": inMonth,
                                "date": RoadmapDate(dayNumber: day).text, "assets": assets, "hasAssets": !assets.isEmpty]
                    }
                    weeks.append(["week": ContentCalendar.isoWeek(of: monday), "days": days])
                    monday += 7
                }
                months.append(["name": "\(monthNames[month - 1]) \(year)", "weeks": weeks])
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
            }
        }
        return ["title": clean(title), "months": months, "hasMonths": !months.isEmpty, "count": calendar.entries.count,
                "channel": calendar.channel.map(clean) ?? false]
    }
}
