import Foundation
import Testing
@testable import RoadmapKit

/// The rules of SPEC §13 over the sample roadmap (billing-v2 ships 2026-06-15; spring-launch
/// launches 2026-06-20 and promotes it).
@Suite struct MarketingRuleTests {
    /// A campaign with one asset (fields given as YAML lines under `- id: blog-post`).
    static func campaign(launch: String = "2026-06-20", status: String = "planned", top: String = "", asset: String) -> String {
        Sample.campaign(launch: launch, status: status, extra: """
            \(top)
            assets:
              - id: blog-post
                title: Billing v2 is here
                owner: "@li"
            \(asset.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """)
    }

    static func fixture(_ campaign: String, release: String = Sample.release(), story: String = Sample.story()) -> Fixture {
        Sample.fixture(release: release, story: story, campaign: campaign)
    }

    // MARK: asset-before-release / timing-unconfirmed

    @Test func anAssetBeforeTheReleasePointsAtItsLineAndNamesCampaignSlashAsset() throws {
        let f = Self.fixture(Self.campaign(asset: "publish: 2026-06-01\nannounces: [billing-v2]"))
        let found = f.findings()
        #expect(found.rules == ["asset-before-release"], "\(found.map(\.message))")
        let finding = try #require(found.first)
        #expect(finding.severity == .error && finding.item == "spring-launch")
        #expect(finding.related == ["billing-v2", "spring-launch/blog-post"])
        #expect(finding.line == 10)  // `  - id: blog-post` (line 8 is the empty `top`, 9 `assets:`)
        #expect(finding.message.contains("spring-launch/blog-post (owner @li)") && finding.message.contains("14 days before"))
    }

    @Test(arguments: [("launch-14d", true), ("launch-2w", true), ("launch-5d", false), ("launch", false), ("launch+3d", false)])
    func aRelativePublishDayFollowsTheLaunch(publish: String, fires: Bool) {
        // launch 2026-06-20: launch-14d = 06-06 and launch-2w = 06-06 (before 06-15); launch-5d = 06-15.
        let f = Self.fixture(Self.campaign(asset: "publish: \(publish)\nannounces: [billing-v2]"))
        #expect(f.findings().by("asset-before-release").count == (fires ? 1 : 0))
    }

    @Test func theReleaseOfAnAnnouncedEpicOrStoryCounts() {
        for target in ["invoices", "pdf-export"] {
            let f = Self.fixture(Self.campaign(asset: "publish: 2026-06-01\nannounces: [\(target)]"))
            let found = f.findings()
            #expect(found.rules == ["asset-before-release"])
            #expect(found.first?.message.contains("through") == true)
        }
    }

    @Test(arguments: [
        ("2026-06", "2026-06-20"),     // a coarse absolute publish day around the ship day
        ("launch-30d", "2026-Q3"),     // relative to a coarse launch: 2026-06-01…2026-08-31
    ])
    func coarseDatesAreTimingUnconfirmed(publish: String, launch: String) throws {
        let f = Self.fixture(Self.campaign(launch: launch, asset: "publish: \(publish)\nannounces: [billing-v2]"))
        let found = f.findings()
        #expect(found.rules == ["timing-unconfirmed"], "\(found.map(\.message))")
        #expect(found.first?.related == ["billing-v2", "spring-launch/blog-post"])
        #expect(found.first?.line == 10)
    }

    @Test func aTeaserAssetOrATeaserCampaignMayGoFirst() {
        #expect(Self.fixture(Self.campaign(asset: "publish: 2026-06-01\nannounces: [billing-v2]\nteaser: true")).findings().isEmpty)
        let teaserCampaign = Self.campaign(launch: "2026-06-01", top: "teaser: true", asset: "publish: launch\nannounces: [billing-v2]")
        #expect(Self.fixture(teaserCampaign).findings().isEmpty)
    }

