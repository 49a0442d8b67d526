internal import CLibGit2

/// An owned `git_diff`.
final class Diff {
    let pointer: OpaquePointer
    let repository: Repository

    /// `git_diff_tree_to_tree`; a nil tree is the empty tree.
    init(_ repository: Repository, old: Tree?, new: Tree?, paths: [String]) throws {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        var out: OpaquePointer?
        try withStrarray(paths) { (pathspec) throws in
            options.pathspec = pathspec
            if !paths.isEmpty { options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue }
            try check(git_diff_tree_to_tree(&out, repository.pointer, old?.pointer, new?.pointer, &options), "git_diff_tree_to_tree")
        }
        guard let out else { throw GitError.own("no diff", operation: "git_diff_tree_to_tree") }
        pointer = out
        self.repository = repository
    }

    /// `git_diff_tree_to_index` with an explicit index.
    init(_ repository: Repository, old: Tree?, index: Index, paths: [String]) throws {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        var out: OpaquePointer?
        try withStrarray(paths) { pathspec in
            options.pathspec = pathspec
            if !paths.isEmpty { options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH.rawValue }
            try check(git_diff_tree_to_index(&out, repository.pointer, old?.pointer, index.pointer, &options), "git_diff_tree_to_index")
        }
        guard let out else { throw GitError.own("no diff", operation: "git_diff_tree_to_index") }
        pointer = out
        self.repository = repository
    }

    deinit { git_diff_free(pointer) }

    func findRenames(threshold: Int) throws {
        var options = git_diff_find_options()
        try check(git_diff_find_options_init(&options, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
        options.flags = GIT_DIFF_FIND_RENAMES.rawValue
        options.rename_threshold = UInt16(clamping: threshold)
        try check(git_diff_find_similar(pointer, &options), "git_diff_find_similar")
    }

    var deltas: [DiffDelta] {
        (0..<git_diff_num_deltas(pointer)).compactMap { index in
            git_diff_get_delta(pointer, index).flatMap { DiffDelta($0) }
        }
    }
}
