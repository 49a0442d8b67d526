import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Process-level tests: the built `roadmap` binary and the git CLI on real repositories.
@Suite(.serialized) struct ProposalScenarioTests {
    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    static var roadmapBinary: String {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent(), folder.deletingLastPathComponent().deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("roadmap").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return folder.appendingPathComponent("roadmap").path
    }

    static func environment(_ name: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["ROADMAP_GIT_ISOLATE_CONFIG"] = "1"
        env["NO_COLOR"] = "1"
        for role in ["AUTHOR", "COMMITTER"] {
            env["GIT_\(role)_NAME"] = name
            env["GIT_\(role)_EMAIL"] = "\(name.lowercased())@example.com"
            env["GIT_\(role)_DATE"] = "2026-01-01T12:00:00Z"
        }
        return env
    }

    static func start(_ executable: String, _ arguments: [String], in directory: String, as name: String) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment(name)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func finish(_ started: (Process, Pipe, Pipe)) -> Run {
        let out = started.1.fileHandleForReading.readDataToEndOfFile()
        let err = started.2.fileHandleForReading.readDataToEndOfFile()
        started.0.waitUntilExit()
        return Run(status: started.0.terminationStatus, out: String(decoding: out, as: UTF8.self), err: String(decoding: err, as: UTF8.self))
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: String, as name: String = "Alice") throws -> Run {
        finish(try start(executable, arguments, in: directory, as: name))
    }

    /// `git …`, which must succeed.
    @discardableResult
    static func git(_ directory: String, _ arguments: String..., as name: String = "Alice") throws -> String {
        let result = try run("/usr/bin/git", arguments, in: directory, as: name)
        if result.status != 0 { throw ScenarioError("git \(arguments.joined(separator: " ")) failed: \(result.err)") }
        return result.out
    }

    static func roadmap(_ directory: String, _ arguments: String..., as name: String = "Alice") throws -> Run {
        try run(roadmapBinary, ["--today", "2026-01-01"] + arguments, in: directory, as: name)
    }

    static func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roadmap-scenario-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let release = """
    kind: release
    title: Billing v2   # the big one
    status: planned
    date: 2026-06-15
    tier: major
    tags: [billing, payments]

    """
    static let campaign = """
    kind: campaign
    title: Spring launch
    owner: "@mara"
    promotes: [billing-v2]
    launch: 2026-06-20

    """

