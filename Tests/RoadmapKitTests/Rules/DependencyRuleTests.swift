import Testing
@testable import RoadmapKit

/// `dependency-order`, `dependency-cycle`, `dependency-cancelled` and the dependency side of
/// `timing-unconfirmed` (SPEC §14), each with its edges.
@Suite struct DependencyRuleTests {
    /// An API epic ending `apiEnd` and a release shipping `date` that depends on it.
    func fixture(apiEnd: String = "2026-05-31", date: String = "2026-06-15", entry: String = "api",
                 apiStatus: String = "planned", releaseStatus: String = "planned") -> Fixture {
        var f = Fixture()
        f.add("api", "kind: epic\ntitle: API\nstatus: \(apiStatus)\nowner: \"@lee\"\nstart: 2026-03-01\nend: \(apiEnd)\n")
        f.add("r", "kind: release\ntitle: R\nstatus: \(releaseStatus)\nowner: \"@pm\"\ndate: \(date)\ndepends-on: [\(entry)]\n")
        return f
    }

    func dependencyFindings(_ f: Fixture) -> [Finding] {
        f.findings().filter { ["dependency-order", "dependency-cycle", "dependency-cancelled", "timing-unconfirmed"].contains($0.rule) }
    }

    @Test func aStartAfterTheDependencyEndsIsFine() {
        #expect(dependencyFindings(fixture()).isEmpty)
        #expect(dependencyFindings(fixture(date: "2026-05-31")).isEmpty)  // the same day, no lag
    }

    @Test func aStartBeforeTheDependencyEndsIsAnErrorNamingBothOwners() throws {
        let found = dependencyFindings(fixture(date: "2026-05-20"))
        #expect(found.rules == ["dependency-order"])
        let finding = try #require(found.first)
        #expect(finding.severity == .error && finding.item == "r" && finding.related == ["api"])
        #expect((finding.line, finding.column) == (6, 14))  // the entry in depends-on
        #expect(finding.message.contains("@pm") && finding.message.contains("@lee") && finding.message.contains("11 days too early"))
    }

    @Test(arguments: [("{id: api, lag: 14}", "2026-06-13", true), ("{id: api, lag: 14}", "2026-06-14", false),
                      ("{id: api, lag: -10}", "2026-05-21", false), ("{id: api, lag: -10}", "2026-05-20", true)])
    func theLagShiftsTheEarliestStart(entry: String, date: String, fires: Bool) {
        #expect(dependencyFindings(fixture(date: date, entry: entry)).rules == (fires ? ["dependency-order"] : []))
    }

    @Test(arguments: [("2026-05", "2026-05-20"), ("2026-05-31", "2026-05"), ("2026-Q2", "2026-06-15"), ("2026-06", "2026-06")])
    func coarseDatesThatOverlapAreUnconfirmed(apiEnd: String, date: String) {
        let found = dependencyFindings(fixture(apiEnd: apiEnd, date: date))
        #expect(found.rules == ["timing-unconfirmed"], "\(found.map(\.message))")
        #expect(found.first?.related == ["api"] && found.first?.severity == .warning)
    }

    @Test(arguments: [("2026-05", "2026-04"), ("2026-Q2", "2026-03-31")])
    func coarseDatesThatCanBeOrderedStillFire(apiEnd: String, date: String) {
        #expect(dependencyFindings(fixture(apiEnd: apiEnd, date: date)).rules == ["dependency-order"])
    }

    @Test func anEndOnlyItemFiresOnlyWhenItsEndIsAlreadyTooEarly() {
        var f = fixture()
        f.add("s", "kind: story\ntitle: S\nend: 2026-05-10\ndepends-on: [api]\n")
        #expect(dependencyFindings(f).map(\.item) == ["s"])
        #expect(dependencyFindings(f).first?.message.contains("ends 2026-05-10") == true)
        var g = fixture()
        g.add("s", "kind: story\ntitle: S\nend: 2026-06-10\ndepends-on: [api]\n")
        #expect(dependencyFindings(g).isEmpty)
    }

    @Test func undatedItemsAreNotJudged() {
        var f = fixture()
        f.add("s", "kind: story\ntitle: S\ndepends-on: [api]\n")
        f.add("t", "kind: story\ntitle: T\nstart: 2026-01-01\ndepends-on: [u]\n")
        f.add("u", "kind: story\ntitle: U\n")
        #expect(dependencyFindings(f).isEmpty)
    }

