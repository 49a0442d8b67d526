import Foundation

/// Draws a `Timeline` as text that fits a terminal: one row an item, a chart column per slice
/// of the axis, and under a row the findings about its item. Symbols carry the meaning, so the
/// chart reads the same without color; color (on a terminal only) adds emphasis.
///
/// ```
///   ◆ Billing v2              ·········│········◆·····   release date
///   ━ Usage-based pricing     ━━━━━━━━━━━━━━━━━━·····   start … end
/// ✗ ▲ Billing v2 launch       ·········│·····▲━┆━━━━   launch, ┆ = a promoted release's date
///     ✗ LAUNCH BEFORE RELEASE launch-before-release: …
/// ```
public struct TimelineTextRenderer: Sendable {
    /// The terminal's width in columns (`COLUMNS`).
    public var width: Int
    public var color: Bool

    public init(width: Int = 80, color: Bool = false) {
        self.width = max(width, 40)
        self.color = color
    }

    /// The width from `COLUMNS` when it is a number, else 80.
    public static func width(environment: [String: String]) -> Int {
        environment["COLUMNS"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil } ?? 80
    }

    static let legend = "◆ release date  ━ start…end  ▲ launch  ┆ promoted release ships  ⊳ a dependency ends  │ today  ✗ error  ! warning"

