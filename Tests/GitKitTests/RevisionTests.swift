import Testing
@testable import GitKit

@Suite struct RevisionTests {
    @Test func resolvesAncestryTagsShortAndFullIds() throws {
        let repo = try TestRepo()
        for n in 1...5 { try repo.commit(["f": "\(n)"], message: "c\(n)") }
        try repo.git("tag", "light", "HEAD~1")
        try repo.git("tag", "-a", "annotated", "-m", "release", "HEAD~2")
        let opened = try repo.open()

        #expect(try opened.resolveCommit("main~3") == repo.id("main~3"))
        #expect(try opened.resolveCommit("light") == repo.id("HEAD~1"))
        #expect(try opened.resolveCommit("annotated") == repo.id("HEAD~2"))
        #expect(try opened.resolveCommit("refs/tags/annotated") == repo.id("HEAD~2"))
        let head = try repo.id("HEAD")
        #expect(try opened.resolveCommit(String(head.hex.prefix(9))) == head)
        #expect(try opened.resolveCommit(head.hex) == head)
        // The annotated tag's ref points at the tag object, not the commit.
        #expect(try opened.referenceTarget("refs/tags/annotated") != repo.id("HEAD~2"))
    }

    @Test func resolvesTheSecondParentOfAMerge() throws {
        let repo = try TestRepo()
        try repo.commit(["a": "1"], message: "base")
        try repo.git("checkout", "-q", "-b", "side")
        let side = try repo.commit(["b": "1"], message: "side")
        try repo.git("checkout", "-q", "main")
        let mainTip = try repo.commit(["c": "1"], message: "main")
        try repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
        let opened = try repo.open()
        #expect(try opened.resolveCommit("HEAD^2") == side)
        #expect(try opened.resolveCommit("HEAD^1") == mainTip)
        #expect(try opened.commit(opened.resolveCommit("HEAD")).parents == [mainTip, side])
    }

    @Test func unknownRevisionIsNotFound() throws {
        let repo = try TestRepo()
        try repo.commit(["a": "1"], message: "base")
        let error = try #require(throws: GitError.self) { try repo.open().resolveCommit("no-such-branch") }
        #expect(error.isNotFound)
        #expect(error.message.contains("no-such-branch"))
    }
}
