import Foundation

/// `roadmap budget` (SPEC §13): planned, spent and remaining money by program, campaign,
/// launch quarter or channel, with the results against their targets. Amounts are `Decimal`
/// throughout (no floating-point drift). Money in different currencies is never added up: a
/// group holding campaigns in two currencies has one row per currency, and so do the totals.
public struct BudgetReport: Sendable {
    public enum Grouping: String, Sendable, CaseIterable { case program, campaign, quarter, channel }

    /// A metric's results over a row's campaigns.
    public struct Result: Sendable {
        public var metric: String
        public var target: Decimal?
        public var actual: Decimal?
        /// actual ÷ target.
        public var attainment: Decimal?
        /// spent ÷ actual (not for `revenue`, which is money).
        public var costPerResult: Decimal?
    }

    public struct Row: Sendable {
        /// The group: a program or campaign id, `2026-Q3`, a channel; `(none)` when it has none.
        public var key: String
        public var title: String?
        /// nil when the campaigns' budgets name no currency.
        public var currency: String?
        public var planned: Decimal
        public var spent: Decimal
        public var remaining: Decimal { planned - spent }
        /// A program's own `budget.planned` (what it was allotted), when grouping by program.
        public var allotted: Decimal?
        public var campaigns: [String]
        public var results: [Result]
        /// revenue ÷ spent, where a campaign reports `revenue` and something was spent.
        public var returnOnSpend: Decimal?
    }

    public var grouping: Grouping
    public var rows: [Row]
    /// One row per currency over every campaign (`key` is `total`).
    public var totals: [Row]

    static let none = "(none)"

    public init(_ snapshot: Snapshot, by grouping: Grouping) {
        self.grouping = grouping
        let campaigns = snapshot.items.filter { $0.kind == .campaign && $0.status != "cancelled" && ($0.budget != nil || !$0.results.isEmpty) }
        func keys(_ campaign: Item) -> String {
            switch grouping {
            case .campaign: return campaign.id
            case .program: return campaign.program ?? Self.none
            case .quarter:
                guard let day = (campaign.launch ?? campaign.start)?.firstDay else { return Self.none }
                let (year, month, _) = RoadmapDate.civil(fromDayNumber: day)
                return "\(year)-Q\((month - 1) / 3 + 1)"
            case .channel:
                // A campaign on several channels is one group `email+social`: its money is not
                // split (nothing says how) nor counted twice.
                return campaign.channels.isEmpty ? Self.none : campaign.channels.sorted().joined(separator: "+")
            }
        }
        var groups: [String: [Item]] = [:]
        for campaign in campaigns { groups[keys(campaign), default: []].append(campaign) }
        var rows: [Row] = []
        for key in groups.keys.sorted(by: { ($0 == Self.none ? 1 : 0, $0) < ($1 == Self.none ? 1 : 0, $1) }) {
            let members = groups[key] ?? []
            let title: String? = switch grouping {
            case .campaign: members.first?.title
            case .program: snapshot[key].flatMap { $0.kind == .program ? $0.title : nil }
            default: nil
            }
            let allotted = grouping == .program ? snapshot[key].flatMap { $0.kind == .program ? $0.budget?.planned : nil } : nil
            rows += Self.rows(key: key, title: title, members, allotted: allotted, programCurrency: grouping == .program ? snapshot[key]?.budget?.currency : nil)
        }
        self.rows = rows
        self.totals = Self.rows(key: "total", title: nil, campaigns, allotted: nil, programCurrency: nil)
    }

    /// One row per currency of the campaigns.
    static func rows(key: String, title: String?, _ campaigns: [Item], allotted: Decimal?, programCurrency: String?) -> [Row] {
        var byCurrency: [String?: [Item]] = [:]
        for campaign in campaigns { byCurrency[campaign.budget?.currency, default: []].append(campaign) }
        return byCurrency.keys.sorted { ($0 ?? "~") < ($1 ?? "~") }.map { currency in
            let members = byCurrency[currency] ?? []
            let planned = members.reduce(Decimal(0)) { $0 + ($1.budget?.planned ?? 0) }
            let spent = members.reduce(Decimal(0)) { $0 + ($1.budget?.spent ?? 0) }
            var order: [String] = []
            var targets: [String: Decimal] = [:], actuals: [String: Decimal] = [:]
            for campaign in members {
                for result in campaign.results {
                    if !order.contains(result.metric) { order.append(result.metric) }
                    if let t = result.target { targets[result.metric, default: 0] += t }
                    if let a = result.actual { actuals[result.metric, default: 0] += a }
                }
            }
            let results = order.map { metric in
                let target = targets[metric], actual = actuals[metric]
                let attainment: Decimal? = target.flatMap { t in actual.flatMap { a in t == 0 ? nil : a / t } }
                let cost: Decimal? = metric == "revenue" ? nil : actual.flatMap { a in a > 0 && spent > 0 ? spent / a : nil }
                return Result(metric: metric, target: target, actual: actual, attainment: attainment, costPerResult: cost)
            }
            let revenue = actuals["revenue"]
            return Row(key: key, title: title, currency: currency, planned: planned, spent: spent,
                       allotted: currency == programCurrency ? allotted : nil, campaigns: members.map(\.id).sorted(),
                       results: results, returnOnSpend: revenue.flatMap { spent > 0 ? $0 / spent : nil })
        }
    }

    /// A ratio as a percentage with one decimal: `84.0%`.
    public static func percent(_ ratio: Decimal) -> String { rounded(ratio * 100, places: 1) + "%" }

    /// A decimal rounded half-up to `places` digits, written with exactly that many.
    public static func rounded(_ value: Decimal, places: Int) -> String {
        var input = value, output = Decimal()
        NSDecimalRound(&output, &input, places, .plain)
        var text = NSDecimalNumber(decimal: output).description(withLocale: Locale(identifier: "en_US_POSIX"))
        if places > 0 {
            if !text.contains(".") { text += "." }
            let decimals = text.split(separator: ".", omittingEmptySubsequences: false).last.map(\.count) ?? 0
            text += String(repeating: "0", count: max(0, places - decimals))
        }
        return text
    }
}
