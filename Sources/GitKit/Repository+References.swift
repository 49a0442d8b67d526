internal import CLibGit2
import Foundation

extension Repository {
    /// The commit (or object) a reference points at, following symbolic references; nil
    /// when the reference does not exist. Takes full names (`refs/heads/main`, `HEAD`).
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        try Reference.lookup(self, name)?.resolvedTarget()
    }

    /// References whose full name starts with `prefix` (e.g. `refs/proposals/`), sorted by
    /// name, with their resolved targets (tags are not peeled). Dangling symbolic
    /// references are left out.
    public func references(withPrefix prefix: String) throws -> [(name: String, target: ObjectID)] {
        let iterator = try ReferenceIterator(self)
        var result: [(name: String, target: ObjectID)] = []
        while let reference = try iterator.next() {
            let name = reference.name
            guard name.hasPrefix(prefix), let target = try reference.resolvedTarget() else { continue }
            result.append((name, target))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Creates or moves a direct reference, refusing to lose a race:
    /// `expected == nil` requires that the reference does not exist yet (else `isExists`);
    /// otherwise it must still point at `expected` (else `isRefMoved`).
    ///
    /// A ref locked by another process (`<ref>.lock`) is retried for up to a second, like
    /// git's `core.filesRefLockTimeout`: once the other writer is done, the expected-value
    /// check tells whether it moved the ref. A lock held longer fails with `isLocked`.
    public func setReference(_ name: String, to target: ObjectID, expected: ObjectID?, message: String) throws {
        var out: OpaquePointer?
        var oid = target.oid
        var rc: Int32 = 0
        for attempt in 0..<50 {
            if attempt > 0 {
                git_error_clear()
                usleep(20_000)
            }
            if var old = expected?.oid {
                rc = git_reference_create_matching(&out, pointer, name, &oid, 1, &old, message)
            } else {
                rc = git_reference_create(&out, pointer, name, &oid, 0, message)
            }
            if rc != GIT_ELOCKED.rawValue { break }
        }
        out.map { _ = Reference(self, owning: $0) }  // freed at once
        if rc < 0 {
            let error = GitError.last(code: rc, operation: expected == nil ? "git_reference_create" : "git_reference_create_matching")
            if rc == GIT_EEXISTS.rawValue {
                throw error.rephrased("reference '\(name)' already exists")
            }
            if rc == GIT_EMODIFIED.rawValue || (rc == GIT_ENOTFOUND.rawValue && expected != nil) {
                let now = (try? referenceTarget(name))?.map(\.short) ?? "nothing"
                throw GitError(code: GitError.modifiedCode, errorClass: error.errorClass,
                               message: "reference '\(name)' was moved by someone else: expected \(expected?.short ?? "none"), found \(now) (\(error.message))",
                               operation: error.operation)
            }
            throw error
        }
    }

    /// Deletes a reference only if it still points at `expected` (else `isRefMoved`;
    /// a missing reference gives `isNotFound`).
    public func deleteReference(_ name: String, expected: ObjectID) throws {
        guard let reference = try Reference.lookup(self, name) else {
            throw GitError.own("reference '\(name)' does not exist", code: GitError.notFoundCode, operation: "git_reference_lookup")
        }
        guard let current = reference.directTarget, current == expected else {
            throw GitError.own("reference '\(name)' was moved by someone else: expected \(expected.short), found \(reference.directTarget?.short ?? reference.symbolicTarget ?? "?")",
                               code: GitError.modifiedCode, operation: "git_reference_delete")
        }
        // libgit2 deletes under the ref's lock, checking the old value it was read with.
        let rc = git_reference_delete(reference.pointer)
        if rc == GIT_EMODIFIED.rawValue {
            throw GitError.last(code: rc, operation: "git_reference_delete")
                .rephrased("reference '\(name)' was moved by someone else while deleting it")
        }
        try check(rc, "git_reference_delete")
    }

    /// Points HEAD at a branch (`main` or `refs/heads/main`), which may be unborn. The
    /// working tree and index are not touched (see `checkout(branch:)`).
    public func setHead(toBranch branch: String) throws {
        try check(git_repository_set_head(pointer, Self.branchReference(branch)), "git_repository_set_head")
    }

    /// Detaches HEAD at a commit. The working tree and index are not touched.
    public func detachHead(at commit: ObjectID) throws {
        var oid = commit.oid
        try check(git_repository_set_head_detached(pointer, &oid), "git_repository_set_head_detached")
    }

    static func branchReference(_ branch: String) -> String {
        branch.hasPrefix("refs/") ? branch : "refs/heads/" + branch
    }
}
