import Foundation
import Testing

/// Issue 19: `roadmap import` through the built binary.
@Suite("CLI: import")
struct ImportCLITests {
    /// A Jira Cloud CSV export ("Export issues → CSV (all fields)") of `count` issues across three
    /// fix versions: epics, stories, tasks, bugs and sub-tasks; repeated Fix Version/s and Labels
    /// columns; `Custom field (Epic Link)` and `Parent` (the parent's Issue id); Due Date in
    /// Jira's `dd/MMM/yy h:mm a`; Target start/end in ISO; quoted multi-line descriptions; CRLF.
    static func jiraExport(count: Int) -> String {
        let versions = ["1.0", "1.1", "2.0"]
        let statuses = ["To Do", "In Progress", "Done", "In Review", "Backlog", "Won't Do"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var out = "Summary,Issue key,Issue id,Issue Type,Status,Assignee,Fix Version/s,Fix Version/s,Due Date,Labels,Labels,Description,Custom field (Epic Link),Custom field (Target start),Custom field (Target end),Parent\r\n"
        let epics = max(1, count / 16)
        for n in 1...count {
            let key = "PAY-\(n)", id = String(10000 + n)
            let version = versions[n % 3]
            var type = "Story", epicLink = "", parent = "", due = "", start = "", end = ""
            if n <= epics {
                type = "Epic"
                start = "2027-\(String(format: "%02d", n % 9 + 1))-01"
                end = "2027-\(String(format: "%02d", n % 9 + 2))-28"
            } else {
                let epic = (n % epics) + 1
                type = ["Story", "Task", "Bug", "Story"][n % 4]
                epicLink = "PAY-\(epic)"
                if n % 10 == 0 && n > epics + 1 {
                    // A sub-task names its parent story by Issue id, and has no Epic Link.
                    type = "Sub-task"
                    epicLink = ""
                    parent = String(10000 + n - 1)
                }
                due = "\(n % 27 + 1)/\(months[n % 12])/27 12:00 AM"
            }
            let secondVersion = n % 7 == 0 ? versions[(n + 1) % 3] : ""
            let description = n % 5 == 0 ? "\"Line one of \(key), with a comma.\r\nLine two, \"\"quoted\"\".\"" : ""
            out += "Work item \(n) for payments,\(key),\(id),\(type),\(statuses[n % statuses.count]),Person \(n % 9),\(version),\(secondVersion),\(due),payments,\(n % 2 == 0 ? "q\(n % 4 + 1)" : ""),\(description),\(epicLink),\(start),\(end),\(parent)\r\n"
        }
        return out
    }

    @Test func aJiraExportOf200IssuesBecomesARoadmapWhoseReviewRunsAndReimportingChangesNothing() throws {
        let s = try Scratch()
        #expect(try s.roadmap("init", "--no-hooks", "team").status == 0)
        try s.write("team/export.csv", Self.jiraExport(count: 200))
        let first = try s.roadmap("import", "export.csv", "--from", "jira", in: "team")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("203 added, 0 changed, 0 unchanged, 0 vanished"), "\(first.stdout.suffix(300))")
        #expect(try s.git("rev-list", "--count", "HEAD", in: "team").stdout == "1\n")
        #expect(try s.git("status", "--porcelain", "roadmap", in: "team").stdout.isEmpty)
        #expect(try s.git("fsck", "--strict", in: "team").status == 0)
        // 203 new files are one pack, not a loose object each, and a clone checks out exactly
        // the working tree the import left.
        let objects = try s.git("count-objects", "-v", in: "team").stdout
        #expect(objects.contains("in-pack: 203\n") && objects.hasPrefix("count: "), "\(objects)")
        #expect(try s.git("clone", "-q", "team", "copy").status == 0)
        #expect(try CLI.run("diff", ["-r", "team/roadmap", "copy/roadmap"], in: s.path, home: s.path).status == 0)
        let releases = try FileManager.default.contentsOfDirectory(atPath: s.dir("team/roadmap/releases")).sorted()
        #expect(releases == ["1.0.yaml", "1.1.yaml", "2.0.yaml"])

        let review = try s.roadmap("review", "--today", "2027-01-01", in: "team")
        #expect(review.status == 0, "\(review.stdout.suffix(600))\(review.stderr)")
        #expect(review.stdout.contains("203 items: 0 errors"), "\(review.stdout.suffix(300))")
        #expect(try s.roadmap("fmt", "--check", in: "team").status == 0, "imported files are in canonical layout")

        let tip = try s.git("rev-parse", "HEAD", in: "team").stdout
        let again = try s.roadmap("import", "export.csv", "--from", "jira", in: "team")
        #expect(again.status == 0)
        #expect(again.stdout.hasSuffix("\n0 added, 0 changed, 203 unchanged, 0 vanished; nothing to commit\n"), "\(again.stdout.suffix(300))")
        #expect(try s.git("rev-parse", "HEAD", in: "team").stdout == tip)
        // Nothing changed: no commit, and git sees no difference in the working tree or the index.
        #expect(try s.git("diff", "--exit-code", "HEAD", in: "team").status == 0)
        #expect(try s.git("status", "--porcelain", "--untracked-files=no", in: "team").stdout.isEmpty)
    }

