internal import CLibGit2

/// An owned reference to the repository's `git_index`.
final class Index {
    let pointer: OpaquePointer
    let repository: Repository

    /// True for the file named by `GIT_INDEX_FILE`: readable, not tied to the repository.
    let isOverride: Bool

    /// The repository's index, re-read from disk if it changed there; with `forReading`,
    /// the `GIT_INDEX_FILE` index when the repository was discovered with one.
    init(_ repository: Repository, forReading: Bool = false) throws {
        var out: OpaquePointer?
        if forReading, let file = repository.indexFileOverride {
            try check(git_index_open(&out, file), "git_index_open")
            isOverride = true
        } else {
            try check(git_repository_index(&out, repository.pointer), "git_repository_index")
            isOverride = false
        }
        guard let out else { throw GitError.own("the repository has no index", operation: "git_repository_index") }
        pointer = out
        self.repository = repository
        try check(git_index_read(pointer, 0), "git_index_read")
    }

    deinit { git_index_free(pointer) }

    var path: String? { decodeOptional(git_index_path(pointer)) }

    var lockPath: String? { path.map { $0 + ".lock" } }

    var entries: [IndexEntryInfo] {
        let count = git_index_entrycount(pointer)
        var result: [IndexEntryInfo] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            // Borrowed from the index: copied at once.
            guard let entry = git_index_get_byindex(pointer, index) else { continue }
            let value = entry.pointee
            guard let mode = FileMode(rawMode: value.mode) else { continue }
            let stage = (Int32(value.flags) & GIT_INDEX_ENTRY_STAGEMASK) >> GIT_INDEX_ENTRY_STAGESHIFT
            var info = IndexEntryInfo(path: decode(value.path), id: ObjectID(value.id), mode: mode, stage: Int(stage))
            info.skipWorktree = UInt32(value.flags_extended) & GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue != 0
            result.append(info)
        }
        return result
    }

    /// Discards in-memory changes (after a failed write), so the shared index object
    /// matches the file again.
    func reloadFromDisk() {
        _ = git_index_read(pointer, 1)
        git_error_clear()
    }

    /// Writes the index with libgit2's lock file; a held `index.lock` gives a clear error.
    func write(operation: String) throws {
        let rc = git_index_write(pointer)
        if rc < 0 {
            let error = GitError.last(code: rc, operation: "git_index_write")
            reloadFromDisk()
            if rc == GIT_ELOCKED.rawValue {
                throw Index.lockedError(lockPath: lockPath, operation: operation, detail: error.message)
            }
            throw error
        }
    }

    static func lockedError(lockPath: String?, operation: String, detail: String? = nil) -> GitError {
        var message = "the index is locked: \(lockPath ?? "index.lock") exists; another git process may be running (if not, remove that file)"
        if let detail, !detail.isEmpty { message += " (\(detail))" }
        return GitError(code: GitError.lockedCode, errorClass: Int32(GIT_ERROR_INDEX.rawValue), message: message, operation: operation)
    }
}
