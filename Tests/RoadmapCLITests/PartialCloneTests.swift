import Foundation
import Testing

/// Issue 20 point 2 through the binary and the real git CLI: partial clones
/// (`--filter=blob:none`, `tree:0`), sparse checkouts and split indexes. Each command answers
/// from what is present, or stops with one line naming the feature and the git command that
/// fetches what is missing or turns the feature off — and that command, run as printed, works.
@Suite("CLI: partial clones, sparse checkouts, split indexes")
struct PartialCloneTests {
    static let env = ["ROADMAP_TODAY": "2026-01-01"]

    /// The example, served with filters allowed.
    private func served(_ s: Scratch) throws -> String {
        let demo = try s.example()
        try s.git("config", "uploadpack.allowFilter", "true", in: demo)
        try s.git("config", "uploadpack.allowAnySHA1InWant", "true", in: demo)
        return demo
    }

    /// The command quoted in a one-line error (`… with 'git …', and try again`).
    private func quotedCommand(_ stderr: String) throws -> String {
        let start = try #require(stderr.range(of: " with 'git "), "\(stderr)")
        let rest = stderr[start.upperBound...]
        let end = try #require(rest.range(of: "'"), "\(stderr)")
        return "git " + rest[..<end.lowerBound]
    }

    private func expectOneLine(_ r: ProcessResult, naming words: [String], _ command: String) {
        #expect(r.status == 2 && r.stderr.split(separator: "\n").count == 1, "\(command): \(r.stderr)")
        #expect(r.stderr.hasPrefix("roadmap: error: "), "\(command): \(r.stderr)")
        for word in words { #expect(r.stderr.contains(word), "\(command): \(r.stderr)") }
        #expect(!r.stderr.contains("fsck") && !r.stderr.contains("no match for id") && !r.stderr.contains("code -"), "\(command): \(r.stderr)")
    }

    @Test(arguments: ["blob:none", "tree:0"])
    func aPartialCloneAnswersFromWhatIsPresentOrNamesTheFetch(filter: String) throws {
        let s = try Scratch()
        let demo = try served(s)
        let r = try s.git("clone", "-q", "--filter=\(filter)", "file://\(s.dir(demo))", "partial")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try s.git("config", "remote.origin.promisor", in: "partial").stdout.hasPrefix("true"))

        // What is checked out is present: the review of the working tree and the index answer.
        for command in [["review"], ["review", "--staged"], ["list"], ["show", "billing-v2"]] {
            let answer = try s.roadmap(command, in: "partial", environment: Self.env)
            #expect(answer.status == 0, "\(command): \(answer.stderr)")
        }
        // Older versions are not: one line naming the partial clone and the fetch.
        var named = ""
        for command in [["history", "billing-v2"], ["slips"], ["show", "billing-v2", "--at", "HEAD~2"],
                        ["list", "--at", "HEAD~2"], ["review", "--rev", "HEAD~1"], ["diff", "HEAD~1"]] {
            let stop = try s.roadmap(command, in: "partial", environment: Self.env)
            if stop.status == 0 { continue }  // present after all (another command fetched nothing: git does it)
            expectOneLine(stop, naming: ["partial clone", "promisor remote 'origin'", "filter \(filter)", "git log --all"], "\(command)")
            named = try quotedCommand(stop.stderr)
        }
        #expect(named == "git log --all --format= -p -- roadmap > /dev/null")

        // The command as printed fetches what history needs; then history agrees with git.
        let fetched = try CLI.run("/bin/sh", ["-c", named], in: s.dir("partial"), home: s.path)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let history = try s.roadmap("history", "billing-v2", "--format", "json", in: "partial")
        #expect(history.status == 0, "\(history.stderr)")
        let entries = try #require((try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]])
        let log = try s.git("log", "--format=%H", "--", "roadmap/releases/billing-v2.yaml", in: "partial").stdout.split(separator: "\n").map(String.init)
        #expect(entries.compactMap { $0["commit"] as? String } == log)
        #expect(try s.roadmap("slips", in: "partial").status == 0)
        #expect(try s.roadmap("review", "--rev", "HEAD~1", in: "partial", environment: Self.env).status == 0)
    }

