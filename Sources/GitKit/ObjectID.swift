internal import CLibGit2

/// A git object id (SHA-1), copied out of libgit2.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible, Comparable {
    // The 20 bytes, big-endian, so that comparing the words orders like the hex form.
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    /// Parses a full 40-digit hexadecimal id (either case); nil for anything else.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 40 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 20)
        for index in 0..<20 {
            guard let hi = Self.nibble(utf8[2 * index]), let lo = Self.nibble(utf8[2 * index + 1]) else { return nil }
            bytes[index] = hi << 4 | lo
        }
        self.init(bytes: bytes)
    }

    init(bytes: [UInt8]) {
        precondition(bytes.count == 20)
        self = bytes.withUnsafeBytes { Self(raw: $0) }
    }

    /// From 20 raw bytes (the caller checks the count).
    init(raw bytes: UnsafeRawBufferPointer) {
        // Big-endian words, loaded without copying into an array: ids are made by the
        // tens of thousands in a history walk.
        high = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        middle = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        low = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    }

    init(_ oid: git_oid) {
        self = withUnsafeBytes(of: oid.id) { Self(raw: $0) }
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    var bytes: [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(20)
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: middle >> UInt64(shift))) }
        for shift in stride(from: 24, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: low >> UInt32(shift))) }
        return result
    }

    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: middle.bigEndian, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 16, as: UInt32.self)
        }
        return oid
    }

    /// The 40-digit lowercase hexadecimal form.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8]()
        chars.reserveCapacity(40)
        for byte in bytes {
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// One word of the id: SHA-1 output is uniform, so its first eight bytes spread ids as
    /// well as all twenty would, at a third of the hashing (history walks hash ids by the
    /// hundred thousand). Equality still compares every byte.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(high)
    }

    /// How this id orders against 20 raw bytes at `raw` (a pack index entry): negative,
    /// zero or positive, as the bytes compare.
    func compare(raw: UnsafeRawPointer) -> Int {
        let high = UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self))
        if self.high != high { return self.high < high ? -1 : 1 }
        let middle = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if self.middle != middle { return self.middle < middle ? -1 : 1 }
        let low = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        return self.low == low ? 0 : (self.low < low ? -1 : 1)
    }

    /// The first byte (a pack index's fan-out slot).
    var firstByte: Int { Int(truncatingIfNeeded: high >> 56) }

    /// The first eight bytes, big-endian: uniform over ids, for tables that index by id.
    public var leadingWord: UInt64 { high }

    /// The first 7 hexadecimal digits (for display; not guaranteed unique).
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
