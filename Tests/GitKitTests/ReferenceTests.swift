import Testing
@testable import GitKit

@Suite struct ReferenceTests {
    @Test func createMoveListAndDeleteProposalRefs() throws {
        let repo = try TestRepo()
        let one = try repo.commit(["a": "1"], message: "one")
        let two = try repo.commit(["a": "2"], message: "two")
        let opened = try repo.open()

        try opened.setReference("refs/proposals/accepted/pricing", to: one, expected: nil, message: "accept pricing")
        try opened.setReference("refs/proposals/withdrawn/old", to: two, expected: nil, message: "withdraw old")
        #expect(try repo.git("rev-parse", "refs/proposals/accepted/pricing") == one.hex)

        // "Must not exist yet" refuses an existing ref and leaves it alone.
        let exists = try #require(throws: GitError.self) {
            try opened.setReference("refs/proposals/accepted/pricing", to: two, expected: nil, message: "again")
        }
        #expect(exists.isExists)
        #expect(try repo.git("rev-parse", "refs/proposals/accepted/pricing") == one.hex)

        // Moving with the right expected value works.
        try opened.setReference("refs/proposals/accepted/pricing", to: two, expected: one, message: "move")
        #expect(try opened.referenceTarget("refs/proposals/accepted/pricing") == two)

        // Someone else moved it: the stale expected value is refused, nothing changes.
        try repo.git("update-ref", "refs/proposals/accepted/pricing", one.hex)
        let moved = try #require(throws: GitError.self) {
            try opened.setReference("refs/proposals/accepted/pricing", to: two, expected: two, message: "stale")
        }
        #expect(moved.isRefMoved)
        #expect(moved.message.contains("refs/proposals/accepted/pricing"))
        #expect(try repo.git("rev-parse", "refs/proposals/accepted/pricing") == one.hex)

        let listed = try opened.references(withPrefix: "refs/proposals/")
        #expect(listed.map(\.name) == ["refs/proposals/accepted/pricing", "refs/proposals/withdrawn/old"])
        #expect(listed.map(\.target) == [one, two])
        #expect(listed.map(\.name) == (try repo.lines("for-each-ref", "--format=%(refname)", "refs/proposals/")))

        // Delete refuses a stale expected value, then works with the right one.
        let staleDelete = try #require(throws: GitError.self) {
            try opened.deleteReference("refs/proposals/withdrawn/old", expected: one)
        }
        #expect(staleDelete.isRefMoved)
        #expect(try opened.referenceTarget("refs/proposals/withdrawn/old") == two)
        try opened.deleteReference("refs/proposals/withdrawn/old", expected: two)
        #expect(try opened.referenceTarget("refs/proposals/withdrawn/old") == nil)
        #expect(throws: GitCLIError.self) { try repo.git("rev-parse", "--verify", "-q", "refs/proposals/withdrawn/old") }
        let missing = try #require(throws: GitError.self) {
            try opened.deleteReference("refs/proposals/withdrawn/old", expected: two)
        }
        #expect(missing.isNotFound)
    }

    @Test func expectedValueOnAMissingRefIsRefused() throws {
        let repo = try TestRepo()
        let one = try repo.commit(["a": "1"], message: "one")
        let error = try #require(throws: GitError.self) {
            try repo.open().setReference("refs/heads/ghost", to: one, expected: one, message: "x")
        }
        #expect(error.isRefMoved || error.isNotFound)
        #expect(try repo.open().referenceTarget("refs/heads/ghost") == nil)
    }

    @Test func referenceTargetResolvesSymbolicRefsAndPackedRefs() throws {
        let repo = try TestRepo()
        let one = try repo.commit(["a": "1"], message: "one")
        try repo.git("branch", "feature")
        try repo.git("pack-refs", "--all")
        let opened = try repo.open()
        #expect(try opened.referenceTarget("HEAD") == one)
        #expect(try opened.referenceTarget("refs/heads/feature") == one)
        #expect(try opened.referenceTarget("refs/heads/nope") == nil)
        #expect(try opened.references(withPrefix: "refs/heads/").map(\.name) == ["refs/heads/feature", "refs/heads/main"])
    }

    @Test func setAndDetachHead() throws {
        let repo = try TestRepo()
        let one = try repo.commit(["a": "1"], message: "one")
        let opened = try repo.open()
        try opened.detachHead(at: one)
        #expect(opened.isHeadDetached)
        #expect(throws: GitCLIError.self) { try repo.git("symbolic-ref", "-q", "HEAD") }
        try opened.setHead(toBranch: "main")
        #expect(try repo.git("symbolic-ref", "HEAD") == "refs/heads/main")
        try opened.setHead(toBranch: "refs/heads/unborn")
        #expect(opened.isHeadUnborn)
        #expect(try opened.currentBranch() == "unborn")
    }
}
