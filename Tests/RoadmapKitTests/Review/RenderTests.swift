import Foundation
import Testing
@testable import RoadmapKit

@Suite struct RenderTests {
    /// A review with one new error, one existing warning, one resolved warning and one info.
    func sampleResult() -> ReviewResult {
        let base = Sample.fixture(story: Sample.story(extra: "colour: red"), campaign: Sample.campaign(launch: "2026-07-20"))
        var head = Sample.fixture(release: Sample.release(date: "2026-06-10"), story: Sample.story(extra: "colour: red"),
                                  campaign: Sample.campaign(launch: "2026-06-01"))
        head.addFile("roadmap/misc/odd item.yaml", "kind: campaign\ntitle: Odd\nowner: \"Evil\\e[31m, x: 100%\\nnext\"\npromotes: [billing-v2]\nlaunch: 2026-06-01\n")
        return Reviewer.review(base: base.snapshot, head: head.snapshot, config: head.config, today: RoadmapDate("2026-01-15")!)
    }

    @Test func textLooksLikeACompilersOutput() {
        let text = TextReviewRenderer().render(sampleResult())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("roadmap/campaigns/spring-launch.yaml:6:9: error: campaign spring-launch") && $0.hasSuffix("(new) [launch-before-release]") })
        #expect(lines.contains { $0.hasPrefix("resolved: roadmap/campaigns/spring-launch.yaml:6:9: ") && $0.hasSuffix("[launch-lag]") })
        #expect(lines.contains("6 items: 3 errors (3 new), 1 warning, 1 info; 1 resolved"))
        #expect(!text.contains("\u{1B}"))
        #expect(lines.contains(""), "items are separated by a blank line")
    }

    @Test func textColorsOnlyWhenAsked() {
        let colored = TextReviewRenderer(color: true).render(sampleResult())
        #expect(colored.contains("\u{1B}[1;31merror\u{1B}[0m"))
    }

    @Test func controlCharactersFromItemsAreStripped() {
        #expect(sanitizeForTerminal("a\u{1B}[31mb\nc\u{202E}d\u{7F}") == "a[31mb cd")
        let text = TextReviewRenderer().render(sampleResult())
        #expect(text.contains("Evil[31m, x: 100% next"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let github = GitHubAnnotationRenderer.render(sampleResult())
        #expect(github.contains("Evil[31m, x: 100%25%0Anext"))
    }

    @Test func jsonHasExactlyTheSpecKeys() throws {
        let json = JSONReviewRenderer.render(sampleResult(), base: "abc123", head: "worktree")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schemaVersion", "base", "head", "findings", "summary"])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["base"] as? String == "abc123" && object["head"] as? String == "worktree")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 6)
        for finding in findings {
            #expect(Set(finding.keys) == ["rule", "severity", "change", "item", "path", "line", "column", "related", "message"])
        }
        let first = try #require(findings.first { $0["rule"] as? String == "launch-before-release" && $0["item"] as? String == "spring-launch" })
        #expect(first["change"] as? String == "new" && first["line"] as? Int == 6 && first["column"] as? Int == 9)
        #expect(first["related"] as? [String] == ["billing-v2"])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["items": 6, "errors": 3, "warnings": 1, "infos": 1, "newErrors": 3])
        let noBase = JSONReviewRenderer.render(sampleResult(), base: nil, head: "index")
        #expect(noBase.contains("\"base\": null"))
    }

    @Test func jsonIsDeterministic() {
        #expect(JSONReviewRenderer.render(sampleResult(), base: nil, head: "index") == JSONReviewRenderer.render(sampleResult(), base: nil, head: "index"))
        #expect(JSONValue.object([("b", .int(1)), ("a", .array([]))]).encoded(pretty: false) == #"{"b":1,"a":[]}"#)
        #expect(JSONValue.string("q\"\\\n\u{01}é").encoded() == #""q\"\\\n\u0001é""#)
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let sarif = SARIFRenderer.render(sampleResult())
        let errors = try jsonSchemaErrors(instance: sarif, schema: sarifSchema210, validator: "Draft4Validator")
        #expect(errors.isEmpty, "\(errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "roadmap")
        #expect((driver["rules"] as? [Any])?.count == RuleCatalog.all.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(Set(results.compactMap { $0["baselineState"] as? String }) == ["new", "unchanged", "absent"])
        #expect(Set(results.compactMap { $0["level"] as? String }) == ["error", "warning", "note"])
        #expect(sarif.contains("roadmap/misc/odd%20item.yaml"))
    }

    @Test func sarifValidatesWithoutABaseToo() throws {
        let result = Reviewer.review(base: nil, head: Sample.fixture(campaign: nil).snapshot, config: RoadmapConfig(), today: RoadmapDate("2026-01-15")!)
        let errors = try jsonSchemaErrors(instance: SARIFRenderer.render(result), schema: sarifSchema210, validator: "Draft4Validator")
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func githubAnnotationsEscapeProperly() {
        let out = GitHubAnnotationRenderer.render(sampleResult())
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("::error file=roadmap/campaigns/spring-launch.yaml,line=6,col=9,title=launch-before-release (new)::campaign spring-launch") })
        #expect(lines.contains { $0.hasPrefix("::notice file=roadmap/releases/billing-v2.yaml,") })
        #expect(!lines.contains { $0.contains("launch-lag") }, "resolved findings are not annotated")
        #expect(GitHubAnnotationRenderer.escapeData("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d")
        #expect(GitHubAnnotationRenderer.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }

    @Test func reviewRendererDispatchesEveryFormat() {
        for format in ReviewFormat.allCases {
            #expect(!ReviewRenderer.render(sampleResult(), format: format, base: nil, head: "worktree").isEmpty)
        }
    }
}
