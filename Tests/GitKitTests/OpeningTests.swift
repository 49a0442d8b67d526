import Foundation
import Testing
@testable import GitKit

@Suite struct OpeningTests {
    @Test func discoversTheRepositoryFromASubFolder() throws {
        let repo = try TestRepo()
        try repo.commit(["roadmap/releases/a.yaml": "kind: release\n"], message: "add a")
        let opened = try Repository.discover(from: repo.path + "/roadmap/releases")
        let expected = try repo.git("rev-parse", "--show-toplevel")
        #expect(opened.workingDirectory == expected)
        #expect(opened.gitDirectory == expected + "/.git")
        #expect(try opened.headCommitID() == repo.id("HEAD"))
    }

    @Test func discoverOutsideARepositoryFails() throws {
        let repo = try TestRepo(initialize: false)
        let folder = repo.scratch("plain")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The scratch folder lives under the system temp folder, which is not a repository.
        let error = try #require(throws: GitError.self) { try Repository.discover(from: folder) }
        #expect(error.isNotFound)
        #expect(error.message.contains("not a git repository"))
    }

    @Test func createMakesARepositoryGitAccepts() throws {
        let repo = try TestRepo(initialize: false)
        let created = try Repository.create(at: repo.path, initialBranch: "trunk")
        #expect(created.isHeadUnborn)
        #expect(try created.currentBranch() == "trunk")
        #expect(try created.headCommitID() == nil)
        #expect(!created.isBare)
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/trunk")
        #expect(try repo.git("rev-parse", "--is-inside-work-tree") == "true")
    }

    @Test func createBare() throws {
        let repo = try TestRepo(bare: true, initialize: false)
        let created = try Repository.create(at: repo.path, bare: true)
        #expect(created.isBare)
        #expect(created.workingDirectory == nil)
        #expect(try repo.git("rev-parse", "--is-bare-repository") == "true")
    }

    @Test func readsABareRepository() throws {
        let source = try TestRepo()
        let tip = try source.commit(["roadmap/a.yaml": "title: A\n"], message: "first")
        let bare = try TestRepo(bare: true, initialize: false)
        try bare.runGit(["clone", "-q", "--bare", source.path, bare.path], in: bare.root.path)
        let opened = try bare.open()
        #expect(opened.isBare)
        #expect(opened.workingDirectory == nil)
        #expect(try opened.headCommitID() == tip)
        #expect(try opened.fileData(at: "roadmap/a.yaml", inCommit: tip)?.text == "title: A\n")
    }

    @Test func unbornHead() throws {
        let repo = try TestRepo()
        let opened = try repo.open()
        #expect(opened.isHeadUnborn)
        #expect(!opened.isHeadDetached)
        #expect(try opened.headCommitID() == nil)
        #expect(try opened.currentBranch() == "main")
    }

    @Test func detachedHead() throws {
        let repo = try TestRepo()
        let first = try repo.commit(["a": "1"], message: "one")
        try repo.commit(["a": "2"], message: "two")
        try repo.git("checkout", "-q", "--detach", first.hex)
        let opened = try repo.open()
        #expect(opened.isHeadDetached)
        #expect(try opened.currentBranch() == nil)
        #expect(try opened.headCommitID() == first)
    }

    @Test func linkedWorktree() throws {
        let repo = try TestRepo()
        try repo.commit(["roadmap/a.yaml": "title: A\n"], message: "first")
        try repo.git("branch", "feature")
        let worktree = repo.scratch("wt")
        try repo.git("worktree", "add", "-q", worktree, "feature")
        try repo.commit(["roadmap/b.yaml": "title: B\n"], message: "main moves on")

        let opened = try Repository.discover(from: worktree + "/roadmap")
        #expect(opened.isLinkedWorktree)
        #expect(try opened.currentBranch() == "feature")
        #expect(opened.workingDirectory == URL(fileURLWithPath: worktree).resolvingSymlinksInPath().path
                || opened.workingDirectory == worktree)
        #expect(opened.commonDirectory == (try repo.git("rev-parse", "--path-format=absolute", "--git-common-dir")))
        #expect(opened.gitDirectory.hasSuffix("/.git/worktrees/wt"))
        #expect(try opened.headCommitID() == repo.id("feature"))
        #expect(try opened.referenceTarget("refs/heads/main") == repo.id("main"))
        #expect(try opened.status().isEmpty)
    }

    @Test func shallowClone() throws {
        let source = try TestRepo()
        try source.commit(["a": "1"], message: "one")
        try source.commit(["a": "2"], message: "two")
        let clone = source.scratch("shallow")
        try source.git("clone", "-q", "--depth", "1", "file://" + source.path, clone, in: source.root.path)
        #expect(try Repository.open(at: clone).isShallow)
        #expect(try !source.open().isShallow)
    }

    @Test func discoverHonoursGitDirFromTheGivenEnvironment() throws {
        let repo = try TestRepo()
        let tip = try repo.commit(["a": "1"], message: "one")
        let elsewhere = repo.scratch("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let opened = try Repository.discover(from: elsewhere, environment: ["GIT_DIR": repo.path + "/.git", "GIT_WORK_TREE": repo.path])
        #expect(try opened.headCommitID() == tip)
        #expect(opened.workingDirectory == repo.path)
    }
}
