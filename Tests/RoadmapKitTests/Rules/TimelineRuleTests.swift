import Testing
@testable import RoadmapKit

@Suite struct TimelineRuleTests {
    // MARK: launch-before-release / timing-unconfirmed / launch-lag

    @Test func launchBeforeReleaseNamesTheReleaseAndItsOwner() throws {
        let f = Sample.fixture(campaign: Sample.campaign(launch: "2026-06-01"))
        let found = f.findings()
        #expect(found.rules == ["launch-before-release"])
        let finding = try #require(found.first)
        #expect(finding.severity == .error)
        #expect(finding.item == "spring-launch" && finding.related == ["billing-v2"])
        #expect((finding.line, finding.column) == (6, 9))  // the `launch:` value
        #expect(finding.message.contains("@pm") && finding.message.contains("14 days before"))
    }

    @Test func aTeaserMayLaunchBefore() {
        let f = Sample.fixture(campaign: Sample.campaign(launch: "2026-05-01", extra: "teaser: true"))
        #expect(f.findings().isEmpty)
    }

    @Test func launchOnShipDayIsFine() {
        #expect(Sample.fixture(campaign: Sample.campaign(launch: "2026-06-15")).findings().isEmpty)
    }

    @Test(arguments: [
        ("2026-06", "2026-06-15"),    // coarse launch around the ship day
        ("2026-06-20", "2026-Q2"),    // coarse release covering the launch
        ("2026-Q2", "2026-Q2"),
        ("2026-06-15", "2026-06"),    // a day against the month it falls in
    ])
    func coarseDatesAreReportedAsUnconfirmedInstead(launch: String, date: String) {
        let f = Sample.fixture(release: Sample.release(date: date), campaign: Sample.campaign(launch: launch))
        let found = f.findings().filter { $0.item == "spring-launch" }
        #expect(found.rules == ["timing-unconfirmed"], "\(found.map(\.message))")
        #expect(found.first?.related == ["billing-v2"])
    }

    @Test(arguments: [("2026-05", "2026-Q3", "launch-before-release"), ("2026-Q4", "2026-06-15", "launch-lag")])
    func coarseDatesThatCanBeOrderedStillFire(launch: String, date: String, rule: String) {
        let f = Sample.fixture(release: Sample.release(date: date), epic: Sample.epic(end: "2026-05-01"),
                               story: Sample.story(end: "2026-04-01"), campaign: Sample.campaign(launch: launch))
        #expect(f.findings().filter { $0.item == "spring-launch" }.rules == [rule])
    }

    @Test func aPossibleButUncertainLagIsNotReported() {
        let f = Sample.fixture(campaign: Sample.campaign(launch: "2026-07"))  // 16 to 46 days after
        #expect(f.findings().isEmpty)
    }

    @Test func launchLagUsesTheConfiguredDays() {
        var f = Sample.fixture(campaign: Sample.campaign(launch: "2026-07-20"))  // 35 days after
        #expect(f.findings().rules == ["launch-lag"])
        #expect(f.findings().first?.message.contains("35 days after") == true)
        f.config.launchLagDays = 40
        #expect(f.findings().isEmpty)
    }

    @Test func aCampaignPromotingAnEpicIsJudgedAgainstTheEpicsRelease() {
        let f = Sample.fixture(campaign: Sample.campaign(launch: "2026-06-01", promotes: "[invoices]"))
        let found = f.findings()
        #expect(found.rules == ["launch-before-release"])
        #expect(found.first?.related == ["billing-v2"])
        #expect(found.first?.message.contains("through epic invoices") == true)
    }

    @Test func aCampaignPromotingAStoryUsesTheReleaseInheritedFromItsEpic() {
        let f = Sample.fixture(campaign: Sample.campaign(launch: "2026-06-01", promotes: "[pdf-export]"))
        #expect(f.findings().map(\.related) == [["billing-v2"]])
    }

    @Test func aCampaignPromotingSeveralItemsIsJudgedPerRelease() {
        var f = Sample.fixture(campaign: Sample.campaign(launch: "2026-06-20", promotes: "[billing-v2, invoices, search-v1]"))
        f.add("search-v1", "kind: release\ntitle: Search\ndate: 2026-07-01\n")
        let found = f.findings()
        #expect(found.rules == ["launch-before-release"])
        #expect(found.first?.related == ["search-v1"])
    }

