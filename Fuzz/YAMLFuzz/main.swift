// libFuzzer entry for the YAML subset parser and editor. Built by Fuzz/run.sh together with
// Sources/RoadmapKit/Format/*.swift (no package needed).
//
// For every input: parse; if accepted, printing must return the input, and a few edits must
// either succeed (the editor re-parses and checks the data) or throw — never trap.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let doc = try? YAMLParser.parse(bytes) else { return 0 }
    precondition(doc.bytes == bytes, "round trip failed")
    precondition(doc.root.data == doc.data, "public tree differs from the syntax tree")
    guard let pairs = doc.root.pairs, let first = pairs.first, case let .string(key) = first.key.data else { return 0 }
    var d = doc
    _ = try? d.setScalar([key], .string("2026-07-01"))
    _ = try? d.setScalar(["fuzz-new"], .string("a: b"))
    var e = doc
    _ = try? e.remove([key])
    _ = try? e.append(["tags"], .string("x"))
    var f = doc
    _ = try? f.setText([key], "line\n  more\n")
    _ = try? f.setSequence([key], [.int(1), .string("two")])
    _ = YAMLFormatter.canonical(doc, keyOrder: ["kind", "title", "status", "description"], blankLineBefore: ["description"])
    return 0
}
