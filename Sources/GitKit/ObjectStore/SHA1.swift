#if canImport(CLibGit2Support)
internal import CLibGit2Support
#endif

/// SHA-1 (FIPS 180-4) of a byte buffer, for checking the trailing checksum of a
/// commit-graph file before trusting it.
///
/// git does not check that checksum when it reads a graph (only `git commit-graph verify`
/// does); a walk here checks it once per file and process, so that a damaged graph — a
/// flipped bit in a parent's position or a commit time — makes the walk read the commit
/// objects instead of giving a wrong answer. libgit2 has no public call that hashes raw
/// bytes (`git_odb_hash` adds an object header): libcrypto's SHA-1 is used where the binary
/// links it, else this plain implementation (the fuzzers', and a build against the shared
/// libgit2); not for anything security-related (no collision detection).
enum SHA1 {
    /// libcrypto's SHA-1 where the binary links it (`roadmap_sha1`), else `portableDigest`.
    static func digest(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        #if canImport(CLibGit2Support)
        var out = [UInt8](repeating: 0, count: 20)
        let done = out.withUnsafeMutableBufferPointer { out in
            roadmap_sha1(data.baseAddress, UInt(data.count), out.baseAddress) == 1
        }
        if done { return out }
        #endif
        return portableDigest(data)
    }

    static func portableDigest(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        let count = data.count
        let whole = count / 64
        var w = [UInt32](repeating: 0, count: 80)
        w.withUnsafeMutableBufferPointer { w in
            func block(_ bytes: UnsafeRawPointer) {
                for i in 0..<16 { w[i] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
                for i in 16..<80 {
                    let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
                    w[i] = x << 1 | x >> 31
                }
                var (a, b, c, d, e) = h
                // Four loops of twenty rounds, not one with a switch per round: the
                // checksum of a 20,000-commit graph is read on every cold history query.
                @inline(__always) func round(_ f: UInt32, _ k: UInt32, _ i: Int) {
                    let t = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[i]
                    e = d; d = c; c = b << 30 | b >> 2; b = a; a = t
                }
                for i in 0..<20 { round((b & c) | (~b & d), 0x5A82_7999, i) }
                for i in 20..<40 { round(b ^ c ^ d, 0x6ED9_EBA1, i) }
                for i in 40..<60 { round((b & c) | (b & d) | (c & d), 0x8F1B_BCDC, i) }
                for i in 60..<80 { round(b ^ c ^ d, 0xCA62_C1D6, i) }
                h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
            }
            if let base = data.baseAddress {
                for index in 0..<whole { block(base + index * 64) }
            }
            // The tail, a 1 bit, zeros, and the length in bits: one or two more blocks.
            var tail = [UInt8](repeating: 0, count: 128)
            let rest = count - whole * 64
            for index in 0..<rest { tail[index] = data[whole * 64 + index] }
            tail[rest] = 0x80
            let blocks = rest + 9 <= 64 ? 1 : 2
            let bits = UInt64(count) &* 8
            for index in 0..<8 { tail[blocks * 64 - 1 - index] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(index))) }
            tail.withUnsafeBytes { tail in
                for index in 0..<blocks { block(tail.baseAddress! + index * 64) }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(20)
        for word in [h.0, h.1, h.2, h.3, h.4] {
            for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return out
    }
}
