import Foundation
import Testing

/// Issue 3: new, set, fmt, schema through the binary.
@Suite("CLI: new, set, fmt, schema")
struct EditCLITests {
    @Test func setIsAOneLineDiff() throws {
        let s = try Scratch()
        let demo = try s.example()
        let result = try s.roadmap("set", "billing-v2", "date=2027-05-20", in: demo)
        #expect(result.status == 0)
        #expect(result.stdout.contains("date: 2027-04-15 → 2027-05-20"))
        let numstat = try s.git("diff", "--numstat", in: demo).stdout
        #expect(numstat == "1\t1\troadmap/releases/billing-v2.yaml\n")
    }

    @Test func setRefusesABadValueAndWritesNothing() throws {
        let s = try Scratch()
        let demo = try s.example()
        let before = try s.read("demo/roadmap/releases/billing-v2.yaml")
        for bad in ["date=2027-02-30", "status=sailing", "tier=huge"] {
            let result = try s.roadmap("set", "billing-v2", bad, in: demo)
            #expect(result.status == 2, "\(bad)")
            #expect(result.stderr.contains("[invalid-value]"), "\(result.stderr)")
        }
        let dangling = try s.roadmap("set", "usage-based-pricing", "release=billing-v9", in: demo)
        #expect(dangling.status == 2)
        #expect(dangling.stderr.contains("dangling-reference"))
        #expect(try s.read("demo/roadmap/releases/billing-v2.yaml") == before)
        #expect(try s.git("status", "--porcelain", in: demo).stdout.isEmpty)
    }

    @Test func newFilesAnItemThroughItsTemplate() throws {
        let s = try Scratch()
        let demo = try s.example()
        let result = try s.roadmap("new", "campaign", "spring-webinar", "--title", "Spring webinar",
                                   "--set", "promotes=[insights-2-1]", "--set", "launch=2027-07-15", "--set", "owner=@kofi", in: demo)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try s.read("demo/roadmap/campaigns/spring-webinar.yaml")
        #expect(text.contains("# A campaign:"), "the template's comments are kept")
        #expect(text.contains("title: Spring webinar"))
        let shown = try s.roadmap("show", "spring-webinar", "--format", "json", in: demo).stdout
        #expect(shown.contains("\"launch\": \"2027-07-15\""))
        #expect(try s.roadmap("fmt", "--check", in: demo).status == 0)
        // The same id again, and an invalid id, are refused.
        #expect(try s.roadmap("new", "story", "spring-webinar", in: demo).status == 2)
        #expect(try s.roadmap("new", "story", "Bad/Id", in: demo).status == 2)
    }

    @Test func fmtCheckListsWhatDiffersAndFmtFixesIt() throws {
        let s = try Scratch()
        let demo = try s.example()
        #expect(try s.roadmap("fmt", "--check", in: demo).status == 0, "the example is canonical")
        try s.write("demo/roadmap/stories/messy.yaml", "title:   Messy story\nkind: story\ndescription: |\n  text\nepic: invoice-redesign\n")
        let check = try s.roadmap("fmt", "--check", in: demo)
        #expect(check.status == 1)
        #expect(check.stdout == "roadmap/stories/messy.yaml\n")
        #expect(try s.roadmap("fmt", in: demo).status == 0)
        #expect(try s.roadmap("fmt", "--check", in: demo).status == 0)
        #expect(try s.read("demo/roadmap/stories/messy.yaml") == "kind: story\ntitle: Messy story\nepic: invoice-redesign\n\ndescription: |\n  text\n")
    }
}
