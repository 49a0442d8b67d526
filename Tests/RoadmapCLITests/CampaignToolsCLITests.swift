import Foundation
import Testing

/// `roadmap replan`, `calendar` and `budget` through the binary, on a small repository built
/// with the git CLI.
@Suite(.serialized) struct CampaignToolsCLITests {
    let today = "--today=2026-01-05"

    static let release = """
    kind: release
    title: Billing v2
    owner: "@priya"
    status: planned
    date: 2026-06-15

    """

    static let campaign = """
    kind: campaign
    title: Billing v2 launch
    owner: "@maria"
    status: planned
    promotes: [billing-v2]
    launch: 2026-06-20
    channels: [blog, email]
    budget: {planned: 0.1, spent: 0.2, currency: EUR}
    results:
      signups: {target: 3, actual: 1}
    assets:
      - id: blog-post
        title: "Billing v2, finally"
        type: blog
        channel: blog
        publish: 2026-06-18
        owner: "@li"
        announces: [billing-v2]
      - id: teaser
        title: Coming soon; get ready
        type: email
        channel: email
        publish: launch-14d
        teaser: true

    """

    static let webinar = """
    kind: campaign
    title: Webinar
    status: planned
    launch: 2026-07-01
    budget: {planned: 0.2, spent: 0.1, currency: EUR}
    results:
      revenue: {actual: 0.3}

    """

    static let usd = """
    kind: campaign
    title: US ads
    status: planned
    launch: 2026-08-01
    budget: {planned: 100, spent: 25.5, currency: USD}

    """

    func repository() throws -> (Scratch, String) {
        let scratch = try Scratch()
        try scratch.git("init", "-q", "-b", "main", "repo")
        try scratch.write("repo/roadmap.yaml", "root: roadmap\nbase: main\n")
        try scratch.write("repo/roadmap/releases/billing-v2.yaml", Self.release)
        try scratch.write("repo/roadmap/campaigns/billing-v2-launch.yaml", Self.campaign)
        try scratch.write("repo/roadmap/campaigns/webinar.yaml", Self.webinar)
        try scratch.write("repo/roadmap/campaigns/us-ads.yaml", Self.usd)
        try scratch.git("add", "-A", in: "repo")
        try scratch.git("-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init", in: "repo")
        return (scratch, "repo")
    }

    @Test func aSlipIsRefusedAtCommitAndReplanProposesTheFix() throws {
        let (scratch, repo) = try repository()
        let slipped = try scratch.roadmap("set", "billing-v2", "date=2026-07-20", in: repo)
        #expect(slipped.status == 0, "\(slipped.stderr)")
        let refused = try scratch.roadmap("commit", "-a", "-m", "Billing v2 slips five weeks", today, in: repo)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("launch-before-release"), "\(refused.stderr)")

        let replan = try scratch.roadmap("replan", "billing-v2", "--propose", "follow-billing", today, in: repo)
        #expect(replan.status == 0, "\(replan.stderr)")
        #expect(replan.stdout.contains("release billing-v2 moved 2026-06-15 → 2026-07-20 (+35 days) since main"))
        #expect(replan.stdout.contains("launch 2026-06-20 → 2026-07-25  tell @maria"))
        #expect(replan.stdout.contains("assets.blog-post.publish 2026-06-18 → 2026-07-23  tell @li"))
        #expect(replan.stdout.contains("billing-v2-launch/teaser publish launch-14d: follows its launch"))
        let review = try scratch.roadmap("review", "--base", "main", "--head", "proposal/follow-billing", today, in: repo)
        #expect(review.status == 0, "\(review.stdout)")
        // The working tree still has only the release's move.
        #expect(try scratch.git("status", "--porcelain", in: repo).stdout == " M roadmap/releases/billing-v2.yaml\n")

