import Testing
@testable import RoadmapKit

/// The data of a document as JSON (what `show --format json`, `list` and `export` print): floats
/// stay floats and every key keeps its own member.
@Suite("YAML Format as JSON")
struct YAMLJSONTests {
    func json(_ text: String) throws -> String {
        JSONValue(try YAMLParser.parse(Array(text.utf8)).data).encoded(pretty: false)
    }

    @Test("floats keep their value and their type: 1.0 stays 1.0, 1e3 is 1000.0")
    func floats() throws {
        #expect(try json("a: 1.0\nb: 1e3\nc: 1\nd: 0.5\ne: -0.0\nf: 1e20\ng: 2.5e-3\nh: .5\ni: 1.\n")
            == #"{"a":1.0,"b":1000.0,"c":1,"d":0.5,"e":-0.0,"f":1e+20,"g":0.0025,"h":0.5,"i":1.0}"#)
        // Quoted, they are strings.
        #expect(try json("a: '1.0'\nb: \"1e3\"\n") == #"{"a":"1.0","b":"1e3"}"#)
    }

    @Test("keys of other types are named by their JSON text, one member each")
    func keyNames() throws {
        #expect(try json("1: a\n1.0: b\ntrue: c\n~: d\n0x1F: e\n") == #"{"1":"a","1.0":"b","true":"c","null":"d","31":"e"}"#)
        #expect(YAMLValue.float(1000).jsonName == "1000.0")
        #expect(YAMLValue.bool(false).jsonName == "false")
    }
}
