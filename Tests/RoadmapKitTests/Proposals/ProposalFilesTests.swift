import Foundation
import GitKit
import Testing
@testable import RoadmapKit

/// A proposal tip's files, patched from its base's by the tree diff, against listing the
/// tip's tree in full.
@Suite("Proposal files")
struct ProposalFilesTests {
    /// The tip's files by the fast path and by listing, as (path, blob) pairs.
    static func both(_ fixture: GitFixture, tip: String, base: String) throws -> (patched: [String], listed: [String]) {
        let workspace = try fixture.workspace()
        let tipID = try #require(ObjectID(hex: try fixture.rev(tip)))
        let baseID = try #require(ObjectID(hex: try fixture.rev(base)))
        let shared = try ProposalBases().base(baseID, in: workspace, today: proposalsToday)
        let patched = try workspace.proposalFiles(tip: tipID, from: shared).files
        let listed = try workspace.stateFiles(.commit(tipID))
        func text(_ files: [StateFile]) -> [String] { files.map { "\($0.path) \($0.blob?.hex ?? "-")" } }
        return (text(patched), text(listed))
    }

    @Test("a file recorded with an old mode (100664) and moved by the proposal")
    func oldModeMoved() throws {
        let fixture = try GitFixture.roadmap()
        // A stories folder holding a file of mode 100664, written as raw tree bytes (git's
        // own commands write only the modes of today; old repositories hold others).
        try fixture.write("old.yaml", "id: old\nkind: story\ntitle: Old\nstatus: planned\n")
        let blob = try fixture.git("hash-object", "-w", "old.yaml").trimmingCharacters(in: .whitespacesAndNewlines)
        let raw = try #require(ObjectID(hex: blob))
        var tree = Data("100664 old.yaml\0".utf8)
        raw.withRawBytes { tree.append(contentsOf: $0) }
        try tree.write(to: URL(fileURLWithPath: fixture.path + "/stories.tree"))
        let stories = try fixture.git("hash-object", "-t", "tree", "-w", "--literally", "stories.tree")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(atPath: fixture.path + "/old.yaml")
        try FileManager.default.removeItem(atPath: fixture.path + "/stories.tree")
        var roadmapLines = try fixture.git("ls-tree", "HEAD:roadmap").split(separator: "\n").map(String.init)
        roadmapLines.append("040000 tree \(stories)\tstories")
        let roadmapTree = try fixture.gitInput(roadmapLines.joined(separator: "\n") + "\n", "mktree")
        var rootLines = try fixture.git("ls-tree", "HEAD").split(separator: "\n").map(String.init).filter { !$0.hasSuffix("\troadmap") }
        rootLines.append("040000 tree \(roadmapTree)\troadmap")
        let root = try fixture.gitInput(rootLines.joined(separator: "\n") + "\n", "mktree")
        let commit = try fixture.git("commit-tree", root, "-p", "HEAD", "-m", "an old story")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.git("update-ref", "refs/heads/main", commit)
        try fixture.git("reset", "-q", "--hard", "main")
        // (git ls-tree shows the mode as 100644; the tree holds 100664.)
        #expect(try fixture.git("cat-file", "tree", "main:roadmap/stories").hasPrefix("100664 old.yaml\0"))

        try fixture.git("checkout", "-q", "-b", "proposal/archive")
        try FileManager.default.createDirectory(atPath: fixture.path + "/roadmap/archive", withIntermediateDirectories: true)
        try fixture.git("mv", "roadmap/stories/old.yaml", "roadmap/archive/old.yaml")
        try fixture.git("commit", "-q", "-m", "archive the old story")
        let (patched, listed) = try Self.both(fixture, tip: "proposal/archive", base: "main")
        #expect(listed.contains { $0.hasPrefix("roadmap/archive/old.yaml ") })
        #expect(!listed.contains { $0.hasPrefix("roadmap/stories/old.yaml ") })
        #expect(patched == listed)
    }

    @Test("two Unicode spellings of one name, one of them deleted by the proposal")
    func twoSpellings() throws {
        let fixture = try GitFixture.roadmap()
        let composed = "roadmap/stories/caf\u{E9}.yaml", decomposed = "roadmap/stories/cafe\u{301}.yaml"
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        try fixture.write(composed, "id: café\nkind: story\ntitle: Composed\nstatus: planned\n")
        try fixture.write(decomposed, "id: café\nkind: story\ntitle: Decomposed\nstatus: planned\n")
        try fixture.commitAll("two spellings")
        try fixture.git("checkout", "-q", "-b", "proposal/one")
        try fixture.git("rm", "-q", "--", composed)
        try fixture.git("commit", "-q", "-m", "keep one spelling")
        let (patched, listed) = try Self.both(fixture, tip: "proposal/one", base: "main")
        #expect(listed.count == 3)
        #expect(patched == listed)
    }
}
