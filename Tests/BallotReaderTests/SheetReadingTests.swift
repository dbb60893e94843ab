import BallotReader
import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// The project's own ballots marked as voters mark them — straight, wavy, double, diagonal
/// and zig-zag strikes, the family name only, an underline, writing outside the list; pens
/// from 0.5 to 2 mm, pale to dark — then distorted as a scanner does, and read: every
/// counted sheet has exactly the struck set drawn (zero silent errors), the lines that are
/// not crossed are never counted struck, and every sheet with writing outside the lines is
/// in review. The expected answer comes from what was drawn, beside it.
@Suite("Reading marked sheets")
struct SheetReadingTests {
    enum Mark: CaseIterable {
        case straight, wavy, double, diagonal, zigzag, familyOnly, underline

        /// What RULES.md §4.2 says the line is.
        var crosses: Bool {
            switch self {
            case .straight, .wavy, .double, .diagonal, .zigzag: true
            case .familyOnly, .underline: false
            }
        }
    }

    /// A pen: width in mm and the grey it leaves (0 black … 255).
    struct Pen { var width: Double; var grey: UInt8 }

    /// Draws a stroke through points (mm) on a page image at `perMM`.
    static func stroke(_ points: [(Double, Double)], pen: Pen, on page: inout ScanImage, perMM: Double) {
        let r = pen.width * perMM / 2
        for (a, b) in zip(points, points.dropFirst()) {
            let (ax, ay, bx, by) = (a.0 * perMM, a.1 * perMM, b.0 * perMM, b.1 * perMM)
            let x0 = Int(min(ax, bx) - r - 1), x1 = Int(max(ax, bx) + r + 1)
            let y0 = Int(min(ay, by) - r - 1), y1 = Int(max(ay, by) + r + 1)
            let dx = bx - ax, dy = by - ay, length2 = max(dx * dx + dy * dy, 1e-9)
            for y in max(0, y0)..<min(page.height, y1) {
                for x in max(0, x0)..<min(page.width, x1) {
                    let t = max(0, min(1, ((Double(x) - ax) * dx + (Double(y) - ay) * dy) / length2))
                    let px = ax + t * dx - Double(x), py = ay + t * dy - Double(y)
                    if px * px + py * py <= r * r {
                        let i = y * page.width + x
                        page.pixels[i] = min(page.pixels[i], pen.grey)
                    }
                }
            }
        }
    }

    static func draw(_ mark: Mark, on line: BallotLayout.Line, pen: Pen, page: inout ScanImage, perMM: Double) {
        let ink = line.ink
        let mid = ink.y + ink.height * 0.6
        let left = ink.x - 1.5, right = ink.maxX + 1.5
        func wave(_ amplitude: Double, _ period: Double, triangle: Bool) -> [(Double, Double)] {
            stride(from: left, through: right, by: 0.4).map { x in
                let phase = (x - left) / period
                let v = triangle ? abs((phase - phase.rounded(.down)) * 4 - 2) - 1 : sin(phase * 2 * .pi)
                return (x, mid + amplitude * v)
            }
        }
        switch mark {
        case .straight: stroke([(left, mid - 0.3), (right, mid + 0.4)], pen: pen, on: &page, perMM: perMM)
        case .wavy: stroke(wave(ink.height * 0.15, 6, triangle: false), pen: pen, on: &page, perMM: perMM)
        case .zigzag: stroke(wave(ink.height * 0.18, 3, triangle: true), pen: pen, on: &page, perMM: perMM)
        case .double:
            stroke([(left, mid - ink.height * 0.12), (right, mid - ink.height * 0.1)], pen: pen, on: &page, perMM: perMM)
            stroke([(left, mid + ink.height * 0.14), (right, mid + ink.height * 0.12)], pen: pen, on: &page, perMM: perMM)
        case .diagonal:
            stroke([(left, ink.y + ink.height * 0.4), (right, ink.y + ink.height * 0.8)], pen: pen, on: &page, perMM: perMM)
        case .familyOnly:
            stroke([(ink.x - 1, mid), (line.words[0].maxX + 0.3, mid + 0.2)], pen: pen, on: &page, perMM: perMM)
        case .underline:
            stroke([(ink.x, ink.maxY + 0.9), (ink.maxX, ink.maxY + 1.1)], pen: pen, on: &page, perMM: perMM)
        }
    }

    static let dpi = 200.0

