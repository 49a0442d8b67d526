import Foundation

/// The roadmap dates of SPEC §5 (`YYYY-MM-DD`, `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn`, `YYYY`) as
/// the intervals of days they cover, for history's ±days. Self-contained on purpose until it
/// is unified with the model's date type.
public enum HistoryDates {
    /// A date's first and last day, as days since 1970-01-01; nil when not a valid date.
    public static func interval(_ text: String) -> (first: Int, last: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let yearText = parts.first, yearText.count == 4, let year = digits(yearText) else { return nil }
        switch parts.count {
        case 1:
            return (days(year, 1, 1), days(year, 12, 31))
        case 2:
            let part = parts[1]
            if part.count == 2, let month = digits(part), (1...12).contains(month) {
                return (days(year, month, 1), days(year, month, daysInMonth(year, month)))
            }
            if part.count == 2, let kind = part.first, let n = digits(String(part.dropFirst())) {
                if kind == "Q", (1...4).contains(n) {
                    let month = 3 * (n - 1) + 1
                    return (days(year, month, 1), days(year, month + 2, daysInMonth(year, month + 2)))
                }
                if kind == "H", (1...2).contains(n) {
                    let month = 6 * (n - 1) + 1
                    return (days(year, month, 1), days(year, month + 5, daysInMonth(year, month + 5)))
                }
            }
            return nil
        case 3:
            guard parts[1].count == 2, parts[2].count == 2, let month = digits(parts[1]), let day = digits(parts[2]),
                  (1...12).contains(month), (1...daysInMonth(year, month)).contains(day) else { return nil }
            let value = days(year, month, day)
            return (value, value)
        default:
            return nil
        }
    }

    /// The interval of a YAML value that holds a date (a string, or a year typed as an integer).
    public static func interval(_ value: YAMLValue?) -> (first: Int, last: Int)? {
        switch value {
        case let .string(text)?: return interval(text)
        case let .int(year)? where (1000...9999).contains(year): return interval(String(year))
        default: return nil
        }
    }

    /// new − old in days, comparing the first days of the intervals; nil unless both are dates.
    public static func daysBetween(_ old: YAMLValue?, _ new: YAMLValue?) -> Int? {
        guard let a = interval(old), let b = interval(new) else { return nil }
        return b.first - a.first
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number.
    public static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD` of a day number.
    public static func dayString(_ days: Int) -> String {
        let (y, m, d) = civil(days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// ISO 8601 with the given offset, e.g. `2026-03-01T10:00:00+01:00`.
    public static func iso8601(_ date: Date, offsetMinutes: Int) -> String {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
        let day = Int((Double(local) / 86_400).rounded(.down))
        let seconds = local - day * 86_400
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = abs(offsetMinutes)
        return "\(dayString(day))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
            + "\(sign)\(pad(offset / 60, 2)):\(pad(offset % 60, 2))"
    }

    /// The day (in the given offset) of a moment, as `YYYY-MM-DD`.
    public static func localDay(_ date: Date, offsetMinutes: Int) -> String {
        String(iso8601(date, offsetMinutes: offsetMinutes).prefix(10))
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func digits(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
