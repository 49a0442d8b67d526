import Foundation
@testable import GitKit
import Testing

/// The commit-graph reader against what git wrote and what libgit2 reads from the objects.
@Suite("Commit-graph reader")
struct CommitGraphTests {
    /// A history with folders, a non-ASCII name whose last bytes land in murmur3's tail (git's
    /// version-1 hash reads them as signed chars), a deletion, a merge and an octopus merge.
    static func history() throws -> TestRepo {
        let repo = try TestRepo()
        try repo.commit(["a/b/one.txt": "1\n", "top.txt": "t\n"], message: "root")
        try repo.commit(["a/b/one.txt": "2\n"], message: "edit one")
        try repo.commit(["a/caf\u{e9}.txt": "x\n", "a/\u{e9}\u{e9}\u{e9}.txt": "y\n"], message: "non-ASCII name")
        for branch in ["s1", "s2", "s3"] {
            try repo.git("checkout", "-q", "-b", branch, "main")
            try repo.commit(["\(branch)/f.txt": branch], message: "on \(branch)")
        }
        try repo.git("checkout", "-q", "main")
        try repo.commit(["top.txt": "t2\n"], message: "edit top")
        try repo.git("merge", "-q", "--no-ff", "-m", "merge s1", "s1")
        try repo.git("merge", "-q", "--no-ff", "-m", "octopus", "s2", "s3")
        try FileManager.default.removeItem(atPath: repo.path + "/a/b/one.txt")
        try repo.commit(message: "delete one")
        return repo
    }

    static func objects(_ repo: TestRepo) -> String { repo.path + "/.git/objects" }

    /// Every commit, and the paths git's diff-tree says each changed against its first
    /// parent (the empty tree for a root), with every folder above them.
    static func changes(_ repo: TestRepo) throws -> [(ObjectID, Set<String>)] {
        try repo.lines("rev-list", "--all", "--parents").map { line in
            let ids = line.split(separator: " ").map(String.init)
            let arguments = ids.count > 1 ? ["diff-tree", "-r", "-z", "--name-only", ids[1], ids[0]]
                : ["diff-tree", "-r", "-z", "--root", "--name-only", "--no-commit-id", ids[0]]
            let output = try repo.gitOutput(arguments)
            var paths = Set<String>()
            for name in output.split(separator: 0) {
                var path = String(decoding: name, as: UTF8.self)
                while true {
                    paths.insert(path)
                    guard let slash = path.lastIndex(of: "/") else { break }
                    path = String(path[..<slash])
                }
            }
            guard let id = ObjectID(hex: ids[0]) else { throw GitCLIError(arguments: arguments, status: 0, stderr: line) }
            return (id, paths)
        }
    }