    @Test func worktreeConfigIsNamedWithTheCommandThatTurnsItOff() throws {
        let s = try Scratch()
        let demo = try served(s)
        try s.git("clone", "-q", "file://\(s.dir(demo))", "sparse")
        try s.git("sparse-checkout", "set", "--no-cone", "/roadmap.yaml", "/roadmap/", in: "sparse")
        // What `git worktree`/`git config --worktree` users have: the extension in force.
        try s.git("config", "core.repositoryformatversion", "1", in: "sparse")
        try s.git("config", "extensions.worktreeConfig", "true", in: "sparse")
        let stop = try s.roadmap("review", in: "sparse", environment: Self.env)
        expectOneLine(stop, naming: ["extensions.worktreeConfig", "git sparse-checkout disable", "git config --unset extensions.worktreeConfig"], "review")
        let off = try CLI.run("/bin/sh", ["-c", try quotedCommand(stop.stderr)], in: s.dir("sparse"), home: s.path)
        #expect(off.status == 0, "\(off.stderr)")
        #expect(try s.roadmap("review", in: "sparse", environment: Self.env).status == 0)
    }

    @Test func aSparseCheckoutIsReviewedAndCommittedWithTheFilesItLeavesOut() throws {
        let s = try Scratch()
        let demo = try served(s)
        try s.git("clone", "-q", "file://\(s.dir(demo))", "sparse")
        try s.git("sparse-checkout", "set", "--no-cone", "/roadmap.yaml", "/roadmap/releases/", in: "sparse")
        #expect(!FileManager.default.fileExists(atPath: s.dir("sparse/roadmap/campaigns")))
        let full = try s.roadmap("review", in: demo, environment: Self.env)
        let sparse = try s.roadmap("review", in: "sparse", environment: Self.env)
        #expect(sparse.status == 0, "\(sparse.stderr)")
        #expect(sparse.stdout.split(separator: "\n").last?.hasPrefix("21 items: 0 errors") == true, "\(sparse.stdout)")
        #expect(full.stdout.split(separator: "\n").last?.prefix(20) == sparse.stdout.split(separator: "\n").last?.prefix(20))
        #expect(try s.roadmap("list", in: "sparse").stdout.contains("billing-v2-launch"))

        // `commit --all` records the one change, and deletes nothing the checkout left out.
        #expect(try s.roadmap("set", "billing-v2", "title=Billing v2 (usage-based)", in: "sparse").status == 0)
        let commit = try s.roadmap("commit", "--all", "-m", "Retitle", in: "sparse", environment: Self.env)
        #expect(commit.status == 0, "\(commit.stderr)")
        let changed = try s.git("show", "--name-status", "--format=", "HEAD", in: "sparse").stdout
        #expect(changed == "M\troadmap/releases/billing-v2.yaml\n", "\(changed)")
    }

    @Test func aSplitIndexIsNamedWithTheCommandThatTurnsItOff() throws {
        let s = try Scratch()
        let demo = try served(s)
        try s.git("clone", "-q", "file://\(s.dir(demo))", "split")
        try s.git("config", "core.splitIndex", "true", in: "split")
        try s.git("update-index", "--split-index", in: "split")
        for command in [["review"], ["review", "--staged"], ["list"], ["commit", "--all", "-m", "x"]] {
            let stop = try s.roadmap(command, in: "split", environment: Self.env)
            expectOneLine(stop, naming: ["core.splitIndex", "git config core.splitIndex false && git update-index --no-split-index"], "\(command)")
        }
        let stop = try s.roadmap("review", in: "split", environment: Self.env)
        let off = try CLI.run("/bin/sh", ["-c", try quotedCommand(stop.stderr)], in: s.dir("split"), home: s.path)
        #expect(off.status == 0 && off.stderr.isEmpty, "\(off.stderr)")
        #expect(try s.roadmap("review", in: "split", environment: Self.env).status == 0)
    }
}
