import Testing
@testable import RoadmapKit

/// `depends-on` in the model, `set`, the schema and field-level merge (SPEC §14).
@Suite struct DependencyModelTests {
    func item(_ yaml: String, id: String = "x") -> Item { Item(id: id, path: "roadmap/\(id).yaml", node: parse(yaml)) }

    @Test func entriesAreIdsOrIdsWithALag() {
        let epic = item("kind: epic\ntitle: E\ndepends-on: [a, {id: b, lag: 14}, {id: c, lag: -3}, {id: d}]\n")
        #expect(epic.dependsOn.map(\.id) == ["a", "b", "c", "d"])
        #expect(epic.dependsOn.map(\.lag) == [0, 14, -3, 0])
    }

    @Test func invalidEntriesAreLeftOutAndReported() {
        var f = Fixture()
        f.add("a", "kind: epic\ntitle: A\n")
        f.add("e", "kind: epic\ntitle: E\ndepends-on: [a, {id: a, lag: 2w}, 7, {lag: 3}, {id: a, why: x}]\n")
        #expect(f.snapshot["e"]?.dependsOn.map(\.id) == ["a", "a"])  // the last keeps a valid id and no lag
        let invalid = f.findings().by("invalid-value").map(\.message)
        #expect(invalid.count == 4, "\(invalid)")
        #expect(invalid.contains { $0.contains("'lag' must be a whole number") })
        f.add("s", "kind: story\ntitle: S\ndepends-on: a\n")
        #expect(f.findings().by("invalid-value").contains { $0.item == "s" && $0.message.contains("must be a list") })
    }

    @Test func startAndEndFollowTheKind() {
        let release = item("kind: release\ntitle: R\ndate: 2026-06-15\n")
        #expect(release.scheduleStart?.text == "2026-06-15" && release.scheduleEnd?.text == "2026-06-15")
        let campaign = item("kind: campaign\ntitle: C\nlaunch: 2026-07-01\n")
        #expect(campaign.scheduleStart?.text == "2026-07-01" && campaign.scheduleEnd?.text == "2026-07-01")
        let started = item("kind: campaign\ntitle: C\nstart: 2026-06-20\nlaunch: 2026-07-01\nend: 2026-08-01\n")
        #expect(started.scheduleStart?.text == "2026-06-20" && started.scheduleEnd?.text == "2026-07-01")
        let epic = item("kind: epic\ntitle: E\nstart: 2026-Q1\nend: 2026-03\n")
        #expect(epic.scheduleStart?.text == "2026-Q1" && epic.scheduleEnd?.text == "2026-03")
        #expect(item("kind: theme\ntitle: T\nstart: 2026\n").scheduleStart == nil)
    }

    @Test func referencesAreChecked() {
        var f = Fixture()
        f.add("t", "kind: theme\ntitle: T\n")
        f.add("e", "kind: epic\ntitle: E\ndepends-on: [t, missing]\n")
        let found = f.findings()
        #expect(found.by("wrong-reference-kind").map(\.related) == [["t"]])
        #expect(found.by("wrong-reference-kind").first?.message.contains("an epic, story, release or campaign") == true)
        #expect(found.by("dangling-reference").map(\.related) == [["missing"]])
        f.add("h", "kind: theme\ntitle: H\ndepends-on: [e]\n")
        #expect(f.findings().by("unknown-field").map(\.item) == ["h"])
    }

    @Test func setWritesOneIdAsAList() throws {
        #expect(try FieldAssignment.parse("depends-on=usage-based-pricing").value == .sequence([.string("usage-based-pricing")]))
        let lagged = try FieldAssignment.parse("depends-on=[a, {id: b, lag: 5}]").value
        #expect(lagged == .sequence([.string("a"), .mapping([(key: .string("id"), value: .string("b")), (key: .string("lag"), value: .int(5))])]))
    }

    @Test func theSchemaKnowsDependsOnForFourKinds() {
        let schema = ItemSchema.jsonSchema()
        #expect(schema.contains("\"depends-on\""))
        #expect(schema.components(separatedBy: "\"depends-on\"").count - 1 == Dependencies.kinds.count)
    }

    @Test func fmtPutsDependsOnAfterTheKindsFields() throws {
        let document = try YAMLParser.parse(Array("kind: release\ndepends-on: [a]\ntitle: R\ndate: 2026-06-15\n".utf8))
        let out = String(decoding: Canonical.layout(document, kind: .release), as: UTF8.self)
        #expect(out == "kind: release\ntitle: R\ndate: 2026-06-15\ndepends-on: [a]\n")
    }

    @Test func bothSidesAddingDependenciesMergeByValue() throws {
        let base = "kind: release\ntitle: R\ndate: 2026-06-15\ndepends-on: [a]\n"
        let ours = "kind: release\ntitle: R\ndate: 2026-06-15\ndepends-on: [a, b]\n"
        let theirs = "kind: release\ntitle: R\ndate: 2026-06-15\ndepends-on: [a, {id: c, lag: 3}]\n"
        let result = ItemMerge.merge(base: Array(base.utf8), ours: Array(ours.utf8), theirs: Array(theirs.utf8), id: "r", path: "r.yaml")
        #expect(result.conflicts.isEmpty)
        let merged = try YAMLParser.parse(try #require(result.bytes))
        let entries = Dependency.entries(of: merged.root["depends-on"])
        #expect(entries.map(\.id) == ["a", "b", "c"] && entries.map(\.lag) == [0, 0, 3])
    }

    @Test func cyclesAreFoundOncePerComponentFromTheSmallestId() {
        var f = Fixture()
        f.add("solo", "kind: epic\ntitle: S\ndepends-on: [solo]\n")
        f.add("b", "kind: epic\ntitle: B\ndepends-on: [a]\n")
        f.add("a", "kind: epic\ntitle: A\ndepends-on: [b]\n")
        f.add("z", "kind: story\ntitle: Z\ndepends-on: [x]\n")
        f.add("x", "kind: release\ntitle: X\ndepends-on: [y]\n")
        f.add("y", "kind: campaign\ntitle: Y\ndepends-on: [z, free]\n")
        f.add("free", "kind: epic\ntitle: F\n")
        let cycles = DependencyGraph(f.snapshot).cycles
        #expect(cycles.map(\.ids) == [["a", "b"], ["solo"], ["x", "y", "z"]])
        #expect(cycles.map(\.members) == [["a", "b"], ["solo"], ["x", "y", "z"]])
        #expect(DependencyGraph(f.snapshot).dependents(of: "free").map(\.item.id) == ["y"])
    }
}
