import Foundation
@testable import GitKit
import Testing

@Suite("History support")
struct HistorySupportTests {
    static let isolation: Void = { setenv("ROADMAP_GIT_ISOLATE_CONFIG", "1", 1) }()

    @discardableResult
    static func git(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        for role in ["AUTHOR", "COMMITTER"] {
            env["GIT_\(role)_NAME"] = "T"
            env["GIT_\(role)_EMAIL"] = "t@example.com"
            env["GIT_\(role)_DATE"] = "1767225600 +0000"
        }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GitError(code: -1, errorClass: 0, message: "git \(arguments) failed", operation: "git") }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("changedPaths equals git diff-tree -r --name-only; top-down changes, treeEntry, commitLink, shallowCommitIDs")
    func changedPaths() throws {
        _ = Self.isolation
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        func write(_ path: String, _ text: String) throws { try Data(text.utf8).write(to: dir.appendingPathComponent(path)) }
        try Self.git(["init", "-q", "-b", "main", "."], in: dir)
        try write("a/b/x", "1"); try write("a/y", "2"); try write("a.txt", "3"); try write("z", "4")
        try Self.git(["add", "-A"], in: dir); try Self.git(["commit", "-qm", "one"], in: dir)
        try write("a/b/x", "changed"); try FileManager.default.removeItem(at: dir.appendingPathComponent("a/y"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("z"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("z"), withIntermediateDirectories: true)
        try write("z/new", "5"); try write("a-b", "6")
        try Self.git(["add", "-A"], in: dir); try Self.git(["commit", "-qm", "two"], in: dir)

        let repository = try Repository.open(at: dir.path)
        let head = try repository.resolveCommit("HEAD")
        let link = try repository.commitLink(head)
        let parent = try repository.commitLink(link.parents[0])
        #expect(link.commitTime == 1_767_225_600)
        #expect(parent.parents.isEmpty)
        let expected = try Self.git(["diff-tree", "-r", "--name-only", "HEAD~1", "HEAD"], in: dir).split(separator: "\n").map(String.init)
        #expect(try repository.changedPaths(from: parent.treeID, to: link.treeID) == expected)
        #expect(try repository.changedPaths(from: nil, to: parent.treeID) == ["a.txt", "a/b/x", "a/y", "z"])
        #expect(try repository.changedPaths(from: link.treeID, to: link.treeID).isEmpty)
        #expect(try repository.treeEntry(named: "a", inTree: link.treeID)?.mode == .tree)
        #expect(try repository.treeEntry(named: "nope", inTree: link.treeID) == nil)
        #expect(try repository.entry(at: "a/b/x", inTree: link.treeID)?.id == repository.entry(at: "a/b/x", inCommit: head)?.id)
        #expect(try repository.shallowCommitIDs().isEmpty)
        #expect(ObjectID(rawBytes: head.rawBytes) == head)

        // Top-down: only the folders asked for are looked into; the others are named.
        let reader = try HistoryReader(repository, cachedTrees: 1)
        #expect(try reader.changes(from: parent.treeID, to: link.treeID, expanding: { $0 == "a" }) == [
            TreeChange(path: "a-b", kind: .leaf),
            TreeChange(path: "a", kind: .folder),
            TreeChange(path: "a/b", kind: .unexpandedFolder),
            TreeChange(path: "a/y", kind: .leaf),
            TreeChange(path: "z", kind: .leaf),
            TreeChange(path: "z", kind: .unexpandedFolder),
        ])
        #expect(try reader.changes(from: parent.treeID, to: link.treeID, expanding: { _ in true })
                    .filter { $0.kind == .leaf }.map(\.path) == expected)
        #expect(try reader.changes(from: nil, to: parent.treeID, expanding: { _ in false }).map(\.path) == ["a.txt", "a", "z"])
        #expect(try reader.entry(at: ["a", "b", "x"], inTree: link.treeID)?.id == repository.entry(at: "a/b/x", inCommit: head)?.id)
        #expect(try reader.entry(at: ["a", "b", "x", "deeper"], inTree: link.treeID) == nil)
        #expect(try reader.entry(at: ["nope"], inTree: link.treeID) == nil)
        #expect(try reader.link(head) == link)
        #expect(try reader.files(named: ["x", "y"], under: ["a"], inTree: parent.treeID) == ["a/b/x", "a/y"])
        #expect(try reader.files(named: ["x", "y", "b"], under: ["a"], inTree: link.treeID) == ["a/b/x"])
        #expect(try reader.files(named: ["a.txt", "new"], under: [], inTree: link.treeID) == ["a.txt", "z/new"])
        #expect(try reader.files(named: ["x"], under: ["nope"], inTree: link.treeID).isEmpty)
    }
}

