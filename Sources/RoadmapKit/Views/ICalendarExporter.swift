import Foundation

/// `export --format ics`: an iCalendar (RFC 5545) calendar with one all-day event per release
/// date, per campaign launch and per asset publish day (SPEC §13). A date that is a month or a quarter becomes an event over
/// those days. Each event's UID is stable (`<kind>-<id>@roadmap`), so a calendar that imports
/// the file again updates its events instead of duplicating them. Text is escaped (§3.3.11),
/// control characters are dropped, lines end with CRLF and are folded at 75 octets (§3.1).
public enum ICalendarExporter {
    public static func render(_ view: RoadmapView) -> String {
        let stamp = timestamp(view.commitDate ?? Date(timeIntervalSince1970: Double(view.today.firstDay) * 86_400))
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//roadmap//roadmap \(RoadmapKitVersion.string)//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Roadmap",
            "X-ROADMAP-COMMIT:\(view.commit?.hex ?? "worktree")",
        ]
        if let date = view.commitDateText { lines.append("X-ROADMAP-COMMIT-DATE:\(date)") }
        let snapshot = view.snapshot
        for item in snapshot.byID.values.sorted(by: { $0.id < $1.id }) {
            let date: RoadmapDate?, summary: String
            var details: [String] = []
            switch item.kind {
            case .release?:
                date = item.date
                summary = "Release: \(item.title ?? item.id)" + (item.version.map { " \($0)" } ?? "")
            case .campaign?:
                date = item.launch
                summary = "Launch: \(item.title ?? item.id)"
                if !item.promotes.isEmpty { details.append("Promotes: " + item.promotes.map(\.id).joined(separator: ", ")) }
                if !item.channels.isEmpty { details.append("Channels: " + item.channels.joined(separator: ", ")) }
            default:
                continue
            }
            guard let date else { continue }
            details.insert("Status: \(item.status)", at: 0)
            if let owner = item.owner { details.append("Owner: \(owner)") }
            if date.precision != .day { details.append("Date: \(date.text)") }
            for finding in view.findings(of: item.id) {
                details.append("\(finding.severity.rawValue) [\(finding.rule)]: \(finding.message)")
            }
            if let description = item.description { details.append(description) }
            lines += [
                "BEGIN:VEVENT",
                "UID:\(item.kind!.rawValue)-\(item.id)@roadmap",
                "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(compact(date.firstDay))",
                "DTEND;VALUE=DATE:\(compact(date.lastDay + 1))",
                "SUMMARY:\(escape(summary))",
                "DESCRIPTION:\(escape(details.joined(separator: "\n")))",
                "CATEGORIES:\(item.kind!.rawValue)",
                "TRANSP:TRANSPARENT",
            ]
            if item.status == "cancelled" { lines.append("STATUS:CANCELLED") }
            lines.append("END:VEVENT")
        }
        lines += assetEvents(ContentCalendar(snapshot).entries, stamp: stamp)
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// One all-day event per asset on its publish day, `UID:asset-CAMPAIGN-ASSET@roadmap`
    /// (asset ids are unique in their campaign, campaign ids in the roadmap; `-` cannot tell
    /// `a-b/c` from `a/b-c`, so the separator is `.` after the campaign's length).
    static func assetEvents(_ entries: [ContentCalendar.Entry], stamp: String) -> [String] {
        var lines: [String] = []
        for entry in entries {
            var details = ["Status: \(entry.status)", "Campaign: \(entry.campaignTitle) (\(entry.campaign))", "Publish: \(entry.publish)"]
            if let type = entry.type { details.append("Type: \(type)") }
            if let channel = entry.channel { details.append("Channel: \(channel)") }
            if let owner = entry.owner { details.append("Owner: \(owner)") }
            if entry.teaser { details.append("Teaser") }
            lines += [
                "BEGIN:VEVENT",
                "UID:asset-\(entry.campaign.count).\(entry.campaign)-\(entry.asset)@roadmap",
                "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(compact(entry.day.firstDay))",
                "DTEND;VALUE=DATE:\(compact(entry.day.lastDay + 1))",
                "SUMMARY:\(escape("\(entry.type.map { $0.capitalized + ": " } ?? "")\(entry.title)"))",
                "DESCRIPTION:\(escape(details.joined(separator: "\n")))",
                "CATEGORIES:asset",
                "TRANSP:TRANSPARENT",
            ]
            if entry.status == "cancelled" { lines.append("STATUS:CANCELLED") }
            lines.append("END:VEVENT")
        }
        return lines
    }

    /// `YYYYMMDD`.
    static func compact(_ day: Int) -> String {
        RoadmapDate(dayNumber: day).text.replacingOccurrences(of: "-", with: "")
    }

    /// A UTC date-time: `20261110T153000Z`.
    static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - day * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return compact(day) + "T" + two(rest / 3600) + two(rest / 60 % 60) + two(rest % 60) + "Z"
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks; every
    /// other control character is dropped (the RFC allows none in a value).
    public static func escape(_ s: String) -> String {
        var out = ""
        let normalized = s.replacingOccurrences(of: "\r\n", with: "\n")
        for scalar in normalized.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            default:
                if sanitizeForTerminal(String(scalar)).isEmpty { continue }
                if scalar == "\t" { out += " "; continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line so that no line exceeds 75 octets, never inside a UTF-8 sequence:
    /// continuation lines start with one space.
    public static func fold(_ line: String) -> String {
        var result = ""
        var current = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if current + size > 75 {
                result += "\r\n "
                current = 1
            }
            result.unicodeScalars.append(scalar)
            current += size
        }
        return result
    }
}
