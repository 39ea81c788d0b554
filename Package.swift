// swift-tools-version:6.0
import PackageDescription

// Module map of kinerja: one job per module.
//   CLibPQ            libpq's C headers and link line (Debian: libpq-dev)
//   CLibCrypto        OpenSSL's SHA-256 (libcrypto, which libpq links; Debian: libssl-dev)
//   Postgres          the only module that calls libpq: connections, parameters, rows, COPY, pool
//   EmbeddedPostgres  a private, throwaway PostgreSQL cluster for the demo and the tests
//   Statistics        pure numerics: distributions, ICC, alpha, kappa, AC1/AC2 (no database)
//   KinerjaDomain     the domain facts: regimes, predikat, NIP, periods (no database)
//   KinerjaGenerator  realistic synthetic yearly CSV folders with a manifest of planted answers
//   Kinerja           the product: migrations, loading, analytics queries (SQL embedded from sql/)
//   KinerjaHTTP       the JSON endpoint for dashboards (Hummingbird)
//   kinerja           the command-line tool
let package = Package(
    name: "kinerja",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kinerja", targets: ["kinerja"]),
        .executable(name: "postgres-leakcheck", targets: ["PostgresLeakCheck"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "Kinerja", targets: ["Kinerja"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "PostgresLeakCheck",
            dependencies: ["Postgres", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "EmbeddedPostgres"),
        .target(name: "Statistics"),
        .target(name: "KinerjaDomain"),
        .target(name: "KinerjaGenerator", dependencies: ["KinerjaDomain"]),
        .executableTarget(name: "EmbedSQLTool"),
        .plugin(name: "EmbedSQL", capability: .buildTool(), dependencies: ["EmbedSQLTool"]),
        .target(
            name: "Kinerja",
            dependencies: [
                "Postgres", "EmbeddedPostgres", "Statistics", "KinerjaDomain", "KinerjaGenerator", "CLibCrypto",
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedSQL"]
        ),
        .target(
            name: "KinerjaHTTP",
            dependencies: [
                "Kinerja", "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            resources: [.copy("openapi.json")]
        ),
        .executableTarget(
            name: "kinerja",
            dependencies: [
                "Kinerja", "KinerjaHTTP", "Postgres", "EmbeddedPostgres", "KinerjaGenerator", "KinerjaDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "EmbeddedPostgres", "TestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], exclude: ["Fixtures"]),
        .testTarget(name: "EmbeddedPostgresTests", dependencies: ["EmbeddedPostgres"]),
        .testTarget(name: "KinerjaDomainTests", dependencies: ["KinerjaDomain", "KinerjaGenerator"]),
        .testTarget(name: "KinerjaTests", dependencies: ["Kinerja", "Postgres", "KinerjaGenerator", "KinerjaDomain", "TestSupport"]),
        .testTarget(
            name: "KinerjaHTTPTests",
            dependencies: [
                "KinerjaHTTP", "Kinerja", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Postgres", "EmbeddedPostgres", "Kinerja", .product(name: "Logging", package: "swift-log")], path: "Tests/TestSupport"),
    ]
)
