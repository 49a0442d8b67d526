import Foundation
import Testing

/// Issue 16 (SPEC §13) through the binary: the example's marketing plan, asset edits, and the
/// refused slip that names the launch and the blog post announcing the release.
@Suite("CLI: marketing in depth")
struct MarketingCLITests {
    let today = "2026-11-22"

    @Test func theExampleIsCleanAndCarriesGoalsProgramsBudgetsAndAssets() throws {
        let s = try Scratch()
        let demo = try s.example()
        let review = try s.roadmap("review", "--format", "json", "--today", today, in: demo)
        #expect(review.status == 0, "\(review.stdout)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(review.stdout.utf8)) as? [String: Any])
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 0)
        let list = try s.roadmap("list", "--format", "json", in: demo).stdout
        #expect(list.contains("\"kind\" : \"goal\"") || list.contains("\"kind\": \"goal\""))
        #expect(list.contains("announcement-post") && list.contains("launches-2027") && list.contains("\"currency\""))
        let csv = try s.roadmap("export", "--format", "csv", in: demo).stdout
        #expect(csv.contains("saml-webinar,campaign") && csv.contains(",3000,2850,EUR,"))
    }

    @Test func movingBillingV2FiveWeeksIsRefusedNamingTheLaunchAndTheBlogPostWithOwners() throws {
        let s = try Scratch()
        let demo = try s.example()
        let head = try s.git("rev-parse", "HEAD", in: demo).stdout
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)  // 2027-04-15 + 35 days
        let refused = try s.roadmap("commit", "--all", "-m", "Billing v2 slips five weeks", "--today", today, in: demo)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[launch-before-release]") && refused.stderr.contains("[asset-before-release]"))
        #expect(refused.stderr.contains("billing-v2-launch (owner @maria)"))
        #expect(refused.stderr.contains("billing-v2-launch/announcement-post (owner @li)"))
        #expect(refused.stderr.contains("roadmap replan billing-v2"))
        #expect(try s.git("rev-parse", "HEAD", in: demo).stdout == head, "nothing committed")
    }

    @Test func setEditsOneFieldOfOneAssetAsAOneLineDiff() throws {
        let s = try Scratch()
        let demo = try s.example()
        let edit = try s.roadmap("set", "billing-v2-launch", "assets.announcement-post.publish=launch-7d", in: demo)
        #expect(edit.status == 0, "\(edit.stderr)")
        let diff = try s.git("diff", "--numstat", in: demo).stdout
        #expect(diff.hasPrefix("1\t1\troadmap/campaigns/billing-v2-launch.yaml"), "\(diff)")
        #expect(try s.read("\(demo)/roadmap/campaigns/billing-v2-launch.yaml").contains("publish: launch-7d"))

        let bad = try s.roadmap("set", "billing-v2-launch", "budget.currency=EURO", in: demo)
        #expect(bad.status == 2 && bad.stderr.contains("[invalid-value]") && bad.stderr.contains("billing-v2-launch.yaml:"))
        let badPublish = try s.roadmap("set", "billing-v2-launch", "assets.launch-email.publish=next-week", in: demo)
        #expect(badPublish.status == 2 && badPublish.stderr.contains("publish day"))
    }

    @Test func newGoalAndProgramFromTheirTemplates() throws {
        let s = try Scratch()
        let demo = try s.example()
        #expect(try s.roadmap("new", "goal", "retention", "--set", "metric=churn", "--set", "target=2.5", in: demo).status == 0)
        #expect(try s.roadmap("new", "program", "h2-2027", "--set", "budget.planned=10000", "--set", "budget.currency=EUR", in: demo).status == 0)
        let goal = try s.read("\(demo)/roadmap/goals/retention.yaml")
        #expect(goal.contains("kind: goal") && goal.contains("target: 2.5"))
        #expect(try s.read("\(demo)/roadmap/programs/h2-2027.yaml").contains("planned: 10000"))
        #expect(try s.roadmap("fmt", "--check", in: demo).status == 0)
    }
}
