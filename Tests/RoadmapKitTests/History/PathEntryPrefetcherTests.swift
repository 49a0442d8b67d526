import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// The second thread of a walk with git's changed-path filters (`PathEntryPrefetcher`):
/// what it reads is what the walk would read itself, and the walk takes it.
@Suite("Path history: the entries read ahead")
struct PathEntryPrefetcherTests {
    @Test("the entries it reads are the path's in the commit's and its first parent's trees")
    func readsWhatTheWalkWould() throws {
        let (history, repository, tip) = try RandomHistory.withChangedPathGraph(seed: 21, steps: 150)
        let reader = try HistoryReader(repository)
        let graph = try #require(reader.commitGraph)
        let start = try #require(graph.position(of: tip))
        var read = 0
        for path in try history.allPaths() {
            let names = path.split(separator: "/").map(String.init)
            let prefetcher = PathEntryPrefetcher(gitDirectory: repository.gitDirectory, graph: graph, start: start,
                                                 names: names, query: ChangedPathQuery(path: path))
            prefetcher.waitUntilFinished()
            for position in prefetcher.readPositions {
                let entries = try #require(prefetcher.entries(at: position))
                var parents: [Int] = []
                #expect(graph.parentPositions(atPosition: position, into: &parents))
                let tree = try #require(graph.tree(atPosition: position))
                let parentTree = try #require(parents.first.flatMap { graph.tree(atPosition: $0) })
                #expect(entries.commit == (try reader.entry(at: names, inTree: tree)), "\(path) at \(position)")
                #expect(entries.parent == (try reader.entry(at: names, inTree: parentTree)), "\(path) at \(position)'s parent")
                read += 1
                // Taken once: after that the walk reads it itself.
                #expect(prefetcher.entries(at: position) == nil)
            }
            // Every position it did not read is the walk's to read.
            #expect(prefetcher.entries(at: -1) == nil)
            prefetcher.stop()
        }
        #expect(read > 0, "the thread read comparisons")
    }

    @Test("stopping it while it reads ends it, and a stopped one reads nothing more")
    func stops() throws {
        let (history, repository, tip) = try RandomHistory.withChangedPathGraph(seed: 22, steps: 120)
        let graph = try #require(try HistoryReader(repository).commitGraph)
        let start = try #require(graph.position(of: tip))
        for path in try history.allPaths().prefix(5) {
            let prefetcher = PathEntryPrefetcher(gitDirectory: repository.gitDirectory, graph: graph, start: start,
                                                 names: path.split(separator: "/").map(String.init), query: ChangedPathQuery(path: path))
            prefetcher.stop()
            let after = prefetcher.readPositions.count
            usleep(20_000)
            #expect(prefetcher.readPositions.count == after, "nothing read after stop (\(path))")
        }
    }
}
