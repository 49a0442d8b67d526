import Testing
@testable import RoadmapKit

struct Refusal: CustomTestStringConvertible, Sendable {
    var input: [UInt8]
    var kind: YAMLSyntaxError.Kind
    var line: Int
    var column: Int
    var fragment: String
    var testDescription: String { String(decoding: input.prefix(40), as: UTF8.self).debugDescription }

    init(_ text: String, _ kind: YAMLSyntaxError.Kind, _ line: Int, _ column: Int, _ fragment: String) {
        self.init(bytes: Array(text.utf8), kind, line, column, fragment)
    }
    init(bytes: [UInt8], _ kind: YAMLSyntaxError.Kind, _ line: Int, _ column: Int, _ fragment: String) {
        self.input = bytes; self.kind = kind; self.line = line; self.column = column; self.fragment = fragment
    }
}

let billionLaughs = """
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

"""

let refusals: [Refusal] = [
    Refusal("a: &x 1\n", .unsupported, 1, 4, "anchors"),
    Refusal("a: 1\nb: *x\n", .unsupported, 2, 4, "aliases"),
    Refusal(billionLaughs, .unsupported, 1, 4, "anchors"),
    Refusal("a: !!str 1\n", .unsupported, 1, 4, "tags"),
    Refusal("a: !local x\n", .unsupported, 1, 4, "tags"),
    Refusal("? a\n: b\n", .unsupported, 1, 1, "complex keys"),
    Refusal("%YAML 1.2\n---\na: 1\n", .unsupported, 1, 1, "directives"),
    Refusal("a: 1\n---\nb: 2\n", .unsupported, 2, 1, "more than one document"),
    Refusal("a: 1\n...\nb: 2\n", .unsupported, 3, 1, "more than one document"),
    Refusal("kind: x\ntitle: a\ntitle: b\n", .unsupported, 3, 1, "duplicate key 'title' (first at 2:1)"),
    Refusal("a: {x: 1, x: 2}\n", .unsupported, 1, 11, "duplicate key 'x' (first at 1:5)"),
    Refusal("1: a\n01: b\n", .unsupported, 2, 1, "duplicate key '01' (first at 1:1)"),
    Refusal("a:\n\tb: 1\n", .unsupported, 2, 1, "tab used as indentation"),
    Refusal("a:\n  b: 1\n \tc: 2\n", .unsupported, 3, 2, "tab used as indentation"),
    Refusal(bytes: [0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A], .unsupported, 1, 4, "invalid UTF-8"),
    Refusal(bytes: [0x61, 0x3A, 0x20, 0xFF, 0x0A], .unsupported, 1, 4, "invalid UTF-8"),
    Refusal(bytes: [0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80, 0x0A], .unsupported, 1, 4, "invalid UTF-8"),
    Refusal(bytes: [0x61, 0x3A, 0x20, 0x00, 0x0A], .unsupported, 1, 4, "NUL"),
    Refusal("a: b\u{7}c\n", .unsupported, 1, 5, "control character"),
    Refusal("a: b\rc: d\n", .unsupported, 1, 5, "carriage return"),
    Refusal("a: x\u{2028}y\n", .unsupported, 1, 5, "line break in YAML 1.1"),
    Refusal("a: 99999999999999999999\n", .unsupported, 1, 4, "does not fit in 64 bits"),
    Refusal("a: 0x10000000000000000\n", .unsupported, 1, 4, "does not fit in 64 bits"),
    Refusal("<<: {a: 1}\n", .unsupported, 1, 1, "merge keys"),
    Refusal("a: - b\n", .parse, 1, 4, "block sequence cannot start"),
    Refusal("a: b: c\n", .parse, 1, 4, "mapping cannot start"),
    Refusal("a: 1\n  b: 2\n", .parse, 2, 4, "mapping values are not allowed"),
    Refusal("a:\n  b: 1\n c: 2\n", .parse, 3, 2, "bad indentation"),
    Refusal("a: [1, 2\n", .parse, 1, 4, "unterminated flow collection"),
    Refusal("a: \"abc\n", .parse, 1, 4, "unterminated quoted scalar"),
    Refusal("a: \"\\q\"\n", .parse, 1, 5, "invalid escape"),
    Refusal("a: \"\\uD800\"\n", .unsupported, 1, 5, "not a valid character"),
    Refusal("a: [a: b]\n", .unsupported, 1, 6, "flow sequence"),
    Refusal("a: {b}\n", .unsupported, 1, 6, "key: value"),
    Refusal("a: [x:y]\n", .unsupported, 1, 6, "':' inside an unquoted value"),
    Refusal("[a]: b\n", .unsupported, 1, 1, "flow collection used as a key"),
    Refusal("a: @x\n", .parse, 1, 4, "reserved"),
    Refusal("a: `x`\n", .parse, 1, 4, "reserved"),
    Refusal("a: %x\n", .unsupported, 1, 4, "'%'"),
    Refusal("--- a: 1\n", .unsupported, 1, 5, "'---' line"),
    Refusal("a: 'x' y\n", .parse, 1, 8, "unexpected"),
    Refusal("- a\nb: c\n", .parse, 2, 1, "unexpected content"),
    Refusal("a: |0\n  x\n", .parse, 1, 5, "indentation indicator"),
    Refusal("a: |\n      \n  x\n", .parse, 1, 4, "leading empty line"),
    Refusal("a: |\n  \tx\n", .unsupported, 2, 3, "tab where a block scalar"),
    Refusal("a:\n  \"multi\n  line\": 1\n", .parse, 2, 3, "one line"),
    Refusal(": x\n", .parse, 1, 1, "missing key"),
    Refusal("a: \u{FEFF}x\n", .unsupported, 1, 4, "byte order mark"),
    // Fuzzer findings: the input ends inside a flow collection (these read past the end of
    // the buffer before the parser's reads were bounds-checked).
    Refusal(bytes: [0x61, 0x41, 0x23, 0x20, 0x41, 0x3A, 0x20, 0x7B, 0x62, 0x3A, 0x09, 0x09, 0x09, 0x09,
                    0x09, 0x09, 0x09, 0x09, 0x09, 0x23], .parse, 1, 8, "unterminated flow collection (missing '}')"),
    Refusal("a: 0x1F\nCharech-lag: {rauncCharech-lagh: ", .parse, 2, 14, "unterminated flow collection (missing '}')"),
    Refusal("a: {(b: ", .parse, 1, 4, "unterminated flow collection (missing '}')"),
    Refusal("a: {b:", .parse, 1, 4, "unterminated flow collection (missing '}')"),
    Refusal("a: {b: ", .parse, 1, 4, "unterminated flow collection (missing '}')"),
    Refusal("a: {b: # c", .parse, 1, 4, "unterminated flow collection (missing '}')"),
    Refusal("a: {b: 1,", .parse, 1, 4, "unterminated flow collection (missing '}')"),
    Refusal("a: [1,", .parse, 1, 4, "unterminated flow collection (missing ']')"),
    Refusal("a: [1, ", .parse, 1, 4, "unterminated flow collection (missing ']')"),
    Refusal("a: [\n", .parse, 1, 4, "unterminated flow collection (missing ']')"),
    Refusal("a: [[", .parse, 1, 5, "unterminated flow collection (missing ']')"),
    Refusal("a: \"\\", .parse, 1, 4, "unterminated quoted scalar"),
    // Issue 20, point 4: a lone '-' in a flow collection is no value (YAML test suite G5U8).
    Refusal("a: [-]\n", .parse, 1, 5, "lone '-'"),
    Refusal("a: [a, -]\n", .parse, 1, 8, "lone '-'"),
    Refusal("a: {b: -}\n", .parse, 1, 8, "lone '-'"),
    Refusal("a: {b: -, c: d}\n", .parse, 1, 8, "lone '-'"),
    Refusal("a: [[-], x]\n", .parse, 1, 6, "lone '-'"),
    // Keys that are different YAML values but one JSON name: a JSON output would lose a value.
    Refusal("1: a\n\"1\": b\n", .unsupported, 2, 1, "duplicate key \"1\": in JSON it is the name \"1\", as the key 1 at 1:1 is"),
    Refusal("true: a\n'true': b\n", .unsupported, 2, 1, "duplicate key 'true'"),
    Refusal("null: a\n\"null\": b\n", .unsupported, 2, 1, "as the key null at 1:1"),
    Refusal("~: a\n'null': b\n", .unsupported, 2, 1, "as the key ~ at 1:1"),
    Refusal("'1.5': a\n1.5: b\n", .unsupported, 2, 1, "in JSON it is the name \"1.5\""),
    Refusal("x: {1: a, '1': b}\n", .unsupported, 1, 11, "duplicate key"),
    Refusal("0x1: a\n1: b\n", .unsupported, 2, 1, "duplicate key '1' (first at 1:1)"),
    Refusal("1e3: a\n'1000.0': b\n", .unsupported, 2, 1, "name \"1000.0\""),
    // Floats JSON cannot hold.
    Refusal("a: .inf\n", .unsupported, 1, 4, ".inf (infinity) cannot be represented in JSON"),
    Refusal("a: -.Inf\n", .unsupported, 1, 4, "cannot be represented in JSON"),
    Refusal("a: [1, .NaN]\n", .unsupported, 1, 8, ".NaN (not a number) cannot be represented in JSON"),
    Refusal(".nan: x\n", .unsupported, 1, 1, "cannot be represented in JSON"),
    Refusal("a: 1e400\n", .unsupported, 1, 4, "out of range"),
    Refusal("a: \"\\u12", .parse, 1, 5, "invalid escape"),
    Refusal("a: 'x''", .parse, 1, 4, "unterminated quoted scalar"),
]

