/// The output formats of `roadmap review`.
public enum ReviewFormat: String, Sendable, CaseIterable {
    case text, json, sarif, github, markdown, gitlab
}

/// Renders a review in any of its formats.
public enum ReviewRenderer {
    /// - Parameters:
    ///   - base: the base commit's SHA, or nil when there is none.
    ///   - head: the head commit's SHA, or `index` / `worktree`.
    ///   - color: ANSI colors for `text` (the caller decides: a terminal and no `NO_COLOR`).
    ///   - existingSummary: for a hook or `commit`, the command that lists every finding: the
    ///     existing ones are then one line in text (see `TextReviewRenderer`).
    ///   - strict: with `existingSummary`, existing errors block and are listed in full.
    ///   - context: the moved releases and owners, for `markdown`.
    public static func render(_ result: ReviewResult, format: ReviewFormat, base: String?, head: String, color: Bool = false,
                              existingSummary: String? = nil, strict: Bool = false, context: ReviewContext = .empty) -> String {
        switch format {
        case .text: return TextReviewRenderer(color: color, existingSummary: existingSummary, strict: strict).render(result)
        case .json: return JSONReviewRenderer.render(result, base: base, head: head)
        case .sarif: return SARIFRenderer.render(result)
        case .github: return GitHubAnnotationRenderer.render(result)
        case .markdown: return MarkdownReviewRenderer.render(result, base: base, head: head, context: context)
        case .gitlab: return GitLabCodeQualityRenderer.render(result)
        }
    }
}

/// Removes control characters (C0, DEL, C1, and the bidirectional overrides that can disguise
/// text) from text that came from item files; line breaks and tabs become spaces.
public func sanitizeForTerminal(_ s: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
    for scalar in s.unicodeScalars {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: out.unicodeScalars.append(" ")
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: continue
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Compiler-style text: `path:line:column: severity: message [rule]`, grouped by item (a blank
/// line between items), new findings marked `(new)` when a base was compared, resolved findings
/// listed after, and a summary line.
///
/// For a hook or `commit` (`existingSummary` set), what the change did is listed in full — new
/// and resolved findings — and the existing ones are one line: how many, and the command that
/// lists them (a team adopting the tool on a plan with thousands of old errors must still see
/// the one new error). With `strict`, existing errors block too, so they are listed in full.
public struct TextReviewRenderer: Sendable {
    public var color: Bool
    /// The command that lists every finding (`roadmap review --staged`); nil lists them all here.
    public var existingSummary: String?
    public var strict: Bool

    public init(color: Bool = false, existingSummary: String? = nil, strict: Bool = false) {
        self.color = color
        self.existingSummary = existingSummary
        self.strict = strict
    }

    /// Whether this finding is printed in full.
    private func listsInFull(_ r: ReviewedFinding, hasBase: Bool) -> Bool {
        guard existingSummary != nil, hasBase, r.change == .existing else { return true }
        return strict && r.finding.severity == .error
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    private func severityText(_ severity: Severity) -> String {
        switch severity {
        case .error: return paint("error", "1;31")
        case .warning: return paint("warning", "1;33")
        case .info: return paint("info", "1;36")
        }
    }

    public func render(_ result: ReviewResult) -> String {
        var lines: [String] = []
        var lastPath: String?
        var hidden = result.unlisted
        for r in result.findings where r.change != .resolved {
            guard listsInFull(r, hasBase: result.hasBase) else {
                hidden[r.finding.severity, default: 0] += 1
                continue
            }
            let f = r.finding
            if let lastPath, lastPath != f.path { lines.append("") }
            lastPath = f.path
            let mark = result.hasBase && r.change == .new ? " (new)" : ""
            lines.append("\(paint("\(sanitizeForTerminal(f.path)):\(f.line):\(f.column):", "1")) \(severityText(f.severity)): \(sanitizeForTerminal(f.message))\(mark) [\(f.rule)]")
        }
        let resolved = result.findings.filter { $0.change == .resolved }
        if !resolved.isEmpty {
            if !lines.isEmpty { lines.append("") }
            for r in resolved {
                let f = r.finding
                lines.append("\(paint("resolved", "32")): \(sanitizeForTerminal(f.path)):\(f.line):\(f.column): \(sanitizeForTerminal(f.message)) [\(f.rule)]")
            }
        }
        if !lines.isEmpty { lines.append("") }
        if let command = existingSummary, !hidden.isEmpty {
            lines.append(Self.existingLine(hidden, command: command))
        }
        lines.append(TextReviewRenderer.summaryLine(result.summary, hasBase: result.hasBase))
        return lines.joined(separator: "\n") + "\n"
    }

    /// e.g. `1907 existing findings not shown (1907 errors, 0 warnings, 0 infos): 'roadmap review --staged' lists them`.
    static func existingLine(_ hidden: [Severity: Int], command: String) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let total = hidden.values.reduce(0, +)
        let parts = [count(hidden[.error] ?? 0, "error"), count(hidden[.warning] ?? 0, "warning"), count(hidden[.info] ?? 0, "info")]
        return "\(count(total, "existing finding")) not shown (\(parts.joined(separator: ", "))), unchanged by this change: '\(command)' lists them"
    }

    /// e.g. `143 items: 1 error (1 new), 2 warnings, 0 infos; 1 resolved`.
    public static func summaryLine(_ s: ReviewSummary, hasBase: Bool) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var line = "\(count(s.items, "item")): \(count(s.errors, "error"))"
        if hasBase { line += " (\(s.newErrors) new)" }
        line += ", \(count(s.warnings, "warning")), \(count(s.infos, "info"))"
        if hasBase { line += "; \(s.resolved) resolved" }
        return line
    }
}

/// The `review --format json` document of SPEC §9.
public enum JSONReviewRenderer {
    public static func document(_ result: ReviewResult, base: String?, head: String) -> JSONValue {
        .object([
            ("schemaVersion", .int(1)),
            ("base", .string(base)),
            ("head", .string(head)),
            ("findings", .array(result.findings.map { $0.finding.json(change: $0.change) })),
            ("summary", .object([
                ("items", .int(result.summary.items)),
                ("errors", .int(result.summary.errors)),
                ("warnings", .int(result.summary.warnings)),
                ("infos", .int(result.summary.infos)),
                ("newErrors", .int(result.summary.newErrors)),
            ])),
        ])
    }

    /// Pretty-printed, with a trailing newline.
    public static func render(_ result: ReviewResult, base: String?, head: String) -> String {
        document(result, base: base, head: head).encoded() + "\n"
    }
}

/// SARIF 2.1.0 for code-scanning services: one run of the `roadmap` driver with every rule's
/// metadata; resolved findings are included with `baselineState: absent`.
public enum SARIFRenderer {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    public static func document(_ result: ReviewResult, rules: [any Rule] = RuleCatalog.all) -> JSONValue {
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let rulesJSON: [JSONValue] = rules.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("name", .string(rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined())),
                ("shortDescription", .object([("text", .string(rule.summary))])),
                ("defaultConfiguration", .object([("level", .string(level(rule.defaultSeverity)))])),
            ])
        }
        let results: [JSONValue] = result.findings.map { r in
            let f = r.finding
            var members: [(String, JSONValue)] = [("ruleId", .string(f.rule))]
            if let index = ruleIndex[f.rule] { members.append(("ruleIndex", .int(index))) }
            members += [
                ("level", .string(level(f.severity))),
                ("message", .object([("text", .string(f.message))])),
                ("locations", .array([.object([
                    ("physicalLocation", .object([
                        ("artifactLocation", .object([("uri", .string(uriReference(f.path)))])),
                        ("region", .object([("startLine", .int(f.line)), ("startColumn", .int(f.column))])),
                    ])),
                ])])),
                ("partialFingerprints", .object([
                    ("roadmapFinding/v1", .string(([f.rule, f.item] + f.related).joined(separator: "|"))),
                ])),
            ]
            if result.hasBase {
                let state: String
                switch r.change {
                case .new: state = "new"
                case .existing: state = "unchanged"
                case .resolved: state = "absent"
                }
                members.append(("baselineState", .string(state)))
            }
            members.append(("properties", .object([
                ("change", .string(r.change.rawValue)),
                ("item", .string(f.item)),
                ("related", .array(f.related.map(JSONValue.string))),
            ])))
            return .object(members)
        }
        return .object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("roadmap")),
                    ("version", .string(RoadmapKitVersion.string)),
                    ("rules", .array(rulesJSON)),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
    }

    public static func render(_ result: ReviewResult) -> String {
        document(result).encoded() + "\n"
    }

    /// A repository-relative path as a URI reference: every byte outside the unreserved set
    /// and `/` is percent-encoded.
    static func uriReference(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}

