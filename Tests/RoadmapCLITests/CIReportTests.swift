import Foundation
import Testing

/// SPEC §15: `review --format markdown` (the pull-request comment) and `--format gitlab`
/// (the GitLab Code Quality report), from the built binary on the example roadmap.
@Suite struct CIReportTests {
    let today = "2026-01-01"

    @Test func theMarkdownCommentNamesTheMovedReleaseItsCampaignsAndOwnersAndCarriesTheMarker() throws {
        let s = try Scratch()
        let demo = try s.example()
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)
        let r = try s.roadmap("review", "--today", today, "--format", "markdown", in: demo)
        #expect(r.status == 1, "a new error still fails the job: \(r.stderr)")
        let md = r.stdout
        #expect(md.hasPrefix("<!-- roadmap-review -->\n## Roadmap review\n"), "\(md)")
        #expect(md.contains("**2 new errors**"), "\(md)")
        #expect(md.contains("### Moved releases"), "\(md)")
        #expect(md.contains("| `billing-v2` | @priya | 2027-04-15 → 2027-05-20 (+35 days) | `billing-v2-launch` (@maria), launch 2027-04-22 **before the release**"), "\(md)")
        #expect(md.contains("asset `billing-v2-launch/announcement-post` (@li), publish launch (2027-04-22) **before the release**"), "\(md)")
        // Findings by severity, the new error marked, with its owner.
        let errors = try #require(md.range(of: "### Errors"))
        let notes = try #require(md.range(of: "### Notes"))
        #expect(errors.lowerBound < notes.lowerBound)
        #expect(md.contains("| 🆕 | `launch-before-release` | `billing-v2-launch` | @maria | `roadmap/campaigns/billing-v2-launch.yaml:"), "\(md)")
        #expect(md.contains("| 🆕 | `release-moved` | `billing-v2` | @priya |"), "\(md)")
    }

    @Test func markdownMakesItemTextInert() throws {
        let s = try Scratch()
        let demo = try s.example()
        try s.write("demo/roadmap/campaigns/evil.yaml", "kind: campaign\ntitle: x\nowner: \"<img src=x onerror=alert(1)> | *b*\"\npromotes: [nothing-here]\nlaunch: 2027-01-10\n")
        let md = try s.roadmap("review", "--today", today, "--format", "markdown", in: demo).stdout
        #expect(!md.contains("<img"), "\(md)")
        #expect(md.contains("&lt;img src=x onerror=alert(1)&gt; \\| \\*b\\*"), "\(md)")
    }

    @Test func theGitLabReportFollowsGitLabsFormatWithFingerprintsStableAcrossRunsAndEdits() throws {
        let s = try Scratch()
        let demo = try s.example()
        #expect(try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo).status == 0)
        let first = try s.roadmap("review", "--today", today, "--format", "gitlab", in: demo)
        let again = try s.roadmap("review", "--today", today, "--format", "gitlab", in: demo)
        #expect(first.status == 1 && first.stdout == again.stdout)
        try s.write("first.json", first.stdout)
        // Lines above the finding move it, not its fingerprint.
        let campaign = "demo/roadmap/campaigns/billing-v2-launch.yaml"
        try s.write(campaign, "# moved down by a comment\n" + (try s.read(campaign)))
        try s.write("moved.json", try s.roadmap("review", "--today", today, "--format", "gitlab", in: demo).stdout)
        let schema = CLI.packageRoot + "/Tests/Data/gitlab-code-quality.schema.json"
        let check = try CLI.run("python3", ["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            first, moved = (json.load(open(p)) for p in sys.argv[2:4])
            for doc in (first, moved):
                jsonschema.Draft7Validator(schema).validate(doc)
                prints = [i["fingerprint"] for i in doc]
                assert len(prints) == len(set(prints)), "fingerprints repeat"
            def launch(doc):
                return [i for i in doc if i["check_name"] == "launch-before-release"][0]
            a, b = launch(first), launch(moved)
            assert a["severity"] == "critical" and "billing-v2-launch" in a["description"], a
            assert a["location"]["path"] == "roadmap/campaigns/billing-v2-launch.yaml", a
            assert b["location"]["lines"]["begin"] == a["location"]["lines"]["begin"] + 1, (a, b)
            assert a["fingerprint"] == b["fingerprint"], (a, b)
            assert {i["fingerprint"] for i in first} == {i["fingerprint"] for i in moved}
            print(len(first))
            """, schema, s.dir("first.json"), s.dir("moved.json")], in: s.path, home: s.path)
        #expect(check.status == 0, "\(check.stderr)")
        // The schema is not a rubber stamp: a report with an unknown severity fails it.
        try s.write("bad.json", first.stdout.replacingOccurrences(of: "\"critical\"", with: "\"severe\""))
        let bad = try CLI.run("python3", ["-c", "import json,sys,jsonschema; jsonschema.Draft7Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))",
                                          schema, s.dir("bad.json")], in: s.path, home: s.path)
        #expect(bad.status != 0)
    }
}
