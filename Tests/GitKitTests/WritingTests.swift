import Foundation
import Testing
@testable import GitKit

@Suite struct WritingTests {
    private let ada = Signature(name: "Ada Author", email: "ada@example.com",
                                date: Date(timeIntervalSince1970: 1_760_000_000), timeZoneOffsetMinutes: 60)

    @Test func writesBlobsAndBuildsTreesGitReads() throws {
        let repo = try TestRepo()
        let base = try repo.commit(["roadmap/a.yaml": "a\n", "roadmap/old/b.yaml": "b\n", "README": "r\n"], message: "base")
        let opened = try repo.open()
        let blob = try opened.writeBlob("title: New\n".bytes)
        try Data("title: New\n".utf8).write(to: URL(fileURLWithPath: repo.scratch("blob.txt")))
        #expect(blob.hex == (try repo.git("hash-object", repo.scratch("blob.txt"))))
        #expect(try repo.git("cat-file", "-p", blob.hex) == "title: New")
        let script = try opened.writeBlob("#!/bin/sh\n".bytes)

        let tree = try opened.buildTree(base: opened.commit(base).treeID, updates: [
            .upsert(path: "roadmap/new/deep/c.yaml", blob: blob),
            .upsert(path: "roadmap/a.yaml", blob: blob),
            .upsert(path: "bin/run", blob: script, mode: .executable),
            .remove(path: "roadmap/old/b.yaml"),
        ])
        let listing = try repo.lines("ls-tree", "-r", tree.hex)
        #expect(listing == [
            "100644 blob \(try repo.git("rev-parse", "HEAD:README"))\tREADME",
            "100755 blob \(script.hex)\tbin/run",
            "100644 blob \(blob.hex)\troadmap/a.yaml",
            "100644 blob \(blob.hex)\troadmap/new/deep/c.yaml",
        ])
        let fromNothing = try opened.buildTree(base: nil, updates: [.upsert(path: "x/y", blob: blob)])
        #expect(try repo.lines("ls-tree", "-r", "--name-only", fromNothing.hex) == ["x/y"])
        #expect(try opened.emptyTreeID().hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
        #expect(throws: GitError.self) { try opened.buildTree(base: nil, updates: [.upsert(path: "../escape", blob: blob)]) }
    }

    /// Many blobs go into one pack that git reads and checks; a few, or blobs already stored,
    /// are written loose or not at all; repeats are stored once and every id is returned in order.
    @Test func manyBlobsAreWrittenAsOnePackGitReads() throws {
        let repo = try TestRepo()
        _ = try repo.commit(["README": "r\n"], message: "base")
        let opened = try repo.open()
        let looseBefore = try repo.git("count-objects", "-v")
        var contents = (0 ..< 150).map { "kind: story\ntitle: Story \($0)\n" + String(repeating: "text \($0) ", count: $0 % 40) + "\n" }
        contents.append(contents[3])  // a repeat
        contents.append("")  // the empty blob
        contents.append("r\n")  // already stored (README)
        contents.append(String(repeating: "large line of text\n", count: 5_000))  // several zlib blocks
        let ids = try opened.writeBlobs(contents.map(\.bytes))
        #expect(ids.count == contents.count)
        for index in [0, 3, 42, 149, 150, 151, 152, 153] {
            let (id, content) = (ids[index], contents[index])
            try Data(content.utf8).write(to: URL(fileURLWithPath: repo.scratch("blob.txt")))
            #expect(id.hex == (try repo.git("hash-object", repo.scratch("blob.txt"))))
        }
        #expect(ids[150] == ids[3])
        #expect(try opened.blobData(ids[153]) == contents[153].bytes, "libgit2 reads the new pack in the same process")
        let packs = try FileManager.default.contentsOfDirectory(atPath: repo.path + "/.git/objects/pack").filter { $0.hasSuffix(".pack") }
        #expect(packs.count == 1)
        #expect(try repo.git("count-objects", "-v").split(separator: "\n").first == looseBefore.split(separator: "\n").first, "no loose object")
        #expect(try repo.git("cat-file", "-p", ids[42].hex) == contents[42].trimmingCharacters(in: .newlines))
        _ = try repo.git("fsck", "--strict", "--full")
        _ = try repo.git("verify-pack", repo.path + "/.git/objects/pack/" + packs[0].replacingOccurrences(of: ".pack", with: ".idx"))

        // A few new blobs are loose; the same blobs again write nothing.
        let few = try opened.writeBlobs(["one\n".bytes, "two\n".bytes])
        #expect(try repo.git("cat-file", "-p", few[1].hex) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.path + "/.git/objects/pack").filter { $0.hasSuffix(".pack") }.count == 1)
        #expect(try opened.writeBlobs(contents.map(\.bytes)) == ids)
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.path + "/.git/objects/pack").filter { $0.hasSuffix(".pack") }.count == 1)
    }

    @Test func commitMovesTheBranchOnlyFromTheExpectedTip() throws {
        let repo = try TestRepo()
        let base = try repo.commit(["roadmap/a.yaml": "a\n"], message: "base")
        let opened = try repo.open()
        let blob = try opened.writeBlob("a2\n".bytes)
        let tree = try opened.buildTree(base: opened.commit(base).treeID, updates: [.upsert(path: "roadmap/a.yaml", blob: blob)])

        let commit = try opened.createCommit(tree: tree, parents: [base], message: "Edit a", author: ada, committer: ada, updating: "HEAD")
        #expect(try repo.id("main") == commit)
        #expect(try repo.git("log", "-1", "--format=%an <%ae> %at %ai|%s|%B", "main") == "Ada Author <ada@example.com> 1760000000 2025-10-09 09:53:20 +0100|Edit a|Edit a\n")
        #expect(try repo.git("cat-file", "-t", commit.hex) == "commit")

        // Someone else moves main meanwhile; committing on the old tip is refused.
        let theirs = try repo.commit(["roadmap/b.yaml": "b\n"], message: "someone else")
        let error = try #require(throws: GitError.self) {
            try opened.createCommit(tree: tree, parents: [base], message: "stale", author: ada, committer: ada, updating: "refs/heads/main")
        }
        #expect(error.isRefMoved)
        #expect(error.message.contains("refs/heads/main"))
        #expect(try repo.id("main") == theirs)
        // Without a ref, a commit is just written.
        let loose = try opened.createCommit(tree: tree, parents: [base], message: "loose", author: ada, committer: ada, updating: nil)
        #expect(try repo.id("main") == theirs)
        #expect(try repo.git("cat-file", "-t", loose.hex) == "commit")
    }

    @Test func firstCommitOnAnUnbornBranch() throws {
        let repo = try TestRepo()
        let opened = try repo.open()
        let blob = try opened.writeBlob("x\n".bytes)
        let tree = try opened.buildTree(base: nil, updates: [.upsert(path: "roadmap.yaml", blob: blob)])
        let commit = try opened.createCommit(tree: tree, parents: [], message: "init", author: ada, committer: ada, updating: "HEAD")
        #expect(try repo.id("main") == commit)
        // A second root commit on the now-born branch is refused.
        let error = try #require(throws: GitError.self) {
            try opened.createCommit(tree: tree, parents: [], message: "again", author: ada, committer: ada, updating: "HEAD")
        }
        #expect(error.isRefMoved)
        // And committing with a parent onto a branch that does not exist is refused too.
        let missing = try #require(throws: GitError.self) {
            try opened.createCommit(tree: tree, parents: [commit], message: "x", author: ada, committer: ada, updating: "refs/heads/gone")
        }
        #expect(missing.isRefMoved)
        #expect(try opened.referenceTarget("refs/heads/gone") == nil)
    }

    @Test func commitThenUpdateIndexAndWorkdirLeavesGitClean() throws {
        let repo = try TestRepo()
        let base = try repo.commit(["roadmap/releases/r1.yaml": "date: 2026-06-15\n", "roadmap/old.yaml": "o\n"], message: "base")
        let opened = try repo.open()
        let newContent = "date: 2026-07-30\n".bytes
        let blob = try opened.writeBlob(newContent)
        let created = try opened.writeBlob("title: C\n".bytes)
        let tree = try opened.buildTree(base: opened.commit(base).treeID, updates: [
            .upsert(path: "roadmap/releases/r1.yaml", blob: blob),
            .upsert(path: "roadmap/campaigns/c.yaml", blob: created),
            .remove(path: "roadmap/old.yaml"),
        ])
        _ = try opened.createCommit(tree: tree, parents: [base], message: "Move r1", author: ada, committer: ada, updating: "HEAD")
        try opened.writeWorkdirFile("roadmap/releases/r1.yaml", bytes: newContent)
        try opened.writeWorkdirFile("roadmap/campaigns/c.yaml", bytes: "title: C\n".bytes)
        try FileManager.default.removeItem(atPath: repo.path + "/roadmap/old.yaml")
        try opened.updateIndex(toTree: tree, paths: ["roadmap/releases/r1.yaml", "roadmap/campaigns/c.yaml", "roadmap/old.yaml"])

        #expect(try repo.git("status", "--porcelain") == "")
        #expect(try repo.git("diff", "--cached", "--stat") == "")
        _ = try repo.git("fsck", "--strict")
        #expect(try opened.status().isEmpty)
        #expect(try opened.indexTreeID() == tree)
    }

    @Test func updateIndexWithoutTheWorkingFileStagesTheTreeContent() throws {
        let repo = try TestRepo()
        let base = try repo.commit(["a.yaml": "a\n"], message: "base")
        let opened = try repo.open()
        let blob = try opened.writeBlob("a2\n".bytes)
        let tree = try opened.buildTree(base: opened.commit(base).treeID, updates: [.upsert(path: "a.yaml", blob: blob)])
        try opened.updateIndex(toTree: tree, paths: ["a.yaml"])
        // The index holds the new content; the working tree still has the old one.
        #expect(try repo.git("status", "--porcelain") == "MM a.yaml")
        #expect(try opened.indexTreeID() == tree)
    }

    @Test func stageAddsModifiesAndRemovesLikeGitAdd() throws {
        let repo = try TestRepo()
        try repo.commit(["roadmap/a.yaml": "a\n", "roadmap/b.yaml": "b\n", "roadmap/sub/c.yaml": "c\n"], message: "base")
        try repo.write("roadmap/a.yaml", "a2\n")
        try FileManager.default.removeItem(atPath: repo.path + "/roadmap/b.yaml")
        try repo.write("roadmap/sub/d.yaml", "d\n")
        try FileManager.default.removeItem(atPath: repo.path + "/roadmap/sub/c.yaml")
        try repo.write("roadmap/unstaged.yaml", "u\n")
        let opened = try repo.open()
        try opened.stage(paths: ["roadmap/a.yaml", "roadmap/b.yaml", "roadmap/sub"])
        #expect(try repo.lines("status", "--porcelain") == [
            "M  roadmap/a.yaml", "D  roadmap/b.yaml", "D  roadmap/sub/c.yaml", "A  roadmap/sub/d.yaml", "?? roadmap/unstaged.yaml",
        ])
    }

    @Test func workdirFilesAreWrittenAtomicallyAndSymlinksNeverFollowed() throws {
        let repo = try TestRepo()
        try repo.commit(["a": "1"], message: "base")
        let opened = try repo.open()
        try opened.writeWorkdirFile("roadmap/new/item.yaml", bytes: "x: 1\n".bytes)
        #expect(try repo.read("roadmap/new/item.yaml") == "x: 1\n")
        #expect(try opened.workdirFileData("roadmap/new/item.yaml")?.text == "x: 1\n")
        #expect(try opened.workdirFileData("roadmap/none.yaml") == nil)
        #expect(try opened.workdirFileMode("roadmap/new") == .tree)
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.path + "/roadmap/new") == ["item.yaml"])

        // A symlink pointing outside the repository is reported as a link, not followed.
        let outside = repo.scratch("secret.txt")
        try Data("secret".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/roadmap/link.yaml", withDestinationPath: outside)
        #expect(try opened.workdirFileData("roadmap/link.yaml")?.text == outside)
        #expect(try opened.workdirFileMode("roadmap/link.yaml") == .symlink)
        // A symlinked folder is refused for reads and writes.
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/escape", withDestinationPath: repo.root.path)
        #expect(throws: GitError.self) { try opened.workdirFileData("escape/secret.txt") }
        #expect(throws: GitError.self) { try opened.writeWorkdirFile("escape/secret.txt", bytes: [0x41]) }
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "secret")
        #expect(throws: GitError.self) { try opened.workdirFileData("../secret.txt") }
        #expect(throws: GitError.self) { try opened.writeWorkdirFile(".git/config", bytes: [0x41]) }
        // Writing over the link replaces the link, never the file it points to.
        try opened.writeWorkdirFile("roadmap/link.yaml", bytes: "mine\n".bytes)
        #expect(try opened.workdirFileMode("roadmap/link.yaml") == .blob)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "secret")
    }

    @Test func writingKeepsAnExecutableBit() throws {
        let repo = try TestRepo()
        try repo.write("run.sh", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.path + "/run.sh")
        try repo.commit(message: "script")
        try repo.open().writeWorkdirFile("run.sh", bytes: "#!/bin/sh\necho hi\n".bytes)
        #expect(try repo.git("status", "--porcelain") == " M run.sh")
        #expect(try repo.git("diff", "--summary") == "")
    }
}
