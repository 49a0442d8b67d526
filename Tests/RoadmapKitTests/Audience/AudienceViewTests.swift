import Testing
@testable import RoadmapKit

/// A small roadmap with one item of every visibility, public wording and hidden fields.
enum AudienceSample {
    static func fixture() -> Fixture {
        var f = Fixture()
        f.add("platform", """
            kind: theme
            title: Platform
            """)
        f.add("secret-epic", """
            kind: epic
            title: Project Nightjar
            visibility: team
            owner: "@ghost"
            """)
        f.add("spring", """
            kind: release
            title: Spring 2027 (billing rewrite)
            public-title: Spring release
            public-description: Faster invoices.
            visibility: public
            owner: "@maria"
            date: 2027-04-15
            x-budget: 120k
            waive:
              unmarketed-release: later
            description: Internal notes.
            """)
        f.add("open-epic", """
            kind: epic
            title: Open epic
            theme: platform
            release: spring
            start: 2027-01
            end: 2027-Q1
            """)
        f.add("story-of-secret", """
            kind: story
            title: Story
            visibility: public
            epic: secret-epic
            """)
        f.add("launch", """
            kind: campaign
            title: Launch
            promotes: [spring, secret-epic]
            launch: 2027-05-02
            start: 2027-06-01
            end: 2027-07-01
            audience: developers
            """)
        return f
    }
}

@Suite struct AudienceViewTests {
    @Test func audiencesParseAndOrderWidestFirst() throws {
        #expect(try Audience.parse("key") == .key)
        #expect(Audience.public < .stakeholders && Audience.stakeholders < .key && Audience.key < .team)
        #expect(throws: AudienceError.self) { try Audience.parse("board") }
        #expect(AudienceError(name: "board").description == "unknown audience 'board': use one of public, stakeholders, key, team")
    }

    @Test(arguments: [
        ("2027-04-15", RoadmapDate.Precision.quarter, "2027-Q2"),
        ("2027-04-15", .month, "2027-04"),
        ("2027-12-31", .half, "2027-H2"),
        ("2027-12-31", .year, "2027"),
        ("2027-Q2", .month, "2027-Q2"),      // never more precise than written
        ("2027-H1", .quarter, "2027-H1"),
        ("2027-02", .quarter, "2027-Q1"),
        ("2027-04-15", .day, "2027-04-15"),
    ])
    func datesCoarsenNeverFiner(written: String, precision: RoadmapDate.Precision, shown: String) throws {
        let date = try #require(RoadmapDate(written))
        #expect(date.coarsened(to: precision).text == shown)
    }

    @Test func eachAudienceSeesOnlyItsItems() {
        let snapshot = AudienceSample.fixture().snapshot
        func ids(_ a: Audience) -> [String] { AudienceView(a).filter(snapshot).items.map(\.id).sorted() }
        #expect(ids(.team) == ["launch", "open-epic", "platform", "secret-epic", "spring", "story-of-secret"])
        #expect(ids(.key) == ["launch", "open-epic", "platform", "spring", "story-of-secret"])
        #expect(ids(.stakeholders) == ["open-epic", "platform", "spring", "story-of-secret"])
        #expect(ids(.public) == ["spring", "story-of-secret"])
        #expect(AudienceView(.public).maySee(id: "secret-epic", in: snapshot) == false)
        #expect(AudienceView(.public).maySee(id: "no-such", in: snapshot) == false)
        #expect(AudienceView(.team).maySee(id: "secret-epic", in: snapshot))
    }

    @Test func publicSeesPublicWordingCoarseDatesAndNoHiddenFields() throws {
        let snapshot = AudienceView(.public).filter(AudienceSample.fixture().snapshot)
        let spring = try #require(snapshot["spring"])
        #expect(spring.title == "Spring release")
        #expect(spring.description == "Faster invoices.")
        #expect(spring.date?.text == "2027-Q2")
        #expect(spring.fields.map(\.key) == ["kind", "title", "visibility", "date", "description"])
        let story = try #require(snapshot["story-of-secret"])
        #expect(story.epic == nil, "the reference to the hidden epic is dropped")
    }