    @Test func aCancelledAssetOrCampaignIsNotJudged() {
        #expect(Self.fixture(Self.campaign(asset: "publish: 2026-06-01\nannounces: [billing-v2]\nstatus: cancelled")).findings().isEmpty)
        let cancelled = Self.campaign(status: "cancelled", asset: "publish: 2026-06-01\nannounces: [billing-v2]")
        // (the release is then unmarketed: that is its own warning)
        #expect(Self.fixture(cancelled).findings().rules == ["unmarketed-release"])
    }

    @Test func aWaiverOnTheCampaignSilencesIt() {
        let f = Self.fixture(Self.campaign(top: "waive: {asset-before-release: \"a preview for press under embargo\"}",
                                           asset: "publish: 2026-06-01\nannounces: [billing-v2]"))
        #expect(f.findings().isEmpty)
    }

    @Test func twoAssetsAreTwoFindings() {
        let campaign = Self.campaign(asset: "publish: 2026-06-01\nannounces: [billing-v2]") + """

              - id: email
                title: Mail
                publish: launch-10d
                announces: [billing-v2]
            """
        let found = Self.fixture(campaign).findings()
        #expect(found.by("asset-before-release").map(\.related) == [["billing-v2", "spring-launch/blog-post"], ["billing-v2", "spring-launch/email"]])
        #expect(found.by("asset-before-release").last?.message.contains("(campaign owner @maria)") == true)
    }

    // MARK: asset-outside-campaign

    @Test(arguments: [("2026-08-15", true), ("2026-07-01", false), ("launch+60d", true), ("2026-08", true), ("2026-Q3", false)])
    func anAssetOutsideTheCampaignsRun(publish: String, fires: Bool) {
        let f = Self.fixture(Self.campaign(top: "start: 2026-06-10\nend: 2026-07-31", asset: "publish: \(publish)"))
        let found = f.findings()
        #expect(found.by("asset-outside-campaign").count == (fires ? 1 : 0), "\(found.map(\.message))")
        #expect(found.filter { $0.rule != "asset-outside-campaign" }.isEmpty)
        if fires { #expect(found.first?.message.contains("after the campaign ends 2026-07-31") == true) }
    }

    @Test func noRunNoOutside() {
        #expect(Self.fixture(Self.campaign(asset: "publish: 2027-01-01")).findings().isEmpty)
    }

    // MARK: asset-published-unshipped

    @Test func aPublishedAssetBeforeTheShip() throws {
        let f = Self.fixture(Self.campaign(asset: "publish: launch\nannounces: [invoices]\nstatus: published"))
        let found = f.findings()
        #expect(found.rules == ["asset-published-unshipped"])
        #expect(found.first?.message.contains("through epic invoices") == true)
        #expect(found.first?.related == ["billing-v2", "spring-launch/blog-post"])
    }

    @Test func aPublishedAssetOfAShippedReleaseOrATeaserIsFine() {
        let shipped = Self.fixture(Self.campaign(asset: "publish: launch\nannounces: [billing-v2]\nstatus: published"),
                                   release: Sample.release(status: "shipped"))
        #expect(shipped.findings().by("asset-published-unshipped").isEmpty)
        let teaser = Self.fixture(Self.campaign(asset: "publish: launch\nannounces: [billing-v2]\nstatus: published\nteaser: true"))
        #expect(teaser.findings().isEmpty)
    }

    // MARK: asset-announces-cancelled

    @Test func anAssetAnnouncingACancelledStory() throws {
        let f = Self.fixture(Self.campaign(asset: "publish: 2026-06-01\nannounces: [pdf-export]"), story: Sample.story(status: "cancelled"))
        let found = f.findings()
        // Only the cancellation speaks: the timing of a cancelled story is not judged.
        #expect(found.rules == ["asset-announces-cancelled"], "\(found.map(\.message))")
        #expect(found.first?.related == ["pdf-export", "spring-launch/blog-post"])
        #expect(found.first?.line == 10)
    }

    @Test func anAssetAnnouncingAnEpicOfACancelledRelease() {
        let f = Self.fixture(Self.campaign(asset: "announces: [invoices]"), release: Sample.release(status: "cancelled"))
        #expect(f.findings().by("asset-announces-cancelled").map(\.related) == [["billing-v2", "invoices", "spring-launch/blog-post"]])
    }

    @Test func aCancelledAssetMayNameACancelledStory() {
        let f = Self.fixture(Self.campaign(asset: "announces: [pdf-export]\nstatus: cancelled"), story: Sample.story(status: "cancelled"))
        #expect(f.findings().isEmpty)
    }

    // MARK: over-budget

    @Test func spendingOverThePlanIsDecimalExact() throws {
        let f = Self.fixture(Sample.campaign(extra: "budget: {planned: 1000, spent: 1000.01, currency: EUR}"))
        let found = f.findings()
        #expect(found.rules == ["over-budget"])
        #expect(found.first?.message.contains("0.01 EUR over") == true, "\(found.map(\.message))")
        #expect(Self.fixture(Sample.campaign(extra: "budget: {planned: 1000, spent: 1000, currency: EUR}")).findings().isEmpty)
    }

    @Test func aProgramWhoseCampaignsPlanMore() throws {
        var f = Sample.fixture(campaign: Sample.campaign(extra: "program: launch-2026\nbudget: {planned: 6000, currency: EUR}"))
        f.add("launch-2026", "kind: program\ntitle: Launch 2026\nowner: \"@cmo\"\nbudget:\n  planned: 10000\n  currency: EUR\n")
        f.add("autumn", Sample.campaign(launch: "2026-06-25", extra: "program: launch-2026\nbudget: {planned: 5000, currency: EUR}"))
        let found = f.findings().by("over-budget")
        let finding = try #require(found.first)
        #expect(found.count == 1 && finding.item == "launch-2026" && finding.related == ["autumn", "spring-launch"])
        #expect(finding.line == 5)  // the program's `planned:`
        #expect(finding.message.contains("11000.00 EUR"))
    }

    @Test func tenthsAddUpWithoutFloatingDrift() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point, which would exceed 0.3.
        var f = Sample.fixture(campaign: Sample.campaign(extra: "program: p\nbudget: {planned: 0.1, currency: USD}"))
        f.add("p", "kind: program\ntitle: P\nbudget: {planned: 0.3, currency: USD}\n")
        f.add("other", Sample.campaign(extra: "program: p\nbudget: {planned: 0.2, currency: USD}"))
        #expect(f.findings().by("over-budget").isEmpty)
        #expect(Money.amount(parse("v: 0.1")["v"])! + Money.amount(parse("v: 0.2")["v"])! == Money.amount(parse("v: 0.3")["v"])!)
    }

