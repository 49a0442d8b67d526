import Foundation
import Testing

/// Issue 4: review, commit and the git hooks, driven through the binary and the real git CLI.
@Suite("CLI: review, commit, hooks")
struct ReviewCLITests {
    let today = "2026-11-22"

    @Test func commitRefusedForALaunchBeforeTheReleaseThenAcceptedAfterTheFix() throws {
        let s = try Scratch()
        let demo = try s.example()
        let head = try s.git("rev-parse", "HEAD", in: demo).stdout
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)
        let refused = try s.roadmap("commit", "--all", "-m", "Billing v2 moves to 20 May", "--today", today, in: demo)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[launch-before-release]"))
        #expect(refused.stderr.contains("roadmap/campaigns/billing-v2-launch.yaml:"))
        #expect(refused.stderr.contains("release billing-v2 moved 2027-04-15 → 2027-05-20 (+35 days)"))
        #expect(refused.stderr.contains("billing-v2-launch (owner @maria)"))
        #expect(try s.git("rev-parse", "HEAD", in: demo).stdout == head, "nothing committed")
        #expect(try s.git("diff", "--cached", "--name-only", in: demo).stdout.isEmpty, "index untouched")

        // The launch follows, and so does the e-mail dated absolutely (the relative assets follow their launch).
        #expect(try s.roadmap("set", "billing-v2-launch", "launch=2027-05-27", "start=2027-05-21", "end=2027-06-30",
                              "assets.launch-email.publish=2027-05-27", in: demo).status == 0)
        let accepted = try s.roadmap("commit", "--all", "-m", "Billing v2 moves to 20 May; its launch follows", "--today", today, in: demo)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("[main "))
        #expect(try s.git("status", "--porcelain", in: demo).stdout.isEmpty)
        #expect(try s.git("fsck", "--strict", in: demo).status == 0)
        let files = try s.git("show", "--name-only", "--format=%s", "HEAD", in: demo).stdout
        #expect(files.contains("roadmap/releases/billing-v2.yaml") && files.contains("roadmap/campaigns/billing-v2-launch.yaml"))
    }

    @Test func oldErrorsDoNotBlockACommitUnlessStrict() throws {
        let s = try Scratch()
        let demo = try s.example()
        // An error already committed (past the review with --no-verify).
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)
        #expect(try s.roadmap("commit", "--all", "--no-verify", "-m", "Slip, reviewed later", in: demo).status == 0)
        // An unrelated change: the old error does not block it...
        #expect(try s.roadmap("set", "insights", "title=Insights for everyone", in: demo).status == 0)
        let plain = try s.roadmap("commit", "--all", "-m", "Rename the insights theme", "--today", today, in: demo)
        #expect(plain.status == 0, "\(plain.stderr)")
        // ...but --strict refuses on every error, and says that is why.
        #expect(try s.roadmap("set", "insights", "title=Insights", in: demo).status == 0)
        let head = try s.git("rev-parse", "HEAD", in: demo).stdout
        let strict = try s.roadmap("commit", "--all", "--strict", "-m", "Rename it back", "--today", today, in: demo)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("[launch-before-release]"))
        // The launch, and the blog post that publishes on launch day (the example's marketing plan, SPEC §13).
        #expect(strict.stderr.contains("commit refused: 2 error(s) (--strict); nothing was committed"), "\(strict.stderr)")
        #expect(try s.git("rev-parse", "HEAD", in: demo).stdout == head, "nothing committed")
    }

    @Test func reviewStatesAndFormats() throws {
        let s = try Scratch()
        let demo = try s.example()
        // --rev: the commit that slipped the release against its parent (the example's last
        // commit, the marketing plan, came after the fix).
        let slip = try s.roadmap("review", "--rev", "HEAD~3", "--today", today, "--format", "json", in: demo)
        #expect(slip.status == 1, "the slip commit introduced a launch-before-release")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(slip.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["schemaVersion", "base", "head", "findings", "summary"])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let launch = try #require(findings.first { $0["rule"] as? String == "launch-before-release" })
        #expect(launch["change"] as? String == "new")
        #expect(launch["item"] as? String == "billing-v2-launch")
        #expect(launch["related"] as? [String] == ["billing-v2"])
        #expect(Set(launch.keys) == ["rule", "severity", "change", "item", "path", "line", "column", "related", "message"])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["items", "errors", "warnings", "infos", "newErrors"])
        // --base/--head: the fix resolves it.
        let range = try s.roadmap("review", "--base", "HEAD~4", "--head", "HEAD~3", "--today", today, in: demo)
        #expect(range.status == 1, "the range holds the slip")
        let fixed = try s.roadmap("review", "--rev", "HEAD~2", "--today", today, in: demo)
        #expect(fixed.status == 0)
        #expect(fixed.stdout.contains("resolved"))
        // The working tree includes untracked files under the root.
        try s.write("demo/roadmap/campaigns/early-bird.yaml", "kind: campaign\ntitle: Early bird\npromotes: [billing-v2]\nlaunch: 2027-01-10\n")
        let worktree = try s.roadmap("review", "--today", today, "--format", "github", in: demo)
        #expect(worktree.status == 1)
        #expect(worktree.stdout.contains("::error file=roadmap/campaigns/early-bird.yaml,line=4,col=9"))
        // --staged does not see it until it is added.
        #expect(try s.roadmap("review", "--staged", "--today", today, in: demo).status == 0)
        try s.git("add", "roadmap", in: demo)
        #expect(try s.roadmap("review", "--staged", "--today", today, in: demo).status == 1)
    }

    @Test func sarifOutputIsValidSarif() throws {
        let s = try Scratch()
        let demo = try s.example()
        let sarif = try s.roadmap("review", "--rev", "HEAD~2", "--today", today, "--format", "sarif", in: demo)
        try s.write("out.sarif", sarif.stdout)
        let schema = CLI.packageRoot + "/Tests/Data/sarif-schema-2.1.0.json"
        let check = try CLI.run("python3", ["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            jsonschema.Draft4Validator(schema).validate(doc)
            results = doc["runs"][0]["results"]
            assert any(r["ruleId"] == "launch-before-release" for r in results), results
            print(len(results))
            """, schema, s.dir("out.sarif")], in: s.path, home: s.path)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func hooksRefuseAMismatchingCommitUnderRealGit() throws {
        let s = try Scratch()
        let demo = try s.example(hooks: true)
        let status = try s.roadmap("hooks", "status", in: demo)
        #expect(status.stdout.contains("pre-commit: installed"))
        #expect(status.stdout.contains("pre-push: installed"))
        // A mismatching change is refused by git commit.
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)
        let refused = try s.git("commit", "-am", "slip", in: demo, environment: ["ROADMAP_TODAY": today])
        #expect(refused.status != 0)
        #expect(refused.stdout.contains("launch-before-release") || refused.stderr.contains("launch-before-release"))
        #expect(try s.git("log", "-1", "--format=%s", in: demo).stdout == "Plan the marketing in depth: a goal shared with product, the 2027 program, budgets and content\n")
        // A clean one goes through.
        // The launch follows, and so does the e-mail dated absolutely (the relative assets follow their launch).
        #expect(try s.roadmap("set", "billing-v2-launch", "launch=2027-05-27", "start=2027-05-21", "end=2027-06-30",
                              "assets.launch-email.publish=2027-05-27", in: demo).status == 0)
        let ok = try s.git("commit", "-am", "slip, with the launch moved", in: demo)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try s.git("log", "-1", "--format=%s", in: demo).stdout == "slip, with the launch moved\n")
    }

    @Test func preMergeCommitAndPrePushHooks() throws {
        let s = try Scratch()
        let demo = try s.example(hooks: true)
        try s.git("init", "-q", "--bare", "remote.git")
        try s.git("remote", "add", "origin", s.dir("remote.git"), in: demo)
        #expect(try s.git("push", "-q", "origin", "main", in: demo).status == 0, "a clean history pushes")
        // Two branches that are fine alone but clash when merged.
        try s.git("checkout", "-q", "-b", "marketing", in: demo)
        #expect(try s.roadmap("set", "billing-v2-launch", "launch=2027-04-18", "start=2027-04-16", in: demo).status == 0)
        #expect(try s.git("commit", "-qam", "Launch a little earlier", in: demo).status == 0)
        try s.git("checkout", "-q", "main", in: demo)
        #expect(try s.roadmap("set", "billing-v2", "date=2027-04-20", in: demo).status == 0)
        try s.roadmap("set", "billing-v2-launch", "end=2027-05-31", in: demo)
        #expect(try s.git("commit", "-qam", "Ship five days later", "--no-verify", in: demo).status == 0)
        let merge = try s.git("merge", "--no-ff", "-m", "Merge marketing", "marketing", in: demo)
        #expect(merge.status != 0, "pre-merge-commit refuses the merged result")
        #expect((merge.stdout + merge.stderr).contains("launch-before-release"))
        try s.git("merge", "--abort", in: demo)
        // pre-push reviews what the remote lacks.
        try s.git("checkout", "-q", "marketing", in: demo)
        try s.roadmap("set", "billing-v2-launch", "launch=2027-04-01", "start=2027-03-30", in: demo)
        #expect(try s.git("commit", "-qam", "Launch before ship", "--no-verify", in: demo).status == 0)
        let push = try s.git("push", "origin", "marketing", in: demo)
        #expect(push.status != 0)
        #expect(try s.git("rev-parse", "--verify", "-q", "refs/heads/marketing", in: "remote.git").status != 0, "nothing pushed")
    }

    @Test func hooksNeverClobberAForeignHook() throws {
        let s = try Scratch()
        let demo = try s.example()
        try s.write("demo/.git/hooks/pre-commit", "#!/bin/sh\necho mine\n")
        let refused = try s.roadmap("hooks", "install", in: demo)
        #expect(refused.status == 2)
        #expect(try s.read("demo/.git/hooks/pre-commit") == "#!/bin/sh\necho mine\n")
        #expect(!FileManager.default.fileExists(atPath: s.dir("demo/.git/hooks/pre-push")), "nothing installed")
        #expect(try s.roadmap("hooks", "install", "--force", in: demo).status == 0)
        #expect(try s.read("demo/.git/hooks/pre-commit.roadmap-backup") == "#!/bin/sh\necho mine\n")
        #expect(try s.roadmap("hooks", "uninstall", in: demo).status == 0)
        #expect(try s.read("demo/.git/hooks/pre-commit") == "#!/bin/sh\necho mine\n", "the user's hook is back")
        // core.hooksPath is respected.
        try s.git("config", "core.hooksPath", "my hooks", in: demo)
        #expect(try s.roadmap("hooks", "install", in: demo).status == 0)
        #expect(FileManager.default.isExecutableFile(atPath: s.dir("demo/my hooks/pre-commit")))
    }

    @Test func commitRefusesALockedIndexAndChangesNothing() throws {
        let s = try Scratch()
        let demo = try s.example()
        try s.roadmap("set", "pricing-page", "owner=@jun", in: demo)
        try s.write("demo/.git/index.lock", "")
        let result = try s.roadmap("commit", "-a", "-m", "x", in: demo)
        #expect(result.status == 2)
        #expect(result.stderr.contains("index.lock"))
        try FileManager.default.removeItem(atPath: s.dir("demo/.git/index.lock"))
        #expect(try s.git("log", "-1", "--format=%s", in: demo).stdout == "Plan the marketing in depth: a goal shared with product, the 2027 program, budgets and content\n")
    }
}
