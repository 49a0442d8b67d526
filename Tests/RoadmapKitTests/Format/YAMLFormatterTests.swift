import Testing
@testable import RoadmapKit

let itemKeyOrder = ["kind", "title", "status", "owner", "date", "tags", "description"]

/// The same mapping regardless of key order (top level only), else plain equality.
func sameData(_ a: YAMLValue, _ b: YAMLValue) -> Bool {
    guard case let .mapping(x) = a, case let .mapping(y) = b else { return a == b }
    guard x.count == y.count else { return false }
    return x.allSatisfy { p in y.contains { $0.key == p.key && $0.value == p.value } }
}

@Suite("YAML Format canonical formatter")
struct YAMLFormatterTests {
    func fmt(_ text: String) throws -> String {
        let doc = try YAMLParser.parse(Array(text.utf8))
        let out = YAMLFormatter.canonical(doc, keyOrder: itemKeyOrder, blankLineBefore: ["description"])
        return String(decoding: out, as: UTF8.self)
    }

    @Test("reorders keys, indents two spaces, one blank line before description, comments kept")
    func layout() throws {
        let input = """
        # Header comment

        title: 'Billing'   # the name
        x-own: 1


        # about the kind
        kind: release
        tags:
        - a
        -   b
        description: |
            Text.
              Indented.
        owner:
            name: "@ana"
            teams:
                  - x
        """
        let expected = """
        # Header comment

        kind: release
        title: 'Billing'   # the name
        x-own: 1
        # about the kind
        kind: release
        """
        _ = expected
        let out = try fmt(input)
        #expect(out == """
        # Header comment

        # about the kind
        kind: release
        title: 'Billing' # the name
        owner:
          name: "@ana"
          teams:
            - x
        tags:
          - a
          - b

        description: |
          Text.
            Indented.
        x-own: 1

        """)
    }

    @Test("CRLF stays CRLF, output ends with a line break")
    func crlf() throws {
        let out = try fmt("title: a\r\nkind: b")
        #expect(out == "kind: b\r\ntitle: a\r\n")
    }

    @Test("generated documents: canonical output loads to the same data (also in Yams) and is idempotent")
    func property() throws {
        var gen = YAMLGenerator(seed: 4242)
        var checked = 0
        for _ in 0..<1500 {
            let bytes = gen.document()
            guard let doc = try? YAMLParser.parse(bytes), doc.tree.kind == .blockMapping else { continue }
            let out = YAMLFormatter.canonical(doc, keyOrder: ["k2", "title1", "key0"], blankLineBefore: ["k1", "a b2"])
            let text = String(decoding: bytes, as: UTF8.self)
            guard let again = try? YAMLParser.parse(out) else {
                Issue.record("canonical output does not parse:\n\(text)\n---\n\(String(decoding: out, as: UTF8.self))")
                continue
            }
            #expect(sameData(again.data, doc.data), "\(text)\n---\n\(String(decoding: out, as: UTF8.self))")
            #expect((try? YAMLOracle.load(out)).map { sameData($0, doc.data) } == true)
            let twice = YAMLFormatter.canonical(again, keyOrder: ["k2", "title1", "key0"], blankLineBefore: ["k1", "a b2"])
            #expect(twice == out, "not idempotent:\n\(String(decoding: out, as: UTF8.self))\n---\n\(String(decoding: twice, as: UTF8.self))")
            checked += 1
        }
        #expect(checked > 1000)
    }
}
