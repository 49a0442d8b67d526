// swift-tools-version:6.0
import PackageDescription

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
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // zlib comes with libgit2-dev (which depends on zlib1g-dev): packs are inflated
        // directly on history walks (see PackedObjects).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "GitKit", dependencies: ["CLibGit2", "CZlib"]),
        .target(
            name: "RoadmapKit",
            dependencies: ["GitKit", .product(name: "Mustache", package: "swift-mustache")]
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
            ]
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
