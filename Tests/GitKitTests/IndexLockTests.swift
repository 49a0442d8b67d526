import Foundation
import Testing
@testable import GitKit

@Suite struct IndexLockTests {
    @Test func stagingFailsClearlyWhileTheIndexIsLockedAndLeavesItUntouched() throws {
        let repo = try TestRepo()
        try repo.commit(["roadmap/a.yaml": "a\n"], message: "base")
        try repo.write("roadmap/a.yaml", "a2\n")
        let opened = try repo.open()
        let indexPath = repo.path + "/.git/index"
        let before = try Data(contentsOf: URL(fileURLWithPath: indexPath))
        #expect(FileManager.default.createFile(atPath: indexPath + ".lock", contents: Data()))
        #expect(opened.isIndexLocked)

        let error = try #require(throws: GitError.self) { try opened.stage(paths: ["roadmap/a.yaml"]) }
        #expect(error.isLocked)
        #expect(error.code == -14)
        #expect(error.message.contains("index is locked"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: indexPath)) == before)
        #expect(throws: GitError.self) { try opened.updateIndex(toTree: opened.commit(repo.id("HEAD")).treeID, paths: ["roadmap/a.yaml"]) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: indexPath)) == before)
        // The in-memory index was not changed either: status still sees an unstaged edit.
        #expect(try opened.status().first?.unstaged == .modified)
        #expect(try opened.status().first?.staged == nil)

        try FileManager.default.removeItem(atPath: indexPath + ".lock")
        #expect(!opened.isIndexLocked)
        try opened.stage(paths: ["roadmap/a.yaml"])
        #expect(try repo.git("status", "--porcelain") == "M  roadmap/a.yaml")
    }

    @Test func aLockTakenDuringTheWriteIsReportedToo() throws {
        // libgit2's own lock failure (the lock appears after our pre-check) gets the same message.
        let error = Index.lockedError(lockPath: "/r/.git/index.lock", operation: "stage", detail: "failed to create locked file")
        #expect(error.isLocked && error.message.hasPrefix("the index is locked: /r/.git/index.lock exists"))
    }
}