    @Test func zeroSilentErrorsOverMarkedAndDistortedSheets() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, _) = try ScanFileTests.printed(in: directory)
        let straight = try ScanFile.pages(pdf, pdfDPI: Self.dpi)
        let key = ScanFileTests.signingKey
        let reader = SheetReader(paper: ScanFileTests.paper, size: .a5) { text in
            BallotSerialCode.parse(text).flatMap { $0.isGenuine(for: 4, verifier: CredentialVerifier(publicKeys: [key.keyID: key.publicKey])) ? $0.serial : nil }
        }
        let layout = reader.layout
        let perMM = Self.dpi / 25.4
        var rng = SeededGenerator(seed: 2026)
        let sheets = Int(ProcessInfo.processInfo.environment["SCAN_SHEETS"] ?? "") ?? 10
        var counted = 0
        for sheet in 0..<sheets {
            let which = sheet % 2
            var page = straight[which]
            var expected: [Int] = []
            var notes: [String] = []
            for line in layout.lines where Bool.random(using: &rng) {
                let mark = Mark.allCases.randomElement(using: &rng) ?? .straight
                let pen = Pen(width: [0.5, 0.8, 1.2, 2.0].randomElement(using: &rng) ?? 1, grey: [20, 60, 110, 140].randomElement(using: &rng) ?? 20)
                Self.draw(mark, on: line, pen: pen, page: &page, perMM: perMM)
                if mark.crosses { expected.append(line.number) }
                notes.append("\(line.number): \(mark) \(pen.width) mm grey \(pen.grey)")
            }
            let writesOutside = sheet % 5 == 4
            if writesOutside {
                let y = layout.lines[1].row.y
                Self.stroke([(13, y), (15, y + 3), (17, y), (19, y + 3)], pen: Pen(width: 0.7, grey: 40), on: &page, perMM: perMM)
            }
            let distortion = RegistrationTests.Distortion(
                degrees: Double.random(in: -4...4, using: &rng) + (sheet % 4 == 3 ? 180 : 0), scale: Double.random(in: 0.98...1.02, using: &rng),
                shift: (Double.random(in: -15...15, using: &rng), Double.random(in: -15...15, using: &rng)), border: 120,
                background: UInt8.random(in: 10...60, using: &rng))
            let reading = reader.read(distortion.apply(page))
            let what = "sheet \(sheet) (\(distortion); \(notes.joined(separator: ", ")))"
            if ProcessInfo.processInfo.environment["SCAN_DEBUG"] != nil {
                print(what, reading.status, reading.review, reading.lines.map { "\($0.number) \($0.decision) \($0.coverage.map { Int($0 * 100) }) stray \(Int($0.strayInk * 10))" })
            }
            #expect(reading.status != .rejected, "\(what): \(reading.reason ?? "")")
            #expect(reading.serial == ["K7QX2M", "BF835F"][which], "\(what)")
            if reading.status == .counted {
                counted += 1
                #expect(reading.struck == expected, "\(what): counted \(reading.struck)")
            }
            // never a line counted struck that was not crossed, even on a sheet in review
            let struck = Set(reading.lines.filter { $0.decision == .struck }.map(\.number))
            #expect(struck.isSubset(of: Set(expected)), "\(what): struck \(struck.sorted())")
            if writesOutside { #expect(reading.review.contains { $0.why == "ink_outside_lines" }, "\(what): writing outside in review") }
        }
        #expect(counted * 2 >= sheets, "most clean sheets are counted without review: \(counted) of \(sheets)")
    }

    @Test func aSheetOfAnotherElectionOrUnreadableIsRejected() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, _) = try ScanFileTests.printed(in: directory)
        let page = try ScanFile.pages(pdf, pdfDPI: Self.dpi)[0]
        let reader = SheetReader(paper: ScanFileTests.paper, size: .a5) { _ in nil }
        #expect(reader.read(page).reason == "not_this_election")
        var noQR = page
        let qr = reader.layout.qr
        let perMM = Self.dpi / 25.4
        for y in Int(qr.y * perMM)..<Int(qr.maxY * perMM) { for x in Int(qr.x * perMM)..<min(page.width, Int(qr.maxX * perMM)) { noQR.pixels[y * page.width + x] = 255 } }
        #expect(reader.read(noQR).reason == "qr_unreadable")
        let blank = ScanImage(width: page.width, height: page.height, pixels: [UInt8](repeating: 245, count: page.pixels.count), dpi: Self.dpi)
        #expect(reader.read(blank).reason == "marks_not_found")
        // a scanner streak down through the names
        var streaked = page
        let x = Int(reader.layout.lines[0].words[0].centre.x * perMM)
        for y in 0..<page.height { for dx in 0..<3 { streaked.pixels[y * page.width + x + dx] = 30 } }
        let ours = SheetReader(paper: ScanFileTests.paper, size: .a5) { BallotSerialCode.parse($0)?.serial }
        #expect(ours.read(streaked).reason == "streak")
    }
}

/// A small deterministic generator (SplitMix64): the same sheets every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