        let json = try scratch.roadmap("replan", "billing-v2", "--format", "json", today, in: repo)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["days"] as? Int == 35)
        #expect((object["changes"] as? [[String: Any]])?.count == 2)
        let committed = try scratch.roadmap("commit", "-a", "-m", "Billing v2 slips; the launch follows", today, in: repo)
        #expect(committed.status == 0, "\(committed.stdout)\(committed.stderr)")
    }

    @Test func calendarListsAssetsByWeekInEveryFormat() throws {
        let (scratch, repo) = try repository()
        let text = try scratch.roadmap("calendar", today, in: repo)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == """
            2026-W23  2026-06-01 … 2026-06-07
              Sat 2026-06-06  email  email  billing-v2-launch/teaser     Coming soon; get ready  @maria  planned (teaser)
            2026-W25  2026-06-15 … 2026-06-21
              Thu 2026-06-18  blog   blog   billing-v2-launch/blog-post  Billing v2, finally     @li     planned

            """)
        let blog = try scratch.roadmap("calendar", "--channel", "blog", "--format", "json", today, in: repo)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(blog.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let weeks = try #require(object["weeks"] as? [[String: Any]])
        #expect(weeks.count == 1 && weeks.first?["week"] as? String == "2026-W25")

        let ics = try scratch.roadmap("calendar", "--format", "ics", today, in: repo)
        try scratch.write("cal.ics", ics.stdout)
        let python = try CLI.run("python3", ["-c", """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            for e in cal.walk('VEVENT'):
                print(e['UID'], e['DTSTART'].dt.isoformat(), str(e['SUMMARY']))
            """, scratch.dir("cal.ics")], in: scratch.path, home: scratch.path, environment: [:], input: nil)
        #expect(python.status == 0, "\(python.stderr)")
        #expect(python.stdout == """
            asset-17.billing-v2-launch-teaser@roadmap 2026-06-06 Email: Coming soon; get ready
            asset-17.billing-v2-launch-blog-post@roadmap 2026-06-18 Blog: Billing v2, finally

            """)

        let html = try scratch.roadmap("calendar", "--format", "html", "--from", "2026-06", "--to", "2026-06", today, in: repo)
        #expect(html.stdout.contains("<h2>June 2026</h2>") && html.stdout.contains("Billing v2, finally"))
        #expect(try scratch.roadmap("calendar", "--from", "June", in: repo).status == 2)
    }

    @Test func budgetAddsMoneyExactlyAndNeverAcrossCurrencies() throws {
        let (scratch, repo) = try repository()
        let json = try scratch.roadmap("budget", "--format", "json", today, in: repo)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let totals = try #require(object["totals"] as? [[String: Any]])
        #expect(totals.map { $0["currency"] as? String } == ["EUR", "USD"])
        // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
        #expect(json.stdout.contains("\"planned\": 0.3,"))
        #expect(json.stdout.contains("\"spent\": 0.3,"))
        #expect(json.stdout.contains("\"remaining\": 74.5,"))
        let table = try scratch.roadmap("budget", today, in: repo)
        #expect(table.stdout.contains("billing-v2-launch signups: 1 of 3, 33.3%, 0.20 EUR per signups"), "\(table.stdout)")
        #expect(table.stdout.contains("webinar") && table.stdout.contains("3.00×"))
        let csv = try scratch.roadmap("budget", "--by", "quarter", "--format", "csv", today, in: repo)
        #expect(csv.stdout.hasPrefix("group,title,currency,planned,spent,remaining,return,metric,target,actual,attainment,cost_per_result\r\n"))
        #expect(csv.stdout.contains("2026-Q2,,EUR,0.1,0.2,-0.1,,signups,3,1,0.3333,0.2\r\n"), "\(csv.stdout)")
        #expect(try scratch.roadmap("budget", "--by", "color", in: repo).status == 2)
    }

    /// Issue 16's done-when, on `roadmap init --example`: billing v2 slips five weeks; the commit
    /// is refused naming the launch and the blog post announcing the release, with their owners;
    /// `replan --propose follow-billing` makes a proposal whose review is clean.
    @Test func theExampleSlipIsRefusedAndTheReplanProposalIsClean() throws {
        let scratch = try Scratch()
        let repo = try scratch.example()
        let slipped = try scratch.roadmap("set", "billing-v2", "date=2027-05-20", in: repo)
        #expect(slipped.status == 0, "\(slipped.stderr)")
        let refused = try scratch.roadmap("commit", "-a", "-m", "Billing v2 slips five weeks", "--today=2026-11-20", in: repo)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("launch-before-release") && refused.stderr.contains("@maria"), "\(refused.stderr)")
        #expect(refused.stderr.contains("asset-before-release") && refused.stderr.contains("billing-v2-launch/announcement-post")
                && refused.stderr.contains("@li"), "\(refused.stderr)")

        let replan = try scratch.roadmap("replan", "billing-v2", "--propose", "follow-billing", "--today=2026-11-20", in: repo)
        #expect(replan.status == 0, "\(replan.stderr)")
        #expect(replan.stdout.contains("launch 2027-04-22 → 2027-05-27  tell @maria"), "\(replan.stdout)")
        #expect(replan.stdout.contains("announcement-post publish launch: follows its launch"), "\(replan.stdout)")
        let review = try scratch.roadmap("review", "--base", "main", "--head", "proposal/follow-billing", "--today=2026-11-20", in: repo)
        #expect(review.status == 0, "\(review.stdout)")
        #expect(!review.stdout.contains("launch-before-release") && !review.stdout.contains("asset-before-release"), "\(review.stdout)")
    }
}
