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
        #expect(entries.map { $0["change"] as? String } == ["modified", "moved", "modified", "modified", "added"])  // the example's marketing plan edits it too
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

    /// The example, then four commits: billing-v2 moves, two unrelated edits, billing-v2
    /// moves again. A clone with `--depth 3` then ends at an unrelated edit.
    private static func exampleWithLaterMoves(_ s: Scratch) throws -> String {
        let demo = try s.example()
        try s.git("config", "gc.auto", "0", in: demo)
        for (edit, subject) in [(["billing-v2", "date=2027-05-03"], "Billing v2 slips again"),
                                (["insights", "title=Insights for everyone"], "Rename the insights theme"),
                                (["security-1-9", "version=1.9.1"], "Security 1.9 ships as 1.9.1"),
                                (["billing-v2", "date=2027-05-17"], "Billing v2 slips a third time")] {
            let set = try s.roadmap(["set"] + edit, in: demo)
            guard set.status == 0 else { throw ScratchError(message: "set failed: \(set.stderr)") }
            try s.git("commit", "-qam", subject, in: demo)
        }
        return demo
    }

    private static func commits(_ result: ProcessResult) throws -> [String] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(document["entries"] as? [[String: Any]]).compactMap { $0["commit"] as? String }
    }

    @Test func afterUnshallowTheSavedCacheGivesGitsWholeHistory() throws {
        let s = try Scratch()
        let demo = try Self.exampleWithLaterMoves(s)
        try s.git("clone", "-q", "--depth", "3", "file://\(s.dir(demo))", "clone")
        let path = "roadmap/releases/billing-v2.yaml"
        func gitLog() throws -> [String] {
            try s.git("log", "--format=%H", "--", path, in: "clone").stdout.split(separator: "\n").map(String.init)
        }
        let boundary = try s.git("rev-parse", "HEAD~2", in: "clone").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try s.read("clone/.git/shallow") == boundary + "\n")

        // Shallow: the newest move and the boundary commit (where git, too, sees the file
        // appear), said to be cut short; the cache is saved.
        let shallowText = try s.roadmap("history", "billing-v2", in: "clone")
        #expect(shallowText.status == 0, "\(shallowText.stderr)")
        #expect(shallowText.stdout.contains("shallow clone"))
        let shallow = try s.roadmap("history", "billing-v2", "--format", "json", in: "clone")
        #expect(shallow.stdout.contains("\"truncated\": true"))
        #expect(try Self.commits(shallow) == gitLog())
        #expect(try Self.commits(shallow).last == boundary)
        #expect(FileManager.default.fileExists(atPath: s.dir("clone/.git/roadmap/history-cache-v1")))

        try s.git("fetch", "-q", "--unshallow", in: "clone")
        #expect(!FileManager.default.fileExists(atPath: s.dir("clone/.git/shallow")))
        let whole = try gitLog()
        #expect(whole.count == 4 && !whole.contains(boundary))
        // Twice: the first run reads the commits the fetch brought, the second answers from
        // the cache the first saved.
        for run in 1...2 {
            let json = try s.roadmap("history", "billing-v2", "--format", "json", in: "clone")
            #expect(json.status == 0, "run \(run): \(json.stderr)")
            #expect(try Self.commits(json) == whole, "run \(run)")
            #expect(!json.stdout.contains("truncated"), "run \(run)")
            let text = try s.roadmap("history", "billing-v2", in: "clone")
            #expect(!text.stdout.contains("shallow"), "run \(run): \(text.stdout)")
            #expect(text.stdout.contains("[added]") && text.stdout.contains("Plan billing v2"), "run \(run)")
        }
    }

    @Test func aMissingCommitObjectIsAOneLineErrorWithOrWithoutACache() throws {
        let s = try Scratch()
        let demo = try Self.exampleWithLaterMoves(s)
        #expect(try s.git("count-objects", "-v", in: demo).stdout.contains("in-pack: 0"), "the objects must be loose")
        func commit(_ subject: String) throws -> String {
            try s.git("log", "--format=%H", "--fixed-strings", "--grep", subject, in: demo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let path = "roadmap/releases/billing-v2.yaml"
        let log = try s.git("log", "--format=%H", "--", path, in: demo).stdout.split(separator: "\n").map(String.init)
        let cache = s.dir(demo + "/.git/roadmap")
        // A commit the item's history lists, in its middle.
        let victim = try commit("Billing v2 slips again")
        #expect(log.count == 4 && log[1..<3].contains(victim))
        let object = s.dir(demo + "/.git/objects/\(victim.prefix(2))/\(victim.dropFirst(2))")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: object))
        for cached in [false, true] {
            try? FileManager.default.removeItem(atPath: cache)
            if cached {
                let warm = try s.roadmap("history", "billing-v2", in: demo)
                #expect(warm.status == 0 && FileManager.default.fileExists(atPath: cache + "/history-cache-v1"))
            }
            try FileManager.default.removeItem(atPath: object)
            #expect(try s.git("cat-file", "-e", victim, in: demo).status != 0)
            for format in ["text", "json"] {
                let result = try s.roadmap("history", "billing-v2", "--format", format, in: demo)
                #expect(result.status == 2, "cache \(cached), \(format): \(result.status) \(result.stderr)")
                #expect(result.stdout.isEmpty, "cache \(cached), \(format): \(result.stdout)")
                #expect(result.stderr.hasPrefix("roadmap: error: ") && result.stderr.split(separator: "\n").count == 1
                        && result.stderr.contains("billing-v2") && result.stderr.contains(victim)
                        && result.stderr.contains("run 'git fsck'"),
                        "cache \(cached), \(format): \(result.stderr)")
            }
            // Put back, the object gives the whole history again: the failure taught the cache nothing wrong.
            try bytes.write(to: URL(fileURLWithPath: object))
            let again = try s.roadmap("history", "billing-v2", "--format", "json", in: demo)
            #expect(again.status == 0, "cache \(cached): \(again.stderr)")
            #expect(try Self.commits(again) == log, "cache \(cached)")
        }

        // A commit the walk passes through that did not change the item: git log cannot go on
        // either ("cannot simplify commit"), and without a cache neither can history.
        let passedBy = try commit("Rename the insights theme")
        #expect(!log.contains(passedBy))
        try FileManager.default.removeItem(atPath: cache)
        try FileManager.default.removeItem(atPath: s.dir(demo + "/.git/objects/\(passedBy.prefix(2))/\(passedBy.dropFirst(2))"))
        #expect(try s.git("log", "--format=%H", "--", path, in: demo).status != 0)
        let result = try s.roadmap("history", "billing-v2", in: demo)
        #expect(result.status == 2 && result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr.hasPrefix("roadmap: error: ") && result.stderr.split(separator: "\n").count == 1
                && result.stderr.contains(passedBy), "\(result.stderr)")
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
