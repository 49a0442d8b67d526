import Foundation
import Testing
@testable import RoadmapKit
import GitKit

/// The cached, incremental review (Cache/CachedReview.swift) against the full uncached review,
/// on generated roadmaps edited at random: release slips, status changes, references moved,
/// made dangling or pointed at the wrong kind, files added, deleted, duplicated and broken,
/// dependencies added, changed (cycles included) and removed.
@Suite struct IncrementalReviewTests {
    /// A roadmap on disk: path → ordered fields, rendered as simple YAML.
    final class Roadmap: @unchecked Sendable {
        let scratch: ReviewCacheTests.Scratch
        var files: [String: [(String, String)]] = [:]
        var random: SeededRNG

        init(seed: UInt64) throws {
            scratch = try ReviewCacheTests.Scratch()
            random = SeededRNG(seed: seed)
            try scratch.git("rm", "-rq", "roadmap")
            let counts: [(String, Int)] = [("theme", 4), ("release", 8), ("epic", 16), ("story", 60), ("campaign", 14)]
            for (kind, count) in counts {
                for i in 0 ..< count { files[Self.path(kind, "\(kind)-\(i)")] = makeFields(kind) }
            }
            try writeAll()
            try scratch.git("add", "-A")
            try scratch.git("commit", "-qm", "Generated roadmap")
        }

        static func path(_ kind: String, _ id: String) -> String { "roadmap/\(kind)s/\(id).yaml" }

        func ids(_ kind: String) -> [String] {
            files.keys.filter { $0.hasPrefix("roadmap/\(kind)s/") }.map { ItemID.fromPath($0) }.sorted()
        }

        func date() -> String {
            let month = random.int(1 ..< 13), day = random.int(1 ..< 29), year = random.pick([2026, 2027])
            switch random.int(0 ..< 10) {
            case 0: return "\(year)-Q\(random.int(1 ..< 5))"
            case 1: return String(format: "%04d-%02d", year, month)
            default: return String(format: "%04d-%02d-%02d", year, month, day)
            }
        }

        func makeFields(_ kind: String) -> [(String, String)] {
            var fields: [(String, String)] = [("kind", kind), ("title", "T \(random.next() % 1000)")]
            if random.chance(70) { fields.append(("owner", random.pick(["'@ana'", "'@bo'", "'@cy'"]))) }
            switch kind {
            case "release":
                fields.append(("status", random.pick(["planned", "planned", "in-progress", "shipped", "cancelled", "proposed"])))
                fields.append(("date", date()))
                if random.chance(40) { fields.append(("tier", random.pick(["major", "minor", "patch"]))) }
                if random.chance(30) { fields.append(("marketing", random.pick(["required", "optional", "none"]))) }
            case "epic":
                fields.append(("status", random.pick(["planned", "in-progress", "done", "cancelled"])))
                if !ids("theme").isEmpty { fields.append(("theme", random.pick(ids("theme")))) }
                if !ids("release").isEmpty, random.chance(85) { fields.append(("release", random.pick(ids("release")))) }
                if random.chance(50) { fields.append(("end", date())) }
            case "story":
                fields.append(("status", random.pick(["planned", "in-progress", "done", "cancelled"])))
                if !ids("epic").isEmpty { fields.append(("epic", random.pick(ids("epic")))) }
                if !ids("release").isEmpty, random.chance(20) { fields.append(("release", random.pick(ids("release")))) }
                if random.chance(50) { fields.append(("end", date())) }
            case "campaign":
                fields.append(("status", random.pick(["planned", "planned", "live", "done", "cancelled"])))
                let pool = ids("release") + ids("epic") + ids("story")
                if !pool.isEmpty {
                    let promoted = (0 ..< random.int(1 ..< 3)).map { _ in random.pick(pool) }
                    fields.append(("promotes", "[" + promoted.joined(separator: ", ") + "]"))
                }
                fields.append(("launch", date()))
                if random.chance(20) { fields.append(("teaser", "true")) }
            default:
                fields.append(("horizon", random.pick(["now", "next", "later"])))
            }
            if random.chance(5) { fields.append(("waive", "{launch-before-release: agreed}")) }
            if kind != "theme", random.chance(25) { fields.append(("depends-on", dependsOn())) }
            return fields
        }

