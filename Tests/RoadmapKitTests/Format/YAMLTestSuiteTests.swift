import Foundation
import Testing
@testable import RoadmapKit

/// The subset against the official YAML test suite (cases in YAMLTestSuiteCorpus.swift): what we
/// load, we load like the suite's JSON and like Yams; what we refuse, we refuse for the stated
/// reason, and only as `.unsupported` when the suite says the document is valid YAML.
@Suite("YAML Format against the YAML test suite")
struct YAMLTestSuiteTests {
    @Test("each suite case is loaded like the suite's JSON, or refused as stated", arguments: yamlTestSuiteCases)
    func suiteCase(_ c: SuiteCase) throws {
        let bytes = c.bytes
        switch c.verdict {
        case let .loads(json):
            #expect(!c.suiteFails, "the suite fails this case; we must not load it")
            let doc = try YAMLParser.parse(bytes)
            #expect(doc.bytes == bytes)
            if json.isEmpty {
                #expect(doc.data == .null)
            } else {
                let ours = JSONValue(doc.data).encoded()
                #expect(try Self.json(ours) == Self.json(json), "ours: \(ours)")
            }
            #expect(doc.data == (try YAMLOracle.load(bytes)), "Yams loads it otherwise")
        case let .refused(kind, line, column, fragment):
            do {
                let doc = try YAMLParser.parse(bytes)
                Issue.record("accepted: \(doc.data.debug)")
            } catch {
                #expect(error.kind == kind, "\(error)")
                #expect(error.location == SourceLocation(line: line, column: column), "\(error)")
                #expect(error.message.contains(fragment), "\(error)")
                if !c.suiteFails {
                    #expect(error.kind == .unsupported, "the suite reads this as YAML: a refusal must name a left-out feature")
                }
            }
        }
    }

    @Test("the suite's JSON in the corpus is the JSON each loaded case is checked against")
    func corpusIsConsistent() throws {
        for c in yamlTestSuiteCases {
            if case let .loads(json) = c.verdict { #expect(c.suiteJSON == json, "\(c.id)") }
            if c.suiteFails { #expect(c.suiteJSON == nil, "\(c.id)") }
        }
        #expect(yamlTestSuiteCases.count >= 30)
    }

    @Test("the suite's notation decodes: spaces, tabs and a missing final line break")
    func notation() {
        #expect(SuiteCase.decode("a:·b\n——»c∎\n") == "a: b\n\tc")
        #expect(SuiteCase.decode("x\n↵\n") == "x\n\n")
    }

    /// JSON text as Foundation objects, so key order and spacing do not matter.
    static func json(_ text: String) throws -> NSObject {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        guard let o = object as? NSObject else { throw YAMLOracle.Failure(message: "not JSON: \(text)") }
        return o
    }
}
