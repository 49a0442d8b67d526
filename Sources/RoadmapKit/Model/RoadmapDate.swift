import Foundation

/// A roadmap date (SPEC §5): `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY`, meaning the
/// closed interval of days it covers. Days are proleptic-Gregorian day numbers (0 = 1970-01-01).
public struct RoadmapDate: Sendable, Hashable, CustomStringConvertible {
    public enum Precision: Sendable, Hashable { case day, month, quarter, half, year }

    /// The text as written, e.g. `2026-Q2`.
    public let text: String
    public let precision: Precision
    /// The first and last day of the interval (inclusive).
    public let firstDay: Int
    public let lastDay: Int

    public var description: String { text }

    /// Parses a date; nil when the text is not one of the five forms or names an impossible date.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var v = 0
            for i in range {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 4, let year = digits(0..<4), year >= 1 else { return nil }
        let first: Int, last: Int, precision: Precision
        if b.count == 4 {
            precision = .year
            first = RoadmapDate.dayNumber(year: year, month: 1, day: 1)
            last = RoadmapDate.dayNumber(year: year, month: 12, day: 31)
        } else {
            guard b[4] == 0x2D else { return nil }  // "-"
            if b.count == 7, b[5] == 0x51 || b[5] == 0x48 {  // "Q" or "H"
                guard let n = digits(6..<7) else { return nil }
                let quarter = b[5] == 0x51
                guard n >= 1, n <= (quarter ? 4 : 2) else { return nil }
                let months = quarter ? 3 : 6
                let m1 = (n - 1) * months + 1, m2 = n * months
                precision = quarter ? .quarter : .half
                first = RoadmapDate.dayNumber(year: year, month: m1, day: 1)
                last = RoadmapDate.dayNumber(year: year, month: m2, day: RoadmapDate.daysIn(year: year, month: m2))
            } else if b.count == 7 {
                guard let m = digits(5..<7), (1...12).contains(m) else { return nil }
                precision = .month
                first = RoadmapDate.dayNumber(year: year, month: m, day: 1)
                last = RoadmapDate.dayNumber(year: year, month: m, day: RoadmapDate.daysIn(year: year, month: m))
            } else if b.count == 10, b[7] == 0x2D {
                guard let m = digits(5..<7), (1...12).contains(m), let d = digits(8..<10),
                      d >= 1, d <= RoadmapDate.daysIn(year: year, month: m) else { return nil }
                precision = .day
                first = RoadmapDate.dayNumber(year: year, month: m, day: d)
                last = first
            } else {
                return nil
            }
        }
        self.text = text
        self.precision = precision
        self.firstDay = first
        self.lastDay = last
    }

    /// The single day `dayNumber`.
    public init(dayNumber: Int) {
        let (y, m, d) = RoadmapDate.civil(fromDayNumber: dayNumber)
        self.text = RoadmapDate.format(year: y, month: m, day: d)
        self.precision = .day
        self.firstDay = dayNumber
        self.lastDay = dayNumber
    }

    public init(year: Int, month: Int, day: Int) {
        self.init(dayNumber: RoadmapDate.dayNumber(year: year, month: month, day: day))
    }

    /// True when this date's last day is before `other`'s first day.
    public func definitelyBefore(_ other: RoadmapDate) -> Bool { lastDay < other.firstDay }

    /// True when this date's first day is after `other`'s last day.
    public func definitelyAfter(_ other: RoadmapDate) -> Bool { firstDay > other.lastDay }

    /// The order of two dates when it can be told.
    public enum Order: Sendable, Hashable {
        /// Every day of this date is before every day of the other.
        case before
        /// Both are the same single day.
        case same
        /// Every day of this date is after every day of the other.
        case after
        /// The intervals overlap and are not one and the same day: the order cannot be told.
        case cannotTell
    }

    public func compare(_ other: RoadmapDate) -> Order {
        if definitelyBefore(other) { return .before }
        if definitelyAfter(other) { return .after }
        if precision == .day && other.precision == .day { return .same }
        return .cannotTell
    }

    /// Days from `other`'s first day to this date's first day (positive when this one is later).
    public func days(since other: RoadmapDate) -> Int { firstDay - other.firstDay }

    /// Whether the interval contains the day.
    public func contains(day: Int) -> Bool { firstDay <= day && day <= lastDay }

    // MARK: - Calendar arithmetic (Howard Hinnant's civil-from-days algorithms)

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Day number of a civil date, 0 = 1970-01-01.
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public static func civil(fromDayNumber z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// "Today" for commands that judge time: the `--today` value when given (a `YYYY-MM-DD` day),
    /// else the system's current date in the **local** time zone — a roadmap is read by people,
    /// whose "today" is their wall-clock day, not UTC's.
    /// `timeZone` (default: the system's) is read only without `option`: finding the
    /// system's zone reads its files, and a hook given `--today` need not pay for that.
    public static func today(option: String? = nil, now: Date = Date(), timeZone: TimeZone? = nil) throws -> RoadmapDate {
        if let option {
            guard let date = RoadmapDate(option), date.precision == .day else {
                throw TodayError(value: option)
            }
            return date
        }
        let zone = timeZone ?? .current
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: now)
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return RoadmapDate(dayNumber: day)
    }
}

/// A `--today` value that is not a `YYYY-MM-DD` day.
public struct TodayError: Error, CustomStringConvertible, Sendable {
    public let value: String
    public var description: String { "invalid --today '\(value)': expected a day as YYYY-MM-DD, e.g. 2026-06-15" }
}

extension RoadmapDate {
    /// The interval moved by `days` (an asset published `launch-14d`): a day stays a day; a
    /// coarse date keeps its width and precision and is written `first…last`, since a moved
    /// quarter is no longer a quarter one could write.
    public func shifted(by days: Int) -> RoadmapDate {
        if precision == .day { return RoadmapDate(dayNumber: firstDay + days) }
        if days == 0 { return self }
        return RoadmapDate(precision: precision, firstDay: firstDay + days, lastDay: lastDay + days)
    }

    private init(precision: Precision, firstDay: Int, lastDay: Int) {
        self.text = RoadmapDate(dayNumber: firstDay).text + "…" + RoadmapDate(dayNumber: lastDay).text
        self.precision = precision
        self.firstDay = firstDay
        self.lastDay = lastDay
    }
}
