/// The forecast's random numbers: SplitMix64 (Steele, Lea and Flood, 2014), seeded by
/// `--seed`. Our own generator rather than `SystemRandomNumberGenerator` so that a seed gives
/// the same draws on every machine and Swift version (the standard library promises no
/// stable algorithm behind `random(in:using:)` either, so draws use `index(below:)`).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index in `0 ..< count` (Lemire's multiply-shift; the bias is below 2⁻³²
    /// for the few thousand observations a draw picks from).
    public mutating func index(below count: Int) -> Int {
        precondition(count > 0, "index(below: 0)")
        return Int((UInt64(truncatingIfNeeded: count).multipliedFullWidth(by: next())).high)
    }
}
