import Testing
@testable import GitKit

@Suite struct HistoryTests {
    /// base - m1 - m2 ------ merge - m3
    ///    \- s1 - s2 ----/
    private func branchyRepo() throws -> TestRepo {
        let repo = try TestRepo()
        try repo.commit(["a": "0"], message: "base")
        try repo.git("checkout", "-q", "-b", "side")
        try repo.commit(["s": "1"], message: "s1")
        try repo.git("checkout", "-q", "main")
        try repo.commit(["a": "1"], message: "m1")
        try repo.git("checkout", "-q", "side")
        try repo.commit(["s": "2"], message: "s2")
        try repo.git("checkout", "-q", "main")
        try repo.commit(["a": "2"], message: "m2")
        try repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
        try repo.commit(["a": "3"], message: "m3")
        return repo
    }

    @Test func walksInTimeOrderLikeRevList() throws {
        let repo = try branchyRepo()
        let opened = try repo.open()
        let walked = try opened.walk(from: [repo.id("HEAD")], order: .time).allIDs().map(\.hex)
        #expect(walked == (try repo.lines("rev-list", "HEAD")))
    }

    @Test func walksTopologically() throws {
        let repo = try branchyRepo()
        let opened = try repo.open()
        let topo = try opened.walk(from: [repo.id("HEAD")], order: .topologicalTime).allIDs()
        #expect(topo.map(\.hex) == (try repo.lines("rev-list", "--date-order", "HEAD")))
        let plainTopo = try opened.walk(from: [repo.id("HEAD")], order: .topological).allIDs()
        #expect(Set(plainTopo.map(\.hex)) == Set(try repo.lines("rev-list", "--topo-order", "HEAD")))
        // No commit comes after one of its parents' position... i.e. children first.
        let position = Dictionary(uniqueKeysWithValues: plainTopo.enumerated().map { ($1, $0) })
        for id in plainTopo {
            for parent in try opened.commit(id).parents {
                #expect(try #require(position[parent]) > #require(position[id]))
            }
        }
    }

    @Test func walksFirstParentsAndHidesAncestors() throws {
        let repo = try branchyRepo()
        let opened = try repo.open()
        let firstParent = try opened.walk(from: [repo.id("HEAD")], firstParentOnly: true).allIDs().map(\.hex)
        #expect(firstParent == (try repo.lines("rev-list", "--first-parent", "HEAD")))
        let hidden = try opened.walk(from: [repo.id("side")], hiding: [repo.id("main~2")]).allIDs().map(\.hex)
        #expect(hidden == (try repo.lines("rev-list", "side", "^main~2")))
        // Sequence conformance yields the same ids.
        let asSequence = Array(try opened.walk(from: [repo.id("HEAD")])).map(\.hex)
        #expect(asSequence == (try repo.lines("rev-list", "HEAD")))
    }

    @Test func walkedCommitsCarryAuthorCommitterDatesAndMessages() throws {
        let repo = try branchyRepo()
        let opened = try repo.open()
        let expected = try repo.lines("log", "--format=%H|%P|%an|%ae|%at|%cn|%ce|%ct|%s")
        var actual: [String] = []
        for id in try opened.walk(from: [repo.id("HEAD")]).allIDs() {
            let c = try opened.commit(id)
            actual.append([c.id.hex, c.parents.map(\.hex).joined(separator: " "), c.author.name, c.author.email,
                           "\(Int(c.author.date.timeIntervalSince1970))", c.committer.name, c.committer.email,
                           "\(Int(c.committer.date.timeIntervalSince1970))", c.summary].joined(separator: "|"))
        }
        #expect(actual == expected)
    }

    @Test func mergeBaseAndAheadBehindMatchGit() throws {
        let repo = try TestRepo()
        try repo.commit(["a": "0"], message: "base")
        try repo.git("checkout", "-q", "-b", "proposal/x")
        try repo.commit(["p": "1"], message: "p1")
        try repo.commit(["p": "2"], message: "p2")
        try repo.git("checkout", "-q", "main")
        try repo.commit(["a": "1"], message: "m1")
        let opened = try repo.open()
        let local = try repo.id("proposal/x"), upstream = try repo.id("main")
        #expect(try opened.mergeBase(local, upstream)?.hex == (try repo.git("merge-base", "proposal/x", "main")))
        let counts = try repo.git("rev-list", "--left-right", "--count", "proposal/x...main").split(separator: "\t")
        let (ahead, behind) = try opened.aheadBehind(local, upstream)
        #expect("\(ahead)" == counts.first.map(String.init))
        #expect("\(behind)" == counts.last.map(String.init))
        #expect(ahead == 2 && behind == 1)
        #expect(try opened.isDescendant(local, of: repo.id("main~1")))
        #expect(try !opened.isDescendant(local, of: upstream))
        #expect(try !opened.isDescendant(local, of: local))
        #expect(try opened.isAncestor(local, of: local))
    }

    @Test func unrelatedHistoriesHaveNoMergeBase() throws {
        let repo = try TestRepo()
        let one = try repo.commit(["a": "0"], message: "base")
        try repo.git("checkout", "-q", "--orphan", "other")
        let two = try repo.commit(["b": "0"], message: "other root")
        #expect(try repo.open().mergeBase(one, two) == nil)
    }
}