        /// A `depends-on` list over the items so far: ids and `{id, lag}`, sometimes a missing id.
        func dependsOn() -> String {
            let pool = ids("release") + ids("epic") + ids("story") + ids("campaign")
            guard !pool.isEmpty else { return "[]" }
            let entries = (0 ..< random.int(1 ..< 3)).map { _ -> String in
                let id = random.chance(5) ? "no-such-\(random.int(0 ..< 3))" : random.pick(pool)
                return random.chance(30) ? "{id: \(id), lag: \(random.int(0 ..< 30) - 10)}" : id
            }
            return "[" + entries.joined(separator: ", ") + "]"
        }

        func render(_ fields: [(String, String)]) -> String {
            fields.map { "\($0.0): \($0.1)\n" }.joined()
        }

        func write(_ path: String) throws {
            let url = URL(fileURLWithPath: scratch.root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try render(files[path]!).write(to: url, atomically: true, encoding: .utf8)
        }

        func writeAll() throws { for path in files.keys { try write(path) } }

        func set(_ path: String, _ key: String, _ value: String?) {
            var fields = files[path]!.filter { $0.0 != key }
            if let value { fields.append((key, value)) }
            files[path] = fields
        }

        /// One random edit, written to disk.
        func edit() throws -> String {
            let paths = files.keys.sorted()
            let path = random.pick(paths)
            let kind = files[path]!.first { $0.0 == "kind" }?.1 ?? "story"
            let anyID = random.pick(paths.map { ItemID.fromPath($0) })
            switch random.int(0 ..< 15) {
            case 0, 1:
                let release = random.pick(ids("release"))
                set(Self.path("release", release), "date", date())
                try write(Self.path("release", release))
                return "slip \(release)"
            case 2:
                let statuses = ["planned", "in-progress", "done", "cancelled", "shipped", "live", "proposed"]
                set(path, "status", random.pick(statuses))
                try write(path)
                return "status \(path)"
            case 3:
                let key = kind == "story" ? "epic" : kind == "epic" ? "release" : "theme"
                set(path, key, random.chance(20) ? "no-such-\(random.int(0 ..< 3))" : anyID)
                try write(path)
                return "reference \(key) of \(path)"
            case 4:
                set(path, "release", random.chance(80) ? random.pick(ids("release")) : nil)
                try write(path)
                return "release of \(path)"
            case 5:
                let pool = ids("release") + ids("epic") + ids("story")
                set(path, "promotes", "[\(random.pick(pool)), \(random.pick(pool))]")
                try write(path)
                return "promotes of \(path)"
            case 6:
                set(path, "launch", date())
                try write(path)
                return "launch of \(path)"
            case 7:
                files[path] = nil
                try FileManager.default.removeItem(atPath: scratch.root + "/" + path)
                return "delete \(path)"
            case 8:
                let newKind = random.pick(["release", "epic", "story", "campaign"])
                let id = random.chance(30) ? anyID : "new-\(random.next() % 10000)"
                let newPath = "roadmap/\(random.pick(["extra", newKind + "s"]))/\(id).yaml"
                files[newPath] = makeFields(newKind)
                try write(newPath)
                return "add \(newPath)"
            case 9:
                set(path, "kind", random.pick(["release", "epic", "story", "campaign", "theme", "bogus"]))
                try write(path)
                return "kind of \(path)"
            case 10:
                try "kind: [story\n".write(toFile: scratch.root + "/" + path, atomically: true, encoding: .utf8)
                return "break \(path)"
            case 11:
                set(path, "marketing", random.pick(["required", "optional"]))
                try write(path)
                return "marketing of \(path)"
            case 13 where random.chance(60):
                // Dependencies: new edges (cycles included, as the pool holds the item itself), or none.
                set(path, "depends-on", random.chance(20) ? nil : dependsOn())
                try write(path)
                return "depends-on of \(path)"
            case 12:
                set(path, "end", date())
                try write(path)
                return "end of \(path)"
            default:
                set(path, "description", "'edited \(random.next() % 100)'")
                try write(path)
                return "describe \(path)"
            }
        }
    }

    static let today = RoadmapDate("2026-11-22")!

    static func expectSame(_ a: ReviewResult, _ b: ReviewResult, _ context: String) {
        #expect(a.findings == b.findings, "findings differ: \(context)")
        #expect(a.summary == b.summary, "summary differs: \(context)")
        #expect(a.hasBase == b.hasBase, "\(context)")
    }