    @Test func aBadCurrencyIsAnInvalidValueAtItsLine() throws {
        let f = Self.fixture(Sample.campaign(extra: "budget:\n  planned: 100\n  currency: EURO"))
        let finding = try #require(f.findings().by("invalid-value").first)
        #expect(finding.line == 10 && finding.message.contains("ISO 4217"))
        #expect(Currency(code: "JPY")?.minorUnits == 0 && Currency(code: "eur") == nil && Currency(code: "XXX") == nil)
    }

    // MARK: results-missing

    static let done = Sample.campaign(launch: "2026-06-20", status: "done", extra: """
        end: 2026-06-30
        results:
          signups: {target: 500}
          revenue: {target: 20000, actual: 23000}
        """)

    @Test func aDoneCampaignWithoutActualsAfterTheGrace() throws {
        let f = Self.fixture(Self.done, release: Sample.release(status: "shipped"))
        let found = f.findings(today: "2026-07-20").by("results-missing")  // 20 days after the end
        let finding = try #require(found.first)
        #expect(found.count == 1 && finding.line == 10 && finding.message.contains("no actual for signups"))
        #expect(f.findings(today: "2026-07-14").by("results-missing").isEmpty)  // 14 days: within the grace
        var longer = f
        longer.config.resultsGraceDays = 30
        #expect(longer.findings(today: "2026-07-20").by("results-missing").isEmpty)
    }

