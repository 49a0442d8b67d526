import Foundation

/// The output formats of `roadmap digest`.
public enum DigestFormat: String, Sendable, CaseIterable {
    case text, markdown, html, json
}

/// Renders a digest: the same sections in every human format (items added, removed, dates
/// moved, status changes, findings introduced, resolved), each line saying who and why (the
/// commit subject); JSON lists the commits with their changes.
public enum DigestRenderer {
    struct Line {
        var what: String
        var who: String
        var day: String
        var why: String
    }

    static func sections(_ digest: Digest) -> [(title: String, lines: [Line])] {
        func line(_ what: String, _ e: Digest.Entry) -> Line {
            Line(what: what, who: e.author, day: day(e), why: e.subject)
        }
        func finding(_ f: Finding) -> String { "\(f.severity.rawValue) \(f.rule) on \(f.item): \(f.message)" }
        return [
            ("Items added", digest.added.map { e, i in
                line("\(i.id)" + (i.fields.first { $0.field == "kind" }?.new?.shortText).map { " (\($0))" }.orEmpty + " at \(i.path)", e)
            }),
            ("Items removed", digest.removed.map { e, i in line("\(i.id) (was \(i.path))", e) }),
            ("Dates moved", digest.dateMoves.map { m in
                line("\(m.item) \(m.field) \(m.old) → \(m.new) (\(m.days >= 0 ? "+" : "")\(m.days) day\(abs(m.days) == 1 ? "" : "s"))", m.entry)
            }),
            ("Status changes", digest.statusChanges.map { c in line("\(c.item): \(c.old) → \(c.new)", c.entry) }),
            ("Findings introduced", digest.entries.flatMap { e in e.introduced.map { line(finding($0), e) } }),
            ("Findings resolved", digest.entries.flatMap { e in e.resolved.map { line(finding($0), e) } }),
        ]
    }

    static func day(_ e: Digest.Entry) -> String {
        let (y, m, d) = RoadmapDate.civil(fromDayNumber: Workspace.day(of: e.date, offsetMinutes: e.offsetMinutes))
        return RoadmapDate(year: y, month: m, day: d).text
    }

    static func period(_ digest: Digest) -> String {
        "\(digest.branch), \(digest.since.text) … \(digest.until?.text ?? "now") (\(digest.entries.count) commit\(digest.entries.count == 1 ? "" : "s"))"
    }

    /// Said under the period when a shallow clone cut the walk short.
    static let truncationNote = "(history truncated: this is a shallow clone whose history stops inside the period; "
        + "older changes are missing; run 'git fetch --unshallow' to see them all)"

    public static func render(_ digest: Digest, format: DigestFormat) -> String {
        switch format {
        case .text:
            var out = ["roadmap digest: " + period(digest)]
            if digest.truncated { out.append(truncationNote) }
            for (title, lines) in sections(digest) {
                out += ["", "\(title) (\(lines.count))"]
                out += lines.map { "  \($0.what) — \($0.who), \($0.day): \"\($0.why)\"" }
            }
            return out.map(sanitizeForTerminal).joined(separator: "\n") + "\n"
        case .markdown:
            let e = MarkdownReviewRenderer.escape
            var out = ["## Roadmap digest", "", e(period(digest))]
            if digest.truncated { out += ["", "_\(e(truncationNote))_"] }
            for (title, lines) in sections(digest) where !lines.isEmpty {
                out += ["", "### \(title) (\(lines.count))", ""]
                out += lines.map { "- \(e($0.what)) — \(e($0.who)), \($0.day): “\(e($0.why))”" }
            }
            return out.joined(separator: "\n") + "\n"
        case .html:
            let h = htmlEscape
            var out = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Roadmap digest</title></head>",
                       "<body style=\"font-family: sans-serif; line-height: 1.4\">",
                       "<h1 style=\"font-size: 1.3em\">Roadmap digest</h1>", "<p>\(h(period(digest)))</p>"]
            if digest.truncated { out.append("<p><em>\(h(truncationNote))</em></p>") }
            for (title, lines) in sections(digest) where !lines.isEmpty {
                out.append("<h2 style=\"font-size: 1.1em\">\(h(title)) (\(lines.count))</h2>")
                out.append("<ul>")
                out += lines.map { "<li>\(h($0.what)) — \(h($0.who)), \($0.day): “\(h($0.why))”</li>" }
                out.append("</ul>")
            }
            out += ["</body></html>"]
            return out.joined(separator: "\n") + "\n"
        case .json:
            return json(digest).encoded() + "\n"
        }
    }

    public static func json(_ digest: Digest) -> JSONValue {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        let s = sections(digest)
        return .object([
            ("schemaVersion", .int(1)),
            ("branch", .string(digest.branch)),
            ("since", .string(digest.since.text)),
            ("until", .string(digest.until?.text)),
            ("truncated", .bool(digest.truncated)),
            ("commits", .array(digest.entries.map { e in
                iso.timeZone = TimeZone(secondsFromGMT: e.offsetMinutes * 60)
                return .object([
                    ("commit", .string(e.commit.hex)),
                    ("author", .object([("name", .string(e.author)), ("email", .string(e.email))])),
                    ("date", .string(iso.string(from: e.date))),
                    ("subject", .string(e.subject)),
                    ("items", SemanticDiffRenderer.itemsJSON(e.items)),
                    ("introduced", .array(e.introduced.map { $0.json() })),
                    ("resolved", .array(e.resolved.map { $0.json() })),
                ])
            })),
            ("summary", .object([
                ("added", .int(s[0].lines.count)), ("removed", .int(s[1].lines.count)),
                ("datesMoved", .int(s[2].lines.count)), ("statusChanges", .int(s[3].lines.count)),
                ("introduced", .int(s[4].lines.count)), ("resolved", .int(s[5].lines.count)),
            ])),
        ])
    }

    static func htmlEscape(_ s: String) -> String {
        var out = ""
        for ch in sanitizeForTerminal(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
