import Testing
@testable import RoadmapKit

@Suite struct ItemMergeTests {
    let base = """
    kind: release
    title: Billing v2   # the big one
    status: planned
    date: 2026-06-15
    tags: [billing, payments]

    description: |
      First line.
    """

    func merge(_ ours: String, _ theirs: String, base: String? = nil) -> ItemMerge.Result {
        ItemMerge.merge(base: Array((base ?? self.base).utf8), ours: Array(ours.utf8), theirs: Array(theirs.utf8),
                        id: "billing-v2", path: "roadmap/releases/billing-v2.yaml", sides: ("on main", "in the proposal"))
    }

    @Test func differentFieldsAreBothKeptByteForByte() throws {
        let ours = base.replacingOccurrences(of: "date: 2026-06-15", with: "date: 2026-07-30")
        let theirs = base.replacingOccurrences(of: "title: Billing v2   # the big one", with: "title: 'Billing 2.0'   # renamed")
        let result = merge(ours, theirs)
        #expect(result.conflicts.isEmpty)
        let expected = base.replacingOccurrences(of: "date: 2026-06-15", with: "date: 2026-07-30")
            .replacingOccurrences(of: "title: Billing v2   # the big one", with: "title: 'Billing 2.0'   # renamed")
        #expect(String(decoding: try #require(result.bytes), as: UTF8.self) == expected)
    }

    @Test func aFieldAddedByThemLandsAfterItsNeighbour() throws {
        let theirs = base.replacingOccurrences(of: "date: 2026-06-15\n", with: "date: 2026-06-15\ntier: major  # big\n")
        let ours = base.replacingOccurrences(of: "status: planned", with: "status: in-progress")
        let result = merge(ours, theirs)
        let text = String(decoding: try #require(result.bytes), as: UTF8.self)
        #expect(text == ours.replacingOccurrences(of: "date: 2026-06-15\n", with: "date: 2026-06-15\ntier: major  # big\n"))
    }

    @Test func aFieldRemovedByThemIsRemoved() throws {
        let theirs = base.replacingOccurrences(of: "status: planned\n", with: "")
        let ours = base.replacingOccurrences(of: "date: 2026-06-15", with: "date: 2026-07-30")
        let text = String(decoding: try #require(merge(ours, theirs).bytes), as: UTF8.self)
        #expect(!text.contains("status:"))
        #expect(text.contains("date: 2026-07-30"))
    }

    @Test func listsMergeByValue() throws {
        let ours = base.replacingOccurrences(of: "tags: [billing, payments]", with: "tags: [billing, payments, q3]")
        let theirs = base.replacingOccurrences(of: "tags: [billing, payments]", with: "tags: [payments, launch]")
        let result = merge(ours, theirs)
        let doc = try YAMLParser.parse(try #require(result.bytes))
        #expect(doc.data.field("tags") == .sequence([.string("payments"), .string("q3"), .string("launch")]))
        #expect(String(decoding: doc.bytes, as: UTF8.self).contains("tags: [payments, q3, launch]"))
    }

    @Test func theSameFieldSetToTwoValuesIsAConflictNamingItemAndField() {
        let ours = base.replacingOccurrences(of: "date: 2026-06-15", with: "date: 2026-07-30")
        let theirs = base.replacingOccurrences(of: "date: 2026-06-15", with: "date: 2026-09-01")
        let result = merge(ours, theirs)
        #expect(result.bytes == nil)
        #expect(result.conflicts.count == 1)
        #expect(result.conflicts.first?.field == "date")
        #expect(result.conflicts.first?.description == "item 'billing-v2' (roadmap/releases/billing-v2.yaml), field 'date': set to '2026-07-30' on main and '2026-09-01' in the proposal")
    }

    @Test func theSameChangeOnBothSidesIsNoConflict() throws {
        let ours = base.replacingOccurrences(of: "date: 2026-06-15", with: "date: 2026-07-30")
        let theirs = ours.replacingOccurrences(of: "status: planned", with: "status: in-progress")
        let text = String(decoding: try #require(merge(ours, theirs).bytes), as: UTF8.self)
        #expect(text == theirs)
    }

    @Test func waiversMergeKeyByKey() throws {
        let withWaive = base + "\nwaive:\n  launch-lag: late on purpose\n"
        let ours = withWaive + "  past-due: known\n"
        let theirs = withWaive.replacingOccurrences(of: "launch-lag: late on purpose", with: "launch-lag: late on purpose\n  unmarketed-release: internal")
        let result = merge(ours, theirs, base: withWaive)
        let doc = try YAMLParser.parse(try #require(result.bytes))
        let keys = doc.data.field("waive")?.stringPairs?.map(\.key)
        #expect(keys == ["launch-lag", "past-due", "unmarketed-release"])
    }

    @Test func removedOnOneSideChangedOnTheOtherIsAConflict() {
        let ours = base.replacingOccurrences(of: "status: planned\n", with: "")
        let theirs = base.replacingOccurrences(of: "status: planned", with: "status: shipped")
        let result = merge(ours, theirs)
        #expect(result.conflicts.map(\.field) == ["status"])
        #expect(result.bytes == nil, "a conflict writes nothing")
    }

    @Test func anUnparsableSideIsAWholeFileConflict() {
        let result = merge(base + "\nbad: [unclosed\n", base.replacingOccurrences(of: "planned", with: "shipped"))
        #expect(result.bytes == nil)
        #expect(result.conflicts.first?.field == nil)
    }
}
