internal import CLibGit2

extension Repository {
    /// Removes a key from the repository's own configuration (`.git/config`); a key that is
    /// not set there is not an error (returns false).
    @discardableResult
    public func removeConfigEntry(_ key: String) throws -> Bool {
        let config = try Config(self)
        let rc = git_config_delete_entry(config.pointer, key)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return false
        }
        try check(rc, "git_config_delete_entry")
        return true
    }

    /// Whether the working tree or the index differ from HEAD in a tracked file (untracked
    /// files do not count): what would make a switch or a merge lose work.
    public func hasUncommittedChanges(under folder: String = "") throws -> Bool {
        try status(under: folder, includeUntracked: false).contains { $0.staged != nil || $0.unstaged != nil || $0.conflicted }
    }
}