/// GitHub Actions workflow commands, one per head finding:
/// `::error file=PATH,line=L,col=C,title=RULE::MESSAGE` (`notice` for infos), then a plain
/// summary line. Resolved findings are not annotated.
public enum GitHubAnnotationRenderer {
    public static func render(_ result: ReviewResult) -> String {
        var lines: [String] = []
        for r in result.findings where r.change != .resolved {
            let f = r.finding
            let command: String
            switch f.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            let title = f.rule + (result.hasBase && r.change == .new ? " (new)" : "")
            lines.append("::\(command) file=\(escapeProperty(f.path)),line=\(f.line),col=\(f.column),title=\(escapeProperty(title))::\(escapeData(stripControls(f.message)))")
        }
        lines.append(TextReviewRenderer.summaryLine(result.summary, hasBase: result.hasBase))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Drops control characters other than line breaks (which `escapeData` encodes) so that
    /// item text cannot inject terminal sequences into the log.
    static func stripControls(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { scalar in
            scalar == "\n" || scalar == "\r" || sanitizeForTerminal(String(scalar)) == String(scalar)
        }))
    }

    /// Escapes a command's message: `%`, CR and LF.
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Escapes a property value: as `escapeData`, plus `:` and `,`.
    public static func escapeProperty(_ s: String) -> String {
        var out = ""
        for ch in escapeData(s).unicodeScalars {
            switch ch {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

extension Finding {
    /// The finding as review JSON (SPEC §9); `change` is included when two states were compared.
    public func json(change: FindingChange? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("rule", .string(rule)), ("severity", .string(severity.rawValue))]
        if let change { members.append(("change", .string(change.rawValue))) }
        members += [
            ("item", .string(item)),
            ("path", .string(path)),
            ("line", .int(line)),
            ("column", .int(column)),
            ("related", .array(related.map(JSONValue.string))),
            ("message", .string(message)),
        ]
        return .object(members)
    }
}
