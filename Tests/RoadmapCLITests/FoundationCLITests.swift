import Foundation
import Testing

/// Issue 2: init --example, list, show, and bad input — through the built binary, checked with git.
@Suite("CLI: init, list, show")
struct FoundationCLITests {
    @Test func initExampleMakesARepositoryGitAgreesWith() throws {
        let s = try Scratch()
        let demo = try s.example()
        let log = try s.git("log", "--format=%an|%s", in: demo)
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(Set(lines.map { $0.split(separator: "|")[0] }).count >= 4, "several authors")
        #expect(log.stdout.contains("Billing v2 slips a month"))
        #expect(try s.git("fsck", "--strict", in: demo).status == 0)
        #expect(try s.git("status", "--porcelain", in: demo).stdout == "")
        let list = try s.roadmap("-C", demo, "list")
        #expect(list.status == 0)
        #expect(list.stdout.contains("billing-v2-launch"))
        #expect(list.stdout.split(separator: "\n").count == 22, "a header and 21 items (18 of SPEC §4, a goal, a program and a finished campaign)")
    }

    @Test func listFiltersAndFormats() throws {
        let s = try Scratch()
        let demo = try s.example()
        let releases = try s.roadmap("list", "--kind", "release", "--format", "json", in: demo)
        #expect(releases.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(releases.stdout.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["billing-v2", "insights-2-1", "security-1-9"])
        #expect(items.first?["date"] as? String == "2027-04-15")
        #expect(items.first?["path"] as? String == "roadmap/releases/billing-v2.yaml")
        let maria = try s.roadmap("list", "--owner", "@maria", "--format", "csv", in: demo)
        #expect(maria.stdout.hasPrefix("id,kind,title,status,owner,date,release,path\r\n"))
        #expect(maria.stdout.split(separator: "\r\n").count == 4)  // a header, her two campaigns and her program
        #expect(maria.stdout.contains("'@maria"), "a leading @ is neutralised for spreadsheets")
    }

    @Test func showAsItIsAndAsItWas() throws {
        let s = try Scratch()
        let demo = try s.example()
        let now = try s.roadmap("show", "billing-v2", in: demo)
        #expect(now.stdout == (try s.read("demo/roadmap/releases/billing-v2.yaml")))
        let before = try s.roadmap("show", "billing-v2", "--at", "HEAD~4", "--format", "json", in: demo)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
        let data = try #require(json["data"] as? [String: Any])
        #expect(data["date"] as? String == "2027-03-15")
        #expect(json["commit"] as? String == (try s.git("rev-parse", "HEAD~4", in: demo)).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        // A day: the base branch at the end of 2026-10-01 had the original date.
        let byDay = try s.roadmap("show", "roadmap/releases/billing-v2.yaml", "--at", "2026-10-01", "--format", "json", in: demo)
        #expect(byDay.status == 0)
        #expect(byDay.stdout.contains("\"date\": \"2027-03-15\""))
        // Any YAML file, not only items.
        let config = try s.roadmap("show", "roadmap.yaml", "--format", "json", in: demo)
        #expect(config.stdout.contains("\"id\": null"))
        #expect(config.stdout.contains("\"launch-lag-days\": 30"))
    }

    @Test func readsFromASubFolderAndABareClone() throws {
        let s = try Scratch()
        let demo = try s.example()
        #expect(try s.roadmap("list", in: demo + "/roadmap/releases").stdout.contains("security-1-9"))
        try s.git("clone", "-q", "--bare", demo, "bare.git")
        let bare = try s.roadmap("-C", "bare.git", "list", "--kind", "campaign")
        #expect(bare.status == 0)
        #expect(bare.stdout.contains("dashboards-webinar"))
    }

    @Test(arguments: [
        (["list"], "not in a git repository"),
        (["show", "nope", "-C", "demo"], "no item 'nope'"),
        (["show", "billing-v2", "--at", "no-such-rev", "-C", "demo"], "unknown revision 'no-such-rev'"),
        (["show", "../outside.yaml", "-C", "demo"], "outside the repository"),
        (["list", "--kind", "initiative", "-C", "demo"], "initiative"),
        (["-C", "demo", "bogus"], "'bogus'"),
        (["list", "--today", "2026-13-01", "-C", "demo"], "invalid --today '2026-13-01'"),
        (["show", "billing-v2", "--at", "2026-13-45", "-C", "demo"], "'2026-13-45' is not a valid day"),
        (["review", "--rev", "nosuch", "-C", "demo"], "unknown revision 'nosuch': name a branch, tag or commit id"),
        (["help", "bogus"], "no command named 'bogus' to show help for (see 'roadmap --help')"),
        (["-C", "demo", "help", "history", "bogus"], "no command named 'bogus' to show help for (see 'roadmap --help')"),
        (["history", "billing-v2", "--limit", "-1", "-C", "demo"], "--limit must be 1 or more, got -1"),
        (["history", "--limit", "-5", "billing-v2", "-C", "demo"], "--limit must be 1 or more, got -5"),
        (["history", "billing-v2", "--limit=-1", "-C", "demo"], "--limit must be 1 or more, got -1"),
        (["history", "billing-v2", "--limit", "0", "-C", "demo"], "--limit must be 1 or more, got 0"),
    ])
    func badInputIsOneLineAndExitTwo(arguments: [String], expected: String) throws {
        let s = try Scratch()
        _ = try s.example()
        let result = try s.roadmap(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("roadmap: error: "))
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    /// `roadmap help` and `roadmap help COMMAND` show help and exit 0; an unknown name is in
    /// the bad-input table above.
    @Test(arguments: [
        (["help"], "SUBCOMMANDS:"),
        (["help", "history"], "--limit <limit>"),
        (["help", "help"], "subcommand help"),
    ])
    func helpShowsTheHelpOfACommand(arguments: [String], expected: String) throws {
        let s = try Scratch()
        let result = try s.roadmap(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(expected), "\(result.stdout)")
        #expect(result.stderr.isEmpty)
    }

    /// `--limit` is read unconditionally (so that `--limit -1` gets a clear error, in the table
    /// above); a valid count, before or after the other options, still limits.
    @Test(arguments: [["--limit", "1", "--format", "json"], ["--format", "json", "--limit", "1"], ["--limit=1", "--format", "json"]])
    func historyLimitKeepsTheNewestCommits(options: [String]) throws {
        let s = try Scratch()
        let demo = try s.example()
        let all = try s.roadmap(["history", "billing-v2", "--format", "json"], in: demo)
        let limited = try s.roadmap(["history", "billing-v2"] + options, in: demo)
        #expect(limited.status == 0, "\(limited.stderr)")
        func commits(_ result: ProcessResult) throws -> [String] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try #require(json["entries"] as? [[String: Any]]).compactMap { $0["commit"] as? String }
        }
        let newest = try commits(all)
        #expect(newest.count > 1, "fixture: billing-v2 changed in more than one commit")
        #expect(try commits(limited) == Array(newest.prefix(1)))
    }

    @Test func aBadRoadmapYamlStopsEveryCommandWithItsLine() throws {
        let s = try Scratch()
        let demo = try s.example()
        try s.write("demo/roadmap.yaml", "root: roadmap\nlaunch-lag-days: soon\n")
        let result = try s.roadmap("list", in: demo)
        #expect(result.status == 2)
        #expect(result.stderr.contains("roadmap.yaml:2:"), "\(result.stderr)")
    }
}