@Suite("Commit link prefetcher")
struct CommitLinkPrefetcherTests {
    @Test("reads every commit reachable from the tip, through merges; does not go into known ones; stops cleanly")
    func prefetches() throws {
        let repo = try TestRepo()
        var made: [ObjectID] = []
        for index in 0..<40 {
            made.append(try repo.commit(["\(["a", "b", "c"][index % 3])/f.txt": "\(index)"], message: "c\(index)"))
            if index == 20 {
                try repo.git("checkout", "-q", "-b", "side", "HEAD~5")
                made.append(try repo.commit(["side.txt": "s"], message: "side"))
                try repo.git("checkout", "-q", "main")
                try repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
                made.append(try repo.id("HEAD"))
            }
        }
        let repository = try repo.open()
        let tip = try repo.id("HEAD")
        let all = Set(try repo.lines("rev-list", "HEAD").compactMap { ObjectID(hex: $0) })
        #expect(all.count == made.count)

        let prefetcher = CommitLinkPrefetcher(repository: repository, tip: tip, known: [], boundary: [])
        // Poll until everything is there, as a slow walk would find it.
        var links: [ObjectID: CommitLink] = [:]
        let deadline = Date().addingTimeInterval(20)
        while links.count < all.count, Date() < deadline {
            for id in all where links[id] == nil {
                if let link = prefetcher.take(id) { links[id] = link }
            }
        }
        // Handed over once.
        #expect(prefetcher.take(tip) == nil)
        // It read the root trees too (one is taken here, so the reader below reads that one itself)...
        let tipTree = try #require(links[tip]?.treeID)
        #expect(prefetcher.takeTree(tipTree) != nil)
        #expect(prefetcher.takeTree(tipTree) == nil)
        // ...and they stand in for a reader's own reads, with the same answers.
        let fed = try HistoryReader(repository, cachedTrees: 1)
        fed.takeTrees(from: prefetcher)
        let plain = try HistoryReader(repository, cachedTrees: 1)
        for (id, link) in links {
            let parentTree = try link.parents.first.map { try repository.commitLink($0).treeID }
            #expect(try fed.changes(from: parentTree, to: link.treeID, expanding: { $0 == "a" })
                    == plain.changes(from: parentTree, to: link.treeID, expanding: { $0 == "a" }), "\(id)")
        }
        fed.takeTrees(from: nil)
        // The reader took every other root tree from the prefetcher.
        #expect(links.values.allSatisfy { prefetcher.takeTree($0.treeID) == nil })
        prefetcher.stop()
        #expect(Set(links.keys) == all)
        for (id, link) in links {
            #expect(link == (try repository.commitLink(id)))
        }

        // A known commit is not read, nor what lies only behind it; what is also reachable
        // around it (through the side branch, which forked below it) still is.
        let known = made[17]
        var expected: Set<ObjectID> = []
        var stack = [tip]
        while let id = stack.popLast() {
            guard id != known, expected.insert(id).inserted, let link = links[id] else { continue }
            stack += link.parents
        }
        #expect(!expected.contains(made[16]) && expected.contains(made[15]) && expected.contains(made[18]))
        let partial = CommitLinkPrefetcher(repository: repository, tip: tip, known: [known], boundary: [])
        var got: Set<ObjectID> = []
        let until = Date().addingTimeInterval(20)
        while got != expected, Date() < until {
            for id in all where !got.contains(id) && partial.take(id) != nil { got.insert(id) }
        }
        // Nothing else arrives once the expected ones are in.
        Thread.sleep(forTimeInterval: 0.2)
        for id in all.subtracting(expected) { #expect(partial.take(id) == nil, "\(id)") }
        partial.stop()
        #expect(got == expected)

        // Stopped at once, before it has read anything useful: no hang, no crash.
        CommitLinkPrefetcher(repository: repository, tip: tip, known: [], boundary: []).stop()
    }

    @Test("take waits for a commit the run will reach, and not for one it never reads")
    func takeWaits() throws {
        let repo = try TestRepo()
        for index in 0..<30 { try repo.commit(["f.txt": "\(index)"], message: "c\(index)") }
        try repo.git("checkout", "-q", "-b", "elsewhere", "HEAD~10")
        let elsewhere = try repo.commit(["g.txt": "x"], message: "not on main")
        try repo.git("checkout", "-q", "main")
        let repository = try repo.open()
        let order = try repo.lines("rev-list", "main").compactMap { ObjectID(hex: $0) }
        // Asked at once, newest first as a walk asks: each arrives on the first asking.
        let prefetcher = CommitLinkPrefetcher(repository: repository, tip: order[0], known: [], boundary: [],
                                              patience: .seconds(60))
        for id in order {
            #expect(try prefetcher.take(id) == repository.commitLink(id), "\(id)")
        }
        // Not reachable from the tip: answered nil when the run ends, not after the patience.
        let started = Date()
        #expect(prefetcher.take(elsewhere) == nil)
        #expect(Date().timeIntervalSince(started) < 30)
        prefetcher.stop()
    }

    @Test("on a shallow clone: hands over every commit present, then stops")
    func shallowBoundary() throws {
        let repo = try TestRepo()
        for index in 0..<10 { try repo.commit(["f.txt": "\(index)"], message: "c\(index)") }
        let clonePath = repo.scratch("shallow")
        try repo.git("clone", "-q", "--depth", "3", "file://" + repo.path, clonePath, in: repo.root.path)
        let clone = try Repository.open(at: clonePath)
        let boundary = try clone.shallowCommitIDs()
        #expect(boundary.count == 1)
        let present = Set(try repo.runGit(["rev-list", "HEAD"], in: clonePath).split(separator: "\n").compactMap { ObjectID(hex: String($0)) })
        #expect(present.count == 3)
        let prefetcher = CommitLinkPrefetcher(repository: clone, tip: try clone.resolveCommit("HEAD"), known: [], boundary: boundary)
        var got: Set<ObjectID> = []
        let until = Date().addingTimeInterval(20)
        while got != present, Date() < until {
            for id in present where !got.contains(id) && prefetcher.take(id) != nil { got.insert(id) }
        }
        prefetcher.stop()
        #expect(got == present)
    }
}
