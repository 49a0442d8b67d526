import Foundation
import Testing

/// Issue 6 through the binary: history, blame and slips agree with git on the example.
@Suite("CLI: history, blame, slips")
struct HistoryCLITests {
    @Test func historyListsExactlyTheCommitsGitLogFollowLists() throws {
        let s = try Scratch()
        let demo = try s.example()
        // Move the launch campaign to another folder, then change it: history follows the move.
        try FileManager.default.createDirectory(atPath: s.dir(demo + "/roadmap/launches"), withIntermediateDirectories: true)
        try s.git("mv", "roadmap/campaigns/billing-v2-launch.yaml", "roadmap/launches/billing-v2-launch.yaml", in: demo)
        try s.git("commit", "-qm", "File launches apart", in: demo)
        #expect(try s.roadmap("set", "billing-v2-launch", "status=in-progress", in: demo).status == 0)
        try s.git("commit", "-qam", "The launch is being prepared", in: demo)

        let json = try s.roadmap("history", "billing-v2-launch", "--format", "json", in: demo)
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(document["path"] as? String == "roadmap/launches/billing-v2-launch.yaml")
        let entries = try #require(document["entries"] as? [[String: Any]])
        let git = try s.git("log", "--follow", "--format=%H", "--", "roadmap/launches/billing-v2-launch.yaml", in: demo)
        #expect(entries.compactMap { $0["commit"] as? String } == git.stdout.split(separator: "\n").map(String.init))
        #expect(entries.map { $0["change"] as? String } == ["modified", "moved", "modified", "added"])
        let move = try #require(entries.last(where: { $0["change"] as? String == "modified" }))
        let fields = try #require(move["fields"] as? [[String: Any]])
        #expect(fields.contains { $0["field"] as? String == "launch" && $0["old"] as? String == "2027-03-20" && $0["new"] as? String == "2027-04-22" && $0["days"] as? Int == 33 })

        let text = try s.roadmap("history", "billing-v2", "--field", "date", in: demo)
        #expect(text.stdout.contains("date: 2027-03-15 → 2027-04-15 (+31 days)"))
        #expect(text.stdout.contains("Priya Natarajan"))
        #expect(!text.stdout.contains("File launches apart"))
    }

    @Test func blameNamesWhoLastChangedEachField() throws {
        let s = try Scratch()
        let demo = try s.example()
        let blame = try s.roadmap("blame", "billing-v2", in: demo)
        #expect(blame.status == 0)
        let date = try #require(blame.stdout.split(separator: "\n").first { $0.hasPrefix("date") })
        #expect(date.contains("2027-04-15") && date.contains("Billing v2 slips a month"))
        let title = try #require(blame.stdout.split(separator: "\n").first { $0.hasPrefix("title") })
        #expect(title.contains("Plan billing v2"))
    }

    @Test func slipsShowsTheSlippedReleaseFirstByNetSlip() throws {
        let s = try Scratch()
        let demo = try s.example()
        let table = try s.roadmap("slips", "--kind", "release", in: demo)
        let first = try #require(table.stdout.split(separator: "\n").dropFirst().first)
        #expect(first.hasPrefix("billing-v2 ") && first.contains("+31d") && first.contains("Priya Natarajan"))
        let json = try s.roadmap("slips", "--format", "json", in: demo)
        let items = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        let launch = try #require(items.first { $0["id"] as? String == "billing-v2-launch" })
        #expect(launch["moves"] as? Int == 1 && launch["slipDays"] as? Int == 33)
        #expect((launch["series"] as? [Any])?.count == 2)
    }

