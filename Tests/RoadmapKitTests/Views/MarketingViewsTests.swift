import Foundation
import Testing
@testable import RoadmapKit

/// The content calendar, the budget report, and assets on the timeline and in the ICS export.
@Suite struct MarketingViewsTests {
    static func snapshot(_ campaigns: [String: String]) -> Snapshot {
        var f = Fixture()
        f.add("billing-v2", Sample.release())
        for (id, yaml) in campaigns { f.add(id, yaml) }
        return f.snapshot
    }

    static let assets = """
    kind: campaign
    title: Spring launch
    owner: "@maria"
    promotes: [billing-v2]
    start: 2026-06-01
    launch: 2026-06-20
    end: 2026-07-31
    assets:
      - {id: teaser, title: Teaser, type: social, channel: social, publish: launch-2w}
      - {id: blog-post, title: "Billing <b>v2</b>", type: blog, channel: blog, publish: 2026-06-22, owner: "@li"}
      - {id: recap, title: Recap, publish: launch+3d, status: cancelled}

    """

    @Test(arguments: [("2026-06-06", "2026-W23"), ("2027-01-01", "2026-W53"), ("2024-12-30", "2025-W01"), ("2026-01-01", "2026-W01")])
    func isoWeeksFollowTheirThursday(day: String, week: String) throws {
        let date = try #require(RoadmapDate(day))
        #expect(ContentCalendar.isoWeek(of: date.firstDay) == week)
    }

    @Test func calendarResolvesRelativeDaysAndGroupsByWeek() {
        let calendar = ContentCalendar(Self.snapshot(["spring-launch": Self.assets]))
        #expect(calendar.entries.map(\.name) == ["spring-launch/teaser", "spring-launch/blog-post", "spring-launch/recap"])
        #expect(calendar.entries.map(\.day.text) == ["2026-06-06", "2026-06-22", "2026-06-23"])
        #expect(calendar.entries.map(\.owner) == ["@maria", "@li", "@maria"])
        #expect(calendar.weeks.map(\.label) == ["2026-W23", "2026-W26"])
        let june22 = ContentCalendar(Self.snapshot(["spring-launch": Self.assets]), from: RoadmapDate("2026-06-22"), to: RoadmapDate("2026-06-22"))
        #expect(june22.entries.map(\.asset) == ["blog-post"])
        #expect(ContentCalendar(Self.snapshot(["spring-launch": Self.assets]), channel: "social").entries.map(\.asset) == ["teaser"])
    }

    @Test func htmlGridEscapesAssetText() throws {
        let calendar = ContentCalendar(Self.snapshot(["spring-launch": Self.assets]))
        let html = try ContentCalendarRenderer.html(calendar)
        #expect(html.contains("<h2>June 2026</h2>"))
        #expect(html.contains("Billing &lt;b&gt;v2&lt;/b&gt;") && !html.contains("<b>v2"))
    }

    @Test func timelineDrawsAssetsAsTicksOnTheirCampaign() throws {
        let view = RoadmapView(snapshot: Self.snapshot(["spring-launch": Self.assets]), config: RoadmapConfig(), today: RoadmapDate("2026-01-15")!)
        let timeline = Timeline(view)
        let campaign = try #require(timeline.marketing.first)
        #expect(campaign.assets.map(\.id) == ["teaser", "blog-post", "recap"])
        let text = TimelineTextRenderer(width: 300).render(timeline)
        #expect(text.contains("•") && text.contains("assets teaser 2026-06-06, blog-post 2026-06-22"))
        let html = try HTMLExporter.render(view)
        #expect(html.contains("marker asset") && html.contains("Billing &lt;b&gt;v2&lt;/b&gt; (blog-post, planned) 2026-06-22"))
        let ics = ICalendarExporter.render(view)
        #expect(ics.contains("UID:asset-13.spring-launch-blog-post@roadmap\r\nDTSTAMP:"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20260606"))
    }

    @Test func budgetSumsDecimalsExactlyAndKeepsCurrenciesApart() throws {
        func campaign(_ planned: String, _ spent: String, _ currency: String, channels: String, results: String = "") -> String {
            """
            kind: campaign
            title: C
            program: launch
            launch: 2026-06-20
            channels: \(channels)
            budget: {planned: \(planned), spent: \(spent), currency: \(currency)}
            \(results)
            """
        }
        let snapshot = Self.snapshot([
            "a": campaign("0.1", "0.2", "EUR", channels: "[email, blog]", results: "results:\n  revenue: {actual: 0.9}\n  signups: {target: 3, actual: 2}"),
            "b": campaign("0.2", "0.1", "EUR", channels: "[blog, email]"),
            "c": campaign("100", "25.5", "USD", channels: "[ads]"),
        ])
        let report = BudgetReport(snapshot, by: .program)
        #expect(report.rows.map(\.currency) == ["EUR", "USD"])
        let eur = try #require(report.rows.first)
        #expect(eur.planned == Decimal(string: "0.3") && eur.spent == Decimal(string: "0.3") && eur.remaining == 0)
        #expect(eur.returnOnSpend == 3)
        let signups = try #require(eur.results.first { $0.metric == "signups" })
        #expect(BudgetReport.percent(try #require(signups.attainment)) == "66.7%")
        #expect(signups.costPerResult == Decimal(string: "0.15"))
        #expect(BudgetReport(snapshot, by: .channel).rows.map(\.key) == ["ads", "blog+email"])
        #expect(BudgetReport(snapshot, by: .quarter).rows.map(\.key) == ["2026-Q2", "2026-Q2"])
    }
}
