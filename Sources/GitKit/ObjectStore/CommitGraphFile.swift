/// One commit-graph file: `objects/info/commit-graph`, or one layer of a split chain
/// (`objects/info/commit-graphs/graph-<checksum>.graph`).
///
/// The layout is git's (Documentation/gitformat-commit-graph.txt): "CGPH", version 1, hash
/// version 1 (SHA-1), the chunk count and the number of base layers, a table of chunks
/// (4-byte id, 8-byte offset, ended by an id of 0 whose offset ends the last chunk), the
/// chunks, and the SHA-1 of all of it. Chunks: OIDF (256 fan-out counts), OIDL (the sorted
/// ids), CDAT (per commit: root tree, two parent positions, generation and commit time),
/// and optionally EDGE (octopus parents), GDA2/GDO2 (corrected commit dates), BIDX/BDAT
/// (changed-path Bloom filters) and BASE (the checksums of the layers below).
///
/// Every chunk's size is checked against what the header and OIDF say once, when the file
/// is opened; every read after that stays within the chunk it reads. A file that does
/// not parse, of another version or hash, or whose checksum does not match its content is
/// not used (nil): the walk then reads the commit objects.
struct CommitGraphFile: @unchecked Sendable {
    let file: MappedFile
    /// How many commits this file holds.
    let count: Int
    /// How many base layers the file says it sits on.
    let baseCount: Int
    /// The trailing checksum (a split layer's file is named after it).
    let checksum: ObjectID

    private let fanout: Int
    private let ids: Int
    private let data: Int
    private let edges: Int?
    private let edgeCount: Int
    private let generations: Int?
    private let generationOverflow: Int?
    private let generationOverflowCount: Int
    private let bloomIndex: Int?
    private let bloomData: Int?
    private let bloomDataSize: Int
    let bloomSettings: BloomSettings?
    private let bases: Int?

    static let parentNone: UInt32 = 0x7000_0000
    static let extraEdges: UInt32 = 0x8000_0000