    @Test func cancelledCampaignsAreNotJudged() {
        let f = Sample.fixture(campaign: Sample.campaign(launch: "2026-06-01", status: "cancelled"))
        #expect(f.findings().rules == ["unmarketed-release"])
    }

    // MARK: child-after-release

    @Test func childAfterReleaseIncludingAnInheritedRelease() {
        let f = Sample.fixture(story: Sample.story(end: "2026-07-01"))
        let found = f.findings()
        #expect(found.rules == ["child-after-release"])
        #expect(found.first?.item == "pdf-export" && found.first?.related == ["billing-v2"])
        #expect(found.first?.message.contains("inherited from epic invoices") == true)
        #expect(Sample.fixture(story: Sample.story(end: "2026-06")).findings().isEmpty, "overlapping month cannot be ordered")
        #expect(Sample.fixture(story: Sample.story(end: "2026-07-01", status: "cancelled")).findings().isEmpty)
    }

    // MARK: shipped-with-open-work

    @Test func shippedWithOpenWorkNamesEachOpenChild() {
        let f = Sample.fixture(release: Sample.release(status: "shipped"), epic: Sample.epic(status: "done"),
                               story: Sample.story(status: "in-progress"))
        let found = f.findings(today: "2026-06-20")
        #expect(found.rules == ["shipped-with-open-work"])
        #expect(found.first?.item == "billing-v2" && found.first?.related == ["pdf-export"])
        #expect(found.first?.message.contains("@sam") == true)
        let done = Sample.fixture(release: Sample.release(status: "shipped"), epic: Sample.epic(status: "done"),
                                  story: Sample.story(status: "cancelled"))
        #expect(done.findings(today: "2026-06-20").isEmpty)
    }

    // MARK: past-due

    @Test func pastDue() {
        let f = Sample.fixture()
        #expect(f.findings(today: "2026-06-21").rules == ["past-due", "past-due"])
        #expect(f.findings(today: "2026-06-16").by("past-due").map(\.item) == ["billing-v2"])
        #expect(f.findings(today: "2026-06-15").isEmpty, "due today is not past due")
        let shipped = Sample.fixture(release: Sample.release(status: "shipped"), epic: Sample.epic(status: "done"),
                                     story: Sample.story(status: "done"), campaign: Sample.campaign(status: "live"))
        #expect(shipped.findings(today: "2026-07-01").isEmpty)
        let coarse = Sample.fixture(release: Sample.release(date: "2026-Q2"), epic: Sample.epic(end: "2026-05-01"),
                                    story: Sample.story(end: "2026-04-01"), campaign: Sample.campaign(launch: "2026-07-01"))
        #expect(coarse.findings(today: "2026-06-20").isEmpty, "Q2 is not over on June 20")
        #expect(coarse.findings(today: "2026-07-01").by("past-due").map(\.item) == ["billing-v2"])
    }

    // MARK: promotes-unscheduled / promotes-cancelled

    @Test func promotesUnscheduled() {
        var f = Sample.fixture(campaign: Sample.campaign(promotes: "[billing-v2, loose-epic, later]"))
        f.add("loose-epic", "kind: epic\ntitle: Loose\n")
        f.add("later", "kind: release\ntitle: Later\nstatus: proposed\n")
        let found = f.findings().by("promotes-unscheduled")
        #expect(found.map(\.related) == [["loose-epic"], ["later"]])
        #expect(found.allSatisfy { $0.severity == .error })
    }

    @Test func promotesCancelled() {
        var f = Sample.fixture(epic: Sample.epic(status: "cancelled"),
                               campaign: Sample.campaign(promotes: "[billing-v2, invoices]"))
        #expect(f.findings().by("promotes-cancelled").map(\.related) == [["invoices"]])
        f = Sample.fixture(release: Sample.release(status: "cancelled"), campaign: Sample.campaign(promotes: "[pdf-export]"))
        #expect(f.findings().by("promotes-cancelled").map(\.related) == [["billing-v2", "pdf-export"]])
        f = Sample.fixture(release: Sample.release(status: "cancelled"), campaign: Sample.campaign(status: "cancelled"))
        #expect(f.findings().isEmpty)
    }

    // MARK: live-before-ship

