import Testing
@testable import RoadmapKit

@Suite struct SemanticDiffTests {
    func snapshot(_ files: [String: String]) -> Snapshot {
        Snapshot(files: files.map { ItemParsing.parse(SourceFile(path: $0.key, bytes: Array($0.value.utf8))) }, root: "roadmap")
    }

    @Test func reportsAddedRemovedMovedAndFieldChanges() throws {
        let old = snapshot([
            "roadmap/releases/r1.yaml": "kind: release\ntitle: R1\ndate: 2026-06-15\ntags: [a, b]\n",
            "roadmap/epics/e1.yaml": "kind: epic\ntitle: E1\n",
            "roadmap/gone.yaml": "kind: theme\ntitle: Gone\n",
        ])
        let new = snapshot([
            "roadmap/releases/r1.yaml": "kind: release\ntitle: R1\ndate: 2026-07-30\ntags: [b, c]\n",
            "roadmap/epics/moved/e1.yaml": "kind: epic\ntitle: E1\n",
            "roadmap/new.yaml": "kind: theme\ntitle: New\n",
        ])
        let diff = SemanticDiff.compute(old: old, new: new, config: RoadmapConfig(), today: RoadmapDate(year: 2026, month: 1, day: 1))
        #expect(diff.items.map(\.id) == ["e1", "gone", "new", "r1"])
        #expect(diff.items.map(\.change) == [.moved, .removed, .added, .modified])
        #expect(diff.items[0].oldPath == "roadmap/epics/e1.yaml")
        let fields = diff.items[3].fields
        #expect(fields.map(\.field) == ["date", "tags"])
        #expect(fields[0].days == 45)
        #expect(fields[1].added == [.string("c")])
        #expect(fields[1].removed == [.string("a")])
        let text = SemanticDiffRenderer.text(diff, from: "a", to: "b")
        #expect(text.contains("date: 2026-06-15 → 2026-07-30 (+45 days)"))
        #expect(text.contains("tags: +c -a"))
    }

    @Test func findingsIntroducedAndResolved() {
        let release = "kind: release\ntitle: R\ndate: 2026-06-15\n"
        let campaign = "kind: campaign\ntitle: C\npromotes: [r]\nlaunch: 2026-06-20\n"
        let old = snapshot(["roadmap/r.yaml": release, "roadmap/c.yaml": campaign])
        let new = snapshot(["roadmap/r.yaml": release.replacingOccurrences(of: "06-15", with: "07-30"), "roadmap/c.yaml": campaign])
        let today = RoadmapDate(year: 2026, month: 1, day: 1)
        let diff = SemanticDiff.compute(old: old, new: new, config: RoadmapConfig(), today: today)
        #expect(diff.introduced.map(\.rule).contains("launch-before-release"))
        let back = SemanticDiff.compute(old: new, new: old, config: RoadmapConfig(), today: today)
        #expect(back.resolved.map(\.rule).contains("launch-before-release"))
        let json = SemanticDiffRenderer.json(diff, from: nil, to: "x")
        #expect(json.contains("\"schemaVersion\": 1"))
        #expect(json.contains("\"days\": 45"))
    }
}
