import Testing
@testable import RoadmapKit

/// Hand-written documents the subset accepts: each must print back byte for byte and load to
/// the same data as Yams (libyaml) with the core schema.
let acceptedCorpus: [String] = [
    "",
    "# only a comment\n",
    "---\n",
    "a: 1\n",
    "kind: release\ntitle: Billing v2\ndate: 2026-06-15\n",
    "---\na: b\n...\n",
    "--- # comment\na: b\n",
    "\u{FEFF}a: b\n",
    "a: b\r\nc: d\r\n",
    "a: |\r\n  line 1\r\n  line 2\r\nb: x\r\n",
    "a: 1\nb: 1.5\nc: -2\nd: +3\ne: 0o17\nf: 0x1F\ng: 1e3\nh: .5\ni: 1.\nm: 007\n",
    "a: 1.0\nb: 1e3\nc: -0.0\nd: 1e20\ne: 2.5e-3\n",
    // Keys of different types whose JSON names differ too: kept.
    "1: int\n1.0: float\n\"1.5\": string\ntrue: bool\n\"True\": string\n'nul': x\n",
    // JSON-like flow mappings: after a quoted key the value may follow ':' at once (suite 5T43).
    "a: {\"key\":value, 'k2':2}\nb: [{\"x\":[1, 2]}]\n",
    // A '-' that starts a longer plain value is text, also in flow collections.
    "a: [-a, -1, --, -.5]\nb: {-x: -y}\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: true\ng: False\nh: TRUE\ni: yes\nj: no\nk: on\nl: off\n",
    "a: 2026-06-15\nb: 1_000\nc: 0b101\nd: -0x1F\ne: 12:30\nf: 1e\ng: .\nh: +.5e-3\ni: 0o8\n",
    "a: 'single ''quoted'' # not a comment'\nb: \"double \\\"quoted\\\"\"\n",
    "a: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\\N\\_\\L\\P\\x41\\u00e9\\U0001F600\"\n",
    "a: \"tab\\\there\"\n",
    "a: \"line one\n  line two\n\n  after blank\"\n",
    "a: \"escaped \\\n  break\"\n",
    "a: 'multi\n  line\n\n\n  single'\n",
    "a: plain\n  multi line\n\n  scalar\nb: c\n",
    "- a\n- b\n-\n- - c\n  - d\n- e: 1\n  f: 2\n",
    "key:\n- a\n- b\nnext: 1\n",
    "key:\n  - a\n  - b\n",
    "a:\n  b:\n    c:\n      d: deep\n",
    "a: [1, two, \"three\", 'four', [5, 6], {g: h}]\nb: {x: 1, y: [a, b], 'z': \"q\"}\nc: []\nd: {}\n",
    "a: [1,\n  2,\n  3]\nb: {\n  x: 1,\n  y: 2,\n}\n",
    "a: [a, b, ]\n",
    "a: key:value\nother: x:y\n",
    "a: b # comment\n# full line\nc: d#not comment\n",
    "a: # comment on key\n  b: c # x\n  # between\n  d: e\n# end\n",
    "a: |\n  literal\n    indented\n  text\nb: >\n  folded\n  text\n\n  para\n    more indented\n  back\n",
    "a: |-\n  strip\n\n\nb: |+\n  keep\n\n\nc: |\n  clip\n\n\nd: x\n",
    "a: >-\n  strip folded\nb: >+\n  keep folded\n\nc: x\n",
    "a: |2\n    two extra\n  base\nb: |1-\n  x\n",
    "a:\n  - |\n    in seq\n  - >-\n    folded\n    seq\n",
    "- |+\n  keep at end\n\n",
    "a: |\n  no final newline",
    "a: b",
    "a: 'x'   # trailing\n",
    "\"quoted key\": 1\n'single key': 2\n",
    "1: int key\n1.5: float key\ntrue: bool key\n~: null key\n",
    "a: héllo wörld ✓ 日本語 😀\n\"ключ\": значение\n",
    "a: -1\nb: -x\nc: ?x\nd: :x\n",
    "a:    spaced    \nb :  spaced key\n",
    "a:\n\n\n  b: 1\n\n\n  c: 2\n",
    "  a: 1\n  b: 2\n",
    "- [a, b]\n- {c: d}\n",
    "a: \"\"\nb: ''\n",
    "a: \"#x\"\nb: '#y'\nc: x #y\n",
    "a: !important\n".replacingOccurrences(of: "!important", with: "'!important'"),
    "top:\n  list:\n  - 1\n  - 2\n  after: x\n",
    "a: >\n\n  leading blank\n",
    "a: |\n  trailing spaces   \n  x\n",
    "a: x\n...\n# after end\n",
    "plain: multi\n  line: no\n".replacingOccurrences(of: ": no", with: " no"),
    "a: {b: {c: {d: [1, [2, [3]]]}}}\n",
    "url: http://example.com/a?b=c#frag\n",
    "a: '  leading and trailing  '\n",
    "a: \"\\x7F\\u0085\"\n",
    "- -1\n- - -2\n",
    "a: [\"a, b\", 'c]']\n",
    "a:\n  -\n    b: c\n",
    "a: |\n  x\n  \ttab inside\n",
    "a:\tb\n",
]

@Suite("YAML Format corpus")
struct YAMLCorpusTests {
    @Test("accepted documents round-trip and load like Yams", arguments: acceptedCorpus)
    func accepted(_ text: String) throws {
        let bytes = yamlBytes(text)
        let doc: YAMLDocument
        do {
            doc = try YAMLParser.parse(bytes)
        } catch {
            Issue.record("refused: \(error) for \(text.debugDescription)")
            return
        }
        #expect(doc.bytes == bytes)
        let expected = try YAMLOracle.load(bytes)
        #expect(doc.data == expected, "\(text.debugDescription)\n ours: \(doc.data.debug)\n yams: \(expected.debug)")
        #expect(doc.root.data == doc.data)
    }
}
