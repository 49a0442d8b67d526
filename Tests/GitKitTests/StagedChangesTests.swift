import Foundation
import Testing
@testable import GitKit

@Suite struct StagedChangesTests {
    @Test func stagedChangesCompareHeadWithTheIndex() throws {
        let repo = try TestRepo()
        try repo.commit(["roadmap/a.yaml": "a\n", "roadmap/b.yaml": "b\n"], message: "base")
        try repo.write("roadmap/a.yaml", "a2\n")
        try repo.write("roadmap/c.yaml", "c\n")
        try repo.git("add", "roadmap/a.yaml", "roadmap/c.yaml")
        try repo.write("roadmap/b.yaml", "unstaged\n")
        let deltas = try repo.open().stagedChanges(paths: ["roadmap"])
        #expect(Dictionary(uniqueKeysWithValues: deltas.map { ($0.path, $0.status) }) == ["roadmap/a.yaml": .modified, "roadmap/c.yaml": .added])
        let a = try #require(deltas.first { $0.path == "roadmap/a.yaml" })
        #expect(a.newID?.hex == (try repo.git("rev-parse", ":roadmap/a.yaml")))
    }

    @Test func stagedChangesOnAnUnbornBranch() throws {
        let repo = try TestRepo()
        try repo.write("roadmap.yaml", "root: roadmap\n")
        try repo.git("add", "roadmap.yaml")
        #expect(try repo.open().stagedChanges().map(\.status) == [.added])
    }

    @Test func gitIndexFileFromTheEnvironmentIsTheIndexRead() throws {
        let repo = try TestRepo()
        try repo.commit(["roadmap/a.yaml": "a\n"], message: "base")
        try repo.write("roadmap/a.yaml", "in the other index\n")
        let alternate = repo.path + "/.git/other-index"
        try FileManager.default.copyItem(atPath: repo.path + "/.git/index", toPath: alternate)
        try repo.runGit(["add", "roadmap/a.yaml"], in: repo.path, environment: ["GIT_INDEX_FILE": alternate])
        let expectedTree = try repo.runGit(["write-tree"], in: repo.path, environment: ["GIT_INDEX_FILE": alternate])

        // As a hook sees it: GIT_INDEX_FILE relative to the top of the working tree.
        let hooked = try Repository.discover(from: repo.path + "/roadmap", environment: ["GIT_INDEX_FILE": ".git/other-index"])
        #expect(hooked.indexFileOverride == alternate)
        #expect(try hooked.indexTreeID().hex == expectedTree)
        #expect(try hooked.stagedChanges().map(\.path) == ["roadmap/a.yaml"])
        #expect(try hooked.indexEntries().first?.id.hex == (try repo.runGit(["rev-parse", ":roadmap/a.yaml"], in: repo.path, environment: ["GIT_INDEX_FILE": alternate])))

        // Without it, the repository's own index, which has nothing staged.
        let plain = try Repository.discover(from: repo.path)
        #expect(try plain.stagedChanges().isEmpty)
        #expect(try plain.indexTreeID() == plain.commit(repo.id("HEAD")).treeID)
    }
}
