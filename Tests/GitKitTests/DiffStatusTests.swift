import Foundation
import Testing
@testable import GitKit

@Suite struct DiffStatusTests {
    @Test func diffDetectsAMovedFileAsRenamed() throws {
        let repo = try TestRepo()
        let body = (1...20).map { "line \($0): some roadmap text" }.joined(separator: "\n") + "\n"
        let old = try repo.commit(["roadmap/epics/billing.yaml": body, "roadmap/keep.yaml": "k\n", "roadmap/gone.yaml": "g\n"], message: "add")
        try FileManager.default.createDirectory(atPath: repo.path + "/roadmap/stories", withIntermediateDirectories: true)
        try repo.git("mv", "roadmap/epics/billing.yaml", "roadmap/stories/billing.yaml")
        try repo.git("rm", "-q", "roadmap/gone.yaml")
        try repo.write("roadmap/keep.yaml", "k2\n")
        try repo.write("roadmap/new.yaml", "n\n")
        let new = try repo.commit(message: "move")
        let opened = try repo.open()
        let oldTree = try opened.commit(old).treeID, newTree = try opened.commit(new).treeID

        let deltas = try opened.diff(oldTree: oldTree, newTree: newTree, detectRenames: true)
        let renamed = try #require(deltas.first { $0.status == .renamed })
        #expect(renamed.oldPath == "roadmap/epics/billing.yaml")
        #expect(renamed.newPath == "roadmap/stories/billing.yaml")
        #expect(renamed.similarity == 100)
        #expect(renamed.oldID == renamed.newID)
        let byPath = Dictionary(uniqueKeysWithValues: deltas.map { ($0.path, $0.status) })
        #expect(byPath == ["roadmap/stories/billing.yaml": .renamed, "roadmap/gone.yaml": .deleted,
                           "roadmap/keep.yaml": .modified, "roadmap/new.yaml": .added])
        let deleted = try #require(deltas.first { $0.status == .deleted })
        #expect(deleted.newPath == nil && deleted.newID == nil && deleted.oldID != nil)

        // Git agrees.
        let gitView = try repo.lines("diff", "--name-status", "-M50%", old.hex, new.hex)
        #expect(gitView.contains("R100\troadmap/epics/billing.yaml\troadmap/stories/billing.yaml"))

        // Without rename detection: a deletion and an addition.
        let plain = try opened.diff(oldTree: oldTree, newTree: newTree)
        #expect(plain.contains { $0.status == .deleted && $0.oldPath == "roadmap/epics/billing.yaml" })
        #expect(plain.contains { $0.status == .added && $0.newPath == "roadmap/stories/billing.yaml" })
        #expect(!plain.contains { $0.status == .renamed })
    }

    @Test func diffLimitedToPathsAndAgainstTheEmptyTree() throws {
        let repo = try TestRepo()
        let tip = try repo.commit(["roadmap/a.yaml": "a\n", "roadmap/sub/b.yaml": "b\n", "other/c.txt": "c\n"], message: "add")
        let opened = try repo.open()
        let tree = try opened.commit(tip).treeID
        let all = try opened.diff(oldTree: nil, newTree: tree)
        #expect(all.count == 3 && all.allSatisfy { $0.status == .added })
        let limited = try opened.diff(oldTree: nil, newTree: tree, paths: ["roadmap"])
        #expect(Set(limited.map(\.path)) == ["roadmap/a.yaml", "roadmap/sub/b.yaml"])
        let reverse = try opened.diff(oldTree: tree, newTree: nil, paths: ["other/c.txt"])
        #expect(reverse.map(\.status) == [.deleted])
    }

    @Test func statusReportsStagedUnstagedAndUntrackedUnderAFolder() throws {
        let repo = try TestRepo()
        try repo.commit(["roadmap/a.yaml": "a\n", "roadmap/b.yaml": "b\n", "roadmap/c.yaml": "c\n", "docs/x.md": "x\n"], message: "base")
        try repo.write("roadmap/a.yaml", "a staged\n")
        try repo.git("add", "roadmap/a.yaml")
        try repo.write("roadmap/a.yaml", "a staged then edited\n")
        try repo.write("roadmap/b.yaml", "b edited\n")
        try repo.git("rm", "-q", "roadmap/c.yaml")
        try repo.write("roadmap/new/deep/d.yaml", "d\n")
        try repo.write("docs/x.md", "x edited\n")
        try repo.write("docs/untracked.md", "u\n")
        try repo.write("roadmap/staged-new.yaml", "s\n")
        try repo.git("add", "roadmap/staged-new.yaml")

        let entries = try repo.open().status(under: "roadmap")
        let byPath = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0) })
        #expect(Set(byPath.keys) == ["roadmap/a.yaml", "roadmap/b.yaml", "roadmap/c.yaml", "roadmap/new/deep/d.yaml", "roadmap/staged-new.yaml"])
        #expect(byPath["roadmap/a.yaml"]?.staged == .modified)
        #expect(byPath["roadmap/a.yaml"]?.unstaged == .modified)
        #expect(byPath["roadmap/b.yaml"]?.staged == nil)
        #expect(byPath["roadmap/b.yaml"]?.unstaged == .modified)
        #expect(byPath["roadmap/c.yaml"]?.staged == .deleted)
        #expect(byPath["roadmap/new/deep/d.yaml"]?.untracked == true)
        #expect(byPath["roadmap/staged-new.yaml"]?.staged == .added)

        let everything = try repo.open().status()
        #expect(everything.contains { $0.path == "docs/untracked.md" && $0.untracked })
        #expect(everything.contains { $0.path == "docs/x.md" && $0.unstaged == .modified })
        let tracked = try repo.open().status(includeUntracked: false)
        #expect(!tracked.contains { $0.untracked })
        #expect(tracked.count == everything.count - 2)
    }

    @Test func statusOnACleanRepositoryIsEmptyAndIgnoresIgnoredFiles() throws {
        let repo = try TestRepo()
        try repo.commit([".gitignore": "*.log\n", "a": "1"], message: "base")
        try repo.write("debug.log", "noise")
        #expect(try repo.open().status().isEmpty)
    }

    @Test func statusReportsConflicts() throws {
        let repo = try TestRepo()
        try repo.commit(["roadmap/r.yaml": "date: 1\n"], message: "base")
        try repo.git("checkout", "-q", "-b", "side")
        try repo.commit(["roadmap/r.yaml": "date: 2\n"], message: "side")
        try repo.git("checkout", "-q", "main")
        try repo.commit(["roadmap/r.yaml": "date: 3\n"], message: "main")
        #expect(throws: GitCLIError.self) { try repo.git("merge", "-q", "side") }
        let opened = try repo.open()
        let entries = try opened.status()
        #expect(entries.contains { $0.path == "roadmap/r.yaml" && $0.conflicted })
        #expect(Set(try opened.indexEntries(under: "roadmap").map(\.stage)) == [1, 2, 3])
        let error = try #require(throws: GitError.self) { try opened.indexTreeID() }
        #expect(error.isUnmerged)
    }
}
