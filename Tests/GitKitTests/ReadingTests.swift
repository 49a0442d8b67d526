import Foundation
import Testing
@testable import GitKit

@Suite struct ReadingTests {
    @Test func readsCommitData() throws {
        let repo = try TestRepo()
        let first = try repo.commit(["a": "1"], message: "first line\n\nbody text")
        let second = try repo.commit(["a": "2"], message: "second")
        let info = try repo.open().commit(second)
        #expect(info.id == second)
        #expect(info.parents == [first])
        #expect(info.treeID.hex == (try repo.git("rev-parse", "HEAD^{tree}")))
        #expect(info.author.name == "Ada Author")
        #expect(info.author.email == "ada@example.com")
        #expect(info.committer.name == "Cy Committer")
        #expect(info.author.timeZoneOffsetMinutes == 120)
        #expect(info.author.date.timeIntervalSince1970 == Double(try repo.git("log", "-1", "--format=%at")))
        #expect(info.summary == "second")
        let firstInfo = try repo.open().commit(first)
        #expect(firstInfo.message == "first line\n\nbody text\n")
        #expect(firstInfo.summary == "first line")
    }

    @Test func readsFilesByPathAtARevision() throws {
        let repo = try TestRepo()
        let old = try repo.commit(["roadmap/releases/r1.yaml": "date: 2026-06-15\n"], message: "r1")
        let new = try repo.commit(["roadmap/releases/r1.yaml": "date: 2026-07-30\n"], message: "slip r1")
        let opened = try repo.open()
        #expect(try opened.fileData(at: "roadmap/releases/r1.yaml", inCommit: old)?.text == "date: 2026-06-15\n")
        #expect(try opened.fileData(at: "roadmap/releases/r1.yaml", inCommit: new)?.text == "date: 2026-07-30\n")
        #expect(try opened.fileData(at: "roadmap/releases/none.yaml", inCommit: new) == nil)
        #expect(try opened.fileData(at: "roadmap/releases", inCommit: new) == nil)
        let entry = try #require(try opened.entry(at: "roadmap/releases/r1.yaml", inCommit: new))
        #expect(entry.mode == .blob)
        #expect(entry.id.hex == (try repo.git("rev-parse", "HEAD:roadmap/releases/r1.yaml")))
        #expect(try opened.blobSize(entry.id) == 17)
        #expect(try opened.blobData(entry.id).text == "date: 2026-07-30\n")
        #expect(try opened.entry(at: "roadmap", inCommit: new)?.mode == .tree)
        #expect(try opened.entry(at: "nope/deeper", inCommit: new) == nil)
    }

    @Test func listsATreeRecursivelyUnderAFolder() throws {
        let repo = try TestRepo()
        try repo.write("roadmap/releases/r1.yaml", "a\n")
        try repo.write("roadmap/campaigns/spring/c1.yaml", "b\n")
        try repo.write("roadmap/tool.sh", "#!/bin/sh\n")
        try repo.write("README.md", "readme\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.path + "/roadmap/tool.sh")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/roadmap/link.yaml", withDestinationPath: "releases/r1.yaml")
        let tip = try repo.commit(message: "tree")
        let opened = try repo.open()

        let under = try opened.treeEntries(ofCommit: tip, under: "roadmap")
        let expected = try repo.lines("ls-tree", "-r", "--name-only", "HEAD", "roadmap")
        #expect(under.map(\.path) == expected)
        let modes = Dictionary(uniqueKeysWithValues: under.map { ($0.path, $0.mode) })
        #expect(modes["roadmap/tool.sh"] == .executable)
        #expect(modes["roadmap/link.yaml"] == .symlink)
        #expect(modes["roadmap/releases/r1.yaml"] == .blob)

        let whole = try opened.treeEntries(ofCommit: tip, under: "")
        #expect(whole.map(\.path) == (try repo.lines("ls-tree", "-r", "--name-only", "HEAD")))
        #expect(try opened.treeEntries(ofCommit: tip, under: "roadmap/campaigns/").map(\.path) == ["roadmap/campaigns/spring/c1.yaml"])
        #expect(try opened.treeEntries(ofCommit: tip, under: "missing").isEmpty)
        let treeID = try opened.commit(tip).treeID
        #expect(try opened.treeEntries(ofTree: treeID, under: "roadmap") == under)
        #expect(try opened.fileData(at: "roadmap/link.yaml", inCommit: tip)?.text == "releases/r1.yaml")
    }

    @Test func listsSubmodulesWithTheirMode() throws {
        let repo = try TestRepo()
        try repo.commit(["a": "1"], message: "base")
        let sub = try repo.id("HEAD")
        // A gitlink entry, as a submodule records it.
        try repo.git("update-index", "--add", "--cacheinfo", "160000,\(sub.hex),vendor/sub")
        try repo.git("commit", "-q", "-m", "gitlink")
        let entries = try repo.open().treeEntries(ofCommit: repo.id("HEAD"), under: "vendor")
        #expect(entries == [TreeEntryInfo(path: "vendor/sub", id: sub, mode: .submodule)])
    }
}

@Suite struct ObjectHeaderTests {
    @Test func objectSizeReadsTheHeaderOfLooseAndPackedBlobs() throws {
        let repo = try TestRepo()
        try repo.write("big.txt", String(repeating: "x", count: 123_456))
        try repo.git("add", "big.txt")
        try repo.git("commit", "-qm", "big")
        let blob = try #require(ObjectID(hex: try repo.git("rev-parse", "HEAD:big.txt")))
        #expect(try repo.open().objectSize(blob) == 123_456)
        try repo.git("gc", "-q")
        #expect(try repo.open().objectSize(blob) == 123_456)
    }
}
