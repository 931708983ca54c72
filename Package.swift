// swift-tools-version:6.0
import PackageDescription

// Podium builds and runs on Linux only (Glibc; renameat2 for the atomic folder exchange): its
// users build on Linux machines and CI, and serve the output from any static host.
// Release builds link the Swift runtime and Foundation into each program (every module of ours
// is compiled for that too, so that what it links is found): a podium run then starts without
// loading and relocating twenty shared libraries, about 7 ms of each weekly rebuild. Debug builds
// and the tests link them as shared libraries.
let linkedIn = (swift: [SwiftSetting.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
                linker: [LinkerSetting.unsafeFlags(["-static-stdlib"], .when(configuration: .release))])

let package = Package(
    name: "Podium",
    products: [
        .executable(name: "podium", targets: ["podium"]),
        .library(name: "PodiumCore", targets: ["PodiumCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "CmarkArena"),
        .target(
            name: "PodiumCore",
            dependencies: [
                "CCmark",
                "CmarkArena",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: linkedIn.swift
        ),
        .target(
            name: "PodiumServe",
            dependencies: ["PodiumCore"],
            swiftSettings: linkedIn.swift
        ),
        .executableTarget(
            name: "podium",
            dependencies: [
                "PodiumCore",
                "PodiumServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: linkedIn.swift, linkerSettings: linkedIn.linker
        ),
        .executableTarget(
            name: "podium-bench",
            dependencies: ["PodiumCore", "CCmark"],
            path: "Sources/PodiumBench",
            swiftSettings: linkedIn.swift, linkerSettings: linkedIn.linker
        ),
        .executableTarget(
            name: "podium-fuzz",
            dependencies: ["PodiumCore"],
            path: "Sources/PodiumFuzz",
            swiftSettings: linkedIn.swift, linkerSettings: linkedIn.linker
        ),
        .testTarget(
            name: "PodiumTests",
            dependencies: ["PodiumCore", "PodiumServe"]
        ),
    ]
)
