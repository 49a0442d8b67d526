import Foundation
import Testing

/// SPEC §15 `digest`, over the example roadmap's history (dated commits by four people).
@Suite struct DigestTests {
    func digest(_ s: Scratch, _ demo: String, _ arguments: String...) throws -> ProcessResult {
        try s.roadmap(["digest", "--today", "2026-01-01"] + arguments, in: demo)
    }

    @Test func aMonthOfChangesSaysWhatMovedByWhomAndWhy() throws {
        let s = try Scratch()
        let demo = try s.example()
        let r = try digest(s, demo, "--since", "2026-10", "--until", "2026-10")
        #expect(r.status == 0, "\(r.stderr)")
        let text = r.stdout
        #expect(text.hasPrefix("roadmap digest: main, 2026-10 … 2026-10 (3 commits)\n"), "\(text)")
        #expect(text.contains("Dates moved (6)"), "\(text)")
        #expect(text.contains("  billing-v2 date 2027-03-15 → 2027-04-15 (+31 days) — Priya Natarajan, 2026-10-28: \"Billing v2 slips a month: the metered usage API needs a rework\""), "\(text)")
        #expect(text.contains("  billing-v2-launch launch 2027-03-20 → 2027-04-22 (+33 days) — Maria Lopez, 2026-10-29:"), "\(text)")
        #expect(text.contains("  security-1-9: in-progress → shipped — Sam Okafor, 2026-10-20: \"Ship 1.9: SAML login is done\""), "\(text)")
        #expect(text.contains("Findings introduced (2)\n  error launch-before-release on billing-v2-launch:"), "\(text)")
        #expect(text.contains("Findings resolved (1)\n  error launch-before-release on billing-v2-launch:") && text.contains("— Maria Lopez, 2026-10-29"), "\(text)")
        #expect(!text.contains("pricing-page"), "a November change leaked into October: \(text)")
    }

    @Test func addedAndRemovedItemsAndEveryFormat() throws {
        let s = try Scratch()
        let demo = try s.example()
        var r = try digest(s, demo, "--since", "2026-09-01", "--until", "2026-09-01")
        #expect(r.stdout.contains("Items added (") && r.stdout.contains("  billing-v2 (release) at roadmap/releases/billing-v2.yaml — Priya Natarajan, 2026-09-01:"), "\(r.stdout)")
        try GitHost.expectOK(s.git("rm", "-q", "roadmap/campaigns/dashboards-webinar.yaml", in: demo))
        try GitHost.expectOK(s.git("commit", "-q", "--no-verify", "-m", "Drop the dashboards webinar", in: demo))
        r = try digest(s, demo, "--since", "2026-11-15")
        #expect(r.stdout.contains("Items removed (1)\n  dashboards-webinar (was roadmap/campaigns/dashboards-webinar.yaml) — Test Person,"), "\(r.stdout)")

        r = try digest(s, demo, "--since", "2026-10", "--until", "2026-10", "--format", "markdown")
        #expect(r.stdout.hasPrefix("## Roadmap digest") && r.stdout.contains("### Dates moved (6)"), "\(r.stdout)")
        r = try digest(s, demo, "--since", "2026-10", "--until", "2026-10", "--format", "html")
        try s.write("d.html", r.stdout)
        r = try digest(s, demo, "--since", "2026-10", "--until", "2026-10", "--format", "json")
        try s.write("d.json", r.stdout)
        let check = try CLI.run("python3", ["-c", """
            import json, sys, html.parser
            class P(html.parser.HTMLParser):
                items = 0
                def handle_starttag(self, tag, attrs):
                    if tag == "li": P.items += 1
            p = P(); p.feed(open(sys.argv[1]).read()); p.close()
            page = open(sys.argv[1]).read()
            assert page.startswith("<!DOCTYPE html>") and "<h2" in page and "Dates moved" in page and P.items >= 6, page
            doc = json.load(open(sys.argv[2]))
            assert doc["schemaVersion"] == 1 and doc["branch"] == "main", doc
            assert doc["summary"] == {"added": 0, "removed": 0, "datesMoved": 6, "statusChanges": 3, "introduced": 2, "resolved": 1}, doc["summary"]
            assert [c["subject"] for c in doc["commits"]][0] == "Move the billing v2 launch after the new ship date"
            assert doc["commits"][1]["author"] == {"name": "Priya Natarajan", "email": "priya@lumen.example"}
            assert doc["commits"][1]["date"] == "2026-10-28T11:05:00+01:00", doc["commits"][1]["date"]
            """, s.dir("d.html"), s.dir("d.json")], in: s.path, home: s.path)
        #expect(check.status == 0, "\(check.stderr)")

        r = try digest(s, demo, "--since", "last week")
        #expect(r.status == 2 && r.stderr.hasPrefix("roadmap: error: invalid --since 'last week'"), "\(r.stderr)")
    }

    /// The second digest of a period is answered from the caches (history, digest) and says
    /// exactly what the first one computed.
    @Test func aWarmDigestSaysExactlyWhatTheColdOneSaid() throws {
        let s = try Scratch()
        let demo = try s.example()
        let cold = try digest(s, demo, "--since", "2026-09-01", "--format", "json")
        #expect(cold.status == 0, "\(cold.stderr)")
        #expect(FileManager.default.fileExists(atPath: s.dir("\(demo)/.git/roadmap/digest-cache-v1")))
        #expect(FileManager.default.fileExists(atPath: s.dir("\(demo)/.git/roadmap/history-cache-v1")))
        let warm = try digest(s, demo, "--since", "2026-09-01", "--format", "json")
        #expect(warm.stdout == cold.stdout)
        #expect(cold.stdout.contains("\"introduced\" : 4") || cold.stdout.contains("\"introduced\": 4"), "\(cold.stdout.suffix(400))")
        // A damaged cache file is ignored and replaced.
        try s.write("\(demo)/.git/roadmap/digest-cache-v1", "RMDC garbage")
        #expect(try digest(s, demo, "--since", "2026-09-01", "--format", "json").stdout == cold.stdout)
    }

    /// In a real `git clone --depth 3` the walk stops at the boundary and says the digest is
    /// cut short when the period reaches past it (like `slips`), and not when it does not.
    @Test func inAShallowCloneTheDigestStopsAtTheBoundaryAndSaysItIsTruncated() throws {
        let s = try Scratch()
        let demo = try s.example()
        try GitHost.expectOK(s.git("clone", "-q", "--depth", "3", "file://\(s.dir(demo))", "shallow"))
        var r = try digest(s, "shallow", "--since", "2026-01-01")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("roadmap digest: main, 2026-01-01 … now (2 commits)\n(history truncated: this is a shallow clone"), "\(r.stdout)")
        #expect(!r.stdout.contains("Billing v2 slips a month"), "the boundary commit's change cannot be told: \(r.stdout)")
        r = try digest(s, "shallow", "--since", "2026-01-01", "--format", "json")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(doc?["truncated"] as? Bool == true)
        #expect((doc?["commits"] as? [Any])?.count == 2)
        for format in ["markdown", "html"] {
            r = try digest(s, "shallow", "--since", "2026-01-01", "--format", format)
            #expect(r.status == 0 && r.stdout.contains("history truncated"), "\(format): \(r.stdout)")
        }
        // A period inside the clone's history is whole.
        r = try digest(s, "shallow", "--since", "2026-11-01", "--format", "json")
        let inside = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(inside?["truncated"] as? Bool == false, "\(r.stdout)")
        #expect((inside?["commits"] as? [Any])?.count == 2)
    }
}
