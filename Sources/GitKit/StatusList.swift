internal import CLibGit2

/// An owned `git_status_list`.
final class StatusList {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ repository: Repository, paths: [String], includeUntracked: Bool) throws {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "git_status_options_init")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        var flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        if includeUntracked {
            flags |= GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
        }
        if !paths.isEmpty { flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue }
        options.flags = flags
        var out: OpaquePointer?
        try withStrarray(paths) { (pathspec) throws in
            options.pathspec = pathspec
            try check(git_status_list_new(&out, repository.pointer, &options), "git_status_list_new")
        }
        guard let out else { throw GitError.own("no status list", operation: "git_status_list_new") }
        pointer = out
        self.repository = repository
    }

    deinit { git_status_list_free(pointer) }

    var entries: [StatusEntry] {
        var result: [StatusEntry] = []
        for index in 0..<git_status_list_entrycount(pointer) {
            // Borrowed from the list: copied at once.
            guard let entry = git_status_byindex(pointer, index)?.pointee else { continue }
            let flags = entry.status.rawValue
            func has(_ flag: git_status_t) -> Bool { flags & flag.rawValue != 0 }

            var staged: DeltaStatus?
            if has(GIT_STATUS_INDEX_NEW) { staged = .added }
            else if has(GIT_STATUS_INDEX_DELETED) { staged = .deleted }
            else if has(GIT_STATUS_INDEX_RENAMED) { staged = .renamed }
            else if has(GIT_STATUS_INDEX_TYPECHANGE) { staged = .typeChange }
            else if has(GIT_STATUS_INDEX_MODIFIED) { staged = .modified }

            var unstaged: DeltaStatus?
            if has(GIT_STATUS_WT_DELETED) { unstaged = .deleted }
            else if has(GIT_STATUS_WT_RENAMED) { unstaged = .renamed }
            else if has(GIT_STATUS_WT_TYPECHANGE) { unstaged = .typeChange }
            else if has(GIT_STATUS_WT_MODIFIED) { unstaged = .modified }

            let untracked = has(GIT_STATUS_WT_NEW)
            let conflicted = has(GIT_STATUS_CONFLICTED)
            if staged == nil && unstaged == nil && !untracked && !conflicted { continue }

            let headToIndex = entry.head_to_index?.pointee
            let indexToWorkdir = entry.index_to_workdir?.pointee
            let path = decodeOptional(indexToWorkdir?.new_file.path)
                ?? decodeOptional(headToIndex?.new_file.path)
                ?? decodeOptional(indexToWorkdir?.old_file.path)
                ?? decodeOptional(headToIndex?.old_file.path)
                ?? ""
            let oldPath = staged == .renamed ? decodeOptional(headToIndex?.old_file.path) : nil
            result.append(StatusEntry(path: path, staged: staged, unstaged: unstaged,
                                      untracked: untracked, conflicted: conflicted, oldPath: oldPath))
        }
        return result
    }
}