    @Test func liveBeforeShip() {
        let f = Sample.fixture(campaign: Sample.campaign(status: "live"))
        let found = f.findings()
        #expect(found.rules == ["live-before-ship"])
        #expect(found.first?.message.contains("@pm") == true)
        #expect(Sample.fixture(campaign: Sample.campaign(launch: "2026-05-01", status: "live", extra: "teaser: true")).findings().isEmpty)
        #expect(Sample.fixture(release: Sample.release(status: "shipped"), epic: Sample.epic(status: "done"),
                               story: Sample.story(status: "done"), campaign: Sample.campaign(status: "done")).findings().isEmpty)
    }

    // MARK: unmarketed-release

    @Test func unmarketedRelease() {
        #expect(Sample.fixture(campaign: nil).findings().rules == ["unmarketed-release"])
        let minor = Sample.fixture(release: Sample.release().replacingOccurrences(of: "tier: major", with: "tier: minor"), campaign: nil)
        #expect(minor.findings().isEmpty, "minor releases default to optional marketing")
        let required = Sample.fixture(release: Sample.release().replacingOccurrences(of: "tier: major", with: "marketing: required"), campaign: nil)
        #expect(required.findings().rules == ["unmarketed-release"])
        #expect(Sample.fixture(campaign: Sample.campaign(promotes: "[pdf-export]")).findings().isEmpty, "promoted through a story")
    }

    // MARK: severities and waivers

    @Test func severityOverridesAndOff() {
        var f = Sample.fixture(campaign: Sample.campaign(launch: "2026-07-20"))
        f.config.severities["launch-lag"] = .some(.error)
        #expect(f.findings().map(\.severity) == [.error])
        f.config.severities["launch-lag"] = .some(nil)
        #expect(f.findings().isEmpty)
    }

    @Test func waiversSuppressTheirRuleOnTheirItem() {
        let waived = Sample.fixture(campaign: Sample.campaign(launch: "2026-07-20", extra: "waive:\n  launch-lag: agreed with sales"))
        #expect(waived.findings().isEmpty)
        let otherRule = Sample.fixture(campaign: Sample.campaign(launch: "2026-07-20", extra: "waive:\n  past-due: n/a"))
        #expect(otherRule.findings().rules == ["launch-lag"])
    }

    @Test func aWaiverHoldsThroughItsUntilDayThenExpires() throws {
        let f = Sample.fixture(campaign: Sample.campaign(launch: "2026-07-20", extra: "waive:\n  launch-lag: {reason: agreed, until: 2026-03-31}"))
        #expect(f.findings(today: "2026-03-31").isEmpty)
        let expired = f.findings(today: "2026-04-01")
        #expect(expired.rules.sorted() == ["launch-lag", "waiver-expired"])
        let w = try #require(expired.by("waiver-expired").first)
        #expect(w.severity == .warning && w.line == 9 && w.message.contains("2026-03-31"))
    }

    @Test func anExpiredWaiverCannotWaiveItsOwnExpiry() {
        let f = Sample.fixture(campaign: Sample.campaign(extra: "waive:\n  waiver-expired: {reason: x, until: 2025-01-01}"))
        #expect(f.findings().rules == ["waiver-expired"])
    }

    // MARK: release-moved

    @Test func releaseMovedNamesOldNewShiftAndCampaignOwners() throws {
        let base = Sample.fixture()
        var head = Sample.fixture(release: Sample.release(date: "2026-07-30"), campaign: Sample.campaign(launch: "2026-07-30"))
        head.add("newsletter", "kind: campaign\ntitle: Newsletter\nowner: '@kim'\npromotes: [pdf-export]\nlaunch: 2026-08-01\n")
        let found = head.findings(base: base).by("release-moved")
        let moved = try #require(found.first)
        #expect(found.count == 1)
        #expect(moved.severity == .info && moved.item == "billing-v2")
        #expect(moved.related == ["newsletter", "spring-launch"])
        #expect(moved.message.contains("2026-06-15 → 2026-07-30 (+45 days)"))
        #expect(moved.message.contains("@maria") && moved.message.contains("@kim"))
        #expect(head.findings().by("release-moved").isEmpty, "needs a base")
        #expect(base.findings(base: base).by("release-moved").isEmpty)
        let earlier = Sample.fixture(release: Sample.release(date: "2026-06-10"))
        #expect(earlier.findings(base: base).by("release-moved").first?.message.contains("(-5 days)") == true)
    }
}
