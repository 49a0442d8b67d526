import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// Timings of `PathHistory` against `git log --format=%H -- PATH` on a generated repository
/// (ROADMAP_BENCH_ITEMS items, ROADMAP_BENCH_COMMITS commits, a merge every tenth).
/// Prints figures only; never asserts on time. Run with
/// `ROADMAP_BENCH=1 swift test -c release --filter HistoryBenchmark`.
@Suite("HistoryBenchmark", .enabled(if: ProcessInfo.processInfo.environment["ROADMAP_BENCH"] == "1"))
struct HistoryBenchmark {
    static func number(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? fallback
    }

    /// A `git fast-import` stream: one commit with every item, then commits that each edit
    /// one item, with a side commit merged back every tenth commit.
    static func stream(items: Int, commits: Int) -> Data {
        var out = ""
        var random = SeededRNG(seed: 42)
        let folders = ["themes", "epics", "stories", "releases", "campaigns"]
        func path(_ n: Int) -> String { "roadmap/\(folders[n % folders.count])/item-\(n).yaml" }
        func body(_ n: Int, _ revision: Int) -> String {
            "kind: story\ntitle: Item \(n)\nstatus: planned\nrevision: \(revision)\ndescription: |\n  Some words about item \(n).\n"
        }
        func blob(_ text: String) -> String { "data \(text.utf8.count)\n\(text)\n" }
        var time = 1_700_000_000
        var mark = 1
        out += "commit refs/heads/main\nmark :\(mark)\ncommitter B <b@example.com> \(time) +0000\n" + blob("initial")
        for n in 0..<items { out += "M 100644 inline \(path(n))\n" + blob(body(n, 0)) }
        var mainMark = mark
        var index = 1
        while index < commits {
            time += 60
            if index % 10 == 0 && index + 1 < commits {
                let n = Int.random(in: 0..<items, using: &random)
                mark += 1
                let side = mark
                out += "commit refs/heads/side\nmark :\(side)\ncommitter B <b@example.com> \(time) +0000\n" + blob("side \(index)")
                out += "from :\(mainMark)\nM 100644 inline \(path(n))\n" + blob(body(n, index))
                time += 60
                mark += 1
                out += "commit refs/heads/main\nmark :\(mark)\ncommitter B <b@example.com> \(time) +0000\n" + blob("merge \(index)")
                out += "from :\(mainMark)\nmerge :\(side)\nM 100644 inline \(path(n))\n" + blob(body(n, index))
                mainMark = mark
                index += 2
                continue
            }
            let n = Int.random(in: 0..<items, using: &random)
            mark += 1
            out += "commit refs/heads/main\nmark :\(mark)\ncommitter B <b@example.com> \(time) +0000\n" + blob("edit \(index)")
            out += "from :\(mainMark)\nM 100644 inline \(path(n))\n" + blob(body(n, index))
            mainMark = mark
            index += 1
        }
        return Data(out.utf8)
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func peakKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// With ROADMAP_BENCH_REPO=DIR (a folder that does not exist yet), writes the generated
    /// repository there and keeps it, to time the `roadmap` binary against `git log` by hand.
    @Test("writes the benchmark repository to ROADMAP_BENCH_REPO",
          .enabled(if: ProcessInfo.processInfo.environment["ROADMAP_BENCH_REPO"] != nil))
    func writeRepository() throws {
        let target = try #require(ProcessInfo.processInfo.environment["ROADMAP_BENCH_REPO"])
        let (fixture, items, commits) = try Self.generated()
        try fixture.git("reset", "-q", "--hard", "main")
        try FileManager.default.copyItem(at: fixture.directory, to: URL(fileURLWithPath: target))
        print("bench: wrote \(items) items, \(commits) commits to \(target)")
    }

    /// The generated repository (ROADMAP_BENCH_ITEMS, ROADMAP_BENCH_COMMITS), packed.
    static func generated() throws -> (fixture: HistoryFixture, items: Int, commits: Int) {
        let items = number("ROADMAP_BENCH_ITEMS", 10_000)
        let commits = number("ROADMAP_BENCH_COMMITS", 20_000)
        let fixture = try HistoryFixture()
        let input = fixture.directory.appendingPathComponent("../stream.fi")
        try stream(items: items, commits: commits).write(to: input)
        try fixture.git(["fast-import", "--quiet"], allowFailure: false, stdin: input)
        try fixture.git("repack", "-a", "-d", "-q")
        return (fixture, items, commits)
    }

    @Test("prints cold and warm timings next to git log")
    func timings() throws {
        let (fixture, items, commits) = try Self.generated()
        let repository = try fixture.open()
        let paths = ["roadmap/stories/item-42.yaml", "roadmap/releases/item-3.yaml", "roadmap/epics"]
        print("bench: \(items) items, \(commits) commits")
        for path in paths {
            var gitIDs: [ObjectID] = []
            let gitTime = try Self.seconds { gitIDs = try fixture.gitLog(path, rev: "main") }
            var usage = rusage()
            getrusage(RUSAGE_CHILDREN.rawValue, &usage)
            try? FileManager.default.removeItem(at: HistoryCache.defaultURL(for: repository))
            let tip = try repository.resolveCommit("main")
            var cold: [ObjectID] = []
            let coldTime = try Self.seconds { cold = try PathHistory(repository: repository).log(path: path, from: tip).commits }
            var second: [ObjectID] = []
            let secondTime = try Self.seconds { second = try PathHistory(repository: repository).log(path: path, from: tip).commits }
            let indexTime = try Self.seconds { try HistoryCache(repository: repository).index(reachableFrom: [tip]) }
            var warm: [ObjectID] = []
            let warmTime = try Self.seconds { warm = try PathHistory(repository: repository).log(path: path, from: tip).commits }
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            print("bench: \(path): git \(f(gitTime))s (max RSS of git children \(usage.ru_maxrss) KiB), "
                  + "cold \(f(coldTime))s, second (summaries learned while walking) \(f(secondTime))s, full index \(f(indexTime))s, warm \(f(warmTime))s, "
                  + "same list: \(cold == gitIDs && warm == gitIDs && second == gitIDs), \(gitIDs.count) commits; our peak RSS \(Self.peakKiB()) KiB")
            #expect(cold == gitIDs && warm == gitIDs)
        }
    }
}
