// swift-tools-version:6.0
import PackageDescription

// Podium builds and runs on Linux only (Glibc; renameat2 for the atomic folder exchange): its
// users build on Linux machines and CI, and serve the output from any static host.
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
            ]
        ),
        .target(
            name: "PodiumServe",
            dependencies: ["PodiumCore"]
        ),
        .executableTarget(
            name: "podium",
            dependencies: [
                "PodiumCore",
                "PodiumServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "podium-bench",
            dependencies: ["PodiumCore", "CCmark"],
            path: "Sources/PodiumBench"
        ),
        .executableTarget(
            name: "podium-fuzz",
            dependencies: ["PodiumCore"],
            path: "Sources/PodiumFuzz"
        ),
        .testTarget(
            name: "PodiumTests",
            dependencies: ["PodiumCore", "PodiumServe"]
        ),
    ]
)
