// swift-tools-version: 6.1
// congress: a Vietnamese trade union congress (Đại hội Công đoàn), from the delegate list
// to the signed counting minutes. Layout and contracts: ../shared/DESIGN.md.
import PackageDescription

/// Targets whose work is pixel loops (reading and drawing scanned sheets) are optimised in
/// every configuration: unoptimised, a sheet takes seconds instead of milliseconds.
let optimisedAlways: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "congress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "congress", targets: ["congress"]),
        .executable(name: "kiosk", targets: ["kiosk"]),
        // For the coverage-guided fuzzers in Fuzz/ (a package of their own).
        .library(name: "CongressCore", targets: ["CongressCore"]),
        .library(name: "Documents", targets: ["Documents"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        // The domain, pure: no I/O, no GRDB, no networking.
        .target(
            name: "CongressCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Persistence: the only module that speaks SQL.
        .target(
            name: "CongressStore",
            dependencies: [
                "CongressCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // System libraries: libqrencode draws nothing, it returns the module matrix;
        // cairo and pango lay out and shape Vietnamese text into PDF, PNG and SVG.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "pangocairo", providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        // zlib's inflate, for reading XLSX parts with bounds (see ZIPReader).
        .systemLibrary(name: "CZLibInflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Scans: libzbar reads QR codes, poppler-glib draws PDF pages (into cairo, which reads
        // PNG too), libtiff reads multi-page TIFF, TurboJPEG decodes JPEG (errors returned).
        .systemLibrary(name: "CZBar", pkgConfig: "zbar", providers: [.apt(["libzbar-dev"])]),
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        // Everything read from or written to files people handle: CSV and XLSX now,
        // badges, ballots and minutes later.
        .target(
            name: "Documents",
            dependencies: [
                "CongressCore", "CongressStore", "CQRencode", "CCairo", "CZLibInflate",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Scanned ballots read back against the layout the printer used (issue 13): scan
        // files as grey pages, the serial QR, the registration marks, each line.
        .target(
            name: "BallotReader",
            dependencies: ["CongressCore", "Documents", "CZBar", "CPoppler", "CTIFF", "CTurboJPEG"],
            // pixel loops: optimised in debug builds too, or the tests read a sheet in seconds
            swiftSettings: optimisedAlways
        ),
        // The HTTP server: JSON API for kiosks and committees, the hall screen, live events.
        .target(
            name: "CongressServer",
            dependencies: [
                "CongressCore", "CongressStore", "Documents", "BallotReader",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        .executableTarget(
            name: "congress",
            dependencies: [
                "CongressCore", "CongressStore", "Documents", "CongressServer", "BallotReader",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // The scan station's workings: its own small store, the link to the server, the
        // outbox, the screen as text. The kiosk program (Kiosk/) is this plus a terminal.
        .target(
            name: "KioskStation",
            dependencies: [
                "CongressCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "kiosk",
            dependencies: [
                "CongressCore", "KioskStation", "CCairo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Kiosk"
        ),
        .executableTarget(
            name: "congress-bench",
            dependencies: [
                "CongressCore", "CongressStore", "Documents", "CongressServer", "KioskStation", "BallotReader", "BallotMarking",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            path: "Benchmarks"
        ),
        // Generators and fixture paths shared by the test targets.
        .target(
            name: "TestSupport",
            dependencies: [
                "CongressCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "CongressCoreTests",
            dependencies: [
                "CongressCore", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "DocumentsTests",
            dependencies: [
                "CongressCore", "Documents", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // Voters' marks and scanners' distortions drawn on the project's own ballots.
        .target(
            name: "BallotMarking",
            dependencies: ["BallotReader", "Documents"],
            path: "Tests/BallotMarking",
            swiftSettings: optimisedAlways
        ),
        .testTarget(
            name: "BallotReaderTests",
            dependencies: ["BallotReader", "BallotMarking", "CongressCore", "Documents", "TestSupport"]
        ),
        .testTarget(
            name: "CongressStoreTests",
            dependencies: [
                "CongressCore", "CongressStore", "Documents", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CongressServerTests",
            dependencies: [
                "CongressCore", "CongressStore", "CongressServer", "Documents", "TestSupport", "BallotReader", "BallotMarking", "KioskStation",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .testTarget(
            name: "KioskStationTests",
            dependencies: [
                "CongressCore", "CongressStore", "CongressServer", "Documents", "KioskStation", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "CongressCore", "CongressStore", "Documents", "TestSupport", "congress", "kiosk", "BallotReader", "BallotMarking",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
