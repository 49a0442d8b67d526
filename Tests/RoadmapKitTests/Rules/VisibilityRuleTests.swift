import Testing
@testable import RoadmapKit

@Suite struct VisibilityRuleTests {
    @Test func aPublicTextNamingATeamOnlyItemLeaks() throws {
        var f = AudienceSample.fixture()
        f.add("teaser", """
            kind: release
            title: Teaser
            visibility: public
            date: 2027-01
            public-title: "Ships with secret-epic."
            description: Mentions top-secret-epic and secret-epics, which are other words.
            """)
        let leaks = f.findings().by("visibility-leak")
        #expect(leaks.count == 1)
        let leak = try #require(leaks.first)
        #expect(leak.item == "teaser" && leak.related == ["secret-epic"] && leak.severity == .error)
        #expect(leak.message.contains("shown to public"))
    }

    @Test func textTheAudienceDoesNotReadDoesNotLeak() {
        var f = AudienceSample.fixture()
        // Campaigns are for key stakeholders: only key reads c2's title, and key may see `launch`.
        // The public reads spring's public-title, not its title.
        f.add("r2", """
            kind: release
            title: R2
            visibility: stakeholders
            date: 2027-01
            """)
        f.add("c2", """
            kind: campaign
            title: About launch and spring
            promotes: [r2]
            launch: 2027-02-01
            """)
        #expect(f.findings().by("visibility-leak").isEmpty)
    }

    @Test func anItemWiderThanWhatItBelongsToMismatches() throws {
        let f = AudienceSample.fixture()
        let mismatches = f.findings().by("visibility-mismatch")
        // launch (key) promotes secret-epic (team); story-of-secret (public) belongs to secret-epic.
        #expect(mismatches.map(\.item) == ["launch", "story-of-secret"])
        #expect(mismatches.allSatisfy { $0.related == ["secret-epic"] && $0.severity == .warning })
    }

    @Test func aPublicCampaignOfAStakeholdersReleaseMismatches() {
        var f = Fixture()
        f.add("r", """
            kind: release
            title: R
            date: 2027-01-10
            """)
        f.add("c", """
            kind: campaign
            title: C
            visibility: public
            promotes: [r]
            launch: 2027-01-20
            """)
        #expect(f.findings().by("visibility-mismatch").map(\.related) == [["r"]])
    }

    @Test func mentionsAreWholeWordsThroughDots() {
        #expect(IDMentions.candidates(in: "see v1.2.") .contains("v1.2"))
        #expect(IDMentions.candidates(in: "Billing-v2 ships").contains("billing-v2") == false)
        #expect(IDMentions.candidates(in: "a https://x.example/secret-epic?q=1 link").contains("secret-epic"))
    }
}
