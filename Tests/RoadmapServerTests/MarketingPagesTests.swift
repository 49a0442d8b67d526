import Foundation
import HummingbirdTesting
import RoadmapKit
import RoadmapServer
import Testing

/// The calendar and budget pages (SPEC §13, §16), on the example with a campaign that has
/// assets and a budget committed on main.
@Suite(.serialized) struct MarketingPagesTests {
    static let campaign = """
    kind: campaign
    title: Spring webinar series
    owner: "@maria"
    status: planned
    launch: 2027-05-10
    channels: [webinar]
    budget: {planned: 1000.10, spent: 1200.20, currency: EUR}
    results:
      signups: {target: 400, actual: 300}
      revenue: {target: 5000, actual: 2400.40}
    assets:
      - id: invite
        title: "Invite <script>alert(1)</script>"
        type: email
        channel: email
        publish: launch-7d
        owner: "@li"
      - id: recording
        title: Recording
        type: video
        channel: webinar
        publish: 2027-05-20

    """

    static func fixture() throws -> ServerFixture {
        let fixture = try ServerFixture()
        try Data(campaign.utf8).write(to: URL(fileURLWithPath: fixture.root + "/roadmap/campaigns/spring-webinars.yaml"))
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "Spring webinars"])
        return fixture
    }

    @Test func calendarIsAMonthGridOfTheAssetsEscaped() async throws {
        let fixture = try Self.fixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let response = try await browser.get("/calendar?from=2027-05&to=2027-05")
            #expect(response.status == .ok)
            let html = Browser.text(response)
            #expect(html.contains("<h2>May 2027</h2>"))
            // launch-7d of 2027-05-10 is 2027-05-03, a Monday of ISO week 18.
            #expect(html.contains("2027-W18"))
            #expect(html.contains("Invite &lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert"))
            #expect(html.contains("spring-webinars/recording"))
            #expect(html.contains("aria-current=\"page\">Calendar<"))
            let webinarOnly = Browser.text(try await browser.get("/calendar?channel=webinar"))
            #expect(webinarOnly.contains("spring-webinars/recording") && !webinarOnly.contains("spring-webinars/invite"))
            #expect(try await browser.get("/calendar?from=soon").status == .badRequest)
        }
    }

    @Test func budgetShowsMoneyExactlyWithResultsAndReturn() async throws {
        let fixture = try Self.fixture()
        try await RoadmapServer.application(fixture.options()).test(.router) { client in
            let browser = Browser(client)
            let html = Browser.text(try await browser.get("/budget"))
            #expect(html.contains("1000.10 EUR") && html.contains("1200.20 EUR"))
            #expect(html.contains("-200.10 EUR"), "over budget: remaining is negative, exactly")
            #expect(html.contains("75.0%"), "signups 300 of 400")
            #expect(html.contains("2.00×"), "return: 2400.40 ÷ 1200.20")
            #expect(html.contains("4.00 EUR each"), "cost per signup: 1200.20 ÷ 300")
            #expect(Browser.text(try await browser.get("/budget?by=channel")).contains("webinar"))
            #expect(try await browser.get("/budget?by=color").status == .badRequest)
        }
    }

    @Test func thePublicSeesNeitherHiddenCampaignsNorBudgets() async throws {
        // Campaigns are for key stakeholders by default: the public's calendar is empty.
        let fixture = try Self.fixture()
        try await RoadmapServer.application(fixture.options(audience: "public")).test(.router) { client in
            let browser = Browser(client)
            let calendar = try await browser.get("/calendar")
            #expect(calendar.status == .ok)
            #expect(!Browser.text(calendar).contains("spring-webinars"))
            #expect(try await browser.get("/budget").status == .notFound, "budgets are for key stakeholders and the team")
            #expect(!Browser.text(calendar).contains("href=\"/budget"), "no budget link for the public")
        }
        // Key stakeholders see the budget, of the campaigns they may see.
        try await RoadmapServer.application(fixture.options(audience: "key")).test(.router) { client in
            let budget = Browser.text(try await Browser(client).get("/budget"))
            #expect(budget.contains("spring-webinars") && budget.contains("1000.10 EUR"))
        }
    }
}
