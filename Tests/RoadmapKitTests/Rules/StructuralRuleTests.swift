import Testing
@testable import RoadmapKit

@Suite struct StructuralRuleTests {
    @Test func theSampleRoadmapHasNoFindings() {
        #expect(Sample.fixture().findings().isEmpty)
    }

    @Test func parseFailuresBecomeFindingsAtTheirPosition() {
        var f = Sample.fixture()
        f.files.append(ParsedFile(path: "roadmap/epics/broken.yaml", outcome: .failed(rule: "parse-error", message: "unterminated quote", location: SourceLocation(line: 4, column: 8))))
        f.files.append(ParsedFile(path: "roadmap/epics/fancy.yaml", outcome: .failed(rule: "unsupported-yaml", message: "anchors are not supported", location: SourceLocation(line: 2, column: 7))))
        let findings = f.findings()
        #expect(findings.by("parse-error").map { [$0.item, "\($0.line):\($0.column)", $0.message] } == [["broken", "4:8", "unterminated quote"]])
        #expect(findings.by("unsupported-yaml").map(\.item) == ["fancy"])
        #expect(findings.count == 2)
    }

    @Test func invalidIDsAreNamedWithASuggestion() {
        var f = Sample.fixture()
        f.addFile("roadmap/themes/Growth Plan.yaml", "kind: theme\ntitle: Growth\n")
        let found = f.findings().by("invalid-id")
        #expect(found.map(\.item) == ["Growth Plan"])
        #expect(found.first?.message.contains("growth-plan.yaml") == true)
    }

    @Test func duplicateIDsFireOnEveryFile() {
        var f = Sample.fixture()
        f.addFile("roadmap/old/billing.yaml", "kind: theme\ntitle: Old billing\n")
        let found = f.findings().by("duplicate-id")
        #expect(found.map(\.path) == ["roadmap/old/billing.yaml", "roadmap/themes/billing.yaml"])
        #expect(found[0].message.contains("roadmap/themes/billing.yaml"))
    }

    @Test func unknownKindSuggestsTheNearest() {
        var f = Sample.fixture()
        f.addFile("roadmap/x.yaml", "kind: releas\ntitle: X\nwhatever: 1\n")
        let findings = f.findings()
        #expect(findings.rules == ["unknown-kind"])
        #expect(findings[0].message.contains("did you mean 'release'"))
        #expect((findings[0].line, findings[0].column) == (1, 7))
    }

    @Test func missingFields() {
        var f = Sample.fixture()
        f.addFile("roadmap/a.yaml", "title: No kind\n")
        f.addFile("roadmap/b.yaml", "kind: release\nstatus: planned\n")
        f.addFile("roadmap/c.yaml", "kind: release\ntitle: Proposed\nstatus: proposed\n")
        f.addFile("roadmap/d.yaml", "kind: campaign\ntitle: D\nowner:\n")
        f.addFile("roadmap/e.yaml", "")
        let found = f.findings().by("missing-field").map { "\($0.item):\($0.message.split(separator: "'")[1])" }
        #expect(found == ["a:kind", "b:title", "b:date", "d:launch", "d:promotes", "e:kind", "e:title"])
    }

    @Test(arguments: [
        ("status: shipped", "status", "epic"),
        ("title: 42", "title", "epic"),
        ("title: ''", "title", "epic"),
        ("owner: [a, b]", "owner", "epic"),
        ("tags: urgent", "tags", "epic"),
        ("end: 2026-02-30", "end", "epic"),
        ("start: 2026-Q5", "start", "epic"),
        ("theme: [billing]", "theme", "epic"),
        ("tier: huge", "tier", "release"),
        ("marketing: maybe", "marketing", "release"),
        ("version: 2.0", "version", "release"),
        ("date: next year", "date", "release"),
        ("horizon: someday", "horizon", "theme"),
        ("teaser: yes", "teaser", "campaign"),
        ("promotes: r", "promotes", "campaign"),
        ("promotes: []", "promotes", "campaign"),
        ("promotes: [r, 3]", "promotes", "campaign"),
        ("channels: [blog, carrier-pigeon]", "channels", "campaign"),
        ("waive: lazy", "waive", "epic"),
        ("waive: {lunch-lag: x}", "waive", "epic"),
        ("waive: {launch-lag: {until: 2026-12-01}}", "waive", "epic"),
        ("waive: {launch-lag: {reason: ok, until: someday}}", "until", "epic"),
    ])
    func invalidValues(line: String, field: String, kind: String) throws {
        var f = Fixture()
        f.config.channels = ["blog", "email"]
        let base: String
        switch kind {
        case "release": base = "kind: release\ntitle: R\ndate: 2026-06-15\nmarketing: none\n"
        case "theme": base = "kind: theme\ntitle: T\n"
        case "campaign": base = "kind: campaign\ntitle: C\nlaunch: 2026-06-20\npromotes: [r]\n"
        default: base = "kind: epic\ntitle: E\n"
        }
        if kind != "release" { f.add("r", "kind: release\ntitle: R\ndate: 2026-06-15\n") }
        // The line under test replaces the base's line for the same field.
        let key = line.split(separator: ":")[0]
        let text = base.split(separator: "\n").filter { !$0.hasPrefix(key + ":") }.joined(separator: "\n") + "\n" + line + "\n"
        f.addFile("roadmap/subject.yaml", text)
        let found = f.findings().filter { $0.item == "subject" }
        #expect(found.rules == ["invalid-value"], "\(found.map(\.message))")
        let item = try #require(f.snapshot["subject"])
        let fieldLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(key + ":") }! + 1
        #expect(found.first?.line == fieldLine)
        _ = item
        _ = field
    }