    @Test func aCoarseEndCountsFromItsLastDay() {
        let f = Self.fixture(Self.done.replacingOccurrences(of: "end: 2026-06-30", with: "end: 2026-Q3"), release: Sample.release(status: "shipped"))
        #expect(f.findings(today: "2026-10-10").by("results-missing").isEmpty)
        #expect(f.findings(today: "2026-10-20").by("results-missing").count == 1)
    }

    // MARK: goal-one-sided / unaligned

    static let goal = "kind: goal\ntitle: More upgrades\nowner: \"@ceo\"\nmetric: upgrades\ntarget: 2000\n"

    @Test func aGoalOnlyMarketingSupports() throws {
        var f = Sample.fixture(campaign: Sample.campaign(extra: "goals: [upgrades]"))
        f.add("upgrades", Self.goal)
        let found = f.findings().by("goal-one-sided")
        #expect(found.map(\.item) == ["upgrades"] && found.first?.related == ["spring-launch"])
        #expect(found.first?.message.contains("only by marketing") == true)
    }

    @Test func aGoalBothSidesShareIsFine() {
        var f = Sample.fixture(campaign: Sample.campaign(extra: "goals: [upgrades]"))
        f.add("upgrades", Self.goal)
        f.files.removeAll { $0.path.hasSuffix("/billing.yaml") }
        f.add("billing", Sample.theme + "\ngoals: [upgrades]")
        #expect(f.findings().isEmpty, "\(f.findings().map(\.message))")
    }

    @Test func aCancelledGoalOrSupporterDoesNotCount() {
        var f = Sample.fixture(campaign: Sample.campaign(extra: "goals: [upgrades]"))
        f.add("upgrades", Self.goal + "status: cancelled\n")
        #expect(f.findings().by("goal-one-sided").isEmpty)
    }

    @Test func unalignedOnlyOnceGoalsAreUsed() {
        #expect(Sample.fixture().findings().by("unaligned").isEmpty)
        var f = Sample.fixture()
        f.add("upgrades", Self.goal)
        let found = f.findings().by("unaligned")
        #expect(Set(found.map(\.item)) == ["invoices", "spring-launch"])
        #expect(found.allSatisfy { $0.severity == .info })
    }

    @Test func aGoalThroughTheProgramOrThemeAligns() {
        var f = Sample.fixture(campaign: Sample.campaign(extra: "program: p"))
        f.add("upgrades", Self.goal)
        f.add("p", "kind: program\ntitle: P\ngoals: [upgrades]\n")
        f.files.removeAll { $0.path.hasSuffix("/billing.yaml") }
        f.add("billing", Sample.theme + "\ngoals: [upgrades]")
        #expect(f.findings().by("unaligned").isEmpty)
    }

    @Test func unknownGoalProgramAndAnnouncedIDsAreDanglingReferences() {
        let f = Self.fixture(Self.campaign(top: "program: nope\ngoals: [nada]", asset: "announces: [billing-v3]"))
        let dangling = f.findings().by("dangling-reference")
        #expect(Set(dangling.flatMap(\.related)) == ["nope", "nada", "billing-v3"])
        let wrong = Self.fixture(Self.campaign(top: "goals: [billing]", asset: "announces: [billing]"))
        #expect(wrong.findings().by("wrong-reference-kind").count == 2)
    }

    // MARK: release-moved

    @Test func releaseMovedNamesTheAssetsAndTheirOwnersAndReplan() throws {
        let campaign = Self.campaign(asset: "publish: 2026-06-20\nannounces: [invoices]")
        let base = Self.fixture(campaign)
        let head = Self.fixture(campaign, release: Sample.release(date: "2026-07-20"))
        let moved = try #require(head.findings(base: base).by("release-moved").first)
        #expect(moved.message.contains("spring-launch (owner @maria)"))
        #expect(moved.message.contains("spring-launch/blog-post (owner @li) publishing 2026-06-20"))
        #expect(moved.message.contains("'roadmap replan billing-v2'"))
    }
}