    @Test func aDryRunPrintsThePlanAsJSONAndWritesNothing() throws {
        let s = try Scratch()
        #expect(try s.roadmap("init", "--no-hooks", "team").status == 0)
        try s.write("team/export.csv", Self.jiraExport(count: 20))
        let result = try s.roadmap("import", "export.csv", "--from", "jira", "--dry-run", "--format", "json", in: "team")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["schemaVersion"] as? Int == 1)
        #expect((object?["summary"] as? [String: Any])?["added"] as? Int == 23)
        #expect(object?["commit"] is NSNull)
        #expect(!FileManager.default.fileExists(atPath: s.dir("team/roadmap/stories")))
    }

    @Test func aBadRowIsOneErrorLineWithItsPositionAndExit2() throws {
        let s = try Scratch()
        #expect(try s.roadmap("init", "--no-hooks", "team").status == 0)
        try s.write("team/export.csv", "Summary,Issue key,Issue Type,Status\r\nFirst,PAY-1,Story,To Do\r\nSecond,PAY-2,Story,Parked\r\n")
        let result = try s.roadmap("import", "export.csv", "--from", "jira", in: "team")
        #expect(result.status == 2)
        #expect(result.stderr == "roadmap: error: export.csv:3:20: unknown status 'Parked'; map it in a map file under statuses: (e.g. Parked: in-progress); nothing was written\n")
        #expect(!FileManager.default.fileExists(atPath: s.dir("team/roadmap/stories")))
    }

    @Test func initMapWritesAStartingMapThatImportsTheSheet() throws {
        let s = try Scratch()
        #expect(try s.roadmap("init", "--no-hooks", "team").status == 0)
        try s.write("team/sheet.csv", "\u{FEFF}Ref;Feature;Kind;State;Lead;Notes\nF-1;Search;Epic;Open;@ana;\nF-2;Filters;Story;Doing;@ana;\"Two\nlines\"\n")
        let map = try s.roadmap("import", "--init-map", "sheet.csv", in: "team")
        #expect(map.status == 0, "\(map.stderr)")
        #expect(map.stdout.contains("key: Ref\n") && map.stdout.contains("delimiter: \";\"\n") && map.stdout.contains("  Feature: title\n"))
        #expect(map.stdout.contains("  Doing: planned   # TODO"), "an unknown status is flagged for the user:\n\(map.stdout)")
        try s.write("team/map.yaml", map.stdout.replacingOccurrences(of: "  Doing: planned   # TODO: not a status we know, check", with: "  Doing: in-progress"))
        let result = try s.roadmap("import", "sheet.csv", "--from", "csv", "--map", "map.yaml", in: "team")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try s.read("team/roadmap/stories/filters.yaml").contains("status: in-progress\n"))
    }
}