    @Test func validValuesPass() {
        var f = Sample.fixture(campaign: Sample.campaign(extra: "teaser: false\naudience: admins\nwaive: {launch-lag: {reason: agreed, until: 2026-12-31}}\ntags: [q2]"))
        f.add("r2", "kind: release\ntitle: R2\ndate: 2027\nversion: \"2.0\"\ntier: patch\nmarketing: none\n")
        #expect(f.findings().isEmpty)
    }

    @Test func unknownFieldsWarnWithASuggestion() {
        var f = Sample.fixture(campaign: Sample.campaign(extra: "lauch_notes: x\nx-budget: 10000\n1: one"))
        let found = f.findings()
        #expect(found.rules == ["unknown-field", "unknown-field"])
        #expect(found.allSatisfy { $0.severity == .warning })
        f = Sample.fixture(campaign: Sample.campaign(extra: "teasr: true"))
        let typo = f.findings().by("unknown-field")
        #expect(typo.first?.message.contains("did you mean 'teaser'") == true)
        #expect(typo.first?.column == 1)
    }

    @Test func danglingAndWrongKindReferences() {
        var f = Sample.fixture(epic: Sample.epic().replacingOccurrences(of: "theme: billing", with: "theme: biling"),
                               campaign: Sample.campaign(promotes: "[billing-v2, billing, nowhere]"))
        let findings = f.findings()
        let dangling = findings.by("dangling-reference")
        #expect(dangling.map(\.item) == ["spring-launch", "invoices"])
        #expect(dangling.map(\.related) == [["nowhere"], ["biling"]])
        #expect(dangling[1].message.contains("did you mean 'billing'"))
        let wrong = findings.by("wrong-reference-kind")
        #expect(wrong.map(\.related) == [["billing"]])
        #expect(wrong[0].message.contains("which is a theme"))
        f = Sample.fixture(story: Sample.story().replacingOccurrences(of: "epic: invoices", with: "epic: billing-v2"))
        #expect(f.findings().by("wrong-reference-kind").map(\.item) == ["pdf-export"])
    }

    @Test func dateOrder() {
        var f = Sample.fixture(epic: Sample.epic(end: "2026-01-10") + "\nstart: 2026-02")
        #expect(f.findings().by("date-order").map(\.item) == ["invoices"])
        f = Sample.fixture(epic: Sample.epic(end: "2026-02-10") + "\nstart: 2026-02")
        #expect(f.findings().by("date-order").isEmpty, "overlapping coarse dates cannot be ordered")
        f = Sample.fixture(campaign: Sample.campaign(extra: "start: 2026-07-01\nend: 2026-08-01"))
        let launch = f.findings().by("date-order")
        #expect(launch.map(\.message.count).count == 1)
        #expect(launch.first?.message.contains("before its start") == true)
        f = Sample.fixture(campaign: Sample.campaign(extra: "start: 2026-05-01\nend: 2026-06-01"))
        #expect(f.findings().by("date-order").first?.message.contains("after its end") == true)
    }
}