    /// `verifyChecksum`: off only for the fuzzer, which could not otherwise reach the rest.
    init?(_ file: MappedFile, verifyChecksum: Bool = true) {
        let bytes = file.bytes
        let size = bytes.count
        // Header, a table of at least the three required chunks and its end, fan-out, checksum.
        guard size >= 8 + 4 * 12 + 1024 + 20,
              bytes.loadUnaligned(as: UInt32.self) == UInt32(0x4347_5048).bigEndian,
              bytes[4] == 1, bytes[5] == 1 else { return nil }
        let chunkCount = Int(bytes[6])
        baseCount = Int(bytes[7])
        let tableEnd = 8 + (chunkCount + 1) * 12
        guard tableEnd + 20 <= size else { return nil }
        if verifyChecksum {
            let body = UnsafeRawBufferPointer(rebasing: bytes[0..<(size - 20)])
            guard SHA1.digest(body).elementsEqual(bytes[(size - 20)...]) else { return nil }
        }
        checksum = ObjectID(raw: UnsafeRawBufferPointer(rebasing: bytes[(size - 20)...]))

        // The table: each chunk runs from its offset to the next entry's offset.
        var chunks: [UInt32: Range<Int>] = [:]
        func offset(_ entry: Int) -> UInt64 {
            UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8 + entry * 12 + 4, as: UInt64.self))
        }
        for entry in 0..<chunkCount {
            let id = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 8 + entry * 12, as: UInt32.self))
            let start = offset(entry), end = offset(entry + 1)
            guard id != 0, start >= UInt64(tableEnd), start <= end, end <= UInt64(size - 20),
                  chunks[id] == nil else { return nil }
            chunks[id] = Int(start)..<Int(end)
        }
        guard UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 8 + chunkCount * 12, as: UInt32.self)) == 0 else { return nil }

        func chunk(_ name: StaticString) -> Range<Int>? {
            var id: UInt32 = 0
            name.withUTF8Buffer { for byte in $0 { id = id << 8 | UInt32(byte) } }
            return chunks[id]
        }
        guard let fanoutChunk = chunk("OIDF"), fanoutChunk.count == 1024,
              let idChunk = chunk("OIDL"), idChunk.count % 20 == 0,
              let dataChunk = chunk("CDAT") else { return nil }
        let count = idChunk.count / 20
        guard dataChunk.count == count * 36 else { return nil }
        // The fan-out never decreases and ends at the count.
        var previous: UInt32 = 0
        for slot in 0..<256 {
            let value = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: fanoutChunk.lowerBound + slot * 4, as: UInt32.self))
            guard value >= previous else { return nil }
            previous = value
        }
        guard Int(previous) == count else { return nil }
        self.file = file
        self.count = count
        fanout = fanoutChunk.lowerBound
        ids = idChunk.lowerBound
        data = dataChunk.lowerBound

        if let edgeChunk = chunk("EDGE") {
            guard edgeChunk.count % 4 == 0 else { return nil }
            edges = edgeChunk.lowerBound
            edgeCount = edgeChunk.count / 4
        } else {
            edges = nil
            edgeCount = 0
        }
        // Generation data, when present, must cover every commit; an overflow table is
        // read only within its size.
        if let generationChunk = chunk("GDA2") {
            guard generationChunk.count == count * 4 else { return nil }
            generations = generationChunk.lowerBound
            if let overflow = chunk("GDO2"), overflow.count % 8 == 0 {
                generationOverflow = overflow.lowerBound
                generationOverflowCount = overflow.count / 8
            } else {
                generationOverflow = nil
                generationOverflowCount = 0
            }
        } else {
            generations = nil
            generationOverflow = nil
            generationOverflowCount = 0
        }
        // Bloom filters need both chunks, an index entry per commit, and a hash version
        // this reader knows; otherwise the layer has none (as git ignores them).
        if let index = chunk("BIDX"), let filters = chunk("BDAT"), index.count == count * 4, filters.count >= 12 {
            let settings = BloomSettings(
                hashVersion: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: filters.lowerBound, as: UInt32.self)),
                hashCount: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: filters.lowerBound + 4, as: UInt32.self)),
                bitsPerEntry: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: filters.lowerBound + 8, as: UInt32.self)))
            if (settings.hashVersion == 1 || settings.hashVersion == 2), (1...64).contains(settings.hashCount) {
                bloomIndex = index.lowerBound
                bloomData = filters.lowerBound + 12
                bloomDataSize = filters.count - 12
                bloomSettings = settings
            } else {
                bloomIndex = nil
                bloomData = nil
                bloomDataSize = 0
                bloomSettings = nil
            }
        } else {
            bloomIndex = nil
            bloomData = nil
            bloomDataSize = 0
            bloomSettings = nil
        }
        if baseCount > 0 {
            guard let baseChunk = chunk("BASE"), baseChunk.count == baseCount * 20 else { return nil }
            bases = baseChunk.lowerBound
        } else {
            bases = nil
        }
    }

    private func u32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: file.bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The checksum of the `index`th base layer (0: the lowest) this file names.
    func base(_ index: Int) -> ObjectID? {
        guard let bases, index >= 0, index < baseCount else { return nil }
        return ObjectID(raw: UnsafeRawBufferPointer(rebasing: file.bytes[(bases + index * 20)..<(bases + index * 20 + 20)]))
    }

    /// The commit's index in this file (its place in OIDL); nil when absent.
    func index(of id: ObjectID) -> Int? {
        let slot = id.firstByte
        var low = slot == 0 ? 0 : Int(u32(fanout + (slot - 1) * 4))
        var high = Int(u32(fanout + slot * 4))
        guard low <= high, high <= count, let base = file.bytes.baseAddress else { return nil }
        let table = base + ids
        while low < high {
            let middle = (low + high) / 2
            let order = id.compare(raw: table + middle * 20)
            if order == 0 { return middle }
            if order < 0 { high = middle } else { low = middle + 1 }
        }
        return nil
    }

    /// The id at an index.
    func id(at index: Int) -> ObjectID {
        ObjectID(raw: UnsafeRawBufferPointer(rebasing: file.bytes[(ids + index * 20)..<(ids + index * 20 + 20)]))
    }

    /// A commit's root tree, parents as positions in the whole chain (unchecked: the caller
    /// bounds them), and commit time; nil when an octopus's edge list runs out of the chunk.
    func entry(at index: Int) -> (tree: ObjectID, parents: [UInt32], commitTime: Int64)? {
        let start = data + index * 36
        let tree = ObjectID(raw: UnsafeRawBufferPointer(rebasing: file.bytes[start..<(start + 20)]))
        let first = u32(start + 20), second = u32(start + 24)
        var parents: [UInt32] = []
        if first != Self.parentNone { parents.append(first) }
        if second & Self.extraEdges != 0 {
            // An octopus: the second and later parents are in EDGE from this index, the
            // last one flagged.
            guard let edges else { return nil }
            var edge = Int(second & ~Self.extraEdges)
            while true {
                guard edge < edgeCount else { return nil }
                let value = u32(edges + edge * 4)
                parents.append(value & ~Self.extraEdges)
                if value & Self.extraEdges != 0 { break }
                edge += 1
            }
        } else if second != Self.parentNone {
            parents.append(second)
        }
        // The time's low 32 bits, and its two high bits under the generation.
        let high = Int64(u32(start + 28) & 3)
        let time = high << 32 | Int64(u32(start + 32))
        return (tree, parents, time)
    }

    /// A commit's root tree.
    func tree(at index: Int) -> ObjectID {
        let start = data + index * 36
        return ObjectID(raw: UnsafeRawBufferPointer(rebasing: file.bytes[start..<(start + 20)]))
    }

    /// A commit's first two parent words as CDAT holds them (`parentNone` when absent; the
    /// second flagged `extraEdges` for an octopus, whose parents `entry(at:)` reads).
    func parentWords(at index: Int) -> (UInt32, UInt32) {
        (u32(data + index * 36 + 20), u32(data + index * 36 + 24))
    }

    /// A commit's time (the low 32 bits, and the two high bits under the generation).
    func commitTime(at index: Int) -> Int64 {
        Int64(u32(data + index * 36 + 28) & 3) << 32 | Int64(u32(data + index * 36 + 32))
    }

    /// The topological level (generation number v1) git stored.
    func topologicalLevel(at index: Int) -> UInt32 {
        u32(data + index * 36 + 28) >> 2
    }

    /// The corrected commit date (generation number v2): the commit time plus the offset
    /// in GDA2 (through GDO2 when flagged); nil without GDA2 or for an offset out of bounds.
    func correctedCommitDate(at index: Int, commitTime: Int64) -> Int64? {
        guard let generations else { return nil }
        let value = u32(generations + index * 4)
        if value & 0x8000_0000 == 0 { return commitTime + Int64(value) }
        let slot = Int(value & 0x7fff_ffff)
        guard let generationOverflow, slot < generationOverflowCount else { return nil }
        let offset = UInt64(bigEndian: file.bytes.loadUnaligned(fromByteOffset: generationOverflow + slot * 8, as: UInt64.self))
        guard offset <= UInt64(Int64.max - max(commitTime, 0)) else { return nil }
        return commitTime + Int64(offset)
    }

    /// The bytes of a commit's changed-path filter; nil when the file has none for it
    /// (no filter chunks, a filter git did not compute — zero bytes —, or an index that
    /// points out of the chunk or backwards).
    func filter(at index: Int) -> UnsafeRawBufferPointer? {
        guard let bloomIndex, let bloomData else { return nil }
        let end = Int(u32(bloomIndex + index * 4))
        let start = index == 0 ? 0 : Int(u32(bloomIndex + (index - 1) * 4))
        guard start < end, end <= bloomDataSize else { return nil }
        return UnsafeRawBufferPointer(rebasing: file.bytes[(bloomData + start)..<(bloomData + end)])
    }
}
