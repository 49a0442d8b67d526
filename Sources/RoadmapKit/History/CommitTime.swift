import Foundation

/// How history shows the moment of a commit: ISO 8601 with the offset git recorded
/// (`2026-03-01T10:00:00+01:00`), the day part from `RoadmapDate`'s calendar.
enum CommitTime {
    static func iso8601(_ date: Date, offsetMinutes: Int) -> String {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - day * 86_400
        let offset = abs(offsetMinutes)
        return RoadmapDate(dayNumber: day).text
            + "T\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
            + "\(offsetMinutes < 0 ? "-" : "+")\(pad(offset / 60)):\(pad(offset % 60))"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

extension RoadmapDate {
    /// The date a YAML value holds (a date string, or a year written as an integer), as
    /// `Item.date(of:)` reads a date field; nil for anything else.
    init?(_ value: YAMLValue?) {
        switch value {
        case let .string(text)?: self.init(text)
        case let .int(year)? where (1...9999).contains(year):
            self.init(String(repeating: "0", count: 4 - String(year).count) + String(year))
        default: return nil
        }
    }

    /// new − old in days, first day against first day; nil unless both values are dates.
    static func days(from old: YAMLValue?, to new: YAMLValue?) -> Int? {
        guard let old = RoadmapDate(old), let new = RoadmapDate(new) else { return nil }
        return new.days(since: old)
    }
}