@Suite("YAML Format refusals")
struct YAMLRefusalTests {
    @Test("each refused input fails with its kind, line:column and a clear message", arguments: refusals)
    func refused(_ r: Refusal) {
        do {
            let doc = try YAMLParser.parse(r.input)
            Issue.record("accepted: \(doc.data.debug)")
        } catch {
            #expect(error.kind == r.kind, "\(error)")
            #expect(error.location == SourceLocation(line: r.line, column: r.column), "\(error)")
            #expect(error.message.contains(r.fragment), "\(error)")
        }
    }

    /// libyaml reads a lone '-' in a flow collection as the string "-"; YAML 1.2 (ns-plain-first)
    /// and the test suite (G5U8) do not. We follow the specification.
    static func libyamlIsLenient(_ r: Refusal) -> Bool { r.fragment == "lone '-'" }

    @Test("refusals with .parse are also errors in Yams", arguments: refusals.filter { $0.kind == .parse && !libyamlIsLenient($0) })
    func yamsAgrees(_ r: Refusal) {
        #expect(throws: (any Error).self) { _ = try YAMLOracle.load(r.input) }
    }

    @Test("a lone '-' in a flow collection is where libyaml is more lenient than the specification")
    func loneDashInLibyaml() throws {
        let lenient = refusals.filter(Self.libyamlIsLenient)
        #expect(lenient.count == 5)
        for r in lenient { #expect((try? YAMLOracle.load(r.input)) != nil, "libyaml refuses it now: drop the exception") }
        #expect(try YAMLOracle.load(Array("a: [-]\n".utf8)) == .mapping([(key: .string("a"), value: .sequence([.string("-")]))]))
    }

    @Test("every prefix of every hand-written document is refused, or round-trips and loads like Yams")
    func truncated() throws {
        for text in acceptedCorpus + refusals.map({ String(decoding: $0.input, as: UTF8.self) }) {
            let bytes = yamlBytes(text)
            for cut in 0...bytes.count {
                let prefix = Array(bytes[..<cut])
                guard let doc = try? YAMLParser.parse(prefix) else { continue }
                #expect(doc.bytes == prefix)
                #expect(doc.root.data == doc.data)
                if let expected = try? YAMLOracle.load(prefix) {
                    #expect(doc.data == expected, "\(String(decoding: prefix, as: UTF8.self).debugDescription)")
                } else {
                    Issue.record("accepted but Yams refuses: \(String(decoding: prefix, as: UTF8.self).debugDescription)")
                }
            }
        }
    }

    @Test("a key with the JSON name of an earlier key is refused in mappings of more than 32 keys too")
    func jsonNameDuplicatesInLargeMappings() {
        let keys = (0..<40).map { "k\($0): \($0)\n" }.joined()
        for (pair, line) in [("5: a\n'5': b\n", 42), ("-0.0: a\n'-0.0': b\n", 42), ("0.0: a\n-0.0: b\n", 42),
                             ("'0.0': a\n0.0: b\n", 42), ("true: a\nx: 1\n'true': b\n", 43)] {
            do {
                let doc = try YAMLParser.parse(Array((keys + pair).utf8))
                Issue.record("accepted: \(doc.data.debug)")
            } catch {
                #expect(error.message.contains("duplicate key"), "\(error)")
                #expect(error.location == SourceLocation(line: line, column: 1), "\(error)")
            }
        }
        // Different names are kept: int 1 and float 1.0, the string "0.0" and the float -0.0.
        for pair in ["1: a\n1.0: b\n", "'0.0': a\n-0.0: b\n", "'True': a\ntrue: b\n"] {
            #expect((try? YAMLParser.parse(Array((keys + pair).utf8))) != nil, "\(pair)")
        }
    }

    @Test("files over 1 MiB are refused before parsing")
    func tooLarge() {
        var big = Array("a: ".utf8)
        big += Array(repeating: UInt8(ascii: "x"), count: yamlMaximumFileSize)
        #expect(throws: YAMLSyntaxError(kind: .unsupported, message: "file is 1048579 bytes; the limit is 1048576 (1 MiB)",
                                        location: SourceLocation(line: 1, column: 1))) {
            _ = try YAMLParser.parse(big)
        }
        // Exactly 1 MiB is fine.
        var ok = Array("a: ".utf8)
        ok += Array(repeating: UInt8(ascii: "x"), count: yamlMaximumFileSize - 4) + [cLF]
        #expect(ok.count == yamlMaximumFileSize)
        #expect((try? YAMLParser.parse(ok)) != nil)
    }

    @Test("10,000-deep flow nesting fails at level 33 without recursing further")
    func deepFlow() {
        let text = "a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        expectDepthError(Array(text.utf8), line: 1)
        let maps = String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        expectDepthError(Array(maps.utf8), line: 1)
    }

    @Test("10,000-deep block sequences and 1,000-deep block mappings fail at level 33")
    func deepBlock() {
        var text = ""
        for i in 0..<1_000 { text += String(repeating: " ", count: i) + "k:\n" }
        expectDepthError(Array(text.utf8), line: 33)
        let seq = String(repeating: "- ", count: 10_000) + "x\n"
        expectDepthError(Array(seq.utf8), line: 1)
    }

    @Test("32 levels are accepted")
    func thirtyTwo() throws {
        var text = ""
        for i in 0..<31 { text += String(repeating: " ", count: i * 2) + "k:\n" }
        text += String(repeating: " ", count: 62) + "k: 1\n"
        let doc = try YAMLParser.parse(Array(text.utf8))
        #expect(doc.bytes == Array(text.utf8))
        #expect(doc.data == (try YAMLOracle.load(Array(text.utf8))))
    }

    func expectDepthError(_ bytes: [UInt8], line: Int) {
        do {
            _ = try YAMLParser.parse(bytes)
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .unsupported)
            #expect(error.message.contains("deeper than 32"), "\(error)")
            #expect(error.location.line == line, "\(error)")
        }
    }

    @Test("empty and comment-only documents are a null root at 1:1; a bare scalar is a scalar root")
    func emptyDocuments() throws {
        for text in ["", "# only a comment\n", "\n\n", "---\n", "\u{FEFF}"] {
            let doc = try YAMLParser.parse(Array(text.utf8))
            #expect(doc.root.data == .null)
            #expect(doc.root.location == SourceLocation(line: 1, column: 1))
            #expect(doc.bytes == Array(text.utf8))
        }
        let bare = try YAMLParser.parse(Array("just text\n".utf8))
        #expect(bare.root.data == .string("just text"))
    }

    @Test("node locations are 1-based lines and columns in Unicode scalars")
    func locations() throws {
        let doc = try YAMLParser.parse(Array("# c\nkind: release\ntitle: \"é\"\ntags:\n  - a\n  - b\nx: {é: [1, ü]}\n".utf8))
        #expect(doc.root.location == SourceLocation(line: 2, column: 1))
        #expect(doc.root["kind"]?.location == SourceLocation(line: 2, column: 7))
        #expect(doc.root["tags"]?.location == SourceLocation(line: 5, column: 3))
        #expect(doc.root["tags"]?.items?[1].location == SourceLocation(line: 6, column: 5))
        #expect(doc.root["x"]?.pairs?[0].value.items?[1].location == SourceLocation(line: 7, column: 12))
        #expect(doc.root.pairs?[1].key.location == SourceLocation(line: 3, column: 1))
    }
}
