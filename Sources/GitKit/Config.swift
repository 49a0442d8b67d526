internal import CLibGit2

/// An owned `git_config` (the repository's, all levels).
final class Config {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ repository: Repository) throws {
        var out: OpaquePointer?
        try check(git_repository_config(&out, repository.pointer), "git_repository_config")
        guard let out else { throw GitError.own("the repository has no configuration", operation: "git_repository_config") }
        pointer = out
        self.repository = repository
    }

    deinit { git_config_free(pointer) }

    /// nil when the key is not set.
    func string(_ key: String) throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let rc = git_config_get_string_buf(&buffer, pointer, key)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_config_get_string_buf")
        guard let bytes = buffer.ptr else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: buffer.size), as: UTF8.self)
    }

    func set(_ key: String, _ value: String) throws {
        try check(git_config_set_string(pointer, key, value), "git_config_set_string")
    }
}
