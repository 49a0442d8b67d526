/// A pack's index (`.idx`, version 2): where each object of the pack starts.
///
/// The layout is git's (Documentation/gitformat-pack.txt): a magic number and version,
/// 256 fan-out counts, the sorted ids, their CRCs, their 31-bit offsets (the top bit set
/// pointing into a table of 64-bit offsets for packs over 2 GiB), then two checksums.
/// Every read is checked against the file's size: a damaged index answers "not here".
struct PackIndex: Sendable {
    private let file: MappedFile
    /// How many objects the pack holds.
    let count: Int
    private let idsStart = 8 + 256 * 4
    private var offsetsStart: Int { idsStart + count * 24 }
    private var largeOffsetsStart: Int { offsetsStart + count * 4 }
    /// How many 64-bit offsets the file has room for.
    private let largeOffsetCount: Int

    /// Nil when the file is not a version-2 pack index or is too short for what it claims.
    init?(_ file: MappedFile) {
        let bytes = file.bytes
        guard bytes.count >= 8 + 256 * 4 + 40,
              bytes.loadUnaligned(as: UInt32.self) == UInt32(0xff744f63).bigEndian,
              UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) == 2 else { return nil }
        let count = Int(UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 8 + 255 * 4, as: UInt32.self)))
        let fixed = 8 + 256 * 4 + count * 28 + 40
        guard bytes.count >= fixed else { return nil }
        self.file = file
        self.count = count
        self.largeOffsetCount = (bytes.count - fixed) / 8
    }

    /// The checksum of the pack this index was made for (20 bytes before the index's own).
    var packChecksum: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file.bytes[(file.bytes.count - 40)..<(file.bytes.count - 20)])
    }

    /// Where the object starts in the pack; nil when it is not in this pack (or the index
    /// is damaged around it).
    func offset(of id: ObjectID) -> Int? {
        guard let position = position(of: id) else { return nil }
        return offset(at: position)
    }

    private func fanout(_ slot: Int) -> Int {
        Int(UInt32(bigEndian: file.bytes.loadUnaligned(fromByteOffset: 8 + slot * 4, as: UInt32.self)))
    }

    private func position(of id: ObjectID) -> Int? {
        let slot = id.firstByte
        var low = slot == 0 ? 0 : fanout(slot - 1)
        var high = fanout(slot)
        guard low <= high, high <= count, let base = file.bytes.baseAddress else { return nil }
        let ids = base + idsStart
        // Ids are uniform, so the id's next bytes say about where it stands between the
        // ends of its fan-out slot: the first probe lands within a few entries, where a
        // plain halving would touch a dozen cache lines.
        let fraction = (id.leadingWord << 8) >> 40 // bytes 2–4, 24 bits
        var probe = low + Int((UInt64(high - low) &* fraction) >> 24)
        var window = 8
        while low < high {
            let order = id.compare(raw: ids + probe * 20)
            if order == 0 { return probe }
            if order < 0 { high = probe } else { low = probe + 1 }
            guard low < high else { break }
            // Next: a step a little past the estimate on the same side, then halving.
            if window > 0 && order < 0 && probe - window > low {
                probe -= window
            } else if window > 0 && order > 0 && probe + window < high {
                probe += window
            } else {
                probe = (low + high) / 2
            }
            window /= 2
        }
        return nil
    }

    private func offset(at position: Int) -> Int? {
        let bytes = file.bytes
        let small = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offsetsStart + position * 4, as: UInt32.self))
        guard small & 0x8000_0000 != 0 else { return Int(small) }
        let slot = Int(small & 0x7fff_ffff)
        guard slot < largeOffsetCount else { return nil }
        let large = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: largeOffsetsStart + slot * 8, as: UInt64.self))
        return large <= UInt64(Int.max) ? Int(large) : nil
    }
}
