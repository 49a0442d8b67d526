import Foundation
import Hummingbird
import RoadmapKit

/// The marketing pages of SPEC §13/§16: the content calendar (a month grid) and the budget.
/// Both draw from the audience's view of the branch, like every page: hidden campaigns,
/// assets and budgets never reach the template.
struct MarketingRoutes {
    let app: WebApp

    static func date(_ request: Request, _ name: String) throws -> RoadmapDate? {
        guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
        guard let date = RoadmapDate(text) else { throw WebError(.badRequest, "'\(text)' is not a date (2026-06-15, 2026-06, 2026-Q2…)") }
        return date
    }

    func register(_ router: Router<WebContext>) {
        let app = self.app
        router.get("/calendar") { request, context in
            let on = try ReadRoutes.on(request)
            let today = try app.today()
            let (from, to) = (try Self.date(request, "from"), try Self.date(request, "to"))
            let channel = request.uri.queryParameters.get("channel").flatMap { $0.isEmpty ? nil : String($0) }
            let audience = context.audience
            let state = try await app.gate.run { try ReadRoutes.branchState($0, on: on, today: today, audience: audience) }
            let calendar = ContentCalendar(state.view.snapshot, from: from, to: to, channel: channel)
            var values = ContentCalendarRenderer.context(calendar, title: "Content calendar")
            values.merge(ReadRoutes.branchValues(state, on: on)) { $1 }
            let channels = Set(ContentCalendar(state.view.snapshot).entries.compactMap(\.channel)).sorted()
            values["channels"] = [["value": "", "label": "All channels", "selected": channel == nil] as [String: Any]]
                + channels.map { ["value": PageModels.clean($0), "label": PageModels.clean($0), "selected": $0 == channel] as [String: Any] }
            values["from"] = from?.text ?? ""
            values["to"] = to?.text ?? ""
            values["title"] = "Calendar · Roadmap"
            return app.pages.render("calendar", values, context: context)
        }

        router.get("/budget") { request, context in
            let on = try ReadRoutes.on(request)
            let today = try app.today()
            let byText = request.uri.queryParameters.get("by").flatMap { $0.isEmpty ? nil : String($0) } ?? "campaign"
            guard let by = BudgetReport.Grouping(rawValue: byText) else {
                throw WebError(.badRequest, "'\(byText)' is not a grouping: program, campaign, quarter or channel")
            }
            let audience = context.audience
            let state = try await app.gate.run { try ReadRoutes.branchState($0, on: on, today: today, audience: audience) }
            let report = BudgetReport(state.view.snapshot, by: by)
            var values = ReadRoutes.branchValues(state, on: on)
            func money(_ amount: Decimal?, _ currency: String?) -> String { amount.map { Money.text($0, currency: currency) } ?? "–" }
            func row(_ row: BudgetReport.Row, total: Bool) -> [String: Any] {
                [
                    "key": PageModels.clean(row.key), "title": row.title.map(PageModels.clean) ?? false,
                    "link": !total && (by == .campaign || by == .program) && row.key != "(none)",
                    "currency": row.currency.map(PageModels.clean) ?? "–",
                    "planned": money(row.planned, row.currency), "spent": money(row.spent, row.currency),
                    "remaining": money(row.remaining, row.currency), "over": row.remaining < 0,
                    "allotted": row.allotted.map { money($0, row.currency) } ?? false,
                    "return": row.returnOnSpend.map { BudgetReport.rounded($0, places: 2) + "×" } ?? "–",
                    "results": row.results.map { r -> [String: Any] in
                        ["metric": PageModels.clean(r.metric), "target": r.target.map(Money.text) ?? "–", "actual": r.actual.map(Money.text) ?? "–",
                         "attainment": r.attainment.map(BudgetReport.percent) ?? "–",
                         "cost": r.costPerResult.map { money($0, row.currency) } ?? "–"]
                    },
                    "hasResults": !row.results.isEmpty,
                ]
            }
            values["rows"] = report.rows.map { row($0, total: false) }
            values["totals"] = report.totals.map { row($0, total: true) }
            values["empty"] = report.rows.isEmpty
            values["by"] = by.rawValue
            values["groupings"] = BudgetReport.Grouping.allCases.map { ["value": $0.rawValue, "selected": $0 == by] as [String: Any] }
            values["title"] = "Budget · Roadmap"
            return app.pages.render("budget", values, context: context)
        }
    }
}
