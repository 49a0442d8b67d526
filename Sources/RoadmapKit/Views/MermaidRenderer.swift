import Foundation

/// Draws a `Timeline` as a Mermaid gantt chart inside a fenced ```` ```mermaid ```` block, which
/// GitHub renders in Markdown. Sections `Product` and `Marketing`; releases and launches are
/// milestones, epics and campaign windows are bars; items with errors are `crit`, shipped and
/// done items `done`, items in progress `active`. Item text cannot break out of a task line:
/// Mermaid's separators (`:`, `;`, `#`) and angle brackets are replaced by look-alikes.
/// Dependencies follow in a second block, a flowchart of the `depends-on` edges.
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
        return lines.joined(separator: "\n") + "\n" + dependencies(timeline)
    }

    /// The `depends-on` edges (SPEC §14) as a second block, a flowchart from each dependency to
    /// what waits for it, labelled with the lag; a gantt chart has no edges of its own. Empty
    /// when no item on the timeline depends on another.
    static func dependencies(_ timeline: Timeline) -> String {
        let entries = timeline.entries
        var edges: [(from: String, to: String, lag: Int, late: Bool)] = []
        for entry in entries {
            for dependency in entry.dependsOn {
                let late = entry.findings.contains { $0.rule == "dependency-order" && $0.related.contains(dependency.id) }
                edges.append((dependency.id, entry.id, dependency.lag, late))
            }
        }
        guard !edges.isEmpty else { return "" }
        var nodes: [String: String] = [:]
        var order: [String] = []
        func node(_ id: String) -> String {
            if let name = nodes[id] { return name }
            let name = "n\(nodes.count + 1)"
            nodes[id] = name
            order.append(id)
            return name
        }
        var body: [String] = []
        var lateLinks: [Int] = []
        for (index, edge) in edges.enumerated() {
            let (a, b) = (node(edge.from), node(edge.to))
            let label = edge.lag == 0 ? "" : "|\(edge.lag > 0 ? "+" : "")\(edge.lag)d|"
            body.append("    \(a) -->\(label) \(b)")
            if edge.late { lateLinks.append(index) }
        }
        var lines = ["```mermaid", "flowchart LR"]
        for id in order {
            let title = entries.first { $0.id == id }.map { text($0.title) } ?? text(id)
            lines.append("    \(nodes[id] ?? id)[\"\(title)\"]")
        }
        lines += body
        if !lateLinks.isEmpty {
            lines.append("    linkStyle \(lateLinks.map(String.init).joined(separator: ",")) stroke:#cf222e,stroke-width:2px")
        }
        lines.append("```")
        return "\n" + lines.joined(separator: "\n") + "\n"
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
