import Foundation

/// Dates as exports write them, turned into the item format's `YYYY-MM-DD` (SPEC §5).
///
/// Jira writes dates in the user's display style, by default `15/Apr/27 12:00 AM` (day,
/// English month abbreviation, two-digit year, optional time), and custom date fields such as
/// Target start in ISO `2027-04-15`; GitHub writes ISO days. A roadmap date already in our
/// format (`2027-Q2`, `2027-04`) passes through. The time of day is dropped: items plan days.
enum ImportDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The date in our format, or nil when the text is no date in a known style.
    static func parse(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        // ISO, with or without a time: 2027-04-15, 2027-04-15T09:30:00.000+0200, 2027-04-15 09:30
        if text.count >= 10, let day = RoadmapDate(String(text.prefix(10))), day.precision == .day {
            let rest = text.dropFirst(10)
            if rest.isEmpty || rest.first == "T" || rest.first == " " { return day.text }
        }
        if let date = RoadmapDate(text) { return date.text }
        // Jira: dd/MMM/yy [h:mm AM], also dd/MMM/yyyy and d-MMM-yyyy.
        let datePart = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
        let pieces = datePart.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        guard pieces.count == 3, pieces[1].count == 3, let day = Int(pieces[0]),
              let monthIndex = months.firstIndex(of: pieces[1].lowercased()),
              var year = Int(pieces[2]), pieces[2].count == 2 || pieces[2].count == 4 else { return nil }
        // Jira's two-digit years are this century's (its own export does the same).
        if pieces[2].count == 2 { year += 2000 }
        let month = monthIndex + 1
        guard day >= 1, day <= RoadmapDate.daysIn(year: year, month: month) else { return nil }
        return RoadmapDate.format(year: year, month: month, day: day)
    }
}
