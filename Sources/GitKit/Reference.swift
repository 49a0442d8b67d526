internal import CLibGit2

/// An owned `git_reference`.
final class Reference {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ repository: Repository, owning pointer: OpaquePointer) {
        self.pointer = pointer
        self.repository = repository
    }

    /// nil when no reference has that name.
    static func lookup(_ repository: Repository, _ name: String) throws -> Reference? {
        var out: OpaquePointer?
        let rc = git_reference_lookup(&out, repository.pointer, name)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_reference_lookup")
        return out.map { Reference(repository, owning: $0) }
    }

    deinit { git_reference_free(pointer) }

    var name: String { decode(git_reference_name(pointer)) }

    var symbolicTarget: String? { decodeOptional(git_reference_symbolic_target(pointer)) }

    /// The direct target (nil for a symbolic reference).
    var directTarget: ObjectID? { git_reference_target(pointer).map { ObjectID($0) } }

    /// Follows symbolic references; nil when the chain ends at a missing reference.
    func resolvedTarget() throws -> ObjectID? {
        var out: OpaquePointer?
        let rc = git_reference_resolve(&out, pointer)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_reference_resolve")
        guard let out else { return nil }
        return Reference(repository, owning: out).directTarget
    }
}

/// An owned `git_reference_iterator`.
final class ReferenceIterator {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ repository: Repository) throws {
        var out: OpaquePointer?
        try check(git_reference_iterator_new(&out, repository.pointer), "git_reference_iterator_new")
        guard let out else { throw GitError.own("no reference iterator", operation: "git_reference_iterator_new") }
        pointer = out
        self.repository = repository
    }

    deinit { git_reference_iterator_free(pointer) }

    /// nil at the end (GIT_ITEROVER).
    func next() throws -> Reference? {
        var out: OpaquePointer?
        let rc = git_reference_next(&out, pointer)
        if rc == GIT_ITEROVER.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_reference_next")
        return out.map { Reference(repository, owning: $0) }
    }
}
