import Foundation
import Testing

/// Issue 20 point 1 through the binary and the real git CLI: in `git clone --depth 1` and
/// `--depth 3` clones of the example (CI's default checkout) the hooks, `commit` and every
/// review mode work, and every other command answers or says in one line which commit is
/// beyond the boundary and which `git fetch` brings it.
@Suite("CLI: shallow clones")
struct ShallowCloneTests {
    static let today = ["ROADMAP_TODAY": "2026-01-01"]

    private func clone(_ s: Scratch, depth: Int) throws -> String {
        let demo = try s.example()
        let name = "depth\(depth)"
        let r = try s.git("clone", "-q", "--depth", String(depth), "file://\(s.dir(demo))", name)
        guard r.status == 0 else { throw ScratchError(message: "clone failed: \(r.stderr)") }
        return name
    }

    private func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
    }

    /// An answer, or one `roadmap: error:` line that names the shallow clone and a fetch.
    private func expectAnswerOrOneShallowLine(_ r: ProcessResult, _ command: [String]) {
        if r.status == 0 { return }
        let lines = r.stderr.split(separator: "\n")
        #expect(r.status == 2 && lines.count == 1, "\(command): \(r.status) \(r.stderr)")
        #expect(r.stderr.hasPrefix("roadmap: error: ") && r.stderr.contains("shallow clone") && r.stderr.contains("git fetch --"),
                "\(command): \(r.stderr)")
        #expect(!r.stderr.contains("fsck") && !r.stderr.contains("no match for id"), "\(command): \(r.stderr)")
    }

    @Test func inADepthOneCloneTheHookLetsACleanCommitThroughAndRefusesABreakingOne() throws {
        let s = try Scratch()
        let repo = try clone(s, depth: 1)
        #expect(try s.read(repo + "/.git/shallow").count == 41)
        #expect(try s.roadmap("hooks", "install", in: repo).status == 0)
        let head = try s.git("rev-parse", "HEAD", in: repo).stdout

        // Clean: a title change.
        #expect(try s.roadmap("set", "billing-v2", "title=Billing v2 (usage-based)", in: repo).status == 0)
        var r = try s.git("commit", "-qam", "Retitle billing v2", in: repo, environment: Self.today)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try s.git("rev-parse", "HEAD~1", in: repo).stdout == head)

        // Breaking: the release now ships after its launch.
        let clean = try s.git("rev-parse", "HEAD", in: repo).stdout
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: repo).status == 0)
        r = try s.git("commit", "-qam", "Billing v2 moves to 20 May", in: repo, environment: Self.today)
        #expect(r.status != 0, "the hook let a new error through")
        #expect((r.stdout + r.stderr).contains("launch-before-release"), "\(r.stdout)\(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains("no match for id"))
        #expect(try s.git("rev-parse", "HEAD", in: repo).stdout == clean)

        // `roadmap commit` reviews the same way: refused, then a clean one recorded.
        r = try s.roadmap("commit", "--all", "-m", "Billing v2 moves", in: repo, environment: Self.today)
        #expect(r.status == 1 && r.stderr.contains("commit refused"), "\(r.stderr)")
        try s.git("checkout", "-q", "--", ".", in: repo)
        #expect(try s.roadmap("set", "billing-v2", "version=2.0.1", in: repo).status == 0)
        r = try s.roadmap("commit", "--all", "-m", "Billing v2 is 2.0.1", in: repo, environment: Self.today)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try s.git("rev-parse", "HEAD~1", in: repo).stdout == clean)

        // The pre-push hook reviews a new branch against its merge base with main.
        r = try s.git("push", "-q", "origin", "HEAD:refs/heads/topic", in: repo, environment: Self.today)
        #expect(r.status == 0, "\(r.stderr)")

        // A merge (pre-merge-commit) inside the shallow history.
        try s.git("checkout", "-qb", "side", "HEAD~1", in: repo)
        #expect(try s.roadmap("set", "insights", "title=Insights for all", in: repo).status == 0)
        try s.git("commit", "-qam", "Retitle insights", in: repo, environment: Self.today)
        try s.git("checkout", "-q", "main", in: repo)
        r = try s.git("merge", "--no-ff", "-q", "-m", "Merge side", "side", in: repo, environment: Self.today)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test func inADepthOneCloneEveryCommandAnswersOrGivesOneClearLine() throws {
        let s = try Scratch()
        let repo = try clone(s, depth: 1)
        let boundary = try s.git("rev-parse", "--short=7", "HEAD", in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let commands: [[String]] = [
            ["review"], ["review", "--staged"], ["review", "--rev", "HEAD"], ["review", "--base", "HEAD"],
            ["review", "--base", "origin/main", "--head", "HEAD"], ["review", "--rev", "HEAD~1"],
            ["history", "billing-v2"], ["blame", "billing-v2"], ["slips"], ["list"], ["list", "--at", "2026-03-01"],
            ["list", "--at", "HEAD"], ["show", "billing-v2", "--at", "HEAD"], ["show", "billing-v2", "--at", "2026-03-01"],
            ["diff"], ["diff", "HEAD"], ["board"], ["timeline"], ["export", "--format", "json"], ["proposals"],
            ["digest", "--since", "2026-01-01"], ["notify", "--base", "HEAD"], ["publish", "--audience", "public", "-o", "site"],
            ["review", "--format", "markdown"], ["review", "--format", "gitlab"], ["list", "--audience", "public"],
            ["forecast"], ["forecast", "--backtest"], ["impact", "usage-based-pricing", "--by", "+30d"], ["calendar"],
            ["budget"], ["replan", "billing-v2"],
        ]
        for command in commands {
            expectAnswerOrOneShallowLine(try s.roadmap(command, in: repo, environment: Self.today), command)
        }
        // The review of the boundary commit against its missing parent names both and the fetch.
        let rev = try s.roadmap("review", "--rev", "HEAD", in: repo)
        #expect(rev.status == 2 && rev.stderr.contains("commit \(boundary) is at this shallow clone's boundary")
                && rev.stderr.contains("git fetch --deepen=1"), "\(rev.stderr)")
        // After deepening by one, it runs.
        #expect(try s.git("fetch", "-q", "--deepen=1", in: repo).status == 0)
        #expect(try s.roadmap("review", "--rev", "HEAD", in: repo, environment: Self.today).status == 0)
    }

    @Test func historyBlameAndSlipsSayTheHistoryIsCutShortAndClaimNothingAtTheBoundary() throws {
        let s = try Scratch()
        let repo = try clone(s, depth: 1)
        let boundary = try s.git("rev-parse", "HEAD", in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        // history: the boundary commit is not where the item was added.
        let text = try s.roadmap("history", "billing-v2", in: repo)
        #expect(text.status == 0 && text.stdout.contains("shallow boundary") && !text.stdout.contains("[added]"), "\(text.stdout)")
        let history = try json(try s.roadmap("history", "billing-v2", "--format", "json", in: repo))
        #expect(history["truncated"] as? Bool == true)
        let entries = try #require(history["entries"] as? [[String: Any]])
        #expect(entries.map { $0["commit"] as? String } == [boundary])
        #expect(entries.map { $0["change"] as? String } == ["boundary"])
        #expect((entries.first?["fields"] as? [Any])?.isEmpty == true)

        // blame: no field is credited to the boundary commit.
        let blameText = try s.roadmap("blame", "billing-v2", in: repo)
        #expect(blameText.stdout.contains("beyond the shallow history") && blameText.stdout.contains("history truncated"))
        #expect(!blameText.stdout.contains(String(boundary.prefix(7))), "\(blameText.stdout)")
        let blame = try json(try s.roadmap("blame", "billing-v2", "--format", "json", in: repo))
        #expect(blame["schemaVersion"] as? Int == 1 && blame["truncated"] as? Bool == true)
        let fields = try #require(blame["fields"] as? [[String: Any]])
        #expect(!fields.isEmpty && fields.allSatisfy { $0["commit"] is NSNull })

        // slips: no first date it cannot know.
        let slipsText = try s.roadmap("slips", in: repo)
        #expect(slipsText.stdout.contains("history truncated"), "\(slipsText.stdout)")
        let slips = try json(try s.roadmap("slips", "--format", "json", in: repo))
        let billing = try #require((slips["items"] as? [[String: Any]])?.first { $0["id"] as? String == "billing-v2" })
        #expect(billing["truncated"] as? Bool == true && billing["first"] is NSNull && billing["slipDays"] is NSNull)
        #expect(billing["current"] as? String == "2027-04-15")

        // forecast: its record of moves is partial, and it says so.
        let forecastText = try s.roadmap("forecast", in: repo, environment: Self.today)
        #expect(forecastText.status == 0 && forecastText.stdout.contains("history truncated"), "\(forecastText.stdout)")
        #expect(try json(try s.roadmap("forecast", "--format", "json", in: repo, environment: Self.today))["truncated"] as? Bool == true)
        #expect(try json(try s.roadmap("forecast", "--backtest", "--format", "json", in: repo, environment: Self.today))["truncated"] as? Bool == true)

        // After --unshallow all of it is back: added, first date, blame by commit.
        #expect(try s.git("fetch", "-q", "--unshallow", in: repo).status == 0)
        let wholeForecast = try s.roadmap("forecast", in: repo, environment: Self.today)
        #expect(!wholeForecast.stdout.contains("history truncated"), "\(wholeForecast.stdout)")
        #expect(try json(try s.roadmap("forecast", "--format", "json", in: repo, environment: Self.today))["truncated"] as? Bool == false)
        let whole = try json(try s.roadmap("slips", "--format", "json", in: repo))
        let complete = try #require((whole["items"] as? [[String: Any]])?.first { $0["id"] as? String == "billing-v2" })
        #expect(complete["truncated"] as? Bool == false && complete["first"] as? String == "2027-03-15" && complete["slipDays"] as? Int == 31)
        #expect(try s.roadmap("history", "billing-v2", in: repo).stdout.contains("[added]"))
    }

    @Test func inADepthThreeCloneReviewsRunInsideTheHistoryAndNameTheBoundaryBeyondIt() throws {
        let s = try Scratch()
        let repo = try clone(s, depth: 3)
        let boundary = try s.git("rev-parse", "--short=7", "HEAD~2", in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try s.roadmap("review", "--rev", "HEAD", in: repo, environment: Self.today).status == 0)
        #expect(try s.roadmap("review", "--rev", "HEAD~1", in: repo, environment: Self.today).status == 0)
        let beyond = try s.roadmap("review", "--rev", "HEAD~2", in: repo)
        #expect(beyond.status == 2 && beyond.stderr.contains(boundary) && beyond.stderr.contains("git fetch --deepen=1"), "\(beyond.stderr)")
        let older = try s.roadmap("review", "--rev", "HEAD~3", in: repo)
        #expect(older.status == 2 && older.stderr.contains("shallow clone") && older.stderr.contains("git fetch --unshallow"), "\(older.stderr)")

        // --base/--head with the merge base inside the shallow history (HEAD~1).
        try s.git("checkout", "-qb", "topic", "HEAD~1", in: repo)
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: repo).status == 0)
        try s.git("commit", "-qam", "Billing v2 moves to 20 May", in: repo)
        let range = try s.roadmap("review", "--base", "main", "--head", "topic", "--format", "json", in: repo, environment: Self.today)
        #expect(range.status == 1, "\(range.stderr)")
        let document = try json(range)
        #expect(document["base"] as? String == (try s.git("rev-parse", "main~1", in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect((document["findings"] as? [[String: Any]])?.contains { $0["rule"] as? String == "launch-before-release" && $0["change"] as? String == "new" } == true)

        // Two histories that meet only beyond the boundary: one line, the fetch to run.
        try s.git("checkout", "-q", "--orphan", "island", in: repo)
        try s.git("commit", "-qm", "An unrelated start", in: repo)
        let apart = try s.roadmap("review", "--base", "main", "--head", "island", in: repo)
        #expect(apart.status == 2 && apart.stderr.split(separator: "\n").count == 1, "\(apart.stderr)")
        #expect(apart.stderr.contains("no common commit in this shallow clone") && apart.stderr.contains(boundary)
                && apart.stderr.contains("git fetch --unshallow"), "\(apart.stderr)")
    }
}
