import Foundation

/// A file mapped read-only into memory, for the life of this object.
///
/// (Sendable: the mapping is never written, so threads can read it at once. A file that is
/// deleted or replaced while mapped stays readable as it was — git replaces packs, it does
/// not rewrite them — but one cut short under the mapping would fault on access; git never
/// truncates a pack it has written.)
public final class MappedFile: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer
    /// Which file was mapped, as it was when mapped.
    let identity: FileIdentity

    /// Nil when the file cannot be opened or mapped, or is empty.
    public init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        identity = FileIdentity(status)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
