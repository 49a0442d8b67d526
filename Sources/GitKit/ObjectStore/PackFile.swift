import Foundation

/// A pack (`.pack`, versions 2 and 3) with its index: the entries it holds, read in place
/// from the mapped file. Every read is checked against the file's size: a damaged entry
/// answers nil.
struct PackFile: Sendable {
    /// What an entry at an offset is.
    struct Entry {
        enum Kind {
            /// A whole object of a git type (1 commit, 2 tree, 3 blob, 4 tag).
            case object(type: Int32)
            /// A delta against the entry at an earlier offset of this pack.
            case deltaAtOffset(Int)
            /// A delta against the object with this id.
            case deltaOnID(ObjectID)
        }

        var kind: Kind
        /// The size of the inflated data (the object, or the delta).
        var size: Int
        /// Where the zlib stream starts.
        var dataStart: Int
    }

    let index: PackIndex
    private let file: MappedFile

    /// Nil when the files are not a pack and its own index: the object counts must agree,
    /// and the pack's checksum (its last 20 bytes) be the one the index was made for, as
    /// git and libgit2 check — an index left from another pack would send every offset to
    /// some other entry.
    init?(pack: MappedFile, index: PackIndex) {
        let bytes = pack.bytes
        guard bytes.count >= 12 + 20,
              bytes.loadUnaligned(as: UInt32.self) == UInt32(0x5041_434b).bigEndian, // "PACK"
              [2, 3].contains(UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))),
              Int(UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))) == index.count,
              let packEnd = bytes.baseAddress, index.packChecksum.count == 20,
              memcmp(packEnd + bytes.count - 20, index.packChecksum.baseAddress!, 20) == 0 else { return nil }
        self.file = pack
        self.index = index
    }

    /// The compressed data from `start` to the end of the pack's entries.
    func data(from start: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file.bytes[start..<(file.bytes.count - 20)])
    }

    /// The entry at `offset`; nil when the offset or the entry's header is out of place.
    func entry(at offset: Int) -> Entry? {
        let end = file.bytes.count - 20
        guard offset >= 12, offset < end else { return nil }
        let bytes = file.bytes
        var position = offset
        var byte = bytes[position]
        position += 1
        let type = Int32((byte >> 4) & 7)
        var size = Int(byte & 0x0f)
        var shift = 4
        while byte & 0x80 != 0 {
            guard position < end, shift <= 53 else { return nil }
            byte = bytes[position]
            position += 1
            size |= Int(byte & 0x7f) << shift
            shift += 7
        }
        switch type {
        case 1...4:
            return Entry(kind: .object(type: type), size: size, dataStart: position)
        case 6:
            // The distance back to the base: seven bits a byte, most significant first,
            // each continuation adding one (git's offset encoding).
            guard position < end else { return nil }
            byte = bytes[position]
            position += 1
            var distance = Int(byte & 0x7f)
            while byte & 0x80 != 0 {
                guard position < end, distance < Int.max >> 8 else { return nil }
                byte = bytes[position]
                position += 1
                distance = ((distance + 1) << 7) | Int(byte & 0x7f)
            }
            guard distance > 0, distance < offset else { return nil }
            return Entry(kind: .deltaAtOffset(offset - distance), size: size, dataStart: position)
        case 7:
            guard end - position >= 20 else { return nil }
            let base = ObjectID(raw: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + 20)]))
            return Entry(kind: .deltaOnID(base), size: size, dataStart: position + 20)
        default:
            return nil
        }
    }
}
