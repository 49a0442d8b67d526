import Foundation
import Testing
@testable import RoadmapKit
import GitKit

/// The review cache (Sources/RoadmapKit/Cache) on real repositories made by
/// `roadmap init --example` through the Workspace API and edited with the git CLI.
@Suite struct ReviewCacheTests {
    /// A scratch example roadmap; git runs without global or system config.
    final class Scratch: @unchecked Sendable {
        private static let isolation: Void = { setenv("ROADMAP_GIT_ISOLATE_CONFIG", "1", 1) }()
        let root: String
        let workspace: Workspace

        init() throws {
            _ = Self.isolation
            root = FileManager.default.temporaryDirectory.appendingPathComponent("review-cache-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try Self.run(["init", "-q", "-b", "main", root], in: "/")
            try Self.run(["config", "user.name", "Cache Test"], in: root)
            try Self.run(["config", "user.email", "cache@example.com"], in: root)
            workspace = try Workspace.initialize(at: root, example: true, hooks: false, executable: "roadmap").0
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        static func run(_ arguments: [String], in directory: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            var environment = ProcessInfo.processInfo.environment
            environment["GIT_CONFIG_NOSYSTEM"] = "1"
            environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
            process.environment = environment
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw RoadmapError("git \(arguments.joined(separator: " ")) failed") }
        }

        func git(_ arguments: String...) throws { try Self.run(arguments, in: root) }

        /// Replaces one line of an item file and stages it.
        func stageEdit(_ path: String, replacing old: String, with new: String) throws {
            let file = root + "/" + path
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains(old), "fixture: \(path) holds '\(old)'")
            try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
            try git("add", path)
        }

        var cacheDirectory: String { ReviewCache(repository: workspace.repository).directory }

