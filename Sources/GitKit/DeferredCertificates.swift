internal import CLibGit2
internal import CLibGit2Support
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The TLS certificate bundle, parsed on the first network operation instead of inside
/// `git_libgit2_init`.
///
/// Debian's libgit2 uses mbedTLS with a compiled-in bundle location, and `git_libgit2_init`
/// parses the whole bundle (about 140 certificates: 3 to 4 ms, measured) in every process that
/// opens a repository, the pre-commit hook included, though only fetch and push over HTTPS
/// read it. So libgit2's call to `mbedtls_x509_crt_parse_file` reaches this file first: with
/// libgit2 linked statically (Package.swift), the link wraps it (`--wrap`: libgit2 calls
/// `__wrap_mbedtls_x509_crt_parse_file`, and `__real_…` is mbedTLS's); with the shared
/// libgit2, the executable defines the name itself and the dynamic linker binds libgit2's call
/// to it (the executable comes first in symbol lookup). While `Library` initialises libgit2 it
/// only notes the path and answers "no certificate, no error"; `loadIfDeferred` hands that path
/// back to libgit2 (`GIT_OPT_SET_SSL_CERT_LOCATIONS`) before a fetch or push, and that call
/// reaches mbedTLS's own function. With another TLS backend (OpenSSL, macOS) the function is
/// never called and nothing changes; if mbedTLS's function cannot be found, the bundle is read
/// as before.
enum DeferredCertificates {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var isDeferring = false
    nonisolated(unsafe) private static var deferredPath: String?

    /// Runs `body` (libgit2's initialisation) with certificate parsing deferred.
    static func deferring(_ body: () -> Void) {
        lock.withLock { isDeferring = real != nil }
        body()
        lock.withLock { isDeferring = false }
    }

    /// The bundle libgit2's initialisation did not parse, if any (kept after it is loaded).
    static var deferredAtInit: String? { lock.withLock { firstDeferred } }
    nonisolated(unsafe) private static var firstDeferred: String?

    /// Parses the deferred bundle, once; before any operation that may open a TLS connection.
    static func loadIfDeferred() {
        guard let path = lock.withLock({ () -> String? in
            defer { deferredPath = nil }
            return deferredPath
        }) else { return }
        load(path)
    }

    /// Hands a bundle to libgit2, which parses it with mbedTLS; libgit2's result (0: loaded).
    @discardableResult
    static func load(_ path: String) -> Int32 {
        let rc = Library.setOption(Int32(GIT_OPT_SET_SSL_CERT_LOCATIONS.rawValue), path, nil)
        git_error_clear()
        return rc
    }

    typealias Parse = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32

    #if ROADMAP_STATIC_LIBGIT2
    /// Whether the link wraps libgit2's call (libgit2 linked statically), so that it is always deferred.
    static let wrappedByTheLink = true
    /// mbedTLS's own function, as the wrapping link names it.
    static let real: Parse? = { chain, path in __real_mbedtls_x509_crt_parse_file(UnsafeMutableRawPointer(chain), path) }
    #else
    static let wrappedByTheLink = false
    /// mbedTLS's own function: the next definition after this executable's.
    static let real: Parse? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: -1), "mbedtls_x509_crt_parse_file") else { return nil }
        return unsafeBitCast(symbol, to: Parse.self)
    }()
    #endif

    fileprivate static func parse(_ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Int32 {
        let deferred = lock.withLock { () -> Bool in
            guard isDeferring, let path else { return false }
            deferredPath = String(cString: path)
            firstDeferred = deferredPath
            return true
        }
        if deferred { return 0 }
        return real?(chain, path) ?? -1
    }
}

#if ROADMAP_STATIC_LIBGIT2
/// See `DeferredCertificates`: libgit2's calls, by the link's `--wrap`.
@_cdecl("__wrap_mbedtls_x509_crt_parse_file")
public func roadmapDeferredCertificateParse(_ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Int32 {
    DeferredCertificates.parse(chain, path)
}
#else
/// See `DeferredCertificates`. (Public so that it is exported under this name.)
@_cdecl("mbedtls_x509_crt_parse_file")
public func roadmapDeferredCertificateParse(_ chain: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> Int32 {
    DeferredCertificates.parse(chain, path)
}
#endif
