import Testing
@testable import RoadmapKit

@Suite struct ModelTests {
    @Test(arguments: [("billing-v2", true), ("a", true), ("0.9_rc-1", true), (String(repeating: "a", count: 64), true),
                      (String(repeating: "a", count: 65), false), ("Billing", false), ("-x", false), (".x", false),
                      ("", false), ("a b", false), ("é", false)])
    func itemIDs(id: String, valid: Bool) {
        #expect(ItemID.isValid(id) == valid)
    }

    @Test func idIsTheFileNameWithoutExtension() {
        #expect(ItemID.fromPath("roadmap/releases/billing-v2.yaml") == "billing-v2")
        #expect(ItemID.fromPath("roadmap/x/y/z.yml") == "z")
        // The byte-wise fast path agrees with the definition by characters on every shape.
        let cases = ["a.yaml", "roadmap/releases/a-very-long-release-name-2027.yaml", "plain", "dir/", "/", "",
                     ".yaml", "x/.yml", "a.yaml.yml", "a.YAML", "roadmap/ré/café.yaml", "roadmap/x/naïve.yml",
                     "roadmap/x/e\u{301}.yaml", "roadmap/ünï/plain.yaml", "a.yamlx", "x/y.ym"]
        for path in cases {
            let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
            let expected = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name.hasSuffix(".yml") ? String(name.dropLast(4)) : name
            #expect(ItemID.fromPath(path) == expected, "\(path)")
        }
    }

    @Test func kindsKnowTheirFoldersStatusesAndKeyOrder() {
        #expect(Kind.allCases.map(\.folder) == ["themes", "epics", "stories", "releases", "campaigns", "programs", "goals"])
        #expect(Kind.goal.statuses == ["planned", "active", "achieved", "missed", "cancelled"] && Kind.program.statuses == Kind.campaign.statuses)
        #expect(Kind.release.statuses.contains("shipped") && !Kind.epic.statuses.contains("shipped"))
        #expect(Kind.campaign.canonicalKeyOrder == ["kind", "title", "status", "owner", "visibility", "promotes", "launch", "start", "end",
                                                    "program", "goals", "channels", "audience", "teaser",
                                                    "messaging", "budget", "results", "assets", "depends-on", "tags", "waive",
                                                    "public-title", "public-description", "description"])
        let keys = ["description", "x-team", "date", "kind", "tags", "title", "zzz"]
        let sorted = keys.enumerated().sorted {
            let (a, b) = (Kind.release.canonicalRank(of: $0.element), Kind.release.canonicalRank(of: $1.element))
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        #expect(sorted == ["kind", "title", "date", "tags", "x-team", "zzz", "description"])
    }

    @Test func itemDecodesFieldsAndDefaults() throws {
        let item = Item(id: "r", path: "roadmap/r.yaml", node: parse("""
            kind: release
            title: R
            date: 2026-Q3
            tier: major
            x-team: core
            """))
        #expect(item.kind == .release)
        #expect(item.status == "planned")
        #expect(item.marketing == .required)
        #expect(item.date?.text == "2026-Q3")
        #expect(item.location(of: "date") == SourceLocation(line: 3, column: 7))
        #expect(item.fields.map(\.key) == ["kind", "title", "date", "tier", "x-team"])
        let minor = Item(id: "m", path: "roadmap/m.yaml", node: parse("kind: release\ntitle: M\ndate: 2027\n"))
        #expect(minor.marketing == .optional && minor.tier == .minor)
        #expect(minor.date?.text == "2027")
    }

    @Test func storyInheritsItsEpicsRelease() {
        let snapshot = Sample.fixture().snapshot
        #expect(snapshot.effectiveRelease(of: snapshot["pdf-export"]!) == "billing-v2")
        #expect(snapshot.effectiveRelease(of: snapshot["invoices"]!) == "billing-v2")
    }

    @Test func snapshotTakesOnlyYAMLFilesUnderTheRoot() {
        var f = Fixture()
        f.addFile("roadmap/releases/a.yaml", "kind: release\ntitle: A\ndate: 2026\n")
        f.addFile("roadmap/b.yml", "kind: theme\ntitle: B\n")
        f.addFile("roadmap/notes.md", "kind: theme\ntitle: C\n")
        f.addFile("other/c.yaml", "kind: theme\ntitle: C\n")
        f.addFile("roadmapx/d.yaml", "kind: theme\ntitle: D\n")
        f.addFile("roadmap.yaml", "root: roadmap\n")
        #expect(f.snapshot.items.map(\.id) == ["b", "a"])
        f.config.root = ""
        #expect(Set(f.snapshot.items.map(\.id)) == ["a", "b", "c", "d"])
    }
}