    private func paint(_ s: String, _ code: String) -> String { color && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// Text cut to `n` characters, with `…` when cut.
    static func fit(_ s: String, _ n: Int) -> String {
        guard n > 0 else { return "" }
        if s.count <= n { return s }
        return String(s.prefix(n - 1)) + "…"
    }

    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

    public func render(_ timeline: Timeline) -> String {
        let labelWidth = min(36, max(14, width * 3 / 10))
        let chartWidth = max(10, width - 4 - labelWidth - 1)
        let gutter = String(repeating: " ", count: 4 + labelWidth + 1)
        func column(_ day: Int) -> Int {
            min(chartWidth - 1, Int(timeline.position(ofDay: day) * Double(chartWidth)))
        }
        var lines: [String] = []
        let first = timeline.ticks.first!.label, last = timeline.ticks.last!.label
        lines.append(paint(Self.fit("Roadmap timeline: \(first) … \(last) by \(timeline.scale.rawValue), today \(timeline.today.text)", width), "1"))

        // The axis: short labels where they fit, the year under the first tick and each new year.
        var labels = [Character](repeating: " ", count: chartWidth)
        var years = [Character](repeating: " ", count: chartWidth)
        var labelsEnd = 0, yearsEnd = 0
        for (i, tick) in timeline.ticks.enumerated() {
            let c = column(tick.firstDay)
            let short = Array(tick.shortLabel)
            if c >= labelsEnd, c + short.count <= chartWidth {
                for (k, ch) in short.enumerated() { labels[c + k] = ch }
                labelsEnd = c + short.count + 1
            }
            let year = Array(String(tick.label.prefix(4)))
            let newYear = i == 0 || tick.label.hasSuffix("-01") || tick.label.hasSuffix("-Q1")
            if newYear, c >= yearsEnd, c + year.count <= chartWidth {
                for (k, ch) in year.enumerated() { years[c + k] = ch }
                yearsEnd = c + year.count + 1
            }
        }
        func trimmed(_ cells: [Character]) -> String { String(String(cells).reversed().drop { $0 == " " }.reversed()) }
        lines.append(gutter + paint(trimmed(labels), "2"))
        lines.append(gutter + paint(trimmed(years), "2"))

        let todayColumn: Int? = timeline.today.firstDay >= timeline.firstDay && timeline.today.firstDay <= timeline.lastDay
            ? column(timeline.today.firstDay) : nil

        func chart(_ entry: Timeline.Entry) -> String {
            var cells = [String](repeating: "·", count: chartWidth)
            if let t = todayColumn { cells[t] = "│" }
            if let f = entry.firstDay, let l = entry.lastDay {
                let a = column(f), b = column(max(f, min(l, timeline.lastDay)))
                switch entry.kind {
                case .release:
                    let code = entry.worst == .error ? "1;31" : (entry.status == "shipped" ? "2;36" : "1;36")
                    for c in a...b { cells[c] = paint("◆", code) }
                default:
                    let code = entry.kind == .campaign ? "35" : "34"
                    for c in a...b { cells[c] = paint("━", entry.status == "done" || entry.status == "cancelled" ? "2" : code) }
                }
            }
            // Where each dependency lets the item start (its end plus the lag): red when the item starts earlier.
            for dependency in entry.dependsOn {
                guard let day = dependency.earliestStart, day >= timeline.firstDay, day <= timeline.lastDay else { continue }
                let early = entry.startDay.map { $0 < day } ?? false
                cells[column(day)] = paint("⊳", early ? "1;31" : "2")
            }
            if entry.kind == .campaign {
                for promoted in entry.promoted {
                    guard let date = promoted.date ?? timeline.releaseDate(promoted.id),
                          date.lastDay >= timeline.firstDay, date.firstDay <= timeline.lastDay else { continue }
                    cells[column(max(date.firstDay, timeline.firstDay))] = paint("┆", "1;36")
                }
                if let launch = entry.marker, launch.firstDay >= timeline.firstDay, launch.firstDay <= timeline.lastDay {
                    cells[column(launch.firstDay)] = paint("▲", entry.launchesBeforeRelease ? "1;31" : "1;35")
                }
            }
            return cells.joined()
        }

        func mark(_ severity: Severity?) -> String {
            switch severity {
            case .error?: return paint("✗", "1;31")
            case .warning?: return paint("!", "1;33")
            case .info?: return paint("i", "36")
            case nil: return " "
            }
        }

        func row(_ entry: Timeline.Entry) {
            let glyph: String
            switch entry.kind {
            case .release: glyph = "◆"
            case .campaign: glyph = "▲"
            default: glyph = "━"
            }
            let indent = entry.kind == .epic && entry.release != nil ? "  " : ""
            var label = Self.pad(Self.fit(indent + sanitizeForTerminal(entry.title), labelWidth), labelWidth)
            if entry.launchesBeforeRelease { label = paint(label, "1;31") }
            lines.append("\(mark(entry.worst)) \(glyph) \(label) \(chart(entry))")
            var details = "\(entry.id) · \(entry.status) · \(entry.dateText)"
            if let owner = entry.owner { details += " · \(owner)" }
            if !entry.promoted.isEmpty {
                details += " · promotes " + entry.promoted.map { "\($0.id) (\($0.date?.text ?? "no date"))" }.joined(separator: ", ")
            }
            if !entry.dependsOn.isEmpty {
                details += " · after " + entry.dependsOn.map { d in
                    "\(d.id) (\(d.end.map { "ends \($0.text)" } ?? "no end")\(d.lag == 0 ? "" : ", lag \(d.lag)d"))"
                }.joined(separator: ", ")
            }
            lines.append(paint(Self.fit("      " + sanitizeForTerminal(details), width), "2"))
            for finding in entry.findings {
                let stands = finding.rule == "launch-before-release" ? "LAUNCH BEFORE RELEASE " : ""
                let text = Self.fit("      \(finding.severity == .error ? "✗" : finding.severity == .warning ? "!" : "i") \(stands)\(finding.rule): \(sanitizeForTerminal(finding.message))", width)
                let code = finding.severity == .error ? (stands.isEmpty ? "31" : "1;31") : finding.severity == .warning ? "33" : "36"
                lines.append(paint(text, code))
            }
            for finding in entry.relatedFindings where finding.severity != .info {
                let stands = finding.rule == "launch-before-release" ? "LAUNCH BEFORE RELEASE " : ""
                lines.append(paint(Self.fit("      ↳ \(stands)\(finding.rule) on \(sanitizeForTerminal(finding.item))", width), finding.severity == .error ? "31" : "33"))
            }
        }

        func lane(_ name: String, _ entries: [Timeline.Entry]) {
            lines.append("")
            lines.append(paint(Self.fit(name + " " + String(repeating: "─", count: max(0, width - name.count - 1)), width), "1"))
            if entries.isEmpty { lines.append("  (nothing in this period)") }
            entries.forEach(row)
        }

        lane("PRODUCT", timeline.product)
        lane("MARKETING", timeline.marketing)
        if !timeline.undated.isEmpty {
            lines.append("")
            let names = timeline.undated.map { "\(sanitizeForTerminal($0.id)) (\($0.kind.rawValue))" }.joined(separator: ", ")
            lines.append(Self.fit("No date: " + names, width))
        }
        lines.append("")
        lines.append(paint(Self.fit(Self.legend, width), "2"))
        return lines.joined(separator: "\n") + "\n"
    }
}
