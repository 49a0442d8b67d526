import Testing
@testable import RoadmapKit

@Suite("YAML Format differential (generated)")
struct YAMLDifferentialTests {
    @Test("generated documents: accepted ones round-trip and load like Yams; refused ones are refused features or Yams errors too")
    func generated() throws {
        var gen = YAMLGenerator(seed: 0x5EED_2026)
        var accepted = 0, unsupported = 0, bothFail = 0
        var failures = 0
        for _ in 0..<3000 {
            let bytes = gen.document()
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let doc = try YAMLParser.parse(bytes)
                #expect(doc.bytes == bytes)
                do {
                    let y = try YAMLOracle.load(bytes)
                    if doc.data != y {
                        failures += 1
                        if failures < 6 { Issue.record("differs:\n\(text)\n ours: \(doc.data.debug)\n yams: \(y.debug)") }
                    } else {
                        accepted += 1
                    }
                } catch {
                    failures += 1
                    if failures < 6 { Issue.record("we accept, Yams refuses (\(error)):\n\(text)") }
                }
            } catch {
                if error.kind == .unsupported {
                    unsupported += 1
                } else if (try? YAMLOracle.load(bytes)) == nil {
                    bothFail += 1
                } else {
                    failures += 1
                    if failures < 6 { Issue.record("we refuse (\(error)), Yams accepts:\n\(text)") }
                }
            }
        }
        #expect(failures == 0)
        // The generator mostly writes the subset: most documents must be accepted.
        #expect(accepted > 1500, "accepted \(accepted), unsupported \(unsupported), both fail \(bothFail)")
        print("generated: accepted \(accepted), unsupported \(unsupported), both fail \(bothFail)")
    }
}