    @Test func aWaiverSilencesTheRuleAndSeveritiesApply() {
        var f = Fixture()
        f.add("api", "kind: epic\ntitle: API\nend: 2026-05-31\n")
        f.add("r", "kind: release\ntitle: R\ndate: 2026-05-01\ndepends-on: [api]\nwaive: {dependency-order: ships a beta first}\n")
        #expect(dependencyFindings(f).isEmpty)
        var g = fixture(date: "2026-05-01")
        g.config.severities["dependency-order"] = .some(.warning)
        #expect(dependencyFindings(g).map(\.severity) == [.warning])
    }

    @Test func aCancelledDependencyIsAWarningAndNotAnOrderProblem() {
        let found = dependencyFindings(fixture(date: "2026-05-01", apiStatus: "cancelled"))
        #expect(found.rules == ["dependency-cancelled"])
        #expect(found.first?.severity == .warning && found.first?.related == ["api"])
        #expect(dependencyFindings(fixture(apiStatus: "cancelled", releaseStatus: "cancelled")).isEmpty)
        #expect(dependencyFindings(fixture(date: "2026-05-01", releaseStatus: "cancelled")).isEmpty)
    }

    @Test func aSelfDependencyIsACycleOfOne() throws {
        var f = Fixture()
        f.add("e", "kind: epic\ntitle: E\ndepends-on: [e]\n")
        let found = dependencyFindings(f)
        #expect(found.rules == ["dependency-cycle"])
        #expect(try #require(found.first).related == ["e"] && found[0].message.contains("depends on itself"))
    }

    @Test func aCycleOfTwoIsReportedOnce() {
        var f = Fixture()
        f.add("b", "kind: story\ntitle: B\ndepends-on: [a]\n")
        f.add("a", "kind: epic\ntitle: A\ndepends-on: [b]\n")
        let found = dependencyFindings(f)
        #expect(found.rules == ["dependency-cycle"])
        #expect(found.first?.item == "a" && found.first?.related == ["b"])
        #expect(found.first?.message.contains("a → b → a") == true)
    }

    @Test func aLongCycleIsNamedWholeAndDeterministically() throws {
        var f = Fixture()
        // r1 → e2 → s3 → c4 → r1, with x caught in the knot (r1 → x → s3), and a tail outside.
        f.add("c4", "kind: campaign\ntitle: C\nlaunch: 2026-06-01\npromotes: [r1]\ndepends-on: [r1]\n")
        f.add("s3", "kind: story\ntitle: S\ndepends-on: [c4]\n")
        f.add("e2", "kind: epic\ntitle: E\ndepends-on: [s3]\n")
        f.add("x", "kind: epic\ntitle: X\ndepends-on: [s3]\n")
        f.add("r1", "kind: release\ntitle: R\ndate: 2026-07-01\ndepends-on: [e2, x]\n")
        f.add("tail", "kind: epic\ntitle: T\ndepends-on: [r1]\n")
        let found = dependencyFindings(f).by("dependency-cycle")
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.item == "c4" && finding.related == ["e2", "r1", "s3", "x"])
        #expect(finding.message.contains("c4 → r1 → e2 → s3 → c4") && finding.message.contains("x is caught in it too"))
        // Shuffled input, the same finding.
        var g = Fixture()
        g.files = f.files.reversed()
        #expect(dependencyFindings(g).by("dependency-cycle") == found)
    }

    @Test func twoSeparateCyclesAreTwoFindings() {
        var f = Fixture()
        f.add("a", "kind: epic\ntitle: A\ndepends-on: [b]\n")
        f.add("b", "kind: epic\ntitle: B\ndepends-on: [a]\n")
        f.add("c", "kind: epic\ntitle: C\ndepends-on: [d, a]\n")
        f.add("d", "kind: epic\ntitle: D\ndepends-on: [c]\n")
        #expect(dependencyFindings(f).by("dependency-cycle").map(\.item) == ["a", "c"])
    }

    @Test func aReviewTellsNewDependencyErrorsFromOldOnes() {
        let base = fixture()
        let head = fixture(apiEnd: "2026-07-31")
        let review = Reviewer.review(base: base.snapshot, head: head.snapshot, config: head.config, today: RoadmapDate("2026-01-15")!)
        #expect(review.findings.filter { $0.finding.rule == "dependency-order" }.map(\.change) == [.new])
    }
}
