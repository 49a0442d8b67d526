import Foundation

/// Whose signature a commit needs: git reads `GIT_AUTHOR_*` for the author and
/// `GIT_COMMITTER_*` for the committer.
public enum SignatureRole: String, Sendable {
    case author
    case committer

    var environmentPrefix: String { self == .author ? "GIT_AUTHOR_" : "GIT_COMMITTER_" }
}

extension Signature {
    /// The signature git would use, as a pure function of its inputs:
    /// name = `GIT_<ROLE>_NAME` ?? config `<role>.name` ?? `user.name`;
    /// email = `GIT_<ROLE>_EMAIL` ?? `<role>.email` ?? `user.email` ?? `EMAIL`;
    /// date = `GIT_<ROLE>_DATE` (`@1700000000 +0100`, `1700000000 +0100`, ISO 8601 such as
    /// `2026-03-01T10:00:00+01:00` or `2026-03-01 10:00:00 +0100`, RFC 2822) ?? `now` in
    /// `timeZone`.
    ///
    /// - Parameter config: the repository's configuration values for the keys above.
    /// - Throws: `GitError` (`isNotFound`) when no name or email is known, or
    ///   (`invalidCode`) when the date variable cannot be read.
    public static func resolve(role: SignatureRole, environment: [String: String], config: [String: String],
                               now: Date, timeZone: TimeZone = .current) throws -> Signature {
        let prefix = role.environmentPrefix
        func nonEmpty(_ value: String?) -> String? {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return value
        }
        let name = nonEmpty(environment[prefix + "NAME"]) ?? nonEmpty(config["\(role.rawValue).name"]) ?? nonEmpty(config["user.name"])
        let email = nonEmpty(environment[prefix + "EMAIL"]) ?? nonEmpty(config["\(role.rawValue).email"])
            ?? nonEmpty(config["user.email"]) ?? nonEmpty(environment["EMAIL"])
        guard let name, let email else {
            let missing = name == nil ? "name" : "email"
            throw GitError.own("\(role.rawValue) identity unknown: no \(missing); set user.name and user.email "
                               + "(git config user.name \"Your Name\") or \(prefix)NAME / \(prefix)EMAIL",
                               code: GitError.notFoundCode, operation: "\(role.rawValue)Signature")
        }
        if let raw = nonEmpty(environment[prefix + "DATE"]) {
            guard let (date, offset) = GitDate.parse(raw) else {
                throw GitError.own("invalid date in \(prefix)DATE: '\(raw)'", code: GitError.invalidCode,
                                   operation: "\(role.rawValue)Signature")
            }
            return Signature(name: name, email: email, date: date, timeZoneOffsetMinutes: offset)
        }
        let whole = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        return Signature(name: name, email: email, date: whole,
                         timeZoneOffsetMinutes: timeZone.secondsFromGMT(for: now) / 60)
    }
}

/// Parses the date formats git accepts in `GIT_AUTHOR_DATE` / `GIT_COMMITTER_DATE`.
enum GitDate {
    /// (instant, offset from UTC in minutes) or nil.
    static func parse(_ text: String) -> (Date, Int)? {
        let text = text.trimmingCharacters(in: .whitespaces)
        return parseRaw(text) ?? parseISO(text) ?? parseRFC2822(text)
    }

    /// `@1700000000 +0100`, `1700000000 +0100`, `@1700000000`.
    private static func parseRaw(_ text: String) -> (Date, Int)? {
        var parts = text.split(separator: " ").map(String.init)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        var seconds = parts.removeFirst()
        let explicit = seconds.hasPrefix("@")
        if explicit { seconds.removeFirst() }
        guard let value = Int64(seconds), explicit || value >= 100_000_000 else { return nil }
        var offset = 0
        if let zone = parts.first {
            guard let parsed = parseZone(zone) else { return nil }
            offset = parsed
        }
        return (Date(timeIntervalSince1970: TimeInterval(value)), offset)
    }

    /// `+0100`, `-05:30`, `Z`.
    static func parseZone(_ zone: String) -> Int? {
        if zone == "Z" || zone == "z" || zone == "UTC" || zone == "GMT" { return 0 }
        var chars = Array(zone)
        guard let sign = chars.first, sign == "+" || sign == "-" else { return nil }
        chars.removeFirst()
        chars.removeAll { $0 == ":" }
        guard chars.count == 4, chars.allSatisfy(\.isASCII), let hours = Int(String(chars[0..<2])),
              let minutes = Int(String(chars[2..<4])), minutes < 60 else { return nil }
        let total = hours * 60 + minutes
        return sign == "-" ? -total : total
    }

    /// `2026-03-01T10:00:00+01:00`, `2026-03-01 10:00:00 +0100`, `2026-03-01T10:00:00Z`;
    /// without a zone the time is UTC.
    private static func parseISO(_ text: String) -> (Date, Int)? {
        let scalars = Array(text)
        guard scalars.count >= 19, scalars[4] == "-", scalars[7] == "-", scalars[10] == "T" || scalars[10] == " ",
              scalars[13] == ":", scalars[16] == ":" else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            let part = scalars[range]
            guard part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(part))
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return nil }
        var rest = String(scalars[19...]).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix(".") {  // fractional seconds are dropped, like git
            rest = String(rest.drop(while: { $0 == "." || $0.isNumber })).trimmingCharacters(in: .whitespaces)
        }
        var offset = 0
        if !rest.isEmpty {
            guard let parsed = parseZone(rest) else { return nil }
            offset = parsed
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// `Thu, 07 Apr 2005 22:13:13 +0200` (the weekday is optional).
    private static func parseRFC2822(_ text: String) -> (Date, Int)? {
        var parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = parts.first, Int(first) == nil { parts.removeFirst() }
        guard parts.count == 5, let day = Int(parts[0]), let year = Int(parts[2]) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let monthIndex = months.firstIndex(of: String(parts[1].prefix(3)).lowercased()) else { return nil }
        let time = parts[3].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, let offset = parseZone(parts[4]) else { return nil }
        return makeDate(year: year, month: monthIndex + 1, day: day, hour: time[0], minute: time[1], second: time[2], offset: offset)
    }

    private static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> (Date, Int)? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(secondsFromGMT: 0) else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let local = calendar.date(from: components),
              calendar.component(.day, from: local) == day else { return nil }
        return (local.addingTimeInterval(TimeInterval(-offset * 60)), offset)
    }
}
