internal import CLibGit2

extension ObjectID {
    /// The id git gives `bytes` as a blob, computed without a repository or a write: a
    /// stable content hash (used for fingerprints that must not change between runs).
    public static func blobID(of bytes: [UInt8]) throws -> ObjectID {
        Library.ensureInitialized()
        var oid = git_oid()
        let data = bytes.isEmpty ? [0] : bytes
        _ = try data.withUnsafeBytes { raw in
            try check(git_odb_hash(&oid, raw.baseAddress, bytes.count, GIT_OBJECT_BLOB), "git_odb_hash")
        }
        return ObjectID(oid)
    }
}
