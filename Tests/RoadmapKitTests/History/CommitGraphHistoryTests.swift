import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// Path histories with git's commit-graph in place: the commit lists stay exactly
/// `git log`'s whatever graph git wrote — with or without changed-path filters, split in
/// layers, older than the newest commits — and a damaged graph is read around.
@Suite("Path history with a commit-graph")
struct CommitGraphHistoryTests {
    enum Variant: String, CaseIterable, Sendable {
        case changedPaths, plain, split, stale, truncated, flipped
    }

    /// `git log` as git answers without any graph: the truth for a damaged graph, where git
    /// itself might trust the damage.
    static func truth(_ history: RandomHistory, _ path: String, follow: Bool) throws -> [ObjectID] {
        try history.fixture.gitLog(path, follow ? ["--follow"] : [], rev: "main", withoutGraph: true)
    }

    @Test("commit lists equal git log -- PATH and --follow for every kind of graph", arguments: Variant.allCases)
    func matchesGit(variant: Variant) throws {
        var history = try RandomHistory.make(seed: 11, steps: 150)
        let fixture = history.fixture
        let graph = fixture.directory.appendingPathComponent(".git/objects/info/commit-graph")
        switch variant {
        case .changedPaths:
            try fixture.git("commit-graph", "write", "--reachable", "--changed-paths")
        case .plain:
            try fixture.git("commit-graph", "write", "--reachable")
        case .split:
            try history.writeSplitGraph { fixture in
                try fixture.write("a/late.txt", "after the first layer\n")
                try fixture.commit("after the first layer")
            }
        case .stale:
            try fixture.git("commit-graph", "write", "--reachable", "--changed-paths")
            for index in 150..<190 { try history.step(index) }
            try fixture.git("checkout", "-q", "main")
            try fixture.write("a/late.txt", "after the graph\n")
            try fixture.commit("after the graph")
        case .truncated, .flipped:
            try fixture.git("commit-graph", "write", "--reachable", "--changed-paths")
            var bytes = try Data(contentsOf: graph)
            if variant == .truncated {
                bytes = bytes.prefix(bytes.count * 2 / 3)
            } else {
                // A byte in the middle of the commit data: a parent position or a time.
                bytes[bytes.count / 3] ^= 0x04
            }
            try FileManager.default.removeItem(at: graph)
            try bytes.write(to: graph)
        }
        let repository = try fixture.open()
        let tip = try repository.resolveCommit("main")
        let walking = PathHistory(cache: try HistoryCache(repository: repository, persistent: false))
        let direct = PathHistory(cache: try HistoryCache(repository: repository, persistent: false))
        direct.indexesWhileWalking = false
        let reader = walking.cache.reader
        switch variant {
        case .changedPaths, .split, .stale: #expect(reader.commitGraph?.hasChangedPathFilters == true)
        case .plain: #expect(reader.commitGraph != nil && reader.commitGraph?.hasChangedPathFilters == false)
        case .truncated, .flipped: #expect(reader.commitGraph == nil)
        }
        if variant == .split { #expect(reader.commitGraph?.layerCount == 2) }
        if variant == .stale, let graph = reader.commitGraph { #expect(graph.link(tip) == nil) }
        var readAhead = 0
        defer {
            // Without filters (or a graph holding the tip) there is no second thread; with them,
            // how much it reads first depends on timing (PathEntryPrefetcherTests tests it).
            if ![.changedPaths, .split].contains(variant) { #expect(readAhead == 0, "\(variant)") }
        }
        for path in try history.allPaths() {
            let expected = try Self.truth(history, path, follow: false)
            if variant != .flipped { #expect(try fixture.gitLog(path, rev: "main") == expected) }
            #expect(try walking.log(path: path, from: tip).commits == expected, "git log -- \(path) (\(variant))")
            #expect(try direct.log(path: path, from: tip).commits == expected, "git log -- \(path) (\(variant), direct)")
            // Filters and a graph that holds the tip: the walk goes by the graph's positions.
            #expect(direct.lastLogWalkedGraphPositions == [.changedPaths, .split].contains(variant), "\(path) (\(variant))")
            #expect(!direct.lastLogReadTheIndex)
            readAhead += direct.lastLogComparisonsReadAhead
            guard !["a", "b", "c", "c/deep"].contains(path) else { continue }
            let follow = try Self.truth(history, path, follow: true)
            #expect(try walking.log(path: path, from: tip, follow: true).commits == follow, "--follow \(path) (\(variant))")
        }
    }

    /// With changed-path filters the graph holds every commit's tree, parents and time: the
    /// cache file keeps only the commits a walk compared (their summaries), and a cache read
    /// back from it answers exactly as git does.
    @Test("with changed-path filters the cache saves only the commits it compared")
    func savesOnlySummaries() throws {
        let (history, repository, tip) = try RandomHistory.withChangedPathGraph(seed: 12, steps: 80)
        let paths = try history.allPaths()
        let first = PathHistory(cache: try HistoryCache(repository: repository))
        #expect(first.cache.reader.commitGraph?.hasChangedPathFilters == true)
        for path in paths.prefix(3) { _ = try first.log(path: path, from: tip) }
        let saved = try HistoryCache(repository: repository)
        #expect(saved.count == saved.indexedCount)
        let second = PathHistory(cache: saved)
        for path in paths {
            #expect(try second.log(path: path, from: tip).commits == Self.truth(history, path, follow: false), "git log -- \(path)")
        }
    }
}

extension HistoryFixture {
    /// `git log --format=%H [extra] REV -- path`, optionally with git's commit-graph turned off.
    func gitLog(_ path: String, _ extra: [String], rev: String, withoutGraph: Bool) throws -> [ObjectID] {
        let config = withoutGraph ? ["-c", "core.commitGraph=false"] : []
        return try git(config + ["log", "--format=%H"] + extra + [rev, "--", path]).split(separator: "\n").map { try id(String($0)) }
    }
}
