import Foundation
import Testing
@testable import GitKit

/// libgit2's TLS certificate bundle is parsed on the first fetch or push, not when libgit2 is
/// initialised (Sources/GitKit/DeferredCertificates.swift).
@Suite struct DeferredCertificatesTests {
    @Test func initialisingLibgit2LeavesTheBundleForTheFirstNetworkOperation() throws {
        let repo = try TestRepo()
        _ = try repo.open()  // initialises libgit2
        // Linked statically (Package.swift), the link wraps the call: always deferred. With the
        // shared libgit2, only one built with mbedTLS (Debian's) calls the function this
        // executable defines, and only when the executable exports it (the first definition
        // found is not mbedTLS's).
        if !DeferredCertificates.wrappedByTheLink {
            guard let real = DeferredCertificates.real,
                  dlsym(nil, "mbedtls_x509_crt_parse_file") != unsafeBitCast(real, to: UnsafeMutableRawPointer.self) else { return }
        }
        let path = try #require(DeferredCertificates.deferredAtInit, "git_libgit2_init parsed the bundle itself")
        #expect(FileManager.default.isReadableFile(atPath: path), "\(path)")
        // Handed back to libgit2, the same bundle reaches mbedTLS's own parser and loads.
        #expect(DeferredCertificates.load(path) == 0)
        // A file that is not a bundle fails there: the call was not answered by the deferral.
        #expect(DeferredCertificates.load(repo.path + "/.git/HEAD") < 0)
    }
}
