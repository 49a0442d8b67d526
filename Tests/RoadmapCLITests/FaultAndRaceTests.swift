import Foundation
import Testing

/// Faults and races with the built binary (SPEC §10: a command that fails leaves the
/// repository, the index, the working tree and every ref as they were): a lock held by
/// another process, a ref moved by git while an accept runs, two commits at once, processes
/// killed with SIGKILL at random points, and a full disk. After each, `git fsck --strict` is
/// clean and no change is half made or lost.
@Suite(.serialized) struct FaultAndRaceTests {
    // MARK: Locks held by another process

    @Test func aHeldIndexLockRefusesCommitAndAcceptAndChangesNothing() throws {
        let s = try Scratch()
        let repo = try s.example()
        try Self.makeProposal(s, repo, name: "rename", item: "insights", title: "Insights, renamed")
        let lock = s.dir(repo) + "/.git/index.lock"
        try Data("held by another git process\n".utf8).write(to: URL(fileURLWithPath: lock))

        var before = try Self.state(s, repo)
        var r = try s.roadmap("--today", "2026-01-01", "accept", "rename", in: repo)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("roadmap: error:") && r.stderr.contains("index.lock"), "\(r.stderr)")
        #expect(try Self.state(s, repo) == before)

        // Editing a file needs no index; committing it does.
        #expect(try s.roadmap("set", "billing-v2", "title=Billing 2", in: repo).status == 0)
        before = try Self.state(s, repo)
        r = try s.roadmap("--today", "2026-01-01", "commit", "--all", "-m", "Rename billing", in: repo)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("roadmap: error:") && r.stderr.contains("index.lock"), "\(r.stderr)")
        #expect(try Self.state(s, repo) == before)
        #expect(FileManager.default.fileExists(atPath: lock), "somebody else's lock must never be removed")

        try FileManager.default.removeItem(atPath: lock)
        r = try s.roadmap("--today", "2026-01-01", "commit", "--all", "-m", "Rename billing", in: repo)
        #expect(r.status == 0, "\(r.stderr)")
        r = try s.roadmap("--today", "2026-01-01", "accept", "rename", in: repo)
        #expect(r.status == 0, "\(r.stderr)")
        try Self.expectConsistent(s, repo, clean: true)
    }

    @Test func aLockedBaseRefRefusesAcceptAndPutsTheWorkingTreeBack() throws {
        let s = try Scratch()
        let repo = try s.example()
        try Self.makeProposal(s, repo, name: "rename", item: "insights", title: "Insights, renamed")
        // Another git process is updating main right now.
        let lock = s.dir(repo) + "/.git/refs/heads/main.lock"
        try Data().write(to: URL(fileURLWithPath: lock))
        for mode in [["--no-ff"], []] {
            let before = try Self.state(s, repo)
            let r = try s.roadmap(["--today", "2026-01-01", "accept", "rename"] + mode, in: repo)
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.contains("refs/heads/main is locked") && r.stderr.contains("Nothing was changed"), "\(r.stderr)")
            #expect(try Self.state(s, repo) == before, "accept \(mode) changed something although it failed")
        }
        try FileManager.default.removeItem(atPath: lock)
        #expect(try s.roadmap("--today", "2026-01-01", "accept", "rename", in: repo).status == 0)
        try Self.expectConsistent(s, repo, clean: true)
    }

    // MARK: Races

    /// git moves the base (another person's commit, pushed to this repository) while
    /// `roadmap accept` runs: the accept either wins, merges onto the new tip, or refuses with
    /// nothing changed; nobody's commit is lost.
    ///
    /// Ten rounds move the base after a random delay and count which of the three it was;
    /// only a move between accept reading the base and moving it is a real overlap, and timing
    /// alone may never land one. Two more rounds make sure: accept stops itself
    /// (`ROADMAP_TEST_STOP_AT`) after its merge is computed and the working tree updated, just
    /// before it moves the base; git moves the base then, and accept continues and must refuse.
    @Test func gitMovingTheBaseDuringAcceptLosesNothing() throws {
        let s = try Scratch()
        let repo = try s.example()
        let timedRounds = 10, stoppedRounds = 2
        var overlapped = 0, overlappedByTiming = 0, gitFirst = 0, acceptFirst = 0
        for round in 0..<(timedRounds + stoppedRounds) {
            let stopped = round >= timedRounds
            let name = "race\(round)"
            let tip = try Self.makeProposal(s, repo, name: name, item: "insights", title: "Insights round \(round)")
            let old = try Self.rev(s, repo, "main")
            // Somebody else's commit on main, with the same tree (so the working tree stays valid).
            let theirs = try Self.out(s.git("commit-tree", "main^{tree}", "-p", "main", "-m", "someone else, round \(round)", in: repo))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let accept = try s.startRoadmap(["--today", "2026-01-01", "accept", name] + (round % 2 == 0 ? [] : ["--no-ff"]), in: repo,
                                            environment: stopped ? ["ROADMAP_TEST_STOP_AT": "accept.worktree-updated"] : [:])
            if stopped {
                let stoppedInTime = Self.waitUntilStopped(accept)
                #expect(stoppedInTime, "round \(round): accept never stopped before moving the base")
                if !stoppedInTime { accept.kill() }
            } else {
                usleep(UInt32.random(in: 0...150_000))
            }
            let update: ProcessResult
            do {
                update = try s.git("update-ref", "refs/heads/main", theirs, old, in: repo)
            } catch {
                accept.kill()  // never leave a stopped process behind
                throw error
            }
            let moved = update.status == 0
            // Refused only because main is no longer `old` (or accept holds its lock right now).
            if !moved { #expect(update.stderr.contains("cannot lock ref"), "round \(round): git update-ref: \(update.stderr)") }
            if stopped { _ = Foundation.kill(accept.pid, SIGCONT) }
            let result = accept.finish()

            #expect(result.status == 0 || (result.status == 1 && result.stderr.contains("moved by someone else")),
                    "round \(round): \(result.stderr)")
            // A refusal with git's move in: git moved the base after accept read it and before
            // accept's compare-and-swap. Accepted with git's move in: git moved it first.
            if moved && result.status == 1 {
                overlapped += 1
                if !stopped { overlappedByTiming += 1 }
            } else if moved {
                gitFirst += 1
            } else {
                acceptFirst += 1
            }
            if stopped {
                #expect(moved && result.status == 1, "round \(round): git moved the base inside accept's window, yet accept did not refuse: \(result.stderr)")
            }
            let main = try Self.rev(s, repo, "main")
            if moved { #expect(try Self.isAncestor(s, repo, theirs, of: main), "round \(round): git's commit was lost") }
            let branch = try? Self.rev(s, repo, "refs/heads/proposal/\(name)")
            if result.status == 0 {
                #expect(try Self.isAncestor(s, repo, tip, of: main), "round \(round): accepted, yet the proposal is not in main")
                #expect(branch == nil)
                #expect(try Self.rev(s, repo, "refs/proposals/accepted/\(name)") == tip)
            } else {
                #expect(branch == tip, "round \(round): refused, yet the proposal branch changed")
                #expect(main == (moved ? theirs : old))
            }
            try Self.expectConsistent(s, repo, clean: true, "round \(round)")
        }
        #expect(overlapped >= stoppedRounds, "fewer real overlaps than rounds stopped inside the window")
        print("accept vs git update-ref: \(overlapped) rounds overlapped (\(overlappedByTiming) of \(timedRounds) timed ones, "
              + "and the \(stoppedRounds) stopped ones should), git first \(gitFirst), accept first \(acceptFirst)")
    }

    /// Two `roadmap commit --all` of the same change at once: exactly one commits it, the
    /// other refuses cleanly, and the index ends up matching HEAD.
    @Test func twoCommitsAtOnceMakeOneCommitAndLeaveTheIndexRight() throws {
        let s = try Scratch()
        let repo = try s.example()
        for round in 0..<10 {
            let before = try Self.rev(s, repo, "HEAD")
            #expect(try s.roadmap("set", "billing-v2", "title=Billing v2 round \(round)", in: repo).status == 0)
            let racers = try ["a", "b"].map { try s.startRoadmap(["--today", "2026-01-01", "commit", "--all", "-m", "round \(round) \($0)"], in: repo) }
            let results = racers.map { $0.finish() }
            #expect(results.filter { $0.status == 0 }.count == 1, "round \(round): \(results.map(\.stderr))")
            for result in results where result.status != 0 {
                #expect(result.status == 2, "round \(round): \(result.stderr)")
                let reasons = ["nothing to commit", "moved by someone else", "index is locked", "index.lock", "is locked"]
                #expect(reasons.contains { result.stderr.contains($0) }, "round \(round): \(result.stderr)")
            }
            #expect(try Self.rev(s, repo, "HEAD~1") == before, "round \(round): not exactly one new commit")
            #expect(try Self.out(s.git("show", "HEAD:roadmap/releases/billing-v2.yaml", in: repo)).contains("title: Billing v2 round \(round)"))
            try Self.expectConsistent(s, repo, clean: true, "round \(round)")
        }
    }

    // MARK: A full disk

    /// A repository on a small tmpfs that is full: set, fmt and commit fail with a clear
    /// error naming the cause and change nothing; once there is room again all is well.
    /// Needs the right to mount (root in a container here); skipped elsewhere.
    @Test(.enabled(if: SmallDisk.canMount || ProcessInfo.processInfo.environment["CI"] == "true",
                   "needs the right to mount a small tmpfs; under CI (root) it must run"))
    func aFullDiskGivesAClearErrorAndChangesNothing() throws {
        let s = try Scratch()
        _ = try s.example()
        let disk = try SmallDisk(s.dir("small"), megabytes: 8)
        defer { disk.unmount() }
        let repo = "small/demo"
        #expect(try CLI.run("/bin/cp", ["-a", s.dir("demo"), s.dir(repo)], in: s.path, home: s.path).status == 0)
        #expect(try s.roadmap("set", "billing-v2", "title=Billing 2", in: repo).status == 0)
        // Not canonical, so that fmt has something to write.
        let campaign = repo + "/roadmap/campaigns/billing-v2-launch.yaml"
        let text = try s.read(campaign)
        try s.write(campaign, text.replacingOccurrences(of: "kind: campaign\n", with: "") + "kind: campaign\n")
        disk.fill()

        let before = try Self.state(s, repo)
        for arguments in [["set", "billing-v2", "title=Billing two"], ["fmt"], ["--today", "2026-01-01", "commit", "--all", "-m", "Full"],
                          ["new", "epic", "full-disk", "--title", "Full disk"]] {
            let r = try s.roadmap(arguments, in: repo)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
            #expect(r.stderr.hasPrefix("roadmap: error:") && r.stderr.split(separator: "\n").count == 1, "\(arguments): \(r.stderr)")
            #expect(r.stderr.lowercased().contains("no space left on device"), "\(arguments): \(r.stderr)")
            #expect(try Self.state(s, repo) == before, "\(arguments) changed something although it failed")
        }

        disk.makeRoom()
        try Self.expectConsistent(s, repo, clean: false)
        let r = try s.roadmap("--today", "2026-01-01", "commit", "--all", "-m", "Room again", in: repo)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.out(s.git("show", "HEAD:roadmap/releases/billing-v2.yaml", in: repo)).contains("title: Billing 2\n"))
        try Self.expectConsistent(s, repo, clean: true)
    }

    // MARK: Killed at random points

    @Test func setKilledAtRandomWritesTheFileWholeOrNotAtAll() throws {
        let s = try Scratch()
        let repo = try s.example()
        let path = "roadmap/releases/billing-v2.yaml"
        var title = "Billing v2"
        var killed = 0
        for round in 0..<30 {
            let old = try s.read(repo + "/" + path)
            let newTitle = "Billing v2 round \(round)"
            let expected = old.replacingOccurrences(of: "title: \(title)\n", with: "title: \(newTitle)\n")
            #expect(expected != old)
            let result = try Self.killAtRandom(s, repo, ["set", "billing-v2", "title=\(newTitle)"], maxMilliseconds: 150)
            if result.status != 0 { killed += 1 }
            let now = try s.read(repo + "/" + path)
            #expect(now == old || now == expected, "round \(round): a torn file:\n\(now)")
            if now == expected { title = newTitle }
            try Self.expectConsistent(s, repo, clean: false, "round \(round)")
        }
        // What a killed write may leave behind is never committed. A last, whole `set` makes
        // sure there is a change to commit even when every round was killed before writing
        // (a loaded machine starts the binary slower than the longest delay).
        #expect(try s.roadmap("set", "billing-v2", "title=Billing v2 after the kills", in: repo).status == 0)
        let r = try s.roadmap("--today", "2026-01-01", "commit", "--all", "-m", "after the kills", in: repo)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.out(s.git("ls-tree", "-r", "--name-only", "HEAD", in: repo)).split(separator: "\n").allSatisfy { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || !$0.hasPrefix("roadmap/") })
        #expect(killed > 0, "no run was killed: the delays are too long for this machine")
    }

    @Test func fmtKilledAtRandomLeavesEachFileOldOrCanonical() throws {
        let s = try Scratch()
        let repo = try s.example()
        // Every item with its `kind:` line moved to the end: not canonical.
        let files = try Self.itemFiles(s, repo)
        var messy: [String: String] = [:]
        for file in files {
            var lines = try s.read(repo + "/" + file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            let kind = try #require(lines.firstIndex { $0.hasPrefix("kind:") })
            lines.append(lines.remove(at: kind))
            messy[file] = lines.joined(separator: "\n") + "\n"
        }
        for (file, text) in messy { try s.write(repo + "/" + file, text) }
        #expect(try s.roadmap("fmt", in: repo).status == 0)
        var canonical: [String: String] = [:]
        for file in files { canonical[file] = try s.read(repo + "/" + file) }
        #expect(files.allSatisfy { canonical[$0] != messy[$0] })

        var killed = 0
        for round in 0..<24 {
            for (file, text) in messy { try s.write(repo + "/" + file, text) }
            let result = try Self.killAtRandom(s, repo, ["fmt"], maxMilliseconds: 200)
            if result.status != 0 { killed += 1 }
            for file in files {
                let now = try s.read(repo + "/" + file)
                #expect(now == messy[file] || now == canonical[file], "round \(round): \(file) is torn:\n\(now)")
            }
            #expect(try Self.itemFiles(s, repo) == files, "round \(round): files appeared or vanished")
            try Self.expectConsistent(s, repo, clean: false, "round \(round)")
        }
        #expect(killed > 0, "no run was killed: the delays are too long for this machine")
    }

    @Test func commitKilledAtRandomCommitsWholeOrNothing() throws {
        let s = try Scratch()
        let repo = try s.example()
        let path = "roadmap/releases/billing-v2.yaml"
        var killed = 0, staleLocks = 0
        for round in 0..<24 {
            let head = try Self.rev(s, repo, "HEAD")
            #expect(try s.roadmap("set", "billing-v2", "title=Billing v2 round \(round)", in: repo).status == 0)
            let worktree = try s.read(repo + "/" + path)
            // " M", or "MM" when an earlier killed round left its version staged.
            let statusBefore = try Self.out(s.git("status", "--porcelain", in: repo))
            let result = try Self.killAtRandom(s, repo, ["--today", "2026-01-01", "commit", "--all", "-m", "round \(round)"], maxMilliseconds: 200)
            if result.status != 0 { killed += 1 }
            let now = try Self.rev(s, repo, "HEAD")
            #expect(try s.read(repo + "/" + path) == worktree, "round \(round): commit changed the working tree")
            let status = try Self.out(s.git("status", "--porcelain", in: repo))
            if now == head {
                // Not committed: the change is still there, as it was or staged, never lost.
                #expect(status == statusBefore || status == "M  \(path)\n", "round \(round): \(status)")
            } else {
                #expect(try Self.rev(s, repo, "HEAD~1") == head, "round \(round)")
                #expect(try Self.out(s.git("show", "HEAD:\(path)", in: repo)) == worktree, "round \(round)")
                // Committed: the index follows, so git sees nothing left to commit (or revert).
                #expect(status == "", "round \(round): committed, but the index is stale:\n\(status)")
            }
            staleLocks += try Self.clearStaleLocks(s, repo, "round \(round)")
            try Self.expectConsistent(s, repo, clean: false, "round \(round)")
        }
        #expect(killed > 0, "no run was killed: the delays are too long for this machine")
        print("commit killed \(killed) times of 24; stale locks left: \(staleLocks)")
    }

    @Test func acceptKilledAtRandomLosesNothing() throws {
        let s = try Scratch()
        let repo = try s.example()
        var killed = 0, staleLocks = 0
        for round in 0..<20 {
            let name = "kill\(round)"
            let tip = try Self.makeProposal(s, repo, name: name, item: "custom-dashboards", title: "Dashboards round \(round)")
            let old = try Self.rev(s, repo, "main")
            let oldFiles = try Self.files(s, repo)
            let result = try Self.killAtRandom(s, repo, ["--today", "2026-01-01", "accept", name] + (round % 2 == 0 ? [] : ["--no-ff"]), maxMilliseconds: 200)
            if result.status != 0 { killed += 1 }
            let main = try Self.rev(s, repo, "main")
            let branch = try? Self.rev(s, repo, "refs/heads/proposal/\(name)")
            let archived = try? Self.rev(s, repo, "refs/proposals/accepted/\(name)")
            // The proposal is never lost: in main, or still open.
            let inMain = try Self.isAncestor(s, repo, tip, of: main)
            #expect(main == old || inMain, "round \(round): main moved elsewhere")
            #expect(branch == tip || inMain, "round \(round): the proposal was lost")
            if archived != nil { #expect(archived == tip) }
            // Every file is whole: as it was, or as accepted (the proposal's tree: it starts at main).
            let newFiles = try Self.files(s, repo, at: tip)
            for (file, bytes) in try Self.files(s, repo) {
                #expect(bytes == oldFiles[file] || bytes == newFiles[file], "round \(round): \(file) is neither the old nor the accepted version")
            }
            let status = try Self.out(s.git("status", "--porcelain", in: repo))
            if main != old {
                #expect(status == "", "round \(round): accepted, but the working tree does not follow:\n\(status)")
            }
            staleLocks += try Self.clearStaleLocks(s, repo, "round \(round)")
            try Self.expectConsistent(s, repo, clean: false, "round \(round)")
            if !status.isEmpty {
                // Killed while the working tree was being updated, before main moved.
                try s.git("reset", "-q", "--hard", in: repo)
            }
        }
        #expect(killed > 0, "no run was killed: the delays are too long for this machine")
        print("accept killed \(killed) times of 20; stale locks left: \(staleLocks)")
    }

    // MARK: Killed at a chosen point

    /// Killed after the index is written and before the branch moves (the one window
    /// between two writes in `commit`): the change is staged, not lost and not half
    /// committed, and the next commit records it.
    @Test func commitKilledBeforeTheBranchMovesLeavesTheChangeStaged() throws {
        let s = try Scratch()
        let repo = try s.example()
        let path = "roadmap/releases/billing-v2.yaml"
        let head = try Self.rev(s, repo, "HEAD")
        #expect(try s.roadmap("set", "billing-v2", "title=Billing 2", in: repo).status == 0)
        let r = try s.roadmap(["--today", "2026-01-01", "commit", "--all", "-m", "Rename"], in: repo,
                              environment: ["ROADMAP_TEST_KILL_AT": "commit.index-written"])
        #expect(r.status == 128 + SIGKILL)
        #expect(try Self.rev(s, repo, "HEAD") == head)
        #expect(try Self.out(s.git("status", "--porcelain", in: repo)) == "M  \(path)\n")
        try Self.expectConsistent(s, repo, clean: false)
        #expect(try s.roadmap("--today", "2026-01-01", "commit", "-m", "Rename", in: repo).status == 0)
        #expect(try Self.rev(s, repo, "HEAD~1") == head)
        try Self.expectConsistent(s, repo, clean: true)
    }

    /// Killed after the working tree follows the accepted result and before the base moves:
    /// the base and the proposal are untouched, and every file is whole (the old version or
    /// the proposal's); `git reset --hard` (or `git checkout .`) returns to the base.
    @Test func acceptKilledBeforeTheBaseMovesLosesNothing() throws {
        let s = try Scratch()
        let repo = try s.example()
        let tip = try Self.makeProposal(s, repo, name: "rename", item: "insights", title: "Insights, renamed")
        let before = try Self.state(s, repo)
        let r = try s.roadmap(["--today", "2026-01-01", "accept", "rename"], in: repo,
                              environment: ["ROADMAP_TEST_KILL_AT": "accept.worktree-updated"])
        #expect(r.status == 128 + SIGKILL)
        let after = try Self.state(s, repo)
        #expect(after.refs == before.refs)
        let proposed = try Self.files(s, repo, at: tip)
        for (file, bytes) in after.files { #expect(bytes == before.files[file] || bytes == proposed[file], "\(file) is torn") }
        try Self.expectConsistent(s, repo, clean: false)
        try s.git("reset", "-q", "--hard", in: repo)
        #expect(try s.roadmap("--today", "2026-01-01", "accept", "rename", in: repo).status == 0)
        try Self.expectConsistent(s, repo, clean: true)
    }

    // MARK: Helpers

    /// Removes the lock files a SIGKILL inside a lock's critical section leaves (git leaves
    /// them too), after checking they are libgit2's own (`index.lock`, a ref's `.lock`) and
    /// that roadmap names such a lock when it meets one. Returns how many there were.
    static func clearStaleLocks(_ s: Scratch, _ repo: String, _ context: String) throws -> Int {
        let locks = lockFiles(s.dir(repo) + "/.git")
        for lock in locks {
            #expect(lock == "index.lock" || lock.hasPrefix("refs/") || lock == "HEAD.lock", "\(context): unexpected lock \(lock)")
            if lock == "index.lock" {
                let r = try s.roadmap("--today", "2026-01-01", "commit", "--all", "-m", "x", in: repo)
                #expect(r.status == 2 && r.stderr.contains("index.lock"), "\(context): \(r.stderr)")
            }
            try FileManager.default.removeItem(atPath: s.dir(repo) + "/.git/" + lock)
        }
        return locks.count
    }

    /// Starts `roadmap`, kills it with SIGKILL after 0…`maxMilliseconds` (it may finish first).
    static func killAtRandom(_ s: Scratch, _ repo: String, _ arguments: [String], maxMilliseconds: Int) throws -> ProcessResult {
        let process = try s.startRoadmap(arguments, in: repo)
        usleep(UInt32.random(in: 0...UInt32(maxMilliseconds * 1000)))
        process.kill()
        return process.finish()
    }

    /// Waits until a process started with `ROADMAP_TEST_STOP_AT` has stopped itself at that
    /// point; false when it ends first or takes over a minute.
    static func waitUntilStopped(_ started: StartedProcess) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, started.process.isRunning {
            if processState(started.pid) == "T" { return true }
            usleep(1_000)
        }
        return false
    }

    /// A process's state letter as `ps` shows it ("T": stopped by a signal): from /proc where
    /// there is one, else from `ps`.
    static func processState(_ pid: Int32) -> Character? {
        if FileManager.default.fileExists(atPath: "/proc/self/stat") {
            // "pid (command) state …": the command may hold spaces and parentheses.
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            return stat[stat.index(after: close)...].first { $0 != " " }
        }
        let ps = try? CLI.run("ps", ["-o", "stat=", "-p", "\(pid)"], in: "/", home: "/tmp")
        return ps?.stdout.first { !$0.isWhitespace }
    }

    /// A proposal branch `proposal/NAME` off main that retitles `item`, made with git; main
    /// stays checked out. Returns its tip.
    @discardableResult
    static func makeProposal(_ s: Scratch, _ repo: String, name: String, item: String, title: String) throws -> String {
        try s.git("switch", "-q", "-c", "proposal/\(name)", "main", in: repo)
        let r = try s.roadmap("set", item, "title=\(title)", in: repo)
        guard r.status == 0 else { throw ScratchError(message: r.stderr) }
        try s.git("commit", "-q", "-am", "Retitle \(item)", in: repo)
        try s.git("switch", "-q", "main", in: repo)
        return try rev(s, repo, "proposal/\(name)")
    }

    struct RepoState: Equatable {
        var refs: String
        var index: String
        var files: [String: [UInt8]]
    }

    /// Every ref, HEAD, the index entries and every file of the working tree.
    static func state(_ s: Scratch, _ repo: String) throws -> RepoState {
        let refs = try out(s.git("for-each-ref", "--format=%(refname) %(objectname)", in: repo))
            + out(s.git("symbolic-ref", "-q", "HEAD", in: repo)) + out(s.git("rev-parse", "HEAD", in: repo))
        return RepoState(refs: refs, index: try out(s.git("ls-files", "-s", "--debug", in: repo)).split(separator: "\n")
                             .filter { !$0.hasPrefix("  ") }.joined(separator: "\n"),
                         files: try files(s, repo))
    }

    /// The working tree's files (hidden ones too, `.git` aside), or a commit's files.
    static func files(_ s: Scratch, _ repo: String, at commit: String? = nil) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        if let commit {
            for path in try out(s.git("ls-tree", "-r", "--name-only", commit, in: repo)).split(separator: "\n") {
                result[String(path)] = Array(try out(s.git("show", "\(commit):\(path)", in: repo)).utf8)
            }
            return result
        }
        let root = s.dir(repo)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return result }
        while let path = walker.nextObject() as? String {
            if path == ".git" { walker.skipDescendants(); continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
            }
        }
        return result
    }

    static func itemFiles(_ s: Scratch, _ repo: String) throws -> [String] {
        try files(s, repo).keys.filter { $0.hasPrefix("roadmap/") }.sorted()
    }

    /// `git fsck --strict` is clean, no lock is left behind, and (with `clean`) `git status`
    /// shows nothing.
    static func expectConsistent(_ s: Scratch, _ repo: String, clean: Bool, _ context: String = "",
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fsck = try s.git("fsck", "--strict", "--no-progress", in: repo)
        #expect(fsck.status == 0, "\(context): git fsck: \(fsck.stdout)\(fsck.stderr)", sourceLocation: sourceLocation)
        let locks = lockFiles(s.dir(repo) + "/.git")
        #expect(locks.isEmpty, "\(context): locks left behind: \(locks)", sourceLocation: sourceLocation)
        let debris = try files(s, repo).keys.filter { $0.hasSuffix(".tmp") || $0.contains("/.") }
        #expect(debris.isEmpty, "\(context): temporary files left in the working tree: \(debris.sorted())", sourceLocation: sourceLocation)
        if clean {
            let status = try out(s.git("status", "--porcelain", in: repo))
            #expect(status.isEmpty, "\(context): git status: \(status)", sourceLocation: sourceLocation)
        }
    }

    static func lockFiles(_ gitDirectory: String) -> [String] {
        (FileManager.default.enumerator(atPath: gitDirectory)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".lock") }
    }

    static func rev(_ s: Scratch, _ repo: String, _ revision: String) throws -> String {
        let r = try s.git("rev-parse", "--verify", "-q", revision, in: repo)
        guard r.status == 0 else { throw ScratchError(message: "no \(revision)") }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isAncestor(_ s: Scratch, _ repo: String, _ ancestor: String, of commit: String) throws -> Bool {
        try s.git("merge-base", "--is-ancestor", ancestor, commit, in: repo).status == 0
    }

    static func out(_ result: ProcessResult) throws -> String {
        guard result.status == 0 else { throw ScratchError(message: result.stderr) }
        return result.stdout
    }
}

/// A small tmpfs mounted for a test, and a file that fills it.
struct SmallDisk {
    let mountPoint: String

    /// Whether this process may mount a tmpfs (tried once, on a throwaway folder).
    static let canMount: Bool = {
        guard let probe = try? Scratch() else { return false }
        guard let disk = try? SmallDisk(probe.path + "/probe", megabytes: 1) else { return false }
        disk.unmount()
        return true
    }()

    init(_ mountPoint: String, megabytes: Int) throws {
        self.mountPoint = mountPoint
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let r = try CLI.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint], in: "/", home: "/tmp")
        guard r.status == 0 else { throw ScratchError(message: "mount: \(r.stderr)") }
    }

    /// Writes a filler file until the disk is full.
    func fill() {
        let fd = open(mountPoint + "/filler", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        // The last partial page too.
        while [UInt8](repeating: 0, count: 1).withUnsafeBytes({ write(fd, $0.baseAddress, 1) }) > 0 {}
        close(fd)
    }

    func makeRoom() { try? FileManager.default.removeItem(atPath: mountPoint + "/filler") }

    func unmount() { _ = try? CLI.run("/bin/umount", ["-l", mountPoint], in: "/", home: "/tmp") }
}
