/// `roadmap forecast` as a table or JSON (`schemaVersion: 1`).
public enum ForecastRenderer {
    static func day(_ number: Int) -> String { RoadmapDate(dayNumber: number).text }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    /// The record in one line: moves, items, dates held, observations, the median move.
    static func recordLine(_ report: ForecastReport) -> String {
        let sizes = report.moves.map(\.size).sorted()
        let median = sizes.isEmpty ? "" : ", median move \(sizes[(sizes.count - 1) / 2] >= 0 ? "+" : "")\(sizes[(sizes.count - 1) / 2])d"
        return "history: \(report.moves.count) moves of \(report.datedItems) dated items\(median); "
            + "\(report.heldItems) held \(report.heldItems == 1 ? "date" : "dates"); \(report.observations) monthly observations"
    }

    public static func table(_ report: ForecastReport) -> String {
        var out = "forecast as of \(report.asOf.text)\(report.commit.map { " (\($0.short))" } ?? ""), "
            + "\(report.samples) samples, seed \(report.seed)\n" + recordLine(report) + "\n\n"
        if report.items.isEmpty {
            out += "no release or campaign to forecast (none is dated and not yet done)\n"
        } else {
            out += TextTable.render(
                header: ["ITEM", "KIND", "OWNER", "PLANNED", "P50", "P80", "P95", "SLIPS FROM"],
                rows: report.items.map { item in
                    [item.id, item.kind, item.owner ?? "-", item.planned.text, day(item.p50), day(item.p80), day(item.p95),
                     item.source.description].map(sanitizeForTerminal)
                })
        }
        if !report.risks.isEmpty {
            out += "\n" + TextTable.render(
                header: ["CAMPAIGN", "PROMOTES", "LAUNCH BEFORE SHIP DAY"],
                rows: report.risks.map { [$0.campaign, $0.release, percent($0.probability)].map(sanitizeForTerminal) })
        }
        if report.usesFallback {
            out += "\nfallback: the history is too thin for some items (fewer than \(SlipModel.minimumObservations) "
                + "observations of dates that held); their slips come from a stated prior, not from this repository: see docs/forecast.md\n"
        }
        if report.truncated { out += truncatedNote }
        return out
    }

    /// The line a partial record (a shallow clone) adds to the text outputs.
    static let truncatedNote = "(history truncated: this is a shallow clone; moves before its boundary are not counted; run 'git fetch --unshallow' to see them all)\n"

    public static func json(_ report: ForecastReport) -> JSONValue {
        .object([
            ("schemaVersion", .int(1)),
            ("asOf", .string(report.asOf.text)),
            ("commit", report.commit.map { .string($0.hex) } ?? .null),
            ("samples", .int(report.samples)),
            ("seed", .string(String(report.seed))),
            ("fallback", .bool(report.usesFallback)),
            ("truncated", .bool(report.truncated)),
            ("record", .object([
                ("datedItems", .int(report.datedItems)),
                ("heldItems", .int(report.heldItems)),
                ("observations", .int(report.observations)),
                ("moves", .array(report.moves.map { move in
                    .object([
                        ("item", .string(move.item)), ("kind", .string(move.kind)), ("day", .string(day(move.day))),
                        ("from", .string(day(move.from))), ("to", .string(day(move.to))), ("days", .int(move.size)),
                        ("daysUntilHeld", move.untilHeld.map(JSONValue.int) ?? .null),
                    ])
                })),
            ])),
            ("items", .array(report.items.map { item in
                .object([
                    ("id", .string(item.id)), ("kind", .string(item.kind)), ("owner", item.owner.map(JSONValue.string) ?? .null),
                    ("planned", .string(item.planned.text)),
                    ("p50", .string(day(item.p50))), ("p80", .string(day(item.p80))), ("p95", .string(day(item.p95))),
                    ("source", source(item.source)),
                ])
            })),
            ("launchBeforeShip", .array(report.risks.map { risk in
                .object([("campaign", .string(risk.campaign)), ("release", .string(risk.release)),
                         ("probability", .double((risk.probability * 1000).rounded() / 1000))])
            })),
        ])
    }

    static func source(_ source: SlipSource) -> JSONValue {
        switch source {
        case let .group(key, moves, observations):
            return .object([("group", .string(key)), ("moves", .int(moves)), ("observations", .int(observations))])
        case .fallback:
            return .object([("group", .string("fallback")), ("moves", .int(0)), ("observations", .int(0))])
        }
    }

    // MARK: Backtest

    public static func table(_ report: BacktestReport) -> String {
        var out = "backtest: a forecast on the first day of each past month (\(report.samples) samples, seed \(report.seed)), "
            + "judged against the dates that held\n\n"
        func share(_ part: Int, _ whole: Int) -> String { whole == 0 ? "-" : percent(Double(part) / Double(whole)) }
        var rows = report.months.map { month in
            [month.day.text, String(month.cases), share(month.under50, month.cases), share(month.under80, month.cases),
             share(month.under95, month.cases), String(month.fallback)]
        }
        rows.append(["all", String(report.cases), report.share(\.under50).map(percent) ?? "-",
                     report.share(\.under80).map(percent) ?? "-", report.share(\.under95).map(percent) ?? "-",
                     String(report.months.reduce(0) { $0 + $1.fallback })])
        out += TextTable.render(header: ["FORECAST ON", "CASES", "≤ P50", "≤ P80", "≤ P95", "FALLBACK"], rows: rows)
        out += "\na calibrated forecast reads about 50 / 80 / 95 %; higher: too cautious, lower: too hopeful"
            + " (\(report.cases) \(report.cases == 1 ? "case" : "cases")\(report.cases < 30 ? ", too few to judge" : ""); see docs/forecast.md)\n"
        if report.truncated { out += truncatedNote }
        return out
    }

    public static func json(_ report: BacktestReport) -> JSONValue {
        func share(_ value: Double?) -> JSONValue { value.map { .double(($0 * 1000).rounded() / 1000) } ?? .null }
        return .object([
            ("schemaVersion", .int(1)),
            ("samples", .int(report.samples)),
            ("seed", .string(String(report.seed))),
            ("cases", .int(report.cases)),
            ("truncated", .bool(report.truncated)),
            ("underP50", share(report.share(\.under50))),
            ("underP80", share(report.share(\.under80))),
            ("underP95", share(report.share(\.under95))),
            ("months", .array(report.months.map { month in
                .object([
                    ("day", .string(month.day.text)), ("cases", .int(month.cases)),
                    ("underP50", .int(month.under50)), ("underP80", .int(month.under80)), ("underP95", .int(month.under95)),
                    ("fallback", .int(month.fallback)),
                ])
            })),
        ])
    }
}
