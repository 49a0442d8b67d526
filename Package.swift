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
        .executableTarget(
            name: "roadmap",
            dependencies: [
                "RoadmapKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GitKitTests", dependencies: ["GitKit"]),
        .testTarget(
            name: "RoadmapKitTests",
            dependencies: ["RoadmapKit", "GitKit", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "RoadmapCLITests", dependencies: ["roadmap", "GitKit"]),
    ],
    swiftLanguageModes: [.v6]
)
