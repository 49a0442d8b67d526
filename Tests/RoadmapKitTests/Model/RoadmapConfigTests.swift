import Testing
@testable import RoadmapKit

@Suite struct RoadmapConfigTests {
    func load(_ yaml: String) throws(ConfigError) -> RoadmapConfig {
        try RoadmapConfig(file: ParsedFile(path: "roadmap.yaml", outcome: .parsed(parse(yaml))))
    }

    @Test func defaultsWithoutAFile() throws {
        let config = try RoadmapConfig.load(nil)
        #expect(config.root == "roadmap" && config.base == "main" && config.proposalPrefix == "proposal/")
        #expect(config.launchLagDays == 30 && config.channels == nil)
        #expect(config.severity(of: "launch-lag", default: .warning) == .warning)
    }

    @Test func readsEverySetting() throws {
        let config = try load("""
            root: plans/
            base: trunk
            proposal-prefix: idea/
            launch-lag-days: 14
            rules:
              unmarketed-release: off
              launch-lag: error
            channels: [email, blog]
            x-note: mine
            """)
        #expect(config.root == "plans" && config.base == "trunk" && config.proposalPrefix == "idea/")
        #expect(config.launchLagDays == 14)
        #expect(config.channels == ["email", "blog"])
        #expect(config.severity(of: "unmarketed-release", default: .warning) == nil)
        #expect(config.severity(of: "launch-lag", default: .warning) == .error)
    }

    @Test(arguments: [
        ("launch-lag-days: soon\n", 1, 18, "launch-lag-days"),
        ("rules:\n  lunch-lag: off\n", 2, 3, "did you mean 'launch-lag'"),
        ("rules:\n  launch-lag: loud\n", 2, 15, "error, warning, info or off"),
        ("roots: x\n", 1, 1, "did you mean 'root'"),
        ("root: ../elsewhere\n", 1, 7, "inside the repository"),
        ("channels: blog\n", 1, 11, "list"),
        ("- a\n", 1, 1, "mapping"),
    ])
    func badSettingsNameTheirPosition(yaml: String, line: Int, column: Int, text: String) {
        do {
            _ = try load(yaml)
            Issue.record("expected a ConfigError for \(yaml)")
        } catch {
            #expect(error.location == SourceLocation(line: line, column: column))
            #expect(error.message.contains(text), "\(error.message)")
            #expect(error.description.hasPrefix("roadmap.yaml:\(line):\(column): "))
        }
    }

    @Test func webDirectIsOffUnlessSet() throws {
        #expect(try RoadmapConfig.load(nil).webDirect == false)
        #expect(try load("web: {direct: true}").webDirect == true)
        #expect(try load("web:\n  direct: false").webDirect == false)
        #expect(throws: ConfigError.self) { try load("web: {direkt: true}") }
        #expect(throws: ConfigError.self) { try load("web: {direct: yes}") }
    }

    @Test func aParseFailureIsAConfigError() {
        let file = ParsedFile(path: "roadmap.yaml", outcome: .failed(rule: "unsupported-yaml", message: "anchors are not supported", location: SourceLocation(line: 3, column: 4)))
        #expect(throws: ConfigError(path: "roadmap.yaml", location: SourceLocation(line: 3, column: 4), message: "anchors are not supported")) {
            try RoadmapConfig.load(file)
        }
    }
}