    @Test func slipsAndHistoryJSONKeepTheOffsetGitRecorded() throws {
        let s = try Scratch()
        let demo = try s.example()
        // A move committed in New York, authored in Kolkata: both offsets differ from UTC and
        // from the example's +01:00, and the two dates differ.
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-03", in: demo).status == 0)
        try s.git("commit", "-qam", "Billing v2 slips again", in: demo, environment: [
            "GIT_AUTHOR_DATE": "2026-11-20T18:45:00+05:30", "GIT_COMMITTER_DATE": "2026-11-20T09:30:00-04:00"])
        func git(_ format: String, _ commit: String) throws -> String {
            try s.git("show", "-s", "--format=\(format)", commit, in: demo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        // slips: the committer date (when the move reached the branch), as `git log %cI` gives it.
        let slips = try s.roadmap("slips", "--kind", "release", "--format", "json", in: demo)
        #expect(slips.status == 0, "\(slips.stderr)")
        let items = try #require((try JSONSerialization.jsonObject(with: Data(slips.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        let series = try #require(items.first { $0["id"] as? String == "billing-v2" }?["series"] as? [[String: Any]])
        #expect(series.count == 3)
        for point in series {
            let commit = try #require(point["commit"] as? String)
            #expect(point["date"] as? String == (try git("%cI", commit)), "\(commit)")
        }
        #expect(series.last?["date"] as? String == "2026-11-20T09:30:00-04:00")

        // history: the author date, as `git log %aI` gives it.
        let history = try s.roadmap("history", "billing-v2", "--format", "json", in: demo)
        let entries = try #require((try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]])
        #expect(!entries.isEmpty)
        for entry in entries {
            let commit = try #require(entry["commit"] as? String)
            #expect(entry["date"] as? String == (try git("%aI", commit)), "\(commit)")
        }
        #expect(entries.first?["date"] as? String == "2026-11-20T18:45:00+05:30")
    }

    @Test func blameAndShowRefuseWhatTheyCannotShow() throws {
        let s = try Scratch()
        let demo = try s.example()
        // A theme whose newest version holds a byte that is not UTF-8.
        let bad = Array("kind: theme\ntitle: \"bad ".utf8) + [0xFF] + Array(" byte\"\n".utf8)
        try Data(bad).write(to: URL(fileURLWithPath: s.dir(demo + "/roadmap/themes/badutf.yaml")))
        try s.git("add", "-A", in: demo)
        try s.git("commit", "-qm", "A theme with a stray byte", in: demo)
        for arguments in [["blame", "badutf"], ["show", "badutf"], ["show", "badutf", "--format", "json"]] {
            let result = try s.roadmap(arguments, in: demo)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
            #expect(result.stderr.hasPrefix("roadmap: error: ") && result.stderr.split(separator: "\n").count == 1
                    && result.stderr.contains("badutf.yaml") && result.stderr.contains("invalid UTF-8"), "\(arguments): \(result.stderr)")
        }
        // A deleted file has no newest version to blame; its history still shows the deletion.
        try s.git("rm", "-q", "roadmap/themes/insights.yaml", in: demo)
        try s.git("commit", "-qm", "Drop the insights theme", in: demo)
        let blame = try s.roadmap("blame", "roadmap/themes/insights.yaml", in: demo)
        #expect(blame.status == 2)
        #expect(blame.stderr.hasPrefix("roadmap: error: cannot blame roadmap/themes/insights.yaml at ") && blame.stderr.contains("deleted"), "\(blame.stderr)")
        #expect(try s.roadmap("history", "roadmap/themes/insights.yaml", in: demo).stdout.contains("Drop the insights theme"))
    }

    @Test func aFieldNoVersionEverHadIsAnErrorNotAnEmptyHistory() throws {
        let s = try Scratch()
        let demo = try s.example()
        for format in ["text", "json"] {
            let result = try s.roadmap("history", "billing-v2", "--field", "dat", "--format", format, in: demo)
            #expect(result.status == 2, "\(format): \(result.stdout)")
            #expect(result.stdout.isEmpty, "\(format): \(result.stdout)")
            #expect(result.stderr.hasPrefix("roadmap: error: ") && result.stderr.split(separator: "\n").count == 1, "\(format): \(result.stderr)")
            #expect(result.stderr.contains("'dat'") && result.stderr.contains("billing-v2")
                    && result.stderr.contains("did you mean 'date'?"), "\(format): \(result.stderr)")
        }
        // An item asked for by its path is named by id and path; any other YAML file by its path.
        let byPath = try s.roadmap("history", "roadmap/releases/billing-v2.yaml", "--field", "nosuch", in: demo)
        #expect(byPath.status == 2 && byPath.stderr.contains("billing-v2 (roadmap/releases/billing-v2.yaml)")
                && byPath.stderr.contains("'nosuch'") && byPath.stderr.contains("its fields: kind, title"), "\(byPath.stderr)")
        let config = try s.roadmap("history", "roadmap.yaml", "--field", "nosuch", in: demo)
        #expect(config.status == 2 && config.stderr.contains("no version of roadmap.yaml has a field 'nosuch'"), "\(config.stderr)")

        // A field an old version had and the newest has not still has its history: the commit
        // that added it and the one that removed it.
        #expect(try s.roadmap("set", "billing-v2", "x-budget=120k", in: demo).status == 0)
        try s.git("commit", "-qam", "Budget billing v2", in: demo)
        #expect(try s.roadmap("set", "billing-v2", "x-budget=", in: demo).status == 0)
        try s.git("commit", "-qam", "Billing v2 has no budget of its own", in: demo)
        #expect(!(try s.read(demo + "/roadmap/releases/billing-v2.yaml")).contains("x-budget"))
        let removed = try s.roadmap("history", "billing-v2", "--field", "x-budget", "--format", "json", in: demo)
        #expect(removed.status == 0, "\(removed.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(removed.stdout.utf8)) as? [String: Any])
        let entries = try #require(document["entries"] as? [[String: Any]])
        #expect(entries.map { $0["subject"] as? String } == ["Billing v2 has no budget of its own", "Budget billing v2"])

        // slips still reports a release that has never had a date.
        #expect(try s.roadmap("new", "release", "billing-v3", "--title", "Billing v3", "--set", "status=proposed", in: demo).status == 0)
        try s.git("add", "-A", in: demo)
        try s.git("commit", "-qm", "Propose billing v3", in: demo)
        let slips = try s.roadmap("slips", "--format", "json", in: demo)
        #expect(slips.status == 0, "\(slips.stderr)")
        #expect(slips.stdout.contains("\"id\": \"billing-v3\""))
    }

    @Test func unknownIdsAndPathsAreOneLineErrors() throws {
        let s = try Scratch()
        let demo = try s.example()
        for target in ["no-such-item", "roadmap/releases/never.yaml"] {
            let result = try s.roadmap("history", target, in: demo)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("roadmap: error: ") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}
