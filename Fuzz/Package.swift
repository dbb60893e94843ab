// swift-tools-version: 6.1
// Coverage-guided fuzzing (libFuzzer, with AddressSanitizer) of the parsers that read what
// people and machines hand the product: a scanned payload, a typed ballot line, a ballot
// serial QR, an election file, a delegate list (CSV and XLSX). A package of its own: its
// one product has no main (libFuzzer brings it), so it stays out of the project's own build.
// `make fuzz` builds it with `swift build --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address`:
// `--sanitize fuzzer` makes SwiftPM link it as libFuzzer wants, and the one combined flag
// instruments every Swift module for coverage and ASan (two `--sanitize` options reach the
// compiler as two -sanitize= flags, and the second drops the first).
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "congress-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "congress-fuzz",
            dependencies: [.product(name: "CongressCore", package: root), .product(name: "Documents", package: root)],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