    /// A free TCP port on 127.0.0.1 (bound to port 0, read back, released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ScenarioError("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw ScenarioError("bind failed") }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        guard named == 0 else { throw ScenarioError("getsockname failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// `git daemon` serving `basePath` (push enabled), killed after 120 s at the latest;
    /// `stopDaemon` kills it at the end of the test.
    static func startDaemon(basePath: String) throws -> (Process, Int) {
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-s", "KILL", "120", "/usr/lib/git-core/git-daemon", "--export-all", "--enable=receive-pack", "--reuseaddr",
                             "--pid-file=\(basePath)/daemon.pid",
                             "--base-path=\(basePath)", "--listen=127.0.0.1", "--port=\(port)", basePath]
        process.environment = environment("Daemon")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? run("/usr/bin/git", ["ls-remote", "git://127.0.0.1:\(port)/remote.git"], in: basePath, as: "Probe"))?.status == 0 {
                return (process, port)
            }
            usleep(100_000)
        }
        stopDaemon(process, basePath: basePath)
        throw ScenarioError("git daemon did not start on port \(port)")
    }

    /// SIGKILL (a SIGTERM may be ignored in the test runner's children) the daemon, then `timeout`.
    static func stopDaemon(_ process: Process, basePath: String) {
        if let text = try? String(contentsOfFile: basePath + "/daemon.pid", encoding: .utf8),
           let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGKILL)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test func twoPeopleProposeAcceptConflictAndWithdrawOverGitDaemon() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.git(dir, "init", "-q", "--bare", "-b", "main", "remote.git")
        let (daemon, port) = try Self.startDaemon(basePath: dir)
        defer { Self.stopDaemon(daemon, basePath: dir) }
        let url = "git://127.0.0.1:\(port)/remote.git"

        // Alice starts the roadmap and pushes it.
        let alice = dir + "/alice"
        try Self.git(dir, "init", "-q", "-b", "main", "alice")
        try Self.write(alice + "/roadmap/releases/billing-v2.yaml", Self.release)
        try Self.write(alice + "/roadmap/campaigns/spring-launch.yaml", Self.campaign)
        try Self.git(alice, "add", "-A")
        try Self.git(alice, "commit", "-q", "-m", "Start the roadmap")
        try Self.git(alice, "remote", "add", "origin", url)
        #expect(try Self.roadmap(alice, "push").status == 0)

        // Bob clones; Alice proposes tags, Bob proposes a rename, a slip and a conflicting date.
        try Self.git(dir, "clone", "-q", url, "bob", as: "Bob")
        let bob = dir + "/bob"
        var r = try Self.roadmap(alice, "propose", "q3-tags", "-m", "Tag billing for Q3\nSo the Q3 report finds it.")
        #expect(r.status == 0, "\(r.err)")
        try Self.write(alice + "/roadmap/releases/billing-v2.yaml", Self.release.replacingOccurrences(of: "payments]", with: "payments, q3]"))
        try Self.git(alice, "commit", "-q", "-am", "Tag q3")
        #expect(try Self.roadmap(alice, "push").status == 0)

        func propose(_ name: String, _ title: String, _ from: String, _ to: String) throws {
            let r = try Self.roadmap(bob, "propose", name, "-m", title, as: "Bob")
            #expect(r.status == 0, "\(r.err)")
            try Self.write(bob + "/roadmap/releases/billing-v2.yaml", Self.release.replacingOccurrences(of: from, with: to))
            try Self.git(bob, "commit", "-q", "--no-verify", "-am", title, as: "Bob")
            try Self.git(bob, "switch", "-q", "main", as: "Bob")
        }
        try propose("rename", "Rename billing", "title: Billing v2", "title: Billing 2.0")
        try propose("slip", "Slip billing to July", "2026-06-15", "2026-07-30")
        try propose("sept", "Slip billing to September", "2026-06-15", "2026-09-01")
        #expect(try Self.roadmap(bob, "push", as: "Bob").status == 0)
        #expect(try Self.roadmap(bob, "fetch", as: "Bob").status == 0)

        // Alice sees Bob's proposals on the remote, with the overlap flagged.
        #expect(try Self.roadmap(alice, "fetch").status == 0)
        r = try Self.roadmap(alice, "proposals", "--remote", "origin", "--format", "json")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("\"name\": \"slip\""))
        #expect(r.out.contains("\"remote\": \"origin\""))
        #expect(r.out.contains("\"title\": \"Tag billing for Q3\""))
        #expect(r.out.contains("\"field\": \"date\""))
        #expect(r.out.contains("\"reasoning\": \"So the Q3 report finds it.\""))

        // Bob accepts: q3-tags fast-forwards.
        try Self.git(bob, "branch", "proposal/q3-tags", "origin/proposal/q3-tags", as: "Bob")
        let q3Tip = try Self.git(bob, "rev-parse", "proposal/q3-tags", as: "Bob")
        r = try Self.roadmap(bob, "accept", "q3-tags", as: "Bob")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("fast-forward"))
        #expect(try Self.git(bob, "rev-parse", "main", as: "Bob") == q3Tip)

        // rename: a merge commit, title and tags merged inside billing-v2.
        r = try Self.roadmap(bob, "accept", "rename", as: "Bob")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("merged field by field: billing-v2"))
        let merged = try String(contentsOfFile: bob + "/roadmap/releases/billing-v2.yaml", encoding: .utf8)
        #expect(merged == Self.release.replacingOccurrences(of: "title: Billing v2", with: "title: Billing 2.0").replacingOccurrences(of: "payments]", with: "payments, q3]"))
        #expect(try Self.git(bob, "rev-list", "--parents", "-n", "1", "main", as: "Bob").split(separator: " ").count == 3)

        // slip: refused for a new launch-before-release, then forced.
        let before = try Self.git(bob, "for-each-ref", as: "Bob")
        r = try Self.roadmap(bob, "accept", "slip", as: "Bob")
        #expect(r.status == 1)
        #expect(r.out.contains("[launch-before-release]"))
        #expect(r.err.hasPrefix("roadmap: error: accept of 'slip' refused"))
        #expect(try Self.git(bob, "for-each-ref", as: "Bob") == before)
        r = try Self.roadmap(bob, "accept", "slip", "--force", as: "Bob")
        #expect(r.status == 0, "\(r.err)")

        // sept: a conflict on the same field; nothing changes.
        let beforeSept = try Self.git(bob, "for-each-ref", as: "Bob")
        r = try Self.roadmap(bob, "accept", "sept", as: "Bob")
        #expect(r.status == 1)
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.err.contains("item 'billing-v2'") && r.err.contains("field 'date'"))
        #expect(try Self.git(bob, "for-each-ref", as: "Bob") == beforeSept)
        #expect(try Self.git(bob, "status", "--porcelain", as: "Bob").isEmpty)

        r = try Self.roadmap(bob, "withdraw", "sept", "-m", "Superseded by slip", as: "Bob")
        #expect(r.status == 0, "\(r.err)")
        r = try Self.roadmap(bob, "push", as: "Bob")
        #expect(r.status == 0, "\(r.err)")

        // What a git user expects.
        let graph = try Self.git(bob, "log", "--graph", "--all", "--format=%s", as: "Bob")
        #expect(graph.contains("Accept proposal rename: Rename billing"))
        #expect(graph.contains("Accept proposal slip: Slip billing to July"))
        #expect(graph.contains("Withdraw proposal sept"))
        #expect(graph.contains("|\\"))
        let archives = try Self.git(dir + "/remote.git", "for-each-ref", "--format=%(refname)", "refs/proposals")
        #expect(archives == "refs/proposals/accepted/q3-tags\nrefs/proposals/accepted/rename\nrefs/proposals/accepted/slip\nrefs/proposals/withdrawn/sept\n")
        #expect(try Self.git(dir + "/remote.git", "for-each-ref", "--format=%(refname)", "refs/heads/proposal").isEmpty)
        #expect(try Self.roadmap(alice, "fetch").status == 0)
        #expect(try Self.git(alice, "rev-parse", "refs/proposals/withdrawn/sept") == (try Self.git(bob, "rev-parse", "refs/proposals/withdrawn/sept", as: "Bob")))
        for repo in [alice, bob, dir + "/remote.git"] {
            let fsck = try Self.run("/usr/bin/git", ["fsck", "--strict"], in: repo, as: "Check")
            #expect(fsck.status == 0, "\(repo): \(fsck.err)")
        }
    }

    @Test func racingAcceptsLoseNothing() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let work = dir + "/work"
        try Self.git(dir, "init", "-q", "-b", "main", "work")
        try Self.write(work + "/roadmap/releases/billing-v2.yaml", Self.release)
        try Self.write(work + "/roadmap/campaigns/spring-launch.yaml", Self.campaign)
        try Self.git(work, "add", "-A")
        try Self.git(work, "commit", "-q", "-m", "init")
        for round in 0..<4 {
            var tips: [String: String] = [:]
            for side in ["a", "b"] {
                let name = "p\(round)\(side)"
                #expect(try Self.roadmap(work, "propose", name, "--no-switch").status == 0)
                try Self.git(work, "switch", "-q", "proposal/\(name)")
                try Self.write(work + "/roadmap/epics/\(name).yaml", "kind: epic\ntitle: \(name)\n")
                try Self.git(work, "add", "-A")
                try Self.git(work, "commit", "-q", "-m", name)
                tips[name] = try Self.git(work, "rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
                try Self.git(work, "switch", "-q", "main")
            }
            let bare = dir + "/bare\(round).git"
            try Self.git(dir, "clone", "-q", "--bare", work, bare)
            for name in tips.keys { try Self.git(bare, "branch", "-f", "proposal/\(name)", tips[name]!) }
            let started = try tips.keys.sorted().map { try Self.start(Self.roadmapBinary, ["--today", "2026-01-01", "accept", $0, "--no-ff"], in: bare, as: "Racer") }
            let results = started.map(Self.finish)
            for result in results {
                #expect(result.status == 0 || (result.status == 1 && result.err.contains("was moved by someone else")), "\(result.err)")
            }
            #expect(results.contains { $0.status == 0 })
            // Nothing lost: each proposal is in main, or still open on its branch.
            for (name, tip) in tips {
                let inMain = try Self.run("/usr/bin/git", ["merge-base", "--is-ancestor", tip, "main"], in: bare, as: "Check").status == 0
                let open = (try? Self.git(bare, "rev-parse", "--verify", "-q", "refs/heads/proposal/\(name)"))?.trimmingCharacters(in: .whitespacesAndNewlines) == tip
                #expect(inMain != open, "\(name): in main \(inMain), open \(open)")
            }
            #expect(try Self.run("/usr/bin/git", ["fsck", "--strict"], in: bare, as: "Check").status == 0)
        }
    }

    @Test func plainGitMergeUsesTheFieldLevelDriver() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let work = dir + "/work"
        try Self.git(dir, "init", "-q", "-b", "main", "work")
        try Self.write(work + "/roadmap/releases/billing-v2.yaml", Self.release)
        var r = try Self.roadmap(work, "hooks", "install")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("merge-driver: installed"))
        #expect(try String(contentsOfFile: work + "/.gitattributes", encoding: .utf8).contains("roadmap/**/*.yaml merge=roadmap"))
        try Self.git(work, "add", "-A")
        try Self.git(work, "commit", "-q", "-m", "init")
        try Self.git(work, "switch", "-q", "-c", "rename")
        try Self.write(work + "/roadmap/releases/billing-v2.yaml", Self.release.replacingOccurrences(of: "title: Billing v2", with: "title: Billing 2.0"))
        try Self.git(work, "commit", "-q", "-am", "rename")
        try Self.git(work, "switch", "-q", "main")
        // Adjacent lines (title, status): git's line merge alone would conflict; the driver merges fields.
        try Self.write(work + "/roadmap/releases/billing-v2.yaml", Self.release.replacingOccurrences(of: "status: planned", with: "status: in-progress"))
        try Self.git(work, "commit", "-q", "-am", "status")
        try Self.git(work, "merge", "-q", "--no-edit", "rename")
        let merged = try String(contentsOfFile: work + "/roadmap/releases/billing-v2.yaml", encoding: .utf8)
        #expect(merged == Self.release.replacingOccurrences(of: "title: Billing v2", with: "title: Billing 2.0").replacingOccurrences(of: "status: planned", with: "status: in-progress"))

        // The same field on both sides: git reports a conflict.
        try Self.git(work, "switch", "-q", "-c", "june")
        try Self.write(work + "/roadmap/releases/billing-v2.yaml", merged.replacingOccurrences(of: "2026-06-15", with: "2026-06-01"))
        try Self.git(work, "commit", "-q", "-am", "june")
        try Self.git(work, "switch", "-q", "main")
        try Self.write(work + "/roadmap/releases/billing-v2.yaml", merged.replacingOccurrences(of: "2026-06-15", with: "2026-06-02"))
        try Self.git(work, "commit", "-q", "-am", "june 2")
        r = try Self.run("/usr/bin/git", ["merge", "--no-edit", "june"], in: work, as: "Alice")
        #expect(r.status != 0)
        #expect((r.err + r.out).contains("field 'date'"), "the driver names the conflicting field: \(r.err)\(r.out)")
        try Self.git(work, "merge", "--abort")

        // A clone has the attributes but not the driver: status says so.
        try Self.git(dir, "clone", "-q", work, "clone")
        r = try Self.roadmap(dir + "/clone", "hooks", "status")
        #expect(r.out.contains("merge-driver: missing: .gitattributes asks for merge=roadmap"))
    }
}

struct ScenarioError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
