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

/// `roadmap schema` is a JSON Schema an editor can use: the example roadmap validates against
/// it with Python's jsonschema (draft 2020-12), and a broken item does not.
@Suite("CLI: schema")
struct SchemaCLITests {
    @Test func theExampleValidatesAndABrokenItemIsRejected() throws {
        let s = try Scratch()
        let demo = try s.example()
        let schema = try s.roadmap("schema", in: demo)
        #expect(schema.status == 0)
        try s.write("schema.json", schema.stdout)
        let list = try s.roadmap("list", "--format", "json", in: demo)
        let items = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        #expect(items.count == 21)
        var documents: [String] = []
        for item in items {
            let shown = try s.roadmap("show", try #require(item["id"] as? String), "--format", "json", in: demo)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            let data = try JSONSerialization.data(withJSONObject: try #require(json["data"]))
            documents.append(String(decoding: data, as: UTF8.self))
        }
        try s.write("items.json", "[" + documents.joined(separator: ",") + "]")
        try s.write("broken.json", #"[{"kind": "release", "title": "Broken", "date": "2027-02-30x", "tier": "huge"}, {"kind": "campaign", "title": "No launch"}]"#)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            v = jsonschema.Draft202012Validator(schema)
            good = json.load(open(sys.argv[2])); bad = json.load(open(sys.argv[3]))
            errors = [list(v.iter_errors(d)) for d in good]
            assert all(not e for e in errors), [str(e[0].message) for e in errors if e]
            assert all(list(v.iter_errors(d)) for d in bad), "a broken item validated"
            print(len(good), "valid,", len(bad), "rejected")
            """
        let check = try CLI.run("python3", ["-c", script, s.dir("schema.json"), s.dir("items.json"), s.dir("broken.json")], in: s.path, home: s.path)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout == "21 valid, 2 rejected\n")
    }
}
