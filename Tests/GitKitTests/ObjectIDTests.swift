import Testing
@testable import GitKit

@Suite struct ObjectIDTests {
    @Test func hexRoundTripAndShortForm() throws {
        let hex = "0123456789abcdefFEDCBA9876543210deadBEEF"
        let id = try #require(ObjectID(hex: hex))
        #expect(id.hex == hex.lowercased())
        #expect(id.short == "0123456")
        #expect(id.description == hex.lowercased())
    }

    @Test(arguments: ["", "abc", "0123456789abcdef0123456789abcdef0123456g", "0123456789abcdef0123456789abcdef012345678"])
    func rejectsMalformedHex(_ text: String) {
        #expect(ObjectID(hex: text) == nil)
    }

    @Test func ordersLikeTheHexForm() throws {
        let hexes = ["ff00000000000000000000000000000000000000", "0000000000000000000000000000000000000001",
                     "00000000000000000000000000000000000000ff", "0000000000000000000100000000000000000000"]
        let ids = try hexes.map { try #require(ObjectID(hex: $0)) }
        #expect(ids.sorted().map(\.hex) == hexes.sorted())
        #expect(Set(ids + ids).count == 4)
    }
}
