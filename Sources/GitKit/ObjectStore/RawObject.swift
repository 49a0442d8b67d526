internal import CLibGit2

/// An object's raw bytes (without git's `type size\0` header): read by libgit2
/// (`git_odb_object`), or inflated from a pack by `PackedObjects` into memory this object
/// owns.
///
/// (Sendable: a prefetching thread reads trees and hands them to the walk's thread; the
/// bytes are never written after reading, and libgit2 frees its objects from any thread.)
final class RawObject: @unchecked Sendable {
    /// Valid while this object lives.
    let bytes: UnsafeRawBufferPointer
    private let libgit2Object: OpaquePointer?

    init(_ pointer: OpaquePointer) {
        libgit2Object = pointer
        bytes = UnsafeRawBufferPointer(start: git_odb_object_data(pointer), count: git_odb_object_size(pointer))
    }

    /// Room after the bytes, for the one who fills them. zlib inflates byte by byte while
    /// fewer than 258 bytes of room are left, and several times faster with more, so an
    /// inflater is given this much room past the end (which also catches a stream longer
    /// than it should be).
    static let spare = 320

    /// Owned memory for `count` bytes and `spare` more, for the caller to fill at once
    /// through `writable`.
    init(allocating count: Int) {
        libgit2Object = nil
        let memory = UnsafeMutableRawPointer.allocate(byteCount: count + Self.spare, alignment: 16)
        bytes = UnsafeRawBufferPointer(start: memory, count: count)
    }

    /// The owned memory (`spare` bytes more than `bytes`), only while filling it.
    var writable: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(mutating: bytes.baseAddress), count: bytes.count + Self.spare)
    }

    deinit {
        if let libgit2Object {
            git_odb_object_free(libgit2Object)
        } else {
            UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
        }
    }
}
