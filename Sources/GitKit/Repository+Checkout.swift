internal import CLibGit2

extension Repository {
    /// Switches to a branch like `git switch`: updates the working tree and index safely
    /// (GIT_CHECKOUT_SAFE), then points HEAD at the branch. Uncommitted changes the switch
    /// would overwrite make it fail (`isConflict`) with nothing changed; changes to files
    /// the two commits share are carried over.
    public func checkout(branch: String) throws {
        let name = Self.branchReference(branch)
        guard let target = try referenceTarget(name) else {
            throw GitError.own("no branch '\(branch)'", code: GitError.notFoundCode, operation: "checkout")
        }
        let tree = try GitObject(self, id: target).peel(to: GIT_OBJECT_TREE)
        try checkout(tree: tree, paths: nil, force: false)
        try check(git_repository_set_head(pointer, name), "git_repository_set_head")
    }

    /// Makes the working tree and index follow a commit's tree (for `paths` only, when
    /// given) without moving HEAD. `force` overwrites local changes; otherwise they make
    /// it fail (`isConflict`) with nothing changed.
    public func checkoutTree(_ commit: ObjectID, paths: [String]?, force: Bool) throws {
        let tree = try GitObject(self, id: commit).peel(to: GIT_OBJECT_TREE)
        try checkout(tree: tree, paths: paths, force: force)
    }

    private func checkout(tree: GitObject, paths: [String]?, force: Bool) throws {
        _ = try requireWorkingDirectory("checkout")
        if isIndexLocked {
            throw Index.lockedError(lockPath: try? Index(self).lockPath, operation: "checkout")
        }
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
        options.checkout_strategy = force ? GIT_CHECKOUT_FORCE.rawValue : GIT_CHECKOUT_SAFE.rawValue
        let paths = (paths ?? []).map(Self.normalized)
        if !paths.isEmpty { options.checkout_strategy |= GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue }
        try withStrarray(paths) { pathspec in
            options.paths = pathspec
            let rc = git_checkout_tree(pointer, tree.pointer, &options)
            if rc == GIT_ECONFLICT.rawValue {
                throw GitError.last(code: rc, operation: "git_checkout_tree")
                    .rephrased("your uncommitted changes would be overwritten; commit or stash them first (nothing was changed)")
            }
            try check(rc, "git_checkout_tree")
        }
    }
}
