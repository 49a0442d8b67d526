import Foundation

/// Draws a `Timeline` as a Mermaid gantt chart inside a fenced ```` ```mermaid ```` block, which
/// GitHub renders in Markdown. Sections `Product` and `Marketing`; releases and launches are
/// milestones, epics and campaign windows are bars; items with errors are `crit`, shipped and
/// done items `done`, items in progress `active`. Item text cannot break out of a task line:
/// Mermaid's separators (`:`, `;`, `#`) and angle brackets are replaced by look-alikes.
public enum MermaidRenderer {
    public static func render(_ timeline: Timeline, title: String = "Roadmap") -> String {
        var lines = [
            "```mermaid",
            "gantt",
            "    title \(text(title))",
            "    dateFormat YYYY-MM-DD",
            "    axisFormat \(timeline.scale == .month ? "%b %Y" : "%b %Y")",
        ]
        if timeline.today.firstDay >= timeline.firstDay && timeline.today.firstDay <= timeline.lastDay {
            lines.append("    todayMarker on")
        }
        var counter = 0
        func task(_ name: String, tags: [String], first: Int, last: Int, milestone: Bool = false) {
            counter += 1
            var parts = tags
            if milestone { parts.insert("milestone", at: 0) }
            parts.append("t\(counter)")
            parts.append(RoadmapDate(dayNumber: first).text)
            parts.append(milestone ? "0d" : RoadmapDate(dayNumber: last + 1).text)
            lines.append("    \(name) :\(parts.joined(separator: ", "))")
        }
        func tags(_ entry: Timeline.Entry) -> [String] {
            var tags: [String] = []
            if entry.worst == .error { tags.append("crit") }
            if ["done", "shipped"].contains(entry.status) { tags.append("done") }
            else if ["in-progress", "live", "active"].contains(entry.status) { tags.append("active") }
            return tags
        }
        func name(_ entry: Timeline.Entry, _ suffix: String = "") -> String {
            var name = text(entry.title) + suffix
            if entry.launchesBeforeRelease { name = "✗ LAUNCH BEFORE RELEASE – " + name }
            else if entry.worst == .error { name = "✗ " + name }
            else if entry.worst == .warning { name = "! " + name }
            return name
        }

        lines.append("    section Product")
        for entry in timeline.product {
            guard let first = entry.firstDay, let last = entry.lastDay else { continue }
            if entry.kind == .release, let date = entry.marker {
                task(name(entry, " ships"), tags: tags(entry), first: date.firstDay, last: date.lastDay, milestone: true)
            } else {
                task(name(entry), tags: tags(entry), first: first, last: last)
            }
        }
        lines.append("    section Marketing")
        for entry in timeline.marketing {
            guard let first = entry.firstDay, let last = entry.lastDay else { continue }
            let promoted = entry.promoted.map { text($0.id) + " " + ($0.date?.text ?? "no date") }.joined(separator: ", ")
            if first != last || entry.marker == nil {
                task(name(entry), tags: tags(entry), first: first, last: last)
            }
            if let launch = entry.marker {
                task(name(entry, " launches" + (promoted.isEmpty ? "" : " (promotes \(promoted))")), tags: tags(entry),
                     first: launch.firstDay, last: launch.firstDay, milestone: true)
            }
        }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Item text made safe for a task line: control characters dropped, and the characters that
    /// end a task name or start a comment or tag replaced by look-alikes.
    static func text(_ s: String) -> String {
        var out = ""
        for ch in sanitizeForTerminal(s) {
            switch ch {
            case ":": out.append("꞉")
            case ";": out.append("﹔")
            case "#": out.append("＃")
            case "<": out.append("‹")
            case ">": out.append("›")
            case "%": out.append("％")
            case "`": out.append("ˋ")
            case "\"": out.append("”")
            default: out.append(ch)
            }
        }
        let trimmed = out.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "(untitled)" : trimmed
    }
}
