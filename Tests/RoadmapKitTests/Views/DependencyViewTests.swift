import Testing
@testable import RoadmapKit

/// The timeline shows `depends-on` (SPEC §14): marks in text, edges in Mermaid, arrows in HTML.
@Suite struct DependencyViewTests {
    func view(releaseDate: String = "2026-06-15") -> RoadmapView {
        var f = Fixture()
        f.add("api", "kind: epic\ntitle: Metered API\nstart: 2026-03-01\nend: 2026-05-31\n")
        f.add("r", "kind: release\ntitle: Billing v2\ndate: \(releaseDate)\ndepends-on: [{id: api, lag: 7}]\n")
        f.add("c", "kind: campaign\ntitle: Launch\npromotes: [r]\nlaunch: 2026-06-20\n")
        return RoadmapView(snapshot: f.snapshot, config: f.config, today: RoadmapDate("2026-01-15")!)
    }

    @Test func theTimelineKnowsEachEntrysDependencies() throws {
        let entry = try #require(Timeline(view()).product.first { $0.id == "r" })
        #expect(entry.dependsOn == [Timeline.Dependency(id: "api", lag: 7, end: RoadmapDate("2026-05-31"))])
        #expect(entry.dependsOn.first?.earliestStart == RoadmapDate("2026-06-07")!.firstDay)
    }

    @Test func textMarksTheDependencyAndWhereItLetsTheItemStart() {
        let text = TimelineTextRenderer(width: 120, color: false).render(Timeline(view()))
        #expect(text.contains("after api (ends 2026-05-31, lag 7d)"))
        #expect(text.contains("⊳"))
    }

    @Test func mermaidDrawsTheEdgesInAFlowchart() {
        let out = MermaidRenderer.render(Timeline(view(releaseDate: "2026-06-01")))
        #expect(out.contains("flowchart LR"))
        #expect(out.contains("n1[\"Metered API\"]") && out.contains("n1 -->|+7d| n2"))
        #expect(out.contains("linkStyle 0 stroke:#cf222e"), "a dependency-order error is drawn red")
        #expect(!MermaidRenderer.render(Timeline(RoadmapView(snapshot: Fixture().snapshot, config: RoadmapConfig(), today: RoadmapDate("2026-01-15")!))).contains("flowchart"))
    }

    @Test func htmlDrawsAnArrowBackwardsWhenTheItemStartsTooEarly() throws {
        let fine = try HTMLExporter.render(view())
        #expect(fine.contains("class=\"arrow\"") && fine.contains("after api (ends 2026-05-31), lag 7 days"))
        #expect(fine.contains(" · after api"))
        let late = try HTMLExporter.render(view(releaseDate: "2026-06-01"))
        #expect(late.contains("class=\"arrow late\""))
    }
}