    @Test func widerAudiencesInheritWhatNarrowerOnesHide() throws {
        var settings = AudienceSettings()
        settings.hiddenFields = [.key: ["x-cost"], .stakeholders: ["owner"]]
        #expect(settings.isHidden("x-cost", from: .public))
        #expect(settings.isHidden("owner", from: .public))
        #expect(!settings.isHidden("owner", from: .key))
        #expect(settings.hiddenPatterns(for: .team).isEmpty)
        settings.datePrecision = [.stakeholders: .half, .public: .month]
        #expect(settings.precision(for: .public) == .half, "the public never sees dates finer than stakeholders")
    }

    @Test func keyAndStakeholdersSeeTheirOwnPrecisionAndReferences() throws {
        let full = AudienceSample.fixture().snapshot
        let key = AudienceView(.key).filter(full)
        #expect(key["spring"]?.date?.text == "2027-04-15")
        #expect(key["spring"]?.title == "Spring 2027 (billing rewrite)")
        #expect(key["launch"]?.promotes.map(\.id) == ["spring"])
        #expect(key["spring"]?.valueNodes["waive"] == nil)
        #expect(key["spring"]?.valueNodes["x-budget"] != nil)
        let stakeholders = AudienceView(.stakeholders).filter(full)
        #expect(stakeholders["spring"]?.date?.text == "2027-04")
        #expect(stakeholders["spring"]?.valueNodes["x-budget"] == nil)
        #expect(stakeholders["open-epic"]?.end?.text == "2027-Q1")
    }

    @Test func teamIsUntouched() {
        let full = AudienceSample.fixture().snapshot
        let team = AudienceView(.team).filter(full)
        #expect(team.items.count == full.items.count)
        #expect(zip(team.items, full.items).allSatisfy { $0 === $1 })
    }

    @Test func findingsAreForKeyAndTeamOnlyAndNameNoHiddenItem() {
        let f = AudienceSample.fixture()
        let view = RoadmapView(snapshot: f.snapshot, config: f.config, today: RoadmapDate("2026-01-15")!)
        #expect(!view.findings.isEmpty)
        #expect(AudienceView(.public).filter(view).findings.isEmpty)
        #expect(AudienceView(.stakeholders).filter(view).findings.isEmpty)
        let key = AudienceView(.key).filter(view).findings
        #expect(view.findings.contains { $0.related.contains("secret-epic") })
        #expect(key.map(\.rule) == ["date-order"])
        #expect(key.allSatisfy { !$0.related.contains("secret-epic") && $0.item != "secret-epic" && !$0.message.contains("secret-epic") })
    }

    @Test func idMentionsAreWholeWords() {
        #expect(AudienceView.mentions("promotes secret-epic.", "secret-epic"))
        #expect(!AudienceView.mentions("promotes secret-epic-2", "secret-epic"))
        #expect(!AudienceView.mentions("top-secret", "secret"))
    }

    @Test func configReadsAudienceSettings() throws {
        let file = ParsedFile(path: "roadmap.yaml", outcome: .parsed(parse("""
            visibility: {release: public}
            hidden-fields: {public: [owner, x-*]}
            date-precision: {public: year}
            """)))
        let config = try RoadmapConfig(file: file)
        #expect(config.audiences.defaultVisibility(of: "release") == .public)
        #expect(config.audiences.defaultVisibility(of: "campaign") == .key)
        #expect(config.audiences.isHidden("x-anything", from: .public))
        #expect(config.audiences.precision(for: .public) == .year)
        for bad in ["hidden-fields: {everyone: [owner]}", "date-precision: {public: week}",
                    "visibility: {release: customers}", "hidden-fields: {team: [owner]}", "hidden-fields: {public: [title]}"] {
            #expect(throws: ConfigError.self, "\(bad)") {
                try RoadmapConfig(file: ParsedFile(path: "roadmap.yaml", outcome: .parsed(parse(bad))))
            }
        }
    }

    @Test func anUnknownVisibilityIsInvalidAndFailsClosed() {
        var f = Fixture()
        f.add("r", """
            kind: release
            title: R
            date: 2027-01-01
            visibility: customers
            """)
        #expect(f.findings().by("invalid-value").count == 1)
        #expect(AudienceView(.key).filter(f.snapshot).items.isEmpty)
    }
}