        func cacheFiles() throws -> [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory))?.filter { $0.hasSuffix(".bin") }.sorted() ?? []
        }

        /// The reference: `Reviewer.review` over both full snapshots, no cache involved.
        func uncached(_ scope: ReviewScope, today: RoadmapDate) throws -> ReviewResult {
            let (base, head, _) = try workspace.states(for: scope)
            return Reviewer.review(base: try base.map { try workspace.snapshot(.commit($0)) },
                                   head: try workspace.snapshot(head), config: workspace.config, today: today)
        }
    }

    static let today = RoadmapDate("2026-11-22")!

    static func same(_ a: ReviewResult, _ b: ReviewResult) -> Bool {
        a.findings == b.findings && a.summary == b.summary && a.hasBase == b.hasBase
    }

    @Test(arguments: [ReviewScope.staged, .worktree])
    func cachedReviewEqualsTheFullReviewColdAndWarm(scope: ReviewScope) throws {
        let repo = try Scratch()
        // a release slip: release-moved (diff-aware) and launch-before-release (new error) fire
        try repo.stageEdit("roadmap/releases/billing-v2.yaml", replacing: "date: 2027-04-15", with: "date: 2027-05-30")
        let reference = try repo.uncached(scope, today: Self.today)
        #expect(reference.findings.contains { $0.finding.rule == "release-moved" && $0.change == .new })
        #expect(reference.summary.newErrors > 0)
        #expect(try repo.cacheFiles().isEmpty)
        let cold = try repo.workspace.review(scope, today: Self.today).result
        #expect(try repo.cacheFiles().count == 1, "the cold run stores the base tree's findings")
        let warm = try repo.workspace.review(scope, today: Self.today).result
        #expect(Self.same(cold, reference))
        #expect(Self.same(warm, reference))
    }

    /// The working tree: unchanged, an unstaged slip, an untracked item, a staged slip reverted on disk.
    @Test(arguments: ["clean", "unstaged", "untracked", "reverted"])
    func worktreeReviewsEqualTheFullReview(change: String) throws {
        let repo = try Scratch()
        let release = repo.root + "/roadmap/releases/billing-v2.yaml"
        let original = try String(contentsOfFile: release, encoding: .utf8)
        let slipped = original.replacingOccurrences(of: "date: 2027-04-15", with: "date: 2027-05-30")
        switch change {
        case "unstaged": try slipped.write(toFile: release, atomically: true, encoding: .utf8)
        case "untracked":
            try "kind: campaign\ntitle: Early\npromotes: [billing-v2]\nlaunch: 2027-01-10\n"
                .write(toFile: repo.root + "/roadmap/campaigns/early.yaml", atomically: true, encoding: .utf8)
        case "reverted":
            try repo.stageEdit("roadmap/releases/billing-v2.yaml", replacing: "date: 2027-04-15", with: "date: 2027-05-30")
            try original.write(toFile: release, atomically: true, encoding: .utf8)
        default: break
        }
        let reference = try repo.uncached(.worktree, today: Self.today)
        if change != "clean" && change != "reverted" { #expect(reference.summary.newErrors > 0) }
        #expect(Self.same(try repo.workspace.review(.worktree, today: Self.today).result, reference))
        #expect(Self.same(try repo.workspace.review(.worktree, today: Self.today).result, reference))
        #expect(Self.same(try repo.workspace.review(.staged, today: Self.today).result, try repo.uncached(.staged, today: Self.today)))
    }

    @Test func aCommitNeverReadsTheFindingsOfTheTreeBeforeIt() throws {
        let repo = try Scratch()
        _ = try repo.workspace.review(.staged, today: Self.today)   // caches HEAD's tree
        try repo.stageEdit("roadmap/releases/billing-v2.yaml", replacing: "date: 2027-04-15", with: "date: 2027-05-30")
        try repo.git("commit", "-q", "-m", "Slip billing v2")
        // HEAD now has findings the old tree did not; a stale entry would hide them as resolved/new
        try repo.stageEdit("roadmap/stories/invoice-pdf.yaml", replacing: "status: in-progress", with: "status: done")
        let reference = try repo.uncached(.staged, today: Self.today)
        #expect(reference.findings.contains { $0.finding.rule == "launch-before-release" && $0.change == .existing })
        #expect(Self.same(try repo.workspace.review(.staged, today: Self.today).result, reference))
        #expect(try repo.cacheFiles().count == 2, "one entry per base tree")
    }

    @Test func anEntryWrittenUnderAnotherKeyIsIgnored() throws {
        let repo = try Scratch()
        try repo.stageEdit("roadmap/releases/billing-v2.yaml", replacing: "date: 2027-04-15", with: "date: 2027-05-30")
        _ = try repo.workspace.review(.staged, today: Self.today)
        // another day: past-due and waiver expiry depend on it, so the entry must not be reused
        let later = RoadmapDate("2027-12-01")!
        let reference = try repo.uncached(.staged, today: later)
        #expect(Self.same(try repo.workspace.review(.staged, today: later).result, reference))
        #expect(Self.same(try repo.workspace.review(.staged, today: later).result, reference))
    }

    @Test(arguments: ["", "not json", "{\"key\": 1}", "{\"key\":\"x\",\"findings\":[]}"])
    func aCorruptCacheFileIsIgnoredAndRebuilt(content: String) throws {
        let repo = try Scratch()
        try repo.stageEdit("roadmap/releases/billing-v2.yaml", replacing: "date: 2027-04-15", with: "date: 2027-05-30")
        _ = try repo.workspace.review(.staged, today: Self.today)
        let files = try repo.cacheFiles()
        try #require(files.count == 1)
        let path = repo.cacheDirectory + "/" + files[0]
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        let reference = try repo.uncached(.staged, today: Self.today)
        #expect(Self.same(try repo.workspace.review(.staged, today: Self.today).result, reference))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good, "rebuilt with the right findings")
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.cacheDirectory).count == 1, "no temporary file left")
    }

    /// A finding no rule makes, about an item that does not exist: planted in a cache entry,
    /// it shows in a review only if that review read the entry (it is on no item a change can
    /// affect, so a derived entry keeps it too).
    static let planted = Finding(rule: "planted-in-cache", severity: .info, item: "no-such-item",
                                 path: "roadmap/no-such-item.yaml", line: 1, column: 1, related: [],
                                 message: "only the review cache knows this finding")

    /// Adds `planted` to the cached entry of HEAD's tree, rewritten under the same key.
    static func plant(in repo: Scratch) throws {
        let tree = try #require(TreeState.head.treeID(repo.workspace.repository))
        let key = ReviewCache.key(tree: tree, config: repo.workspace.config, today: today)
        let file = URL(fileURLWithPath: repo.cacheDirectory + "/\(tree.hex).bin")
        let stored = try #require(try? Data(contentsOf: file), "a cold review stored HEAD's tree")
        var entry = try #require(ReviewCache.decode([UInt8](stored), key: key))
        entry.findings.append(planted)
        try Data(ReviewCache.encode(entry, key: key)).write(to: file)
    }

    static func hasPlanted(_ result: ReviewResult) -> Bool {
        result.findings.contains { $0.finding == planted && $0.change == .existing }
    }

    /// The proof of a hit the equality tests cannot give (a cache never read also equals the
    /// full review): a warm review reports what only the cache entry holds.
    @Test(arguments: [ReviewScope.staged, .worktree])
    func aWarmReviewIsAnsweredFromTheCache(scope: ReviewScope) throws {
        let repo = try Scratch()
        try repo.stageEdit("roadmap/releases/billing-v2.yaml", replacing: "date: 2027-04-15", with: "date: 2027-05-30")
        let cold = try repo.workspace.review(scope, today: Self.today).result
        #expect(!Self.hasPlanted(cold))
        try Self.plant(in: repo)
        let warm = try repo.workspace.review(scope, today: Self.today).result
        #expect(Self.hasPlanted(warm), "the warm review did not read the cached entry of HEAD's tree")
        #expect(warm.summary.infos == cold.summary.infos + 1)
        // The same review with the cache gone recomputes the real findings.
        try FileManager.default.removeItem(atPath: repo.cacheDirectory)
        #expect(Self.same(try repo.workspace.review(scope, today: Self.today).result, cold))
    }

    /// A commit the cache never saw (made by git) starts from its parent's entry.
    @Test func aNewCommitsEntryIsDerivedFromItsParentsCachedEntry() throws {
        let repo = try Scratch()
        _ = try repo.workspace.review(.staged, today: Self.today)  // caches HEAD's tree
        try Self.plant(in: repo)
        try repo.stageEdit("roadmap/releases/billing-v2.yaml", replacing: "date: 2027-04-15", with: "date: 2027-05-30")
        try repo.git("commit", "-q", "-m", "Slip billing v2")
        try repo.stageEdit("roadmap/stories/invoice-pdf.yaml", replacing: "status: in-progress", with: "status: done")
        #expect(Self.hasPlanted(try repo.workspace.review(.staged, today: Self.today).result),
                "the new commit's entry was not derived from its parent's cached entry")
        #expect(try repo.cacheFiles().count == 2)
    }

    /// SPEC §14: the closures follow `depends-on`, so a change to a dependency alone re-judges what
    /// depends on it, from the cache (the planted finding survives: the review was derived, not
    /// recomputed), and the items reviewed are those the edge reaches, not the whole roadmap.
    @Test func aChangeToADependencyReJudgesItsDependentsFromTheCache() throws {
        let repo = try Scratch()
        _ = try repo.workspace.review(.staged, today: Self.today)  // caches HEAD's tree
        try Self.plant(in: repo)
        try repo.stageEdit("roadmap/epics/usage-based-pricing.yaml", replacing: "end: 2027-03", with: "end: 2027-05")
        let reference = try repo.uncached(.staged, today: Self.today)
        let cached = try repo.workspace.review(.staged, today: Self.today).result
        #expect(Self.hasPlanted(cached), "derived from the cached entry")
        #expect(cached.findings.contains { $0.finding.rule == "dependency-order" && $0.finding.item == "billing-v2" && $0.change == .new })
        #expect(cached.findings.filter { $0.finding != Self.planted } == reference.findings)

        let graph = ItemGraph(GraphEntry.entries(of: try repo.workspace.snapshot(.index)))
        let reached = graph.reverse(["usage-based-pricing"]).union(graph.forward(["usage-based-pricing"]))
        #expect(reached.contains("billing-v2"), "the dependent is re-judged")
        #expect(!reached.contains("insights-2-1") && !reached.contains("dashboards-webinar") && !reached.contains("security-1-9"),
                "unrelated releases and campaigns are not: \(reached.sorted())")
    }

    @Test func deletingTheCacheIsSafe() throws {
        let repo = try Scratch()
        try repo.stageEdit("roadmap/campaigns/billing-v2-launch.yaml", replacing: "launch: 2027-04-22", with: "launch: 2027-04-01")
        let reference = try repo.uncached(.staged, today: Self.today)
        _ = try repo.workspace.review(.staged, today: Self.today)
        try FileManager.default.removeItem(atPath: repo.cacheDirectory)
        #expect(Self.same(try repo.workspace.review(.staged, today: Self.today).result, reference))
        try FileManager.default.removeItem(atPath: repo.workspace.repository.commonDirectory + "/roadmap")
        #expect(Self.same(try repo.workspace.review(.staged, today: Self.today).result, reference))
        #expect(try repo.cacheFiles().count == 1)
    }

    @Test func parallelParsingKeepsTheOrderOfASerialParse() {
        let files = (0 ..< 1500).map { i in
            SourceFile(path: "roadmap/stories/s\(i).yaml",
                       bytes: Array((i % 7 == 0 ? "kind: [story\n" : "kind: story\ntitle: S \(i)\n").utf8))
        }
        let parallel = ItemParsing.parseAll(files)
        let serial = files.map(ItemParsing.parse)
        #expect(parallel.map(\.path) == serial.map(\.path))
        #expect(zip(parallel, serial).allSatisfy { a, b in
            switch (a.outcome, b.outcome) {
            case let (.parsed(x), .parsed(y)): return x.data == y.data
            case let (.failed(r1, m1, l1), .failed(r2, m2, l2)): return r1 == r2 && m1 == m2 && l1 == l2
            default: return false
            }
        })
    }
}
