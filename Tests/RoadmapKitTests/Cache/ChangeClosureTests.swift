import Testing
@testable import RoadmapKit

/// The hook re-judges only the closure of a change (`Workspace.closure`). Words of an item's
/// text that could be ids are graph edges for `visibility-leak`; a word that names no item must
/// not pull in every other item that uses it.
@Suite struct ChangeClosureTests {
    static func story(_ id: String, epic: String? = nil, mentions: [String]) -> GraphEntry {
        GraphEntry(path: "roadmap/stories/\(id).yaml", parsed: true, kind: .story, theme: nil, epic: epic, release: nil,
                   promotes: [], mentions: mentions)
    }

    @Test func aCommonWordThatNamesNoItemIsNoEdge() {
        var entries = [Self.story("changed-story", epic: "billing", mentions: ["usage", "sso"])]
        entries.append(GraphEntry(path: "roadmap/epics/billing.yaml", parsed: true, kind: .epic, theme: nil, epic: nil,
                                  release: nil, promotes: [], mentions: []))
        for n in 1...200 { entries.append(Self.story("other-\(n)", mentions: ["usage", "sso"])) }
        let graph = ItemGraph(entries.sorted { $0.path < $1.path })
        let (affected, needed) = Workspace.closure(of: ["changed-story"], before: graph, after: graph)
        #expect(affected == ["changed-story", "billing"])
        // Words stay in the set (they name no file, so nothing is read for them); no other item does.
        #expect(Set(needed.filter(graph.hasItem)) == ["changed-story", "billing"], "\(needed.count) ids read for a one-story change")
    }

    @Test func aMentionedIdThatIsAnItemKeepsItsReferrers() {
        // `sso` is an item now: a change to it may turn another item's mention into a leak.
        var entries = [Self.story("sso", mentions: []), Self.story("mentions-it", mentions: ["sso"]), Self.story("unrelated", mentions: ["usage"])]
        entries.sort { $0.path < $1.path }
        let graph = ItemGraph(entries)
        let (affected, _) = Workspace.closure(of: ["sso"], before: graph, after: graph)
        #expect(affected == ["sso", "mentions-it"])
    }
}