    /// A hook's review (`listing: false`, existing findings of unaffected items only counted)
    /// against the full one: the same summary, the same new and resolved findings, and the same
    /// text a hook prints, strict or not.
    static func expectSameHookOutput(_ hook: ReviewResult, _ full: ReviewResult, _ context: String) {
        #expect(hook.summary == full.summary, "summary differs: \(context)")
        #expect(hook.hasBase == full.hasBase, "\(context)")
        #expect(hook.findings.filter { $0.change != .existing } == full.findings.filter { $0.change != .existing },
                "new or resolved findings differ: \(context)")
        let listed = hook.findings.count { $0.change != .resolved } + hook.unlisted.values.reduce(0, +)
        #expect(listed == full.findings.count { $0.change != .resolved }, "existing findings miscounted: \(context)")
        let renderer = TextReviewRenderer(existingSummary: "roadmap review --staged")
        #expect(renderer.render(hook) == renderer.render(full), "hook text differs: \(context)")
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomEditsReviewExactlyAsTheFullReview(seed: UInt64) throws {
        let roadmap = try Roadmap(seed: seed)
        let workspace = roadmap.scratch.workspace
        var log: [String] = []
        for round in 0 ..< 10 {
            for _ in 0 ..< roadmap.random.int(1 ..< 4) { log.append(try roadmap.edit()) }
            let context = "seed \(seed), round \(round): \(log.joined(separator: "; "))"
            if roadmap.random.chance(60) { try roadmap.scratch.git("add", "-A") }
            for scope in [ReviewScope.worktree, .staged] {
                let reference = try roadmap.scratch.uncached(scope, today: Self.today)
                Self.expectSame(try workspace.review(scope, today: Self.today).result, reference, "\(scope) cold, \(context)")
                Self.expectSame(try workspace.review(scope, today: Self.today).result, reference, "\(scope) warm, \(context)")
                if scope == .staged {
                    Self.expectSameHookOutput(try workspace.review(scope, today: Self.today, listing: false).result, reference,
                                              "hook, \(context)")
                }
            }
            switch roadmap.random.int(0 ..< 3) {
            case 0:
                // roadmap commit --all: its review equals the full one, and it caches the new tree
                let reference = try roadmap.scratch.uncached(.worktree, today: Self.today)
                let outcome = try workspace.commit(message: "round \(round)", all: true, verify: true, strict: false, today: Self.today)
                let review = try #require(outcome.review)
                #expect(review.result.findings == reference.findings, "commit review: \(context)")
                #expect(review.result.summary == reference.summary, "commit summary: \(context)")
                // refused (new errors) or not: what is left is committed by git, unseen by roadmap
                try roadmap.scratch.git("add", "-A")
                try roadmap.scratch.git("commit", "-q", "--allow-empty", "-m", "rest")
            case 1:
                // a commit the cache never saw: derived from its parent's entry
                try roadmap.scratch.git("add", "-A")
                try roadmap.scratch.git("commit", "-q", "--allow-empty", "-m", "round \(round)")
            default:
                break
            }
            let reference = try roadmap.scratch.uncached(.staged, today: Self.today)
            Self.expectSame(try workspace.review(.staged, today: Self.today).result, reference, "after commit, \(context)")
            let head = try #require(try workspace.headCommit())
            let revision = try roadmap.scratch.uncachedRevision(head, today: Self.today)
            Self.expectSame(try workspace.review(.revision(head.hex), today: Self.today).result, revision, "--rev, \(context)")
            // roadmap proposals' diff of a commit against its parent
            if let parent = try workspace.repository.commit(head).parents.first {
                let full = SemanticDiff.compute(old: try workspace.snapshot(.commit(parent)), new: try workspace.snapshot(.commit(head)),
                                                config: workspace.config, today: Self.today)
                let fast = try workspace.proposalDiff(mergeBase: parent, tip: head, today: Self.today)
                Self.expectSame(fast.review, full.review, "proposal review, \(context)")
                #expect("\(fast.items)" == "\(full.items)", "proposal items, \(context)")
            }
        }
    }
}

extension ReviewCacheTests.Scratch {
    /// The full uncached review of a commit against its first parent.
    func uncachedRevision(_ commit: ObjectID, today: RoadmapDate) throws -> ReviewResult {
        let parent = try workspace.repository.commit(commit).parents.first
        return Reviewer.review(base: try parent.map { try workspace.snapshot(.commit($0)) },
                               head: try workspace.snapshot(.commit(commit)), config: workspace.config, today: today)
    }
}
