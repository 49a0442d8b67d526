internal import CLibGit2

extension Repository {
    /// Fetches `refspecs` (e.g. `+refs/heads/*:refs/remotes/origin/*`; empty: the
    /// remote's configured ones) from a remote name or a URL.
    public func fetch(remote nameOrURL: String, refspecs: [String]) throws {
        try Remote(self, nameOrURL: nameOrURL).fetch(refspecs: refspecs)
    }

    /// Pushes `refspecs` (e.g. `refs/heads/main:refs/heads/main`) to a remote name or URL.
    /// A non-fast-forward or a ref the remote refuses throws (`isNonFastForward`).
    public func push(remote nameOrURL: String, refspecs: [String]) throws {
        try Remote(self, nameOrURL: nameOrURL).push(refspecs: refspecs)
    }

    /// The URL of a configured remote; nil when there is no such remote.
    public func remoteURL(_ name: String) throws -> String? {
        try Remote.lookup(self, name: name)?.url
    }

    /// The configured remotes' names.
    public func remoteNames() throws -> [String] {
        var names = git_strarray()
        try check(git_remote_list(&names, pointer), "git_remote_list")
        defer { git_strarray_dispose(&names) }
        return (0..<names.count).map { decode(names.strings[$0]) }
    }

    /// Adds a remote with git's default fetch refspec.
    public func addRemote(name: String, url: String) throws {
        var out: OpaquePointer?
        try check(git_remote_create(&out, pointer, name, url), "git_remote_create")
        out.map { _ = Remote(self, owning: $0) }  // freed at once
    }
}
