import Synchronization

/// A complete index of what every commit of a commit-graph changed against its first parent
/// (root commits: against the empty tree), by the commit's position in the graph: the 64-bit
/// keys (`key(_:)`) of every path that differs, files and every folder above them.
///
/// git's changed-path Bloom filters may say "maybe" for a path that did not change, and a
/// walk must then compare trees (for a story in a 6,000-entry folder, two 300 KB trees per
/// "maybe"). This index answers for every path at once: a key that is absent is a certain
/// "did not change"; a present key is a "changed" that the walk confirms with the path's
/// entries (two paths may share a key). It is made once, in the background, from the trees
/// of every commit (`build`), and tied to one graph: its top layer's checksum, the number
/// of layers and of commits. A query then maps the file and reads one commit's keys.
///
/// File (`<git common dir>/roadmap/path-index-v1`), little-endian: "RMPI", u32 version 1,
/// u32 layer count, u32 commit count, the graph's checksum (20 bytes); u32 offsets, one per
/// commit and one more (where each commit's keys start in the key array, in keys, ending
/// with their total); the keys (u64, each commit's sorted and unique); u64 check (`check`
/// of everything before it). When it is opened, the sizes, the offsets (from 0, never
/// decreasing, ending at the key count), the order of every commit's keys and the check
/// are verified: a file that fails any is not used (nil), and the walk reads trees.
public final class ChangedPathIndex: @unchecked Sendable {
    static let magic: UInt32 = 0x4950_4D52  // "RMPI" read little-endian
    static let version: UInt32 = 1
    static let headerSize = 16 + 20

    private let file: MappedFile
    /// How many commits it covers: the graph's positions 0 ..< commitCount.
    public let commitCount: Int
    public let layerCount: Int
    /// The checksum of the graph's top layer (a single file's own).
    public let graphChecksum: ObjectID
    private let offsets: Int
    private let keys: Int

    /// Maps and checks the file; nil when it is missing or fails a check.
    public convenience init?(path: String) {
        guard let file = MappedFile(path: path) else { return nil }
        self.init(file)
        Self.soundInProcess.withLock { $0[path] = Stamp(checksum: graphChecksum, layers: layerCount, commits: commitCount) }
    }

    /// What an index read whole and found sound in this process was made for, by path.
    private struct Stamp: Sendable, Equatable {
        var checksum: ObjectID
        var layers: Int
        var commits: Int
    }

    private static let soundInProcess = Mutex<[String: Stamp]>([:])

    /// True when this process has already opened the file at `path` and found it sound and
    /// made for `graph`: a history command that has just answered from the index asks
    /// whether one must be made without reading and checking the whole file again.
    public static func wasReadSound(path: String, for graph: CommitGraph) -> Bool {
        soundInProcess.withLock { $0[path] } == Stamp(checksum: graph.checksum, layers: graph.layerCount, commits: graph.count)
    }

    init?(_ file: MappedFile) {
        let bytes = file.bytes
        guard bytes.count >= Self.headerSize + 4 + 8, let base = bytes.baseAddress,
              UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)) == Self.magic,
              UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) == Self.version else { return nil }
        let layers = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        let count = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
        let offsets = Self.headerSize
        let keys = offsets + (count + 1) * 4
        guard keys + 8 <= bytes.count, (bytes.count - keys - 8) % 8 == 0 else { return nil }
        let keyCount = (bytes.count - keys - 8) / 8
        func offset(_ index: Int) -> Int {
            Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offsets + index * 4, as: UInt32.self)))
        }
        func key(_ index: Int) -> UInt64 {
            UInt64(littleEndian: base.loadUnaligned(fromByteOffset: keys + index * 8, as: UInt64.self))
        }
        guard offset(0) == 0, offset(count) == keyCount else { return nil }
        var start = 0
        for commit in 0..<count {
            let end = offset(commit + 1)
            guard end >= start, end <= keyCount else { return nil }
            if end - start > 1 {
                for index in (start + 1)..<end where key(index - 1) >= key(index) { return nil }
            }
            start = end
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 8)])
        guard Self.check(body) == UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) else {
            return nil
        }
        self.file = file
        self.commitCount = count
        self.layerCount = layers
        self.graphChecksum = ObjectID(raw: UnsafeRawBufferPointer(rebasing: bytes[16..<36]))
        self.offsets = offsets
        self.keys = keys
    }

    /// True when the index was made for this graph (same top layer, layers and commits).
    public func matches(_ graph: CommitGraph) -> Bool {
        graph.checksum == graphChecksum && graph.layerCount == layerCount && graph.count == commitCount
    }

    /// Whether a path with this key may differ between the commit at `position` and its
    /// first parent: false is certain; nil when the index does not cover the position.
    public func mayHaveChanged(key: UInt64, atPosition position: Int) -> Bool? {
        guard position >= 0, position < commitCount, let base = file.bytes.baseAddress else { return nil }
        var low = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offsets + position * 4, as: UInt32.self)))
        var high = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offsets + position * 4 + 4, as: UInt32.self)))
        while low < high {
            let middle = (low + high) / 2
            let found = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: keys + middle * 8, as: UInt64.self))
            if found == key { return true }
            if found < key { low = middle + 1 } else { high = middle }
        }
        return false
    }

    /// FNV-1a (64 bits) of the path's UTF-8 bytes (no leading or trailing `/`).
    public static func key(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The file's bytes for a graph and the keys of each of its commits, by position
    /// (sorted and unique in the file whatever their order here).
    static func encode(graphChecksum: ObjectID, layerCount: Int, keys: [[UInt64]]) -> [UInt8] {
        var out: [UInt8] = []
        let total = keys.reduce(0) { $0 + $1.count }
        out.reserveCapacity(Self.headerSize + (keys.count + 1) * 4 + total * 8 + 8)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        append(Self.magic)
        append(Self.version)
        append(UInt32(layerCount))
        append(UInt32(keys.count))
        out.append(contentsOf: graphChecksum.bytes)
        let sorted = keys.map { Array(Set($0)).sorted() }
        var offset: UInt32 = 0
        append(offset)
        for commit in sorted {
            offset += UInt32(commit.count)
            append(offset)
        }
        for commit in sorted { for key in commit { append(key) } }
        append(out.withUnsafeBytes { Self.check($0) })
        return out
    }

    /// A 64-bit check of the bytes, eight at a time (multiply and shift, as in
    /// MurmurHash's finalizer): it finds damage, it is not a cryptographic hash. The
    /// file is checked on every query, so this must cost well under a millisecond for 1 MB.
    static func check(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let words = bytes.count / 8
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0xff51_afd7_ed55_8ccd
            hash ^= hash >> 32
        }
        for index in 0..<words { mix(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))) }
        var tail: UInt64 = 0
        for index in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(base.load(fromByteOffset: index, as: UInt8.self)) }
        mix(tail)
        return hash
    }
}
