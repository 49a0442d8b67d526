import Foundation

/// `roadmap budget`'s formats: a table for people, JSON and CSV for programs and spreadsheets.
public enum BudgetRenderer {
    static func money(_ amount: Decimal?, _ currency: String?) -> String {
        amount.map { Money.text($0, currency: currency) } ?? "-"
    }

    static func number(_ value: Decimal?) -> String { value.map(Money.text) ?? "-" }

    public static func table(_ report: BudgetReport) -> String {
        guard !report.rows.isEmpty else { return "no campaign has a budget or results\n" }
        var cells: [[String]] = [[report.grouping.rawValue, "currency", "planned", "spent", "remaining", "return"]]
        for row in report.rows + report.totals {
            cells.append([row.key, row.currency ?? "-", money(row.planned, row.currency), money(row.spent, row.currency),
                          money(row.remaining, row.currency), row.returnOnSpend.map { BudgetReport.rounded($0, places: 2) + "×" } ?? "-"])
        }
        var widths = Array(repeating: 0, count: cells[0].count)
        for line in cells { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (n, line) in cells.enumerated() {
            out += line.enumerated().map { i, cell in
                i == 0 || i == 1 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ") + "\n"
            if n == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        let withResults = report.rows.filter { !$0.results.isEmpty }
        if !withResults.isEmpty { out += "\nresults\n" }
        for row in withResults {
            if let allotted = row.allotted { out += "\(row.key): allotted \(money(allotted, row.currency))\n" }
            for result in row.results {
                var parts = ["\(row.key) \(result.metric): \(number(result.actual)) of \(number(result.target))"]
                if let attainment = result.attainment { parts.append(BudgetReport.percent(attainment)) }
                if let cost = result.costPerResult { parts.append("\(money(cost, row.currency)) per \(result.metric)") }
                out += "  " + parts.joined(separator: ", ") + "\n"
            }
        }
        return out
    }

    static func json(_ row: BudgetReport.Row) -> JSONValue {
        .object([
            ("key", .string(row.key)), ("title", .string(row.title)), ("currency", .string(row.currency)),
            ("planned", Money.json(row.planned)), ("spent", Money.json(row.spent)), ("remaining", Money.json(row.remaining)),
            ("allotted", row.allotted.map(Money.json) ?? .null),
            ("return", row.returnOnSpend.map { Money.json(roundedRatio($0)) } ?? .null),
            ("campaigns", .array(row.campaigns.map(JSONValue.string))),
            ("results", .array(row.results.map { r in
                .object([("metric", .string(r.metric)), ("target", r.target.map(Money.json) ?? .null),
                         ("actual", r.actual.map(Money.json) ?? .null),
                         ("attainment", r.attainment.map { Money.json(roundedRatio($0)) } ?? .null),
                         ("costPerResult", r.costPerResult.map { Money.json(roundedRatio($0)) } ?? .null)])
            })),
        ])
    }

    /// Ratios to four decimals (a percentage to two): enough for people and stable in JSON.
    static func roundedRatio(_ value: Decimal) -> Decimal {
        Decimal(string: BudgetReport.rounded(value, places: 4), locale: nil) ?? value
    }

    public static func json(_ report: BudgetReport) -> String {
        JSONValue.object([
            ("schemaVersion", .int(1)), ("by", .string(report.grouping.rawValue)),
            ("rows", .array(report.rows.map(json))), ("totals", .array(report.totals.map(json))),
        ]).encoded() + "\n"
    }

    /// One line per row and metric (a row without results: one line, metric columns empty).
    /// Numbers are written plain (a negative remaining stays a number, not text).
    public static func csv(_ report: BudgetReport) -> String {
        var out = "group,title,currency,planned,spent,remaining,return,metric,target,actual,attainment,cost_per_result\r\n"
        for row in report.rows + report.totals {
            let head = [CSV.field(row.key), CSV.field(row.title ?? ""), CSV.field(row.currency ?? ""), Money.text(row.planned),
                        Money.text(row.spent), Money.text(row.remaining), row.returnOnSpend.map { Money.text(roundedRatio($0)) } ?? ""]
            let results: [BudgetReport.Result?] = row.results.isEmpty ? [nil] : row.results.map(Optional.some)
            for result in results {
                let tail = result.map { r in
                    [CSV.field(r.metric), r.target.map(Money.text) ?? "", r.actual.map(Money.text) ?? "",
                     r.attainment.map { Money.text(roundedRatio($0)) } ?? "", r.costPerResult.map { Money.text(roundedRatio($0)) } ?? ""]
                } ?? ["", "", "", "", ""]
                out += (head + tail).joined(separator: ",") + "\r\n"
            }
        }
        return out
    }
}
