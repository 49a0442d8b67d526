// swift-tools-version:6.0
import PackageDescription
import Foundation

// libgit2 and the libraries under it are linked from their static archives where the system
// has them all (Debian's -dev packages install them: libgit2-dev, libssh2-1-dev,
// libmbedtls-dev, libhttp-parser-dev, libpcre2-dev, libssl-dev, zlib1g-dev). Linked as shared
// libraries they were 15 objects the dynamic loader found, mapped and relocated at every start,
// the pre-commit hook's included (docs/performance.md, "Start-up"). Kerberos, which Debian
// ships only shared, is opened on first use (Sources/CLibGit2Support/LazyGSSAPI.c). Two calls
// are wrapped (`--wrap`, see DeferredCertificates.swift and LibSSH2Initialisation.swift): the
// certificate bundle and libssh2's crypto set-up that `git_libgit2_init` ran in every process,
// now on the first network operation. Elsewhere, the shared libgit2 as before.
let staticArchives = ["git2", "ssh2", "mbedtls", "mbedx509", "mbedcrypto", "http_parser", "pcre2-8", "crypto", "z"]
let archiveFolders = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"]
let linksLibgit2Statically = archiveFolders.contains { folder in
    staticArchives.allSatisfy { FileManager.default.fileExists(atPath: "\(folder)/lib\($0).a") }
}
let libgit2Linkage: [LinkerSetting] = linksLibgit2Statically
    ? [.unsafeFlags(staticArchives.map { "-l:lib\($0).a" } + ["--wrap=mbedtls_x509_crt_parse_file", "--wrap=libssh2_init"]
        .flatMap { ["-Xlinker", $0] })]
    : [.linkedLibrary("git2"), .linkedLibrary("z")]
let staticDefine: [String] = linksLibgit2Statically ? ["ROADMAP_STATIC_LIBGIT2"] : []

// How the executable is linked on Linux (docs/performance.md, "Memory"): with the toolchain's
// lld, relative relocations packed (DT_RELR: a 3 MB table of 128,000 entries becomes 27 KB,
// which every process read at start), no dynamic symbol table of our own functions (nothing
// looks them up: 27,000 symbols the loader hashed), and in release builds the functions the
// common commands run placed together (`scripts/text-order/`), so the pages the kernel maps
// around each one hold code that runs. DT_RELR needs glibc 2.36 (Debian 12) where it runs.
#if canImport(Glibc)
import Glibc
let glibcHasRELR: Bool = {
    var buffer = [CChar](repeating: 0, count: 64)
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return false }
    // "glibc 2.36"
    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let parts = text.split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    return parts.count >= 2 && (parts[0], parts[1]) >= (2, 36)
}()
#else
let glibcHasRELR = false
#endif
let symbolOrder = Context.packageDirectory + "/scripts/text-order/symbol-order.txt"
let executableLinkage: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "--no-export-dynamic"]
        + (glibcHasRELR ? ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : []), .when(platforms: [.linux])),
] + (FileManager.default.fileExists(atPath: symbolOrder)
    ? [.unsafeFlags(["-Xlinker", "--symbol-ordering-file=\(symbolOrder)", "-Xlinker", "--no-warn-symbol-ordering"],
                    .when(platforms: [.linux], configuration: .release))]
    : [])

let package = Package(
    name: "roadmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "roadmap", targets: ["roadmap"]),
        .library(name: "RoadmapKit", targets: ["RoadmapKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // Hummingbird's own NIO: the server answers the HTTP parser's refusals itself
        // (ParserErrorResponder), so it names the parser's error and part types.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // The headers only: what links them is CLibGit2Support's linker settings (above).
        .systemLibrary(
            name: "CLibGit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // zlib comes with libgit2-dev (which depends on zlib1g-dev): packs are inflated
        // directly on history walks (see PackedObjects).
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "CLibGit2Support",
            cSettings: staticDefine.map { .define($0) },
            linkerSettings: libgit2Linkage
        ),
        .target(
            name: "GitKit",
            dependencies: ["CLibGit2", "CZlib", "CLibGit2Support"],
            swiftSettings: staticDefine.map { .define($0) }
        ),
        // `notify --post`'s HTTP client: libcurl, opened when a post is sent (not at start-up).
        .target(name: "CLazyCurl"),
        .target(
            name: "RoadmapKit",
            dependencies: ["GitKit", "CLazyCurl", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // `roadmap serve`: routes parse a request, call one RoadmapKit use case and render one
        // template (docs/serve.md). No rule, merge or git logic lives here.
        .target(
            name: "RoadmapServer",
            dependencies: [
                "RoadmapKit",
                "GitKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "roadmap",
            dependencies: [
                "RoadmapKit",
                "RoadmapServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: executableLinkage
        ),
        .testTarget(name: "GitKitTests", dependencies: ["GitKit"]),
        .testTarget(
            name: "RoadmapKitTests",
            dependencies: ["RoadmapKit", "GitKit", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "RoadmapCLITests", dependencies: ["roadmap", "GitKit"]),
        .testTarget(
            name: "RoadmapServerTests",
            dependencies: [
                "RoadmapServer", "RoadmapKit", "GitKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
