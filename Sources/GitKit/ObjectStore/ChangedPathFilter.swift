/// A path to test against git's changed-path Bloom filters (the BIDX/BDAT chunks of a
/// commit-graph), hashed once for the walk.
///
/// git puts into a commit's filter every path that changed against its first parent and
/// every folder above each of them (`a/b/c` adds `a/b/c`, `a/b` and `a`, no trailing `/`);
/// a query for a path checks the path and each folder above it, as git's
/// `bloom_keyvec_contains_filter` does — one missing key is enough for a certain "did not
/// change". Keys are murmur3 (32-bit) with seeds 0x293ae76f and 0x7e646e2c, combined by
/// double hashing (`hash0 + i * hash1` for i below the filter's hash count). Version 1 of
/// git's hash reads the path's bytes as signed chars — a bug for bytes ≥ 0x80, kept for the
/// filters written with it — and version 2 as unsigned: both are kept here, the filter's
/// layer says which. (git's own later `murmur3_seeded_v1` masks the four-byte blocks; the
/// filters git 2.39 writes match the unmasked reading, which the contract tests check.)
public struct ChangedPathQuery: Sendable, Hashable {
    /// Per key (the path, then each folder above it, shortest last): the two murmur3
    /// hashes in each version of git's hash.
    let version1: [(UInt32, UInt32)]
    /// Version 1 as later gits compute it (see `murmur3`): a key of version 1 counts as
    /// present when either form is, so neither writer's filters can give a wrong "no".
    let version1Masked: [(UInt32, UInt32)]
    let version2: [(UInt32, UInt32)]

    public let path: String

    public init(path: String) {
        self.path = path
        var keys: [[UInt8]] = []
        var bytes = Array(path.utf8)
        while !bytes.isEmpty {
            keys.append(bytes)
            guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { break }
            bytes = Array(bytes[..<slash])
        }
        func hashes(_ key: [UInt8], _ form: Form) -> (UInt32, UInt32) {
            (Self.murmur3(key, seed: 0x293a_e76f, form), Self.murmur3(key, seed: 0x7e64_6e2c, form))
        }
        version1 = keys.map { hashes($0, .signed) }
        version1Masked = keys.map { hashes($0, .signedTail) }
        version2 = keys.map { hashes($0, .unsigned) }
    }

    public static func == (a: Self, b: Self) -> Bool { a.path == b.path }
    public func hash(into hasher: inout Hasher) { hasher.combine(path) }

    /// How a murmur3 reads the path's bytes.
    enum Form {
        /// As signed chars, each widened to 32 bits before the four of a block are combined
        /// (a byte ≥ 0x80 sets the bits above it): version 1 as git 2.39 writes it, checked
        /// against its filters.
        case signed
        /// Blocks masked to their bytes, the tail (len % 4 bytes) signed: git's later
        /// `murmur3_seeded_v1`.
        case signedTail
        /// Unsigned: version 2 (and standard murmur3).
        case unsigned
    }

    static func murmur3(_ data: [UInt8], seed: UInt32, _ form: Form) -> UInt32 {
        let c1: UInt32 = 0xcc9e_2d51, c2: UInt32 = 0x1b87_3593
        func signed(_ byte: UInt8) -> UInt32 { UInt32(bitPattern: Int32(Int8(bitPattern: byte))) }
        func block(_ byte: UInt8) -> UInt32 { form == .signed ? signed(byte) : UInt32(byte) }
        func tail(_ byte: UInt8) -> UInt32 { form == .unsigned ? UInt32(byte) : signed(byte) }
        var hash = seed
        let blocks = data.count / 4
        for index in 0..<blocks {
            var k = block(data[4 * index]) | block(data[4 * index + 1]) << 8
                | block(data[4 * index + 2]) << 16 | block(data[4 * index + 3]) << 24
            k = k &* c1
            k = k << 15 | k >> 17
            k = k &* c2
            hash ^= k
            hash = (hash << 13 | hash >> 19) &* 5 &+ 0xe654_6b64
        }
        let end = blocks * 4
        var k1: UInt32 = 0
        switch data.count & 3 {
        case 3:
            k1 ^= tail(data[end + 2]) << 16
            fallthrough
        case 2:
            k1 ^= tail(data[end + 1]) << 8
            fallthrough
        case 1:
            k1 ^= tail(data[end])
            k1 = k1 &* c1
            k1 = k1 << 15 | k1 >> 17
            k1 = k1 &* c2
            hash ^= k1
        default:
            break
        }
        hash ^= UInt32(truncatingIfNeeded: data.count)
        hash ^= hash >> 16
        hash = hash &* 0x85eb_ca6b
        hash ^= hash >> 13
        hash = hash &* 0xc2b2_ae35
        hash ^= hash >> 16
        return hash
    }
}

/// The settings a commit-graph's BDAT chunk header records for its filters.
struct BloomSettings: Sendable, Equatable {
    /// 1 or 2 (see `ChangedPathQuery`); filters of any other version are not used.
    var hashVersion: UInt32
    var hashCount: UInt32
    var bitsPerEntry: UInt32

    /// Whether the filter (its bytes) may hold the query's path: false is certain.
    func mayContain(_ query: ChangedPathQuery, filter: UnsafeRawBufferPointer) -> Bool {
        let bits = UInt64(filter.count) * 8
        guard bits > 0 else { return true }
        func present(_ hashes: (UInt32, UInt32)) -> Bool {
            for index in 0..<hashCount {
                // git adds in 32 bits (uint32_t), then takes the remainder in 64.
                let position = UInt64(hashes.0 &+ index &* hashes.1) % bits
                if filter[Int(position / 8)] & (1 << UInt8(position & 7)) == 0 { return false }
            }
            return true
        }
        for key in query.version2.indices {
            let found = hashVersion == 1 ? present(query.version1[key]) || present(query.version1Masked[key])
                : present(query.version2[key])
            if !found { return false }
        }
        return true
    }
}
