import Foundation
import Testing
@testable import GitKit

/// Repositories written by git in its various storage forms read the same through GitKit.
@Suite struct InteropTests {
    @Test func readsAGarbageCollectedRepositoryWithMergesTagsAndPackedRefs() throws {
        let repo = try TestRepo()
        try repo.commit(["roadmap/releases/r1.yaml": "date: 2026-06-15\n"], message: "r1")
        try repo.git("tag", "-a", "v1", "-m", "v1")
        try repo.git("checkout", "-q", "-b", "proposal/slip")
        try repo.commit(["roadmap/releases/r1.yaml": "date: 2026-07-30\n"], message: "slip")
        try repo.git("checkout", "-q", "main")
        try repo.commit(["roadmap/campaigns/c.yaml": "launch: 2026-07-01\n"], message: "campaign")
        try repo.git("merge", "-q", "--no-ff", "-m", "merge slip", "proposal/slip")
        try repo.git("tag", "light")
        try repo.git("gc", "-q", "--aggressive", "--prune=now")
        #expect(try repo.git("count-objects", "-v").contains("count: 0"))
        #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/packed-refs"))

        let opened = try repo.open()
        let head = try repo.id("HEAD")
        #expect(try opened.resolveCommit("v1") == repo.id("v1"))
        #expect(try opened.resolveCommit("light") == head)
        #expect(try opened.resolveCommit("HEAD^2") == repo.id("proposal/slip"))
        let walked = try opened.walk(from: [head], order: .topologicalTime).allIDs().map(\.hex)
        #expect(walked == (try repo.lines("rev-list", "--date-order", "HEAD")))
        #expect(try opened.fileData(at: "roadmap/releases/r1.yaml", inCommit: head)?.text == "date: 2026-07-30\n")
        #expect(try opened.treeEntries(ofCommit: head, under: "roadmap").map(\.path)
                == (try repo.lines("ls-tree", "-r", "--name-only", "HEAD", "roadmap")))
        #expect(try opened.references(withPrefix: "refs/tags/").map(\.name) == ["refs/tags/light", "refs/tags/v1"])
        #expect(try opened.status().isEmpty)
    }

    @Test func gitAcceptsEverythingGitKitWrites() throws {
        let repo = try TestRepo()
        let opened = try repo.open()
        let ada = Signature(name: "Ada", email: "ada@example.com", date: Date(timeIntervalSince1970: 1_760_000_000), timeZoneOffsetMinutes: -90)
        var parent: ObjectID?
        var tree: ObjectID?
        for n in 1...3 {
            let blob = try opened.writeBlob("n: \(n)\n".bytes)
            tree = try opened.buildTree(base: tree, updates: [.upsert(path: "roadmap/item\(n).yaml", blob: blob)])
            parent = try opened.createCommit(tree: tree!, parents: parent.map { [$0] } ?? [], message: "Commit \(n)\n\nBody.",
                                             author: ada, committer: ada, updating: "HEAD")
        }
        try opened.setReference("refs/proposals/accepted/demo", to: parent!, expected: nil, message: "demo")
        _ = try repo.git("fsck", "--strict", "--no-dangling")
        #expect(try repo.lines("log", "--format=%s|%an|%ai").first == "Commit 3|Ada|2025-10-09 07:23:20 -0130")
        #expect(try repo.git("cat-file", "-p", "HEAD").contains("author Ada <ada@example.com> 1760000000 -0130"))
    }
}
