import Foundation
import Testing
@testable import GitKit

@Suite struct RemoteTests {
    @Test func pushesAndFetchesOverFileURLs() throws {
        let local = try TestRepo()
        let first = try local.commit(["roadmap/a.yaml": "a\n"], message: "first")
        let remote = try TestRepo(bare: true)
        let opened = try local.open()
        let url = "file://" + remote.path

        try opened.addRemote(name: "origin", url: url)
        #expect(try opened.remoteURL("origin") == url)
        #expect(try opened.remoteURL("nope") == nil)
        #expect(try opened.remoteNames() == ["origin"])

        try opened.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"])
        #expect(try remote.git("rev-parse", "refs/heads/main") == first.hex)
        try opened.setReference("refs/proposals/accepted/x", to: first, expected: nil, message: "keep")
        try opened.push(remote: url, refspecs: ["refs/proposals/accepted/x:refs/proposals/accepted/x"])
        #expect(try remote.git("rev-parse", "refs/proposals/accepted/x") == first.hex)

        // Someone else pushes a commit; we fetch it.
        let other = try TestRepo(initialize: false)
        try other.runGit(["clone", "-q", url, other.path], in: other.root.path)
        let theirs = try other.commit(["roadmap/b.yaml": "b\n"], message: "theirs")
        try other.git("push", "-q", "origin", "main")

        try opened.fetch(remote: "origin", refspecs: ["+refs/heads/*:refs/remotes/origin/*"])
        #expect(try opened.referenceTarget("refs/remotes/origin/main") == theirs)
        #expect(try opened.aheadBehind(first, theirs) == (0, 1) ? true : false)

        // A push that is not a fast-forward is refused and the remote keeps its tip.
        let mine = try local.commit(["roadmap/c.yaml": "c\n"], message: "mine")
        let error = try #require(throws: GitError.self) {
            try opened.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"])
        }
        #expect(error.isNonFastForward)
        #expect(try remote.git("rev-parse", "refs/heads/main") == theirs.hex)
        _ = mine
    }

    @Test func fetchFromAnUnknownRemoteNameFails() throws {
        let local = try TestRepo()
        try local.commit(["a": "1"], message: "one")
        let error = try #require(throws: GitError.self) { try local.open().fetch(remote: "upstream", refspecs: []) }
        #expect(error.isNotFound)
    }
}
