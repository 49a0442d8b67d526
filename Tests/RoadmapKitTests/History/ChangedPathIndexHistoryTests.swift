import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// Path histories with the complete changed-path index (`ChangedPathIndex`, made by
/// `PathIndexJob`): the commit lists stay exactly `git log`'s, whatever graph the index was
/// made for, and an index that is damaged or made for another graph is not used.
@Suite("Path history with the complete changed-path index")
struct ChangedPathIndexHistoryTests {
    enum Variant: String, CaseIterable, Sendable {
        case changedPaths, plain, split, stale
    }

    /// A random branchy history with renames, moves and merges, and a graph of the variant.
    static func history(_ variant: Variant, seed: UInt64) throws -> RandomHistory {
        var history = try RandomHistory.make(seed: seed, steps: 150)
        let fixture = history.fixture
        switch variant {
        case .changedPaths:
            try fixture.git("commit-graph", "write", "--reachable", "--changed-paths")
        case .plain:
            try fixture.git("commit-graph", "write", "--reachable")
        case .split:
            try history.writeSplitGraph()
        case .stale:
            try fixture.git("commit-graph", "write", "--reachable", "--changed-paths")
        }
        return history
    }

    @Test("commit lists equal git log -- PATH and --follow with the index, for every kind of graph", arguments: Variant.allCases)
    func matchesGit(variant: Variant) throws {
        var history = try Self.history(variant, seed: 21)
        let fixture = history.fixture
        let repository = try fixture.open()
        #expect(PathIndexJob.isWanted(repository))
        #expect(try PathIndexJob.run(repository, waiting: false) == .made)
        #expect(try PathIndexJob.run(repository, waiting: false) == .present)
        #expect(!PathIndexJob.isWanted(repository))
        if variant == .stale {
            // Commits after the graph (and so after the index): read from their objects.
            for index in 150..<190 { try history.step(index) }
            try fixture.git("checkout", "-q", "main")
            try fixture.write("a/late.txt", "after the graph\n")
            try fixture.commit("after the graph")
        }
        let reopened = try fixture.open()
        let tip = try reopened.resolveCommit("main")
        let cache = try HistoryCache(repository: reopened)
        #expect(cache.pathIndex != nil)
        if variant == .split { #expect(cache.reader.commitGraph?.layerCount == 2) }
        let walking = PathHistory(cache: cache)
        for path in try history.allPaths() {
            let expected = try CommitGraphHistoryTests.truth(history, path, follow: false)
            #expect(try walking.log(path: path, from: tip).commits == expected, "git log -- \(path) (\(variant))")
            // Every graph covering the tip answers from the index; a tip newer than the graph
            // does not (the general walk answers).
            #expect(walking.lastLogReadTheIndex == (variant != .stale), "index used for \(path) (\(variant))")
            guard !["a", "b", "c", "c/deep"].contains(path) else { continue }
            let follow = try CommitGraphHistoryTests.truth(history, path, follow: true)
            #expect(try walking.log(path: path, from: tip, follow: true).commits == follow, "--follow \(path) (\(variant))")
        }
    }

    enum Damage: String, CaseIterable, Sendable {
        case flipped, truncated, otherGraph, foreign
    }

    @Test("an index that is damaged or made for another graph is not used; the lists stay git's", arguments: Damage.allCases)
    func damagedIndex(damage: Damage) throws {
        let history = try Self.history(.changedPaths, seed: 22)
        let fixture = history.fixture
        let repository = try fixture.open()
        #expect(try PathIndexJob.run(repository, waiting: false) == .made)
        let path = HistoryCache.pathIndexPath(for: repository)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        switch damage {
        case .flipped:
            // A byte among the keys: the file's check finds it.
            bytes[bytes.count - 8 - 13] ^= 0x10
        case .truncated:
            bytes = bytes.prefix(bytes.count - 9)
        case .otherGraph:
            // A new graph (one more commit): the index names the old one.
            try fixture.write("a/late.txt", "after the index\n")
            try fixture.commit("after the index")
            try fixture.git("commit-graph", "write", "--reachable", "--changed-paths")
        case .foreign:
            bytes = Data("not an index at all, but long enough to have a header and a check".utf8)
        }
        if damage != .otherGraph {
            try FileManager.default.removeItem(atPath: path)
            try bytes.write(to: URL(fileURLWithPath: path))
        }
        let reopened = try fixture.open()
        let tip = try reopened.resolveCommit("main")
        let cache = try HistoryCache(repository: reopened)
        #expect(cache.reader.commitGraph != nil)
        #expect(cache.pathIndex == nil)
        #expect(PathIndexJob.isWanted(reopened))
        let walking = PathHistory(cache: cache)
        for path in try history.allPaths() {
            let expected = try CommitGraphHistoryTests.truth(history, path, follow: false)
            #expect(try walking.log(path: path, from: tip).commits == expected, "git log -- \(path) (\(damage))")
            #expect(!walking.lastLogReadTheIndex, "a damaged or foreign index is not read (\(damage))")
        }
    }

    @Test("the job stops when its lock is taken away, and writes nothing")
    func stopsWithoutLock() throws {
        let history = try Self.history(.changedPaths, seed: 23)
        let repository = try history.fixture.open()
        let lock = PathIndexJob.lockPath(repository)
        try FileManager.default.createDirectory(atPath: (lock as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // A lock held by a live process (this one, for the test): the job does not start.
        try Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: lock))
        #expect(!PathIndexJob.isWanted(repository))
        #expect(try PathIndexJob.run(repository, waiting: false) == .busy)
        // A lock whose process is gone is taken over.
        try Data("2147483646\n".utf8).write(to: URL(fileURLWithPath: lock))
        #expect(PathIndexJob.isWanted(repository))
        #expect(PathIndexJob.takeLock(lock))
        #expect(PathIndexJob.holdsLock(lock))
        unlink(lock)
        // The build asks whether to go on, and stops when told to.
        let reader = try HistoryReader(repository)
        #expect(try ChangedPathIndex.build(reader, shouldContinue: { false }) == nil)
        #expect(!FileManager.default.fileExists(atPath: HistoryCache.pathIndexPath(for: repository)))
    }

    @Test("a graph file verified once is trusted by later readers until it changes")
    func verifiedGraphRecord() throws {
        let history = try Self.history(.changedPaths, seed: 24)
        let fixture = history.fixture
        let repository = try fixture.open()
        #expect(try HistoryCache(repository: repository).reader.commitGraph != nil)
        let record = try String(contentsOfFile: HistoryCache.verifiedGraphsPath(for: repository), encoding: .utf8)
        #expect(record.split(separator: "\n").count == 1)
        // The same file damaged (rewritten: a new identity) is checked again and refused.
        let graph = fixture.directory.appendingPathComponent(".git/objects/info/commit-graph")
        var bytes = try Data(contentsOf: graph)
        bytes[bytes.count / 3] ^= 0x04
        try FileManager.default.removeItem(at: graph)
        try bytes.write(to: graph)
        let cache = try HistoryCache(repository: try fixture.open())
        #expect(cache.reader.commitGraph == nil)
        let tip = try repository.resolveCommit("main")
        for path in try history.allPaths() {
            #expect(try PathHistory(cache: cache).log(path: path, from: tip).commits
                    == CommitGraphHistoryTests.truth(history, path, follow: false), "git log -- \(path)")
        }
    }
}
