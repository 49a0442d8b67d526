#if ROADMAP_STATIC_LIBGIT2
/// `git_libgit2_init` calls `libssh2_init`, which sets up OpenSSL's ciphers and digests (about
/// 1 ms of CPU, measured) in every process that opens a repository, though only a fetch or push
/// over SSH uses them. With libgit2 linked statically the link wraps that call (`--wrap`,
/// Package.swift) and this answers "done" without doing it: libssh2 initialises itself when
/// the first SSH session is made (`libssh2_session_init_ex` calls `_libssh2_init_if_needed`,
/// a call inside libssh2 that the wrapping does not touch), and `libssh2_exit` at libgit2's
/// shutdown does nothing for a libssh2 never initialised.
@_cdecl("__wrap_libssh2_init")
public func roadmapDeferredSSHInitialisation(_ flags: Int32) -> Int32 {
    0
}
#endif
