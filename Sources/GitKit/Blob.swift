internal import CLibGit2

/// An owned `git_blob`.
final class Blob {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ repository: Repository, _ id: ObjectID) throws {
        var out: OpaquePointer?
        var oid = id.oid
        try check(git_blob_lookup(&out, repository.pointer, &oid), "git_blob_lookup")
        guard let out else { throw GitError.own("no blob \(id)", operation: "git_blob_lookup") }
        pointer = out
        self.repository = repository
    }

    deinit { git_blob_free(pointer) }

    var size: Int { Int(git_blob_rawsize(pointer)) }

    var bytes: [UInt8] {
        let count = size
        guard count > 0, let raw = git_blob_rawcontent(pointer) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: count))
    }
}