    @Test("links equal libgit2's reading of the commits (octopus parents too); generations are consistent")
    func linksMatchLibgit2() throws {
        let repo = try Self.history()
        try repo.git("commit-graph", "write", "--reachable")
        let graph = try #require(CommitGraph.load(objectsDirectory: Self.objects(repo)))
        let repository = try repo.open()
        let all = try repo.lines("rev-list", "--all").compactMap(ObjectID.init(hex:))
        #expect(graph.count == all.count)
        #expect(Set(graph.allIDs()) == Set(all))
        #expect(!graph.hasChangedPathFilters)
        var sawOctopus = false
        for id in all {
            let fromGraph = try #require(graph.link(id))
            #expect(fromGraph == (try repository.commitLink(id)), "\(id)")
            if fromGraph.parents.count == 3 { sawOctopus = true }
            // Topological level: one more than the highest parent's; corrected date ≥ time.
            let generation = try #require(graph.generation(of: id))
            let parentLevels = try fromGraph.parents.map { try #require(graph.generation(of: $0)).level }
            #expect(generation.level == (parentLevels.max() ?? 0) + 1)
            if let corrected = generation.correctedCommitDate { #expect(corrected >= fromGraph.commitTime) }
        }
        #expect(sawOctopus)
        #expect(graph.link(ObjectID(hex: String(repeating: "ab", count: 20))!) == nil)
    }

    @Test("changed-path filters: never a wrong no, and a no for most unchanged paths")
    func bloomFilters() throws {
        let repo = try Self.history()
        try repo.git("commit-graph", "write", "--reachable", "--changed-paths")
        let graph = try #require(CommitGraph.load(objectsDirectory: Self.objects(repo)))
        #expect(graph.hasChangedPathFilters)
        let changes = try Self.changes(repo)
        let every = changes.reduce(into: Set<String>()) { $0.formUnion($1.1) }.union(["nowhere", "a/b/nope.txt", "a/caf\u{e9}.tx"])
        var noes = 0, unchanged = 0
        for (id, changed) in changes {
            for path in every {
                guard let answer = graph.mayHaveChanged(ChangedPathQuery(path: path), in: id) else {
                    Issue.record("\(id) has no filter")
                    continue
                }
                if changed.contains(path) {
                    #expect(answer, "\(path) changed in \(id), the filter said no")
                } else {
                    unchanged += 1
                    if !answer { noes += 1 }
                }
            }
        }
        #expect(every.contains("a/caf\u{e9}.txt"))
        #expect(noes * 10 >= unchanged * 8, "\(noes) of \(unchanged) unchanged paths answered no")
    }

    @Test("murmur3: the reference values, and git's signed chars in version 1")
    func murmur() {
        #expect(ChangedPathQuery.murmur3([], seed: 0, .unsigned) == 0)
        #expect(ChangedPathQuery.murmur3(Array("The quick brown fox jumps over the lazy dog".utf8), seed: 0, .unsigned) == 0x2e4f_f723)
        // ASCII: both versions agree; high bytes: they differ.
        #expect(ChangedPathQuery.murmur3(Array("abcde".utf8), seed: 7, .signed) == ChangedPathQuery.murmur3(Array("abcde".utf8), seed: 7, .unsigned))
        #expect(ChangedPathQuery.murmur3([0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff], seed: 0, .unsigned) == 0xa183_ccfd)
        #expect(ChangedPathQuery.murmur3([0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff], seed: 0, .signed) != 0xa183_ccfd)
    }

    @Test("split chains: every layer is read; a layer that does not match leaves the ones above it out")
    func splitChain() throws {
        let repo = try TestRepo()
        try repo.commit(["a/b/one.txt": "1\n", "top.txt": "t\n"], message: "root")
        try repo.commit(["a/b/one.txt": "2\n"], message: "edit one")
        try repo.git("commit-graph", "write", "--reachable", "--split", "--changed-paths")
        try repo.git("checkout", "-q", "-b", "side")
        try repo.commit(["s/f.txt": "s\n"], message: "on side")
        try repo.git("checkout", "-q", "main")
        try repo.commit(["a/b/two.txt": "2\n"], message: "after the first layer")
        try repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
        try repo.git("commit-graph", "write", "--reachable", "--split=no-merge", "--changed-paths")
        try repo.commit(["top.txt": "t3\n"], message: "after the second layer")
        try repo.git("commit-graph", "write", "--reachable", "--split=no-merge", "--no-changed-paths")
        let objects = Self.objects(repo)
        #expect(!FileManager.default.fileExists(atPath: objects + "/info/commit-graph"))
        let graph = try #require(CommitGraph.load(objectsDirectory: objects))
        #expect(graph.layerCount == 3)
        let repository = try repo.open()
        let all = try repo.lines("rev-list", "--all").compactMap(ObjectID.init(hex:))
        #expect(graph.count == all.count)
        for id in all { #expect(graph.link(id) == (try repository.commitLink(id))) }
        // The newest layer has no filters, the older ones do.
        let head = try repo.id("HEAD"), older = try repo.id("HEAD~2")
        #expect(graph.mayHaveChanged(ChangedPathQuery(path: "top.txt"), in: head) == nil)
        #expect(graph.mayHaveChanged(ChangedPathQuery(path: "a/b/two.txt"), in: older) == true)
        #expect(graph.mayHaveChanged(ChangedPathQuery(path: "a/b/one.txt"), in: older) == false)

        // The middle layer replaced by garbage: only the lowest one is used.
        let chain = try String(contentsOfFile: objects + "/info/commit-graphs/commit-graph-chain", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let middle = objects + "/info/commit-graphs/graph-\(chain[1]).graph"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: middle))
        bytes[bytes.count / 2] ^= 0xff
        try FileManager.default.removeItem(atPath: middle)
        try bytes.write(to: URL(fileURLWithPath: middle))
        let lowest = try #require(CommitGraph.load(objectsDirectory: objects))
        #expect(lowest.layerCount == 1)
        #expect(lowest.link(head) == nil)
    }

    @Test("a damaged graph is not used: truncated, a flipped byte, another version or hash")
    func damaged() throws {
        let repo = try Self.history()
        try repo.git("commit-graph", "write", "--reachable", "--changed-paths")
        let path = Self.objects(repo) + "/info/commit-graph"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(CommitGraph.load(objectsDirectory: Self.objects(repo)) != nil)
        var damages: [(String, Data)] = [("truncated", original.prefix(original.count / 2)), ("empty", Data())]
        for offset in [4, 5, 6, 20, 200, original.count / 2, original.count - 30, original.count - 1] {
            var flipped = original
            flipped[offset] ^= 0x01
            damages.append(("byte \(offset) flipped", flipped))
        }
        for (what, bytes) in damages {
            try bytes.write(to: URL(fileURLWithPath: path))
            #expect(CommitGraph.load(objectsDirectory: Self.objects(repo)) == nil, "\(what)")
            // Still parsed without reading out of bounds when the checksum is not checked.
            _ = CommitGraph.load(objectsDirectory: Self.objects(repo), verifyChecksum: false)?.allIDs()
        }
    }

    /// Both implementations: libcrypto's where the binary links it, and the portable one
    /// (the fuzzers' and the shared-libgit2 build's).
    @Test("SHA-1: the FIPS examples", arguments: [false, true])
    func sha1(portable: Bool) {
        func hex(_ text: String) -> String {
            Array(text.utf8).withUnsafeBytes { portable ? SHA1.portableDigest($0) : SHA1.digest($0) }
                .map { String(format: "%02x", $0) }.joined()
        }
        #expect(hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        // Around the padding's block boundary, and several blocks.
        #expect(hex(String(repeating: "a", count: 55)) == "c1c8bbdc22796e28c0e15163d20899b65621d65a")
        #expect(hex(String(repeating: "a", count: 56)) == "c2db330f6083854c99d4b5bfb6e8f29f201be699")
        #expect(hex(String(repeating: "a", count: 64)) == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
        #expect(hex(String(repeating: "a", count: 1000)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }
}
