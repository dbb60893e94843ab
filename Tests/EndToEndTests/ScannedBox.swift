import BallotMarking
import BallotReader
import CongressCore
import CongressStore
import Documents
import Foundation
import Testing
import TestSupport

/// A ballot box as the counting committee scans it, for the end-to-end tests: the
/// congress's own printed PDF rasterised, each sheet stamped and marked as a voter marks it
/// (BallotMarking), distorted as a scanner does, and written as the scanner's JPEG files;
/// with what was drawn on each, beside it.
struct ScannedBox {
    struct Sheet {
        var serial: String
        var file: String
        /// The lines struck through, as printed (the paper's first part).
        var struck: [Int]
        /// Each part's (a combined paper has two).
        var byPart: [[Int]]
        var writesOutside: Bool
        var stamped: Bool
    }
    var sheets: [Sheet]

    /// `pdf`: the ballots of election `e` as printed. Sheet i is left unmarked when
    /// `blank`, written on outside the lines when in `writeOutside`, left without the seal
    /// when in `unstamped`, its QR code torn off (the paper white there) when in `qrTorn`.
    static func make(_ cli: CLI, election e: String, pdf: String, serials: [String], blank: Bool = false,
                     writeOutside: Set<Int> = [], unstamped: Set<Int> = [], qrTorn: Set<Int> = [], seed: UInt64 = 2026) throws -> ScannedBox {
        let store = try CongressStore.open(at: cli.db)
        let layout = BallotLayout.make(try BallotPaper.printed(for: try #require(Int64(e)), in: store).paper, size: .a5)
        let dpi = 200.0
        let marker = SheetMarker(layout: layout, dpi: dpi)
        var rng = SeededGenerator(seed: seed)
        var sheets: [Sheet] = []
        for (i, page) in try ScanFile.pages(pdf, pdfDPI: dpi).enumerated() {
            var (marked, struck, _, byPart) = marker.vote(page, rng: &rng, writeOutside: writeOutside.contains(i), stamp: !unstamped.contains(i))
            if blank {
                marked = page
                if !unstamped.contains(i) { Marking.stamp(layout, page: &marked, perMM: dpi / 25.4) }
                struck = []
                byPart = byPart.map { _ in [] }
            }
            if qrTorn.contains(i) {
                let perMM = dpi / 25.4, qr = layout.qr
                for y in Int(qr.y * perMM)..<Int(qr.maxY * perMM) {
                    for x in Int(qr.x * perMM)..<Int(qr.maxX * perMM) { marked.pixels[y * marked.width + x] = 255 }
                }
            }
            var distortion = marker.distortion(rng: &rng, upsideDown: i % 3 == 2)
            distortion.jpegQuality = nil
            let scan = distortion.apply(marked)
            let file = cli.directory.appendingPathComponent(String(format: "hop-phieu-%02d.jpg", i + 1)).path
            try #require(scan.jpeg(quality: 85)).write(to: URL(fileURLWithPath: file))
            sheets.append(Sheet(serial: serials[i], file: file, struck: struck, byPart: byPart, writesOutside: writeOutside.contains(i),
                                stamped: !unstamped.contains(i)))
        }
        return ScannedBox(sheets: sheets)
    }

    /// The JSON lines a command printed, one object each.
    static func objects(_ out: String) throws -> [[String: Any]] {
        try out.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }
}
