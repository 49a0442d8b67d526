/// `review --format markdown`: a pull-request comment. It starts with a hidden marker, so a
/// bot can find the comment it posted before and update it instead of adding another; then a
/// summary, the moved releases with the campaigns, assets and owners they affect, and the findings by
/// severity (new ones first, marked), resolved findings folded away.
public enum MarkdownReviewRenderer {
    /// The marker a CI job searches its own comment by (see `roadmap ci init`).
    public static let marker = "<!-- roadmap-review -->"

    public static func render(_ result: ReviewResult, base: String?, head: String, context: ReviewContext = .empty) -> String {
        var out: [String] = [marker, "## Roadmap review", ""]
        let s = result.summary
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var summary = result.hasBase && s.newErrors > 0 ? "**\(count(s.newErrors, "new error"))** · " : ""
        summary += "\(count(s.errors, "error")) · \(count(s.warnings, "warning")) · \(count(s.infos, "info"))"
        if result.hasBase { summary += " · \(s.resolved) resolved" }
        summary += " — \(count(s.items, "item"))"
        if let base { summary += ", `\(base.prefix(7))` → `\(head.count == 40 ? String(head.prefix(7)) : head)`" }
        out.append(summary)
        out.append("")
        if result.hasBase && s.newErrors == 0 { out += ["✅ No new errors.", ""] }
        if result.hasBase && s.newErrors > 0 { out += ["❌ This change adds \(count(s.newErrors, "error")) to the roadmap.", ""] }

        if !context.moves.isEmpty {
            out += ["### Moved releases", "", "| Release | Owner | Date | Campaigns and assets promoting it |", "|---|---|---|---|"]
            for move in context.moves {
                let campaigns = move.campaigns.isEmpty && move.assets.isEmpty ? "none" : (move.campaigns.map { c in
                    var text = "\(code(c.id)) (\(escape(c.owner ?? "no owner"))), launch \(escape(c.launch ?? "?"))"
                    if c.launchesBeforeRelease { text += " **before the release**" }
                    return text
                } + move.assets.map { a in
                    var text = "asset \(code(a.name)) (\(escape(a.owner ?? "no owner"))), publish \(escape(a.publish))"
                    if a.publishesBeforeRelease { text += " **before the release**" }
                    return text
                }).joined(separator: "<br>")
                let date = "\(escape(move.old)) → \(escape(move.new))" + (move.shift.isEmpty ? "" : " (\(move.shift))")
                out.append("| \(code(move.id)) | \(escape(move.owner ?? "no owner")) | \(date) | \(campaigns) |")
            }
            out.append("")
        }

        let head = result.findings.filter { $0.change != .resolved }
        for (severity, title) in [(Severity.error, "Errors"), (.warning, "Warnings"), (.info, "Notes")] {
            let group = head.filter { $0.finding.severity == severity }
                .sorted { ($0.change == .new ? 0 : 1) < ($1.change == .new ? 0 : 1) }
            guard !group.isEmpty else { continue }
            out += ["### \(title) (\(group.count))", ""]
            out += table(group, hasBase: result.hasBase, context: context)
            out.append("")
        }
        let resolved = result.findings.filter { $0.change == .resolved }
        if !resolved.isEmpty {
            out += ["<details><summary>Resolved (\(resolved.count))</summary>", ""]
            out += table(resolved, hasBase: false, context: context)
            out += ["", "</details>", ""]
        }
        out.append("<sub>roadmap \(RoadmapKitVersion.string)</sub>")
        return out.joined(separator: "\n") + "\n"
    }

    static func table(_ findings: [ReviewedFinding], hasBase: Bool, context: ReviewContext) -> [String] {
        var rows = ["| | Rule | Item | Owner | Where | Message |", "|---|---|---|---|---|---|"]
        for r in findings {
            let f = r.finding
            let mark = hasBase && r.change == .new ? "🆕" : ""
            rows.append("| \(mark) | \(code(f.rule)) | \(code(f.item)) | \(escape(context.owners[f.item] ?? "")) | \(code("\(f.path):\(f.line)")) | \(escape(f.message)) |")
        }
        return rows
    }

    /// A code span: backslash escapes do not work inside one, so a backtick becomes a quote;
    /// a pipe is still escaped, as GitHub splits table cells before it reads code spans.
    public static func code(_ text: String) -> String {
        "`" + sanitizeForTerminal(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|") + "`"
    }

    /// Item text made inert in a Markdown table cell: HTML and Markdown syntax escaped, line
    /// breaks and control characters turned into spaces, pipes escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in sanitizeForTerminal(text) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "~", "!": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}
