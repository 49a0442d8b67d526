import Testing
@testable import RoadmapKit

@Suite struct ItemSchemaTests {
    func errors(_ yaml: String) throws -> [String] {
        try jsonSchemaErrors(instance: JSONValue(parse(yaml).data).encoded(), schema: ItemSchema.jsonSchema(), validator: "Draft202012Validator")
    }

    @Test(arguments: [Sample.theme, Sample.release(), Sample.epic(), Sample.story(),
                      Sample.campaign(extra: "teaser: true\nx-budget: 100\nwaive: {launch-lag: {reason: ok, until: 2026-Q3}}"),
                      "kind: release\ntitle: Someday\nstatus: proposed\n", "kind: release\ntitle: Y\ndate: 2027\n"])
    func goodItemsValidate(yaml: String) throws {
        #expect(try errors(yaml).isEmpty)
    }

    @Test(arguments: [
        "kind: release\ntitle: R\ndate: 2026-13\n",
        "kind: release\ntitle: R\ndate: 2026-06-15\ntier: huge\n",
        "kind: release\ntitle: R\n",
        "kind: epic\ntitle: E\nstatus: shipped\n",
        "kind: epic\ntitle: E\ncolour: red\n",
        "kind: campaign\ntitle: C\npromotes: []\nlaunch: 2026-06\n",
        "kind: campaign\ntitle: C\npromotes: [a]\nlaunch: 2026-06\nteaser: yes\n",
        "kind: story\ntitle: S\nwaive: {no-such-rule: x}\n",
        "kind: chore\ntitle: X\n",
        "title: no kind\n",
    ])
    func brokenItemsAreRejected(yaml: String) throws {
        #expect(try !errors(yaml).isEmpty)
    }

    @Test func channelsFollowTheAllowList() throws {
        var config = RoadmapConfig()
        config.channels = ["blog"]
        let schema = ItemSchema.jsonSchema(config: config)
        let instance = JSONValue(parse(Sample.campaign()).data).encoded()  // channels: [blog, email]
        #expect(try !jsonSchemaErrors(instance: instance, schema: schema, validator: "Draft202012Validator").isEmpty)
    }
}
