import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// Builds a branchy history with the git CLI: edits, additions, deletions, re-additions,
/// moves, renames, branches, merges (clean, conflicting, changing a file on one side or on
/// both) and committer-time ties and skews.
struct RandomHistory {
    let fixture: HistoryFixture
    var random: SeededRNG
    var branches: [String] = []
    var current = "main"
    var branchCounter = 0

    static let folders = ["a", "b", "c/deep"]
    static let words = (0..<300).map { "w\($0)x\(($0 * 7919) % 1000)" }

    init(seed: UInt64) throws {
        fixture = try HistoryFixture()
        random = SeededRNG(seed: seed)
    }

    mutating func text(lines: Int = 8) -> String {
        (0..<lines).map { _ in (0..<6).map { _ in Self.words.randomElement(using: &random)! }.joined(separator: " ") }
            .joined(separator: "\n") + "\n"
    }

    func files() -> [String] {
        var result: [String] = []
        for folder in Self.folders {
            let url = fixture.directory.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            result += names.filter { $0.hasSuffix(".txt") }.map { "\(folder)/\($0)" }
        }
        return result.sorted()
    }

    mutating func newName() -> String { "f\(Int.random(in: 0..<12, using: &random)).txt" }

    mutating func tick() {
        let steps: [Int64] = [0, 60, 60, 120, 0, -600]
        fixture.clock += steps.randomElement(using: &random)!
    }

    mutating func step(_ index: Int) throws {
        let files = files()
        let roll = Double.random(in: 0..<1, using: &random)
        let fm = FileManager.default
        func url(_ p: String) -> URL { fixture.directory.appendingPathComponent(p) }
        if files.isEmpty || roll < 0.10 {
            let path = "\(Self.folders.randomElement(using: &random)!)/\(newName())"
            try fixture.write(path, text())
        } else if roll < 0.42 {
            let path = files.randomElement(using: &random)!
            var lines = try fixture.read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let line = Int.random(in: 0..<max(1, lines.count - 1), using: &random)
            lines[line] = text(lines: 1).trimmingCharacters(in: .newlines)
            try fixture.write(path, lines.joined(separator: "\n"))
        } else if roll < 0.49 {
            try fm.removeItem(at: url(files.randomElement(using: &random)!))
        } else if roll < 0.56 {
            let path = files.randomElement(using: &random)!
            let name = String(path.split(separator: "/").last!)
            let folder = Self.folders.filter { !path.hasPrefix($0 + "/") }.randomElement(using: &random)!
            let target = "\(folder)/\(name)"
            guard !fm.fileExists(atPath: url(target).path) else { return }
            try fm.createDirectory(at: url(folder), withIntermediateDirectories: true)
            try fm.moveItem(at: url(path), to: url(target))
        } else if roll < 0.63 {
            let path = files.randomElement(using: &random)!
            let folder = String(path[..<path.lastIndex(of: "/")!])
            let target = "\(folder)/\(newName())"
            guard !fm.fileExists(atPath: url(target).path) else { return }
            var content = try fixture.read(path)
            content += text(lines: 1)
            try fm.removeItem(at: url(path))
            try fixture.write(target, content)
        } else if roll < 0.78 {
            if current == "main" {
                branchCounter += 1
                let name = "topic\(branchCounter)"
                try fixture.git("checkout", "-q", "-b", name)
                branches.append(name)
                current = name
            } else {
                try fixture.git("checkout", "-q", "main")
                current = "main"
            }
            return
        } else {
            let other = current == "main" ? branches.randomElement(using: &random) : "main"
            guard let other else { return }
            tick()
            try fixture.git(["merge", "-q", "--no-ff", "--no-commit", other], allowFailure: true)
            try fixture.git("add", "-A")
            try fixture.git("commit", "-q", "--allow-empty", "-m", "merge \(other) into \(current) (\(index))")
            return
        }
        tick()
        try fixture.commit("step \(index)", advance: 0)
    }

    static func make(seed: UInt64, steps: Int) throws -> RandomHistory {
        var history = try RandomHistory(seed: seed)
        try history.fixture.write("a/f0.txt", history.text())
        try history.fixture.write("b/f1.txt", history.text())
        try history.fixture.commit("root")
        for index in 0..<steps { try history.step(index) }
        try history.fixture.git("checkout", "-q", "main")
        return history
    }

    /// Every path that ever existed, plus the folders.
    func allPaths() throws -> [String] {
        let names = try fixture.git("log", "--all", "--format=", "--name-only")
            .split(separator: "\n").map(String.init)
        return Array(Set(names)).sorted() + ["a", "b", "c", "c/deep"]
    }
}

