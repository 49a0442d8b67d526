import Testing
@testable import RoadmapKit

@Suite struct ReviewerTests {
    let today = RoadmapDate("2026-01-15")!

    func review(base: Fixture?, head: Fixture) -> ReviewResult {
        Reviewer.review(base: base?.snapshot, head: head.snapshot, config: head.config, today: today)
    }

    @Test func findingsAreNewExistingOrResolved() throws {
        // Base: a launch-lag problem; head: lag fixed, launch now before the release, and an unrelated unknown field.
        let base = Sample.fixture(story: Sample.story(extra: "colour: red"), campaign: Sample.campaign(launch: "2026-07-20"))
        let head = Sample.fixture(story: Sample.story(extra: "colour: red"), campaign: Sample.campaign(launch: "2026-06-01"))
        let result = review(base: base, head: head)
        let changes = result.findings.map { "\($0.finding.rule):\($0.change.rawValue)" }
        #expect(changes == ["launch-before-release:new", "unknown-field:existing", "launch-lag:resolved"])
        #expect(result.summary == ReviewSummary(items: 5, errors: 1, warnings: 1, infos: 0, newErrors: 1, resolved: 1))
        #expect(result.blocks())
        #expect(result.headFindings.count == 2)
    }

    @Test func oldErrorsDoNotBlockUnlessStrict() {
        let broken = Sample.fixture(campaign: Sample.campaign(launch: "2026-06-01"))
        var head = broken
        head.add("extra-theme", "kind: theme\ntitle: Unrelated\n")
        let result = review(base: broken, head: head)
        #expect(result.findings.map(\.change) == [.existing])
        #expect(result.summary.errors == 1 && result.summary.newErrors == 0)
        #expect(!result.blocks())
        #expect(result.blocks(strict: true))
    }

    @Test func withoutABaseEverythingIsNew() {
        let result = review(base: nil, head: Sample.fixture(campaign: Sample.campaign(launch: "2026-06-01")))
        #expect(result.findings.map(\.change) == [.new])
        #expect(!result.hasBase && result.blocks())
    }

    @Test func identityIsRuleItemAndRelatedNotMessageOrPosition() {
        let base = Sample.fixture(campaign: Sample.campaign(launch: "2026-06-01"))
        let head = Sample.fixture(campaign: "# moved down a line\n" + Sample.campaign(launch: "2026-05-01"))
        let result = review(base: base, head: head)
        #expect(result.findings.map(\.change) == [.existing])
    }

    @Test func releaseMovedIsANewInfoThatDoesNotBlock() {
        let base = Sample.fixture()
        let head = Sample.fixture(release: Sample.release(date: "2026-06-10"))
        let result = review(base: base, head: head)
        #expect(result.findings.map { "\($0.finding.rule):\($0.change.rawValue)" } == ["release-moved:new"])
        #expect(result.summary.infos == 1 && !result.blocks(strict: true))
    }

    @Test func tenThousandItemsReviewInOnePass() {
        // Proportionality, not timing: a large consistent roadmap gives exactly the expected findings.
        var f = Fixture()
        for r in 0..<1000 {
            f.add("rel-\(r)", "kind: release\ntitle: R\ndate: 2026-06-15\ntier: major\n")
            for e in 0..<4 {
                f.add("epic-\(r)-\(e)", "kind: epic\ntitle: E\nrelease: rel-\(r)\nend: 2026-06-01\n")
                f.add("story-\(r)-\(e)", "kind: story\ntitle: S\nepic: epic-\(r)-\(e)\n")
            }
            f.add("camp-\(r)", "kind: campaign\ntitle: C\npromotes: [story-\(r)-0]\nlaunch: \(r == 7 ? "2026-06-01" : "2026-06-20")\n")
        }
        let result = Reviewer.review(base: f.snapshot, head: f.snapshot, config: f.config, today: today)
        #expect(result.summary.items == 10_000)
        #expect(result.findings.map { "\($0.finding.item):\($0.change.rawValue)" } == ["camp-7:existing"])
    }
}
