import Foundation
import Testing

/// SPEC §15: the host's `pre-receive` hook, driven by the real git client over `file://` and
/// `git daemon`. Every push skips the client's hooks (`--no-verify`): only the host decides.
@Suite struct ServerHookTests {
    @Test func aSlipThatBreaksALaunchIsRefusedNamingTheCampaignAndItsOwnerAndAnOverrideLetsItInOnTheRecord() throws {
        let s = try Scratch()
        try GitHost.make(s)
        let before = try GitHost.serverRef(s, "main")
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: "work").status == 0)
        try GitHost.commit(s, "Billing v2 slips to 20 May", in: "work")
        let slip = try s.git("rev-parse", "HEAD", in: "work").stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        var r = try s.git("push", "--no-verify", "origin", "main", in: "work", environment: GitHost.environment)
        #expect(r.status != 0, "the host let a new error into main: \(r.stderr)")
        #expect(r.stderr.contains("remote: roadmap: push to main refused: it adds 2 new errors"), "\(r.stderr)")
        #expect(r.stderr.contains("billing-v2-launch (owner @maria)") && r.stderr.contains("[launch-before-release]"), "\(r.stderr)")
        #expect(r.stderr.contains("remote:   roadmap/"), "findings reach the pusher as remote: lines: \(r.stderr)")
        #expect(try GitHost.serverRef(s, "main") == before)
        #expect(try s.git("for-each-ref", "refs/roadmap/", in: "server.git").stdout.isEmpty, "a refused push wrote a ref")

        // An override without a reason is no override.
        r = try s.git("push", "--no-verify", "-o", "roadmap.override", "origin", "main", in: "work", environment: GitHost.environment)
        #expect(r.status != 0 && r.stderr.contains("needs a reason"), "\(r.stderr)")

        let pusher = GitHost.environment.merging(["ROADMAP_PUSHER": "Priya Patel", "ROADMAP_PUSHER_EMAIL": "priya@lumen.example"]) { $1 }
        r = try s.git("push", "--no-verify", "-o", "roadmap.override=Launch moves too; Maria agreed", "origin", "main", in: "work", environment: pusher)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try GitHost.serverRef(s, "main") == slip)
        let records = try s.git("for-each-ref", "--format=%(refname)", "refs/roadmap/overrides/", in: "server.git").stdout
            .split(separator: "\n").map(String.init)
        #expect(records.count == 1, "\(records)")
        let record = records.first ?? "none"
        #expect(r.stderr.contains("recorded as \(record)"), "\(r.stderr)")
        let log = try s.git("log", "-1", "--format=%an <%ae>%n%B", record, in: "server.git").stdout
        #expect(log.hasPrefix("Priya Patel <priya@lumen.example>\nroadmap override: refs/heads/main"), "\(log)")
        #expect(log.contains("Launch moves too; Maria agreed"), "\(log)")
        #expect(log.contains("Old: \(before)") && log.contains("New: \(slip)"), "\(log)")
        #expect(log.contains("Commit: \(slip) Billing v2 slips to 20 May"), "\(log)")
        #expect(log.contains("New-Error: launch-before-release billing-v2-launch"), "\(log)")
        // The record keeps no pushed object alive: no parent, the empty tree.
        #expect(try s.git("rev-list", "--count", record, in: "server.git").stdout.hasPrefix("1"))
        #expect(try s.git("fsck", "--strict", "--no-progress", in: "server.git").status == 0)
    }

    /// Issue 18's "done when", end to end in one bare repository with the real git client: the
    /// refused slip names the campaign and its owner, the override lets it in on the record,
    /// and `roadmap notify` run in the bare repository for that push tells the owner, in every
    /// format (JSON, Slack Block Kit checked against its schema, Markdown, an e-mail Python's
    /// `email` package parses back).
    @Test func inABareRepositoryTheRefusedSlipIsOverriddenOnTheRecordAndNotifyTellsTheOwnerInEveryFormat() throws {
        let s = try Scratch()
        try GitHost.make(s)
        let config = try s.read("work/roadmap.yaml")
        try s.write("work/roadmap.yaml", config + """
            owners:
              "@maria": {name: María José Núñez, email: maria@lumen.example, slack: U024BE7LH}

            """)
        try GitHost.commit(s, "Who is who", in: "work")
        try GitHost.expectOK(s.git("push", "-q", "--no-verify", "origin", "main", in: "work", environment: GitHost.environment), "push owners")
        let before = try GitHost.serverRef(s, "main")
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: "work").status == 0)
        try GitHost.commit(s, "Billing v2 slips to 20 May", in: "work")
        let slip = try s.git("rev-parse", "HEAD", in: "work").stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        var r = try s.git("push", "--no-verify", "origin", "main", in: "work", environment: GitHost.environment)
        #expect(r.status != 0 && r.stderr.contains("push to main refused"), "\(r.stderr)")
        #expect(r.stderr.contains("campaign billing-v2-launch (owner @maria)"), "\(r.stderr)")
        r = try s.git("push", "--no-verify", "-o", "roadmap.override=Maria moves the launch next week", "origin", "main",
                      in: "work", environment: GitHost.environment.merging(["ROADMAP_PUSHER": "Priya Patel"]) { $1 })
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try GitHost.serverRef(s, "main") == slip)
        let record = try s.git("for-each-ref", "--format=%(refname)", "refs/roadmap/overrides/", in: "server.git").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(record.hasPrefix("refs/roadmap/overrides/") && !record.contains("\n"), "\(record)")
        #expect(try s.git("log", "-1", "--format=%an%n%B", record, in: "server.git").stdout
            .contains("Maria moves the launch next week"))

        // notify for that push, in the bare repository (no working tree).
        func notify(_ format: String) throws -> String {
            let r = try s.roadmap("notify", "--base", before, "--head", slip, "--today", "2026-01-01", "--format", format,
                                  "--from", "Roadmap <roadmap@lumen.example>", in: "server.git")
            #expect(r.status == 0, "notify --format \(format) in a bare repository: \(r.stderr)")
            return r.stdout
        }
        let markdown = try notify("markdown")
        #expect(markdown.contains("### María José Núñez (@maria)") && markdown.contains("`billing-v2-launch`")
            && markdown.contains("+35 days"), "\(markdown)")
        try s.write("notify.json", try notify("json"))
        try s.write("slack.json", try notify("slack"))
        try s.write("mail.eml", try notify("email"))
        let check = try CLI.run("python3", ["-c", """
            import json, sys, email, email.policy, jsonschema
            doc = json.load(open(sys.argv[1]))
            assert doc["schemaVersion"] == 1 and doc["head"] == sys.argv[5], doc
            maria = [o for o in doc["owners"] if o["handle"] == "@maria"][0]
            move = maria["movedReleases"][0]
            assert move["release"] == "billing-v2" and move["days"] == 35, move
            assert "billing-v2-launch" in [c["id"] for c in move["campaigns"]], move
            assert [f["rule"] for f in maria["newErrors"]] == ["launch-before-release", "asset-before-release"], maria["newErrors"]
            slack = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator(json.load(open(sys.argv[4]))).validate(slack)
            assert any(b["type"] == "section" and b["text"]["text"].startswith("*<@U024BE7LH>*") for b in slack["blocks"]), slack
            msg = email.message_from_binary_file(open(sys.argv[3], "rb"), policy=email.policy.default)
            assert not msg.defects, msg.defects
            assert [a.addr_spec for a in msg["To"].addresses] == ["maria@lumen.example"], msg["To"]
            body = msg.get_content()
            assert "billing-v2-launch" in body and "+35 days" in body, body
            """, s.dir("notify.json"), s.dir("slack.json"), s.dir("mail.eml"),
            CLI.packageRoot + "/Tests/Data/slack-block-kit-message.schema.json", slip], in: s.path, home: s.path)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func proposalsAreReportedNeverRefusedAndBranchesTagsDeletionsForcePushesAndPushesOfNoItemGoThrough() throws {
        let s = try Scratch()
        try GitHost.make(s)
        let env = GitHost.environment
        // A proposal with the same error: reported against its merge base, not refused.
        try GitHost.expectOK(s.git("checkout", "-q", "-b", "proposal/slip", in: "work"))
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: "work").status == 0)
        try GitHost.commit(s, "What if billing v2 slips?", in: "work")
        var r = try s.git("push", "--no-verify", "origin", "proposal/slip", in: "work", environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("remote: roadmap: proposal/slip") && r.stderr.contains("2 new errors") && r.stderr.contains("reported, not refused"), "\(r.stderr)")

        // Many references at once: a commit on main that touches no item, five new branches,
        // an annotated and a lightweight tag.
        try GitHost.expectOK(s.git("checkout", "-q", "main", in: "work"))
        try s.write("work/NOTES.md", "Meeting notes, not a roadmap item.\n")
        try GitHost.commit(s, "Notes", in: "work")
        for i in 1...5 { try GitHost.expectOK(s.git("branch", "topic-\(i)", in: "work")) }
        try GitHost.expectOK(s.git("tag", "-a", "v1", "-m", "First", in: "work"))
        try GitHost.expectOK(s.git("tag", "light", in: "work"))
        r = try s.git(["push", "--no-verify", "origin", "main", "topic-1", "topic-2", "topic-3", "topic-4", "topic-5", "v1", "light"], in: "work", environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("remote: roadmap: main"), "a push touching no item was reviewed: \(r.stderr)")
        #expect(try GitHost.serverRef(s, "topic-5") == GitHost.serverRef(s, "main"))
        #expect(try GitHost.serverRef(s, "v1^{commit}") == GitHost.serverRef(s, "main"))

        // Deletions, of branches and a tag.
        r = try s.git(["push", "--no-verify", "origin", ":topic-1", ":proposal/slip", ":light"], in: "work", environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try GitHost.serverRef(s, "refs/heads/topic-1").isEmpty && GitHost.serverRef(s, "refs/tags/light").isEmpty)

        // A force-push that rewinds main and one that rewrites a topic branch.
        try GitHost.expectOK(s.git("reset", "-q", "--hard", "HEAD~1", in: "work"))
        try GitHost.expectOK(s.git("checkout", "-q", "topic-2", in: "work"))
        try GitHost.expectOK(s.git("commit", "-q", "--amend", "-m", "Notes, reworded", in: "work"))
        r = try s.git(["push", "--no-verify", "--force", "origin", "main", "topic-2"], in: "work", environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try GitHost.serverRef(s, "main") == s.git("rev-parse", "main", in: "work").stdout.trimmingCharacters(in: .whitespacesAndNewlines))

        // A change to main that is fine: reviewed, let through.
        try GitHost.expectOK(s.git("checkout", "-q", "main", in: "work"))
        #expect(try s.roadmap("set", "billing-v2-launch", "title=Billing v2 is here", in: "work").status == 0)
        try GitHost.commit(s, "Retitle the launch", in: "work")
        r = try s.git("push", "--no-verify", "origin", "main", in: "work", environment: env)
        #expect(r.status == 0 && r.stderr.contains("remote: roadmap: main") && r.stderr.contains("0 new errors"), "\(r.stderr)")
        #expect(try s.git("fsck", "--strict", "--no-progress", in: "server.git").status == 0)
    }

    @Test func severalPushersAtOnceOverGitDaemon() throws {
        let s = try Scratch()
        try GitHost.make(s)
        let port = try GitHost.freePort()
        let daemon = try s.startGit(["daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", "--export-all",
                                     "--enable=receive-pack", "--base-path=\(s.path)", "--pid-file=\(s.dir("daemon.pid"))"],
                                    environment: GitHost.environment)
        defer {
            // The `git` wrapper runs git-daemon as a child: stop that one by its pid file, then
            // the wrapper. SIGKILL, as a child of the test runner may inherit a blocked SIGTERM.
            if let pid = (try? s.read("daemon.pid")).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                _ = kill(pid, SIGKILL)
            }
            daemon.kill()
            _ = daemon.finish()
        }
        let url = "git://127.0.0.1:\(port)/server.git"
        var ready = false
        for _ in 0..<100 where !ready {
            ready = try s.git("ls-remote", url).status == 0
            if !ready { usleep(100_000) }
        }
        #expect(ready, "git daemon did not start")
        // Four pushers of proposals (two with new errors), and one pushing a slip to main.
        for i in 0...4 { try GitHost.expectOK(s.git("clone", "-q", url, "c\(i)"), "clone \(i)") }
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: "c0").status == 0)
        try GitHost.commit(s, "Billing v2 slips", in: "c0")
        for i in 1...4 {
            try GitHost.expectOK(s.git("checkout", "-q", "-b", "proposal/p\(i)", in: "c\(i)"))
            let edit = i % 2 == 0 ? "date=2027-06-0\(i)" : "title=Billing v2, take \(i)"
            #expect(try s.roadmap("set", "billing-v2", edit, in: "c\(i)").status == 0)
            try GitHost.commit(s, "Proposal \(i)", in: "c\(i)")
        }
        let started = try (0...4).map { i in
            try s.startGit(["push", "--no-verify", "origin", i == 0 ? "main" : "proposal/p\(i)"], in: "c\(i)", environment: GitHost.environment)
        }
        let results = started.map { $0.finish() }
        #expect(results[0].status != 0 && results[0].stderr.contains("remote: roadmap: push to main refused"), "\(results[0].stderr)")
        #expect(results[0].stderr.contains("billing-v2-launch (owner @maria)"), "\(results[0].stderr)")
        for i in 1...4 {
            #expect(results[i].status == 0, "pusher \(i): \(results[i].stderr)")
            #expect(try !GitHost.serverRef(s, "proposal/p\(i)").isEmpty)
        }
        #expect(results[2].stderr.contains("reported, not refused"), "\(results[2].stderr)")
        // The same slip with an override, over the daemon.
        let r = try s.git("push", "--no-verify", "-o", "roadmap.override=Agreed in the launch review", "origin", "main", in: "c0", environment: GitHost.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try s.git("for-each-ref", "refs/roadmap/overrides/", in: "server.git").stdout.split(separator: "\n").count == 1)
    }
}