@Suite("Path history matches git log")
struct PathHistoryTests {
    /// Seeds, and whether the repository is then packed with long delta chains (the walk
    /// reads packs itself; loose objects through libgit2).
    @Test("commit lists equal git log -- PATH and git log --follow -- PATH",
          arguments: [(UInt64(1), false), (2, false), (3, false), (4, true)])
    func matchesGit(seed: UInt64, packed: Bool) throws {
        let history = try RandomHistory.make(seed: seed, steps: 220)
        if packed {
            try history.fixture.git("repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50")
            try history.fixture.git("prune-packed")
        }
        let repository = try history.fixture.open()
        let tip = try repository.resolveCommit("main")
        // Answered by comparing entries (nothing indexed), from summaries made while walking
        // (one cache for every path: each query completes what earlier ones left
        // unexpanded), and from a full index.
        let direct = PathHistory(cache: try HistoryCache(repository: repository, persistent: false))
        direct.indexesWhileWalking = false
        let walking = PathHistory(cache: try HistoryCache(repository: repository, persistent: false))
        let indexedCache = try HistoryCache(repository: repository, persistent: false)
        try indexedCache.index(reachableFrom: [tip])
        #expect(indexedCache.indexedCount == indexedCache.count)
        let indexed = PathHistory(cache: indexedCache)
        let merges = try history.fixture.git("rev-list", "--merges", "--count", "main")
        #expect(Int(merges.trimmingCharacters(in: .whitespacesAndNewlines))! >= 3)
        var followedSomewhere = false
        for path in try history.allPaths() {
            let expected = try history.fixture.gitLog(path, rev: "main")
            #expect(try direct.log(path: path, from: tip).commits == expected, "git log -- \(path) (seed \(seed))")
            #expect(try indexed.log(path: path, from: tip).commits == expected, "git log -- \(path) (seed \(seed), indexed)")
            #expect(try walking.log(path: path, from: tip).commits == expected, "git log -- \(path) (seed \(seed), walking)")
            guard !["a", "b", "c", "c/deep"].contains(path) else { continue }
            let expectedFollow = try history.fixture.gitLog(path, ["--follow"], rev: "main")
            let actualFollow = try direct.log(path: path, from: tip, follow: true)
            #expect(actualFollow.commits == expectedFollow, "git log --follow -- \(path) (seed \(seed))")
            #expect(try indexed.log(path: path, from: tip, follow: true).commits == expectedFollow,
                    "git log --follow -- \(path) (seed \(seed), indexed)")
            #expect(try walking.log(path: path, from: tip, follow: true).commits == expectedFollow,
                    "git log --follow -- \(path) (seed \(seed), walking)")
            if actualFollow.changes.contains(where: { $0.previousPath != nil }) { followedSomewhere = true }
        }
        #expect(direct.cache.indexedCount == 0)
        #expect(walking.cache.indexedCount > 0)
        // What the walks learned agrees with a full index wherever it looked.
        let full = try HistoryCache(repository: repository, persistent: false)
        try full.index(reachableFrom: [tip])
        var compared = 0
        for path in try history.allPaths() {
            let keys = HistoryCache.pathKeys(path)
            for id in try repository.walk(from: [tip], order: .time).allIDs() {
                guard let learned = try walking.cache.changes(walking.cache.record(id), keys) else { continue }
                compared += 1
                #expect(try learned == full.changes(full.record(id), keys), "\(path) in \(id.short)")
            }
        }
        #expect(compared > 1_000, "only \(compared) summaries compared")
        #expect(followedSomewhere)
    }

    @Test("merges: changed on one side is not listed, changed on both sides is")
    func mergeSimplification() throws {
        let fixture = try HistoryFixture()
        try fixture.write("y.txt", "y\n")
        let (root, side, main, both) = try fixture.editedOnBothSides("x.txt")
        fixture.clock += 60
        try fixture.git("checkout", "-q", "-b", "side2")
        try fixture.write("y.txt", "y2\n")
        let side2 = try fixture.commit("side2 edits y")
        try fixture.git("checkout", "-q", "main")
        try fixture.git("merge", "-q", "--no-ff", "-m", "merge one", "side2")
        let repository = try fixture.open()
        let log = try PathHistory(repository: repository)
        #expect(try log.log(path: "x.txt").commits == [both, main, side, root])
        #expect(try log.log(path: "y.txt").commits == [side2, root])
        #expect(try log.log(path: "x.txt").commits == fixture.gitLog("x.txt"))
        #expect(try log.log(path: "y.txt").commits == fixture.gitLog("y.txt"))
        #expect(try log.log(path: "x.txt", follow: true).commits == [main, side, root])
        #expect(try log.log(path: "x.txt", follow: true).commits == fixture.gitLog("x.txt", ["--follow"]))
    }

    @Test("an item's log is git log -- PATH, simplified at merges, when the path was never moved")
    func itemLogSimplifiesWithoutMoves() throws {
        let fixture = try HistoryFixture()
        let (root, side, main, both) = try fixture.editedOnBothSides("roadmap/releases/r1.yaml")
        let log = try PathHistory(repository: fixture.open())
        let plain = try fixture.gitLog("roadmap/releases/r1.yaml")
        // The merge that combined both edits is listed, as git log lists it; --follow would not.
        #expect(plain == [both, main, side, root])
        #expect(try fixture.gitLog("roadmap/releases/r1.yaml", ["--follow"]) != plain)
        #expect(try log.itemLog(path: "roadmap/releases/r1.yaml").commits == plain)
    }

    @Test("an item's log is git log --follow -- PATH once the path was moved or renamed")
    func itemLogFollowsMoves() throws {
        let fixture = try HistoryFixture()
        try fixture.editedOnBothSides("roadmap/releases/r1.yaml")
        try fixture.move("roadmap/releases/r1.yaml", "roadmap/archive/r1.yaml")
        try fixture.commit("archive r1")
        let log = try PathHistory(repository: fixture.open())
        let follow = try fixture.gitLog("roadmap/archive/r1.yaml", ["--follow"])
        #expect(follow.count == 4)
        #expect(try log.itemLog(path: "roadmap/archive/r1.yaml").commits == follow)
    }

    @Test("moves and renames are followed, and named")
    func followsMovesAndRenames() throws {
        let fixture = try HistoryFixture()
        let body = (1...12).map { "line \($0) of the launch plan" }.joined(separator: "\n") + "\n"
        try fixture.write("roadmap/releases/r1.yaml", body)
        let added = try fixture.commit("add r1")
        try fixture.move("roadmap/releases/r1.yaml", "roadmap/archive/r1.yaml")
        let moved = try fixture.commit("move r1")
        try fixture.move("roadmap/archive/r1.yaml", "roadmap/archive/r2.yaml")
        try fixture.write("roadmap/archive/r2.yaml", body + "one more line\n")
        let renamed = try fixture.commit("rename r1 to r2")
        // A move with the content rewritten: git cannot pair it, a move is followed anyway.
        try fixture.git("rm", "-q", "roadmap/archive/r2.yaml")
        try fixture.write("roadmap/releases/r2.yaml", "entirely different\n")
        let rewritten = try fixture.commit("move and rewrite r2")
        try fixture.git("rm", "-q", "roadmap/releases/r2.yaml")
        let deleted = try fixture.commit("delete r2")

        let log = try PathHistory(repository: fixture.open())
        let result = try log.log(path: "roadmap/releases/r2.yaml", follow: true)
        #expect(result.commits == [deleted, rewritten, renamed, moved, added])
        #expect(result.changes.map(\.kind) == [.deleted, .moved, .renamed, .moved, .added])
        #expect(result.changes[1].previousPath == "roadmap/archive/r2.yaml")
        #expect(result.changes[2].previousPath == "roadmap/archive/r1.yaml")
        #expect(result.changes[3].previousPath == "roadmap/releases/r1.yaml")
        #expect(result.changes[4].path == "roadmap/releases/r1.yaml")
        // git pairs the first three, not the rewritten move.
        #expect(try fixture.gitLog("roadmap/releases/r2.yaml", ["--follow"]) == [deleted, rewritten])
        #expect(try fixture.gitLog("roadmap/archive/r2.yaml", ["--follow"]) == log.log(path: "roadmap/archive/r2.yaml", follow: true).commits)
    }
}

extension HistoryFixture {
    /// The file at `path` committed with eight lines, its first line then edited on a branch
    /// `side` and its last on `main`, and `side` merged into `main` (git merges both edits).
    @discardableResult
    func editedOnBothSides(_ path: String) throws -> (root: ObjectID, side: ObjectID, main: ObjectID, merge: ObjectID) {
        let lines = (1...8).map(String.init)
        func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
        try write(path, text(lines))
        let root = try commit("root")
        try git("checkout", "-q", "-b", "side")
        try write(path, text(["1 side"] + lines.dropFirst()))
        let side = try commit("side edits \(path)")
        try git("checkout", "-q", "main")
        try write(path, text(lines.dropLast() + ["8 main"]))
        let main = try commit("main edits \(path)")
        try git("merge", "-q", "--no-ff", "-m", "merge both", "side")
        return (root, side, main, try head())
    }
}
