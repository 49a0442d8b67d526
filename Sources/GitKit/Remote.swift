internal import CLibGit2

/// An owned `git_remote`, named or anonymous (a URL).
final class Remote {
    let pointer: OpaquePointer
    let repository: Repository

    /// A configured remote by name, else an anonymous remote when `nameOrURL` looks like a
    /// URL or a path (`file://…`, `ssh://…`, `host:path`, `/srv/repo.git`).
    init(_ repository: Repository, nameOrURL: String) throws {
        var out: OpaquePointer?
        let rc = git_remote_lookup(&out, repository.pointer, nameOrURL)
        if rc == GIT_ENOTFOUND.rawValue || rc == GIT_EINVALIDSPEC.rawValue {
            git_error_clear()
            guard Remote.looksLikeURL(nameOrURL) else {
                throw GitError.own("no remote named '\(nameOrURL)'", code: GitError.notFoundCode, operation: "git_remote_lookup")
            }
            try check(git_remote_create_anonymous(&out, repository.pointer, nameOrURL), "git_remote_create_anonymous")
        } else {
            try check(rc, "git_remote_lookup")
        }
        guard let out else { throw GitError.own("no remote '\(nameOrURL)'", operation: "git_remote_lookup") }
        pointer = out
        self.repository = repository
    }

    init(_ repository: Repository, owning pointer: OpaquePointer) {
        self.pointer = pointer
        self.repository = repository
    }

    /// A configured remote; nil when none has that name.
    static func lookup(_ repository: Repository, name: String) throws -> Remote? {
        var out: OpaquePointer?
        let rc = git_remote_lookup(&out, repository.pointer, name)
        if rc == GIT_ENOTFOUND.rawValue || rc == GIT_EINVALIDSPEC.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_remote_lookup")
        return out.map { Remote(repository, owning: $0) }
    }

    deinit { git_remote_free(pointer) }

    static func looksLikeURL(_ text: String) -> Bool {
        text.contains("://") || text.hasPrefix("/") || text.hasPrefix(".") || text.contains(":") || text.contains("/")
    }

    var url: String? { decodeOptional(git_remote_url(pointer)) }

    func fetch(refspecs: [String]) throws {
        DeferredCertificates.loadIfDeferred()
        let session = RemoteSession()
        var options = git_fetch_options()
        try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "git_fetch_options_init")
        session.install(in: &options.callbacks)
        let rc = withExtendedLifetime(session) {
            withStrarrayOrNil(refspecs) { refspecs in
                git_remote_fetch(pointer, refspecs, &options, "fetch")
            }
        }
        try check(rc, "git_remote_fetch")
    }

    func push(refspecs: [String]) throws {
        DeferredCertificates.loadIfDeferred()
        let session = RemoteSession()
        var options = git_push_options()
        try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "git_push_options_init")
        session.install(in: &options.callbacks)
        let rc = withExtendedLifetime(session) {
            withStrarrayOrNil(refspecs) { refspecs in
                git_remote_push(pointer, refspecs, &options)
            }
        }
        if rc == GIT_ENONFASTFORWARD.rawValue {
            throw GitError.last(code: rc, operation: "git_remote_push")
                .rephrased("the remote has commits you do not have; fetch first")
        }
        try check(rc, "git_remote_push")
        if let (reference, status) = session.rejected.first {
            throw GitError.own("the remote refused to update \(reference): \(status)",
                               code: GitError.nonFastForwardCode, operation: "git_remote_push")
        }
    }

    private func withStrarrayOrNil<R>(_ strings: [String], _ body: (UnsafePointer<git_strarray>?) -> R) -> R {
        guard !strings.isEmpty else { return body(nil) }
        return withStrarray(strings) { array in
            withUnsafePointer(to: &array) { body($0) }
        }
    }
}

/// State shared with libgit2's remote callbacks through their payload pointer.
final class RemoteSession {
    /// References the remote refused in a push, with its reason.
    var rejected: [(String, String)] = []
    /// Credential attempts, to stop after one failed round instead of looping forever.
    var credentialAttempts = 0

    func install(in callbacks: inout git_remote_callbacks) {
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.push_update_reference = { reference, status, payload in
            guard let payload, let status else { return 0 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            session.rejected.append((decode(reference), decode(status)))
            return 0
        }
        callbacks.credentials = { out, _, usernameFromURL, allowedTypes, payload in
            guard let payload else { return GIT_PASSTHROUGH.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            session.credentialAttempts += 1
            guard session.credentialAttempts <= 2 else { return GIT_EAUTH.rawValue }
            if allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
                if let usernameFromURL { return git_credential_ssh_key_from_agent(out, usernameFromURL) }
                return "git".withCString { git_credential_ssh_key_from_agent(out, $0) }
            }
            if allowedTypes & GIT_CREDENTIAL_DEFAULT.rawValue != 0 {
                return git_credential_default_new(out)
            }
            return GIT_PASSTHROUGH.rawValue
        }
    }
}
