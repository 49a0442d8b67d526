internal import CLibGit2

/// An owned `git_object` of any type (from rev-parse or peeling).
final class GitObject {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ repository: Repository, owning pointer: OpaquePointer) {
        self.pointer = pointer
        self.repository = repository
    }

    /// `git_revparse_single`.
    convenience init(_ repository: Repository, revision: String) throws {
        var out: OpaquePointer?
        try check(git_revparse_single(&out, repository.pointer, revision), "git_revparse_single")
        guard let out else { throw GitError.own("cannot resolve '\(revision)'", operation: "git_revparse_single") }
        self.init(repository, owning: out)
    }

    /// `git_object_lookup` of any type.
    convenience init(_ repository: Repository, id: ObjectID) throws {
        var out: OpaquePointer?
        var oid = id.oid
        try check(git_object_lookup(&out, repository.pointer, &oid, GIT_OBJECT_ANY), "git_object_lookup")
        guard let out else { throw GitError.own("no object \(id)", operation: "git_object_lookup") }
        self.init(repository, owning: out)
    }

    deinit { git_object_free(pointer) }

    var id: ObjectID { ObjectID(git_object_id(pointer)) }

    func peel(to type: git_object_t) throws -> GitObject {
        var out: OpaquePointer?
        try check(git_object_peel(&out, pointer, type), "git_object_peel")
        guard let out else { throw GitError.own("cannot peel \(id)", operation: "git_object_peel") }
        return GitObject(repository, owning: out)
    }
}
