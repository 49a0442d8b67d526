import Foundation
@testable import GitKit
import Testing

/// The complete changed-path index against git's own diff of every commit, and its file
/// checks.
@Suite("Changed-path index")
struct ChangedPathIndexTests {
    static func write(_ bytes: [UInt8], in repo: TestRepo, name: String = "path-index") throws -> String {
        let path = repo.path + "/.git/\(name)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("every commit's keys are exactly the paths git's diff-tree lists against the first parent, with their folders")
    func matchesDiffTree() throws {
        let repo = try CommitGraphTests.history()
        try repo.git("commit-graph", "write", "--reachable", "--changed-paths")
        let reader = try HistoryReader(try repo.open())
        let graph = try #require(reader.commitGraph)
        let bytes = try #require(try ChangedPathIndex.build(reader))
        let index = try #require(ChangedPathIndex(path: try Self.write(bytes, in: repo)))
        #expect(index.matches(graph))
        #expect(index.commitCount == graph.count)
        let changes = try CommitGraphTests.changes(repo)
        let universe = changes.reduce(into: Set<String>()) { $0.formUnion($1.1) }
        for (id, changed) in changes {
            let position = try #require(graph.position(of: id))
            #expect(graph.id(atPosition: position) == id)
            let link = try #require(graph.link(id))
            #expect(graph.tree(atPosition: position) == link.treeID)
            #expect(graph.commitTime(atPosition: position) == link.commitTime)
            var parents: [Int] = []
            #expect(graph.parentPositions(atPosition: position, into: &parents))
            #expect(parents.compactMap { graph.id(atPosition: $0) } == link.parents)
            for path in universe {
                #expect(index.mayHaveChanged(key: ChangedPathIndex.key(path), atPosition: position) == changed.contains(path),
                        "\(path) at \(id)")
            }
        }
        #expect(index.mayHaveChanged(key: 0, atPosition: graph.count) == nil)
    }

    @Test("a file that fails a check is refused")
    func refusesDamage() throws {
        let repo = try TestRepo()
        let checksum = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        let good = ChangedPathIndex.encode(graphChecksum: checksum, layerCount: 1, keys: [[3, 1, 2], [], [7]])
        let index = try #require(ChangedPathIndex(path: try Self.write(good, in: repo)))
        #expect(index.mayHaveChanged(key: 2, atPosition: 0) == true)
        #expect(index.mayHaveChanged(key: 7, atPosition: 0) == false)
        #expect(index.mayHaveChanged(key: 7, atPosition: 2) == true)
        #expect(index.mayHaveChanged(key: 1, atPosition: 1) == false)
        #expect(index.graphChecksum == checksum)
        // Every single flipped bit is found (by the check, or first by a structure check).
        for offset in 0..<good.count {
            var bad = good
            bad[offset] ^= 0x01
            #expect(ChangedPathIndex(path: try Self.write(bad, in: repo, name: "bad")) == nil, "bit at \(offset)")
        }
        #expect(ChangedPathIndex(path: try Self.write(Array(good.dropLast()), in: repo, name: "bad")) == nil)
        #expect(ChangedPathIndex(path: try Self.write(good + [0], in: repo, name: "bad")) == nil)
        // Keys out of order with a valid check: refused (a binary search would miss keys).
        var unsorted = good
        let keys = ChangedPathIndex.headerSize + 4 * 4
        unsorted.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: UInt64(9).littleEndian, toByteOffset: keys, as: UInt64.self)
        }
        let body = unsorted.count - 8
        let check = unsorted.withUnsafeBytes { ChangedPathIndex.check(UnsafeRawBufferPointer(rebasing: $0[0..<body])) }
        unsorted.withUnsafeMutableBytes { $0.storeBytes(of: check.littleEndian, toByteOffset: body, as: UInt64.self) }
        #expect(ChangedPathIndex(path: try Self.write(unsorted, in: repo, name: "bad")) == nil)
    }
}
