import Foundation
import Testing
import GitKit

@Suite struct ProposalsSupportTests {
    func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gitkit-proposals-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func removeConfigEntryDeletesOnlyThatKey() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let repo = try Repository.create(at: dir)
        try repo.setConfigString("merge.roadmap.driver", "x %O")
        try repo.setConfigString("merge.roadmap.name", "n")
        #expect(try repo.removeConfigEntry("merge.roadmap.driver"))
        #expect(try repo.configString("merge.roadmap.driver") == nil)
        #expect(try repo.configString("merge.roadmap.name") == "n")
        #expect(try repo.removeConfigEntry("merge.roadmap.driver") == false)
    }

    @Test func uncommittedChangesIgnoreUntrackedFiles() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let repo = try Repository.create(at: dir)
        try repo.writeWorkdirFile("a.txt", bytes: Array("one\n".utf8))
        try repo.stage(paths: ["a.txt"])
        let tree = try repo.indexTreeID()
        let signature = Signature(name: "T", email: "t@x", date: Date(timeIntervalSince1970: 1_700_000_000), timeZoneOffsetMinutes: 0)
        _ = try repo.createCommit(tree: tree, parents: [], message: "init", author: signature, committer: signature, updating: "HEAD")
        #expect(try repo.hasUncommittedChanges() == false)
        try repo.writeWorkdirFile("b.txt", bytes: Array("new\n".utf8))
        #expect(try repo.hasUncommittedChanges() == false)
        try repo.writeWorkdirFile("a.txt", bytes: Array("two\n".utf8))
        #expect(try repo.hasUncommittedChanges() == true)
    }
}
