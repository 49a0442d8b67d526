internal import CLibGit2
internal import CZlib
import Foundation

extension Repository {
    /// Fewer new blobs than this are written as loose objects; more go into one pack. The
    /// same bound as git's `transfer.unpackLimit` default: a handful of loose objects costs
    /// less than one more pack to search, thousands of them cost a file each.
    public static let blobPackThreshold = 100

    /// Stores `blobs` in the object database and returns their ids, in order.
    ///
    /// Many new blobs (`blobPackThreshold` or more) are written as one pack, indexed by
    /// libgit2 (`git_odb_write_pack`), instead of one loose object each: a loose object is a
    /// file of its own (a folder entry, an inode, a temporary file and a rename), and for an
    /// import of 10,000 rows those files were a third of the time. Blobs already stored, and
    /// repeats within `blobs`, are written once at most.
    public func writeBlobs(_ blobs: [[UInt8]]) throws -> [ObjectID] {
        let ids = try blobs.map { try ObjectID.blobID(of: $0) }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var seen = Set<ObjectID>()
        var fresh: [Int] = []
        for (index, id) in ids.enumerated() where seen.insert(id).inserted {
            var oid = id.oid
            // No refresh on a miss: a refresh re-reads the pack folder, and here most blobs are new.
            if git_odb_exists_ext(odb, &oid, UInt32(GIT_ODB_LOOKUP_NO_REFRESH.rawValue)) == 0 { fresh.append(index) }
        }
        if fresh.count < Self.blobPackThreshold {
            for index in fresh { _ = try writeBlob(blobs[index]) }
            return ids
        }
        let pack = try Self.pack(of: fresh.map { blobs[$0] })
        var writepack: UnsafeMutablePointer<git_odb_writepack>?
        try check(git_odb_write_pack(&writepack, odb, nil, nil), "git_odb_write_pack")
        guard let writer = writepack else {
            throw GitError.own("the object database cannot write packs", operation: "git_odb_write_pack")
        }
        defer { writer.pointee.free(writer) }
        var progress = git_indexer_progress()
        try pack.withUnsafeBytes { raw in
            _ = try check(writer.pointee.append(writer, raw.baseAddress, raw.count, &progress), "git_odb_writepack append")
        }
        try check(writer.pointee.commit(writer, &progress), "git_odb_writepack commit")
        return ids
    }

    /// A version 2 pack of `blobs` (none of them deltified): the header, each object's type
    /// and size then its zlib stream, and the SHA-1 of all that as the trailer.
    static func pack(of blobs: [[UInt8]]) throws -> [UInt8] {
        var out: [UInt8] = Array("PACK".utf8)
        out.reserveCapacity(32 + blobs.reduce(0) { $0 + $1.count / 2 + 16 })
        for value in [UInt32(2), UInt32(blobs.count)] {
            withUnsafeBytes(of: value.bigEndian) { out += $0 }
        }
        var scratch: [UInt8] = []
        for blob in blobs {
            // Type 3 (blob) and the size: 4 bits in the first byte, 7 in each next, low first.
            var size = blob.count
            var byte = UInt8(3 << 4) | UInt8(size & 0x0F)
            size >>= 4
            while size > 0 {
                out.append(byte | 0x80)
                byte = UInt8(size & 0x7F)
                size >>= 7
            }
            out.append(byte)
            let bound = Int(compressBound(uLong(blob.count)))
            if scratch.count < bound { scratch = [UInt8](repeating: 0, count: bound) }
            var length = uLongf(bound)
            let status = scratch.withUnsafeMutableBufferPointer { target in
                blob.withUnsafeBufferPointer { source in
                    compress2(target.baseAddress, &length, source.baseAddress, uLong(blob.count), Z_DEFAULT_COMPRESSION)
                }
            }
            guard status == Z_OK else {
                throw GitError.own("cannot compress a blob of \(blob.count) bytes (zlib \(status))", operation: "writeBlobs")
            }
            out += scratch[0 ..< Int(length)]
        }
        out += out.withUnsafeBytes { SHA1.digest($0) }
        return out
    }
}
