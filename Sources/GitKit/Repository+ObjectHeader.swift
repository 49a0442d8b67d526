internal import CLibGit2

extension Repository {
    /// An object's size in bytes, read from its header without inflating it, so that a
    /// hostile 100 MB blob can be refused before it is loaded.
    public func objectSize(_ id: ObjectID) throws -> Int {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var size = 0
        var type = GIT_OBJECT_ANY
        var oid = id.oid
        try check(git_odb_read_header(&size, &type, odb, &oid), "git_odb_read_header")
        return size
    }
}
