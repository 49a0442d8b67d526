import GitKit
import Testing
@testable import RoadmapKit

@Suite("Commit table")
struct CommitTableTests {
    @Test("holds what a dictionary holds: inserts, replacements, growth, misses")
    func behavesLikeADictionary() throws {
        var rng = SeededRNG(seed: 7)
        var table = CommitTable<Int>()
        var reference: [ObjectID: Int] = [:]
        var ids: [ObjectID] = []
        for value in 0..<5_000 {
            // Some ids share their leading word, so probing past a full slot is exercised.
            let lead = value % 7 == 0 && !ids.isEmpty ? String(ids[Int(rng.next() % UInt64(ids.count))].hex.prefix(16)) : nil
            var hex = lead ?? ""
            while hex.count < 40 { hex += String(rng.next() % 16, radix: 16) }
            let id = try #require(ObjectID(hex: hex))
            ids.append(id)
            table.set(value, for: id)
            reference[id] = value
        }
        for id in ids.shuffled(using: &rng).prefix(1_000) {
            table.set(-1, for: id)
            reference[id] = -1
        }
        #expect(table.count == reference.count)
        for (id, value) in reference { #expect(table[id] == value) }
        let missing = try #require(ObjectID(hex: String(repeating: "f", count: 40)))
        try #require(reference[missing] == nil)
        #expect(table[missing] == nil)
        #expect(Dictionary(uniqueKeysWithValues: zip(table.ids, table.values)) == reference)
    }
}
