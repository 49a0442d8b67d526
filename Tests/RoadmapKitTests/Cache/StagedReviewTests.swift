import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// The hook's review read in place (`Workspace.stagedReview`, Cache/StagedReview.swift) on a
/// repository made by the benchmark's generator: after each staged edit, the warm review
/// (the cache file of HEAD's tree read in place) equals the full review with no cache.
@Suite struct StagedReviewTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let today = RoadmapDate("2026-11-22")!

    /// A generated roadmap (300 items, 20 commits), removed with the value.
    final class Generated {
        let root: String
        let workspace: Workspace
        let files: [String]

        init() throws {
            setenv("ROADMAP_GIT_ISOLATE_CONFIG", "1", 1)
            root = FileManager.default.temporaryDirectory.appendingPathComponent("staged-review-\(UUID().uuidString)").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", StagedReviewTests.packageRoot.appendingPathComponent("scripts/generate-roadmap.py").path,
                                 root, "--items", "300", "--commits", "20", "--seed", "7"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw RoadmapError("generate-roadmap.py failed") }
            workspace = try Workspace.open(at: root)
            files = try FileManager.default.subpathsOfDirectory(atPath: root + "/roadmap")
                .filter { $0.hasSuffix(".yaml") }.map { "roadmap/" + $0 }.sorted()
        }

        deinit {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: root + ".json")
        }

        func git(_ arguments: String...) throws { try ReviewCacheTests.Scratch.run(arguments, in: root) }

        func text(_ path: String) throws -> String { try String(contentsOfFile: root + "/" + path, encoding: .utf8) }

        func write(_ path: String, _ text: String) throws {
            try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
            try git("add", "-A", "roadmap")
        }

        func first(_ folder: String) -> String { files.first { $0.hasPrefix("roadmap/\(folder)/") } ?? "" }

        /// The line of `path` that starts with `field:`.
        func line(_ path: String, _ field: String) throws -> String? {
            try text(path).split(separator: "\n").first { $0.hasPrefix(field + ":") }.map(String.init)
        }

        func replace(_ path: String, _ field: String, with value: String) throws {
            let old = try #require(try line(path, field), "fixture: \(path) has \(field)")
            try write(path, try text(path).replacingOccurrences(of: old, with: "\(field): \(value)"))
        }

        /// The reference: `Reviewer.review` over both full snapshots, no cache involved.
        func uncached() throws -> ReviewResult {
            let (base, head, _) = try workspace.states(for: .staged)
            return Reviewer.review(base: try base.map { try workspace.snapshot(.commit($0)) },
                                   head: try workspace.snapshot(head), config: workspace.config, today: StagedReviewTests.today)
        }
    }

    @Test func theWarmHookReviewReadInPlaceEqualsTheFullReviewAfterEachEdit() throws {
        let repo = try Generated()
        let story = repo.first("stories"), release = repo.first("releases"), campaign = repo.first("campaigns")
        let epics = repo.files.filter { $0.hasPrefix("roadmap/epics/") }
        let otherEpic = try #require(epics.last.map { ItemID.fromPath($0) })
        let edits: [(String, () throws -> Void)] = [
            ("a story's status", { try repo.replace(story, "status", with: "done") }),
            ("a story moved to another epic", { try repo.replace(story, "epic", with: otherEpic) }),
            ("a release slipped past its campaigns", { try repo.replace(release, "date", with: "2031-12-31") }),
            ("a campaign promoting nothing known", { try repo.replace(campaign, "promotes", with: "[no-such-release]") }),
            ("a file that does not parse", { try repo.write(story, "kind: story\ntitle: [unclosed\n") }),
            ("a new story", { try repo.write("roadmap/stories/zz-new-story.yaml", "kind: story\ntitle: New\nstatus: proposed\n") }),
            ("a deleted epic", { try repo.git("rm", "-q", epics[0]) }),
            ("a renamed release", { try repo.git("mv", release, "roadmap/releases/renamed-release.yaml") }),
        ]
        var applied: [String] = []
        for (what, edit) in edits {
            try edit()
            applied.append(what)
            let context = applied.joined(separator: "; ")
            let reference = try repo.uncached()
            let cold = try repo.workspace.review(.staged, today: Self.today).result
            IncrementalReviewTests.expectSame(cold, reference, "cold, \(context)")
            let warm = try repo.workspace.review(.staged, today: Self.today).result
            IncrementalReviewTests.expectSame(warm, reference, "warm, \(context)")
            let hook = try repo.workspace.review(.staged, today: Self.today, listing: false).result
            IncrementalReviewTests.expectSameHookOutput(hook, reference, "hook, \(context)")
        }
        // The simple edits above are answered in place, not by the general path. The base gets
        // a finding of its own first (the generated roadmap has none), far from the edit.
        try repo.git("reset", "-q", "--hard")
        let other = try #require(repo.files.last { $0.hasPrefix("roadmap/releases/") && $0 != release })
        try repo.replace(other, "status", with: "bogus")
        try repo.git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "a finding")
        try repo.replace(story, "status", with: "done")
        _ = try repo.workspace.review(.staged, today: Self.today)
        let head = try #require(try repo.workspace.headCommit())
        let inPlace = try #require(try repo.workspace.stagedReview(base: head, today: Self.today), "a status edit is reviewed in place")
        IncrementalReviewTests.expectSame(inPlace, try repo.uncached(), "in place, a status edit")
        // The hook's review reads the findings of the affected items alone: the others are counted.
        let hook = try #require(try repo.workspace.stagedReview(base: head, today: Self.today, listing: false))
        let reference = try repo.uncached()
        IncrementalReviewTests.expectSameHookOutput(hook, reference, "in place, a status edit, not listed")
        #expect(!hook.unlisted.isEmpty && hook.findings.count < reference.findings.count,
                "\(hook.findings.count) of \(reference.findings.count) findings listed")
        // Nothing staged: every finding existing.
        try repo.git("reset", "-q", "--hard")
        let clean = try #require(try repo.workspace.stagedReview(base: head, today: Self.today))
        IncrementalReviewTests.expectSame(clean, try repo.uncached(), "nothing staged")
        let cleanHook = try #require(try repo.workspace.stagedReview(base: head, today: Self.today, listing: false))
        IncrementalReviewTests.expectSameHookOutput(cleanHook, try repo.uncached(), "nothing staged, not listed")
        #expect(cleanHook.findings.isEmpty)
    }

    /// A damaged cache file is never read as an answer: the review falls back and rewrites it.
    @Test func aTruncatedCacheFileFallsBackToTheFullReview() throws {
        let repo = try Generated()
        let story = repo.first("stories")
        _ = try repo.workspace.review(.staged, today: Self.today)
        let directory = ReviewCache(repository: repo.workspace.repository).directory
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".bin") })
        let path = directory + "/" + name
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        try repo.replace(story, "status", with: "done")
        let reference = try repo.uncached()
        for cut in [good.count / 3, good.count / 2, good.count - 20] {
            try good.prefix(cut).write(to: URL(fileURLWithPath: path))
            let head = try #require(try repo.workspace.headCommit())
            #expect(try repo.workspace.stagedReview(base: head, today: Self.today) == nil, "cut at \(cut) read in place")
            IncrementalReviewTests.expectSame(try repo.workspace.review(.staged, today: Self.today).result, reference, "cut at \(cut)")
        }
    }
}
