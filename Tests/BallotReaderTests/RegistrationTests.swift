import BallotMarking
import BallotReader
import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// The paper found on scans distorted as sheet-fed scanners distort them — rotated up to
/// ±5°, scaled ±3 %, shifted, on a dark background, fed upside down — with the expected
/// answer computed from the distortion itself: every mark and the QR land within a fifth
/// of a millimetre of where the fit puts them. A page of another paper, or a blank one, is
/// refused.
@Suite("Registration")
struct RegistrationTests {
    typealias Distortion = ScannerDistortion

    static let dpi = 200.0

    static func straightPage() throws -> (ScanImage, BallotLayout, String) {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, codes) = try ScanFileTests.printed(in: directory)
        let page = try ScanFile.pages(pdf, pdfDPI: dpi)[0]
        return (page, BallotLayout.make(ScanFileTests.paper, size: .a5), codes[0])
    }

    @Test func thePaperIsFoundThroughWhatScannersDo() throws {
        let (page, layout, code) = try Self.straightPage()
        let perMM = Self.dpi / 25.4
        let distortions = [
            Distortion(),
            Distortion(degrees: 2.5, shift: (14, -9), border: 40, background: 25),
            Distortion(degrees: -5, scale: 0.97, shift: (-20, 12), border: 120, background: 40),
            Distortion(degrees: 5, scale: 1.03, shift: (8, 30), border: 140, background: 10),
            Distortion(degrees: 180, border: 30, background: 30),
            Distortion(degrees: 176, scale: 1.02, shift: (5, 5), border: 100, background: 20),
            Distortion(degrees: -1.2, scale: 0.985),
        ]
        for distortion in distortions {
            let scan = distortion.apply(page)
            let qr = QRReader.read(scan)
            #expect(qr.map(\.text) == [code], "\(distortion): the QR reads")
            let fit = try Registration.find(scan, layout: layout, qr: qr.first?.points)
            #expect(fit.upsideDown == (abs(distortion.degrees) > 90), "\(distortion)")
            for point in layout.marks.map(\.centre) + [layout.qr.centre, layout.lines[0].ink.centre] {
                let expected = distortion.map((point.x * perMM, point.y * perMM), source: page)
                let found = fit.pixel(point.x, point.y)
                let off = ((found.x - expected.x) * (found.x - expected.x) + (found.y - expected.y) * (found.y - expected.y)).squareRoot()
                #expect(off / perMM < 0.2, "\(distortion): (\(point.x), \(point.y)) mm is \(off / perMM) mm off")
            }
        }
    }

    @Test func aPageThatIsNotThisPaperIsRefused() throws {
        let (page, layout, _) = try Self.straightPage()
        let blank = ScanImage(width: page.width, height: page.height, pixels: [UInt8](repeating: 250, count: page.pixels.count), dpi: Self.dpi)
        #expect(throws: Registration.Failure.marksNotFound(found: 0)) { try Registration.find(blank, layout: layout) }
        // the same marks read as an A4 layout: not where that paper puts them
        let a4 = BallotLayout.make(ScanFileTests.paper, size: .a4)
        #expect(throws: Registration.Failure.self) { try Registration.find(page, layout: a4) }
        // all but two marks covered: two are not enough to fix a sheet
        var covered = page
        let perMM = Self.dpi / 25.4
        for mark in layout.marks.dropFirst(2) {
            for y in Int((mark.y - 1) * perMM)..<Int((mark.maxY + 1) * perMM) {
                for x in Int((mark.x - 1) * perMM)..<Int((mark.maxX + 1) * perMM) { covered.pixels[y * covered.width + x] = 255 }
            }
        }
        #expect(throws: Registration.Failure.self) { try Registration.find(covered, layout: layout) }
    }

    /// A sheet-fed scanner whose scan window is the size of the paper: a sheet that went in
    /// at a slant, or shifted, has its corners cut, and with them one, two or all four marks,
    /// wholly or in part. Any three marks fix the sheet; a mark the edge cuts counts by what
    /// shows of it. The answer comes from the distortion itself.
    @Test(arguments: [
        (5.0, 0.0, 0.0), (-5.0, 0.0, 0.0), (3.0, 24.0, -24.0), (-3.0, -24.0, 24.0), (4.0, 24.0, 24.0), (2.0, 0.0, 0.0),
        (-4.5, -20.0, -10.0), (185.0, 10.0, 0.0), (176.0, -24.0, 12.0),
    ])
    func aScanWindowThePaperSizeCutsTheCorners(degrees: Double, shiftX: Double, shiftY: Double) throws {
        let (page, layout, code) = try Self.straightPage()
        let perMM = Self.dpi / 25.4
        for background: UInt8 in [255, 20] {
            let distortion = Distortion(degrees: degrees, scale: 1.01, shift: (shiftX, shiftY), border: 0, background: background, noise: 2)
            let scan = distortion.apply(page)
            let qr = QRReader.read(scan)
            #expect(qr.map(\.text) == [code], "\(distortion): the QR reads")
            let fit = try Registration.find(scan, layout: layout, qr: qr.first?.points)
            for point in layout.marks.map(\.centre) + [layout.qr.centre, layout.lines[0].ink.centre, layout.lines[layout.lines.count - 1].ink.centre] {
                let expected = distortion.map((point.x * perMM, point.y * perMM), source: page)
                let found = fit.pixel(point.x, point.y)
                let off = ((found.x - expected.x) * (found.x - expected.x) + (found.y - expected.y) * (found.y - expected.y)).squareRoot()
                #expect(off / perMM < 0.3, "\(distortion) on \(background): (\(point.x), \(point.y)) mm is \(off / perMM) mm off")
            }
        }
    }

    /// The same, drawn at random over what a sheet-fed scanner does (±5°, ±3 mm, ±2 %,
    /// a black or white background, either way up), with a little blur: the sheet is placed
    /// where it lies, never half a page off. (A fit that takes the corner marks for the
    /// middle ones lines up as well as the true one when the true one's cut corner marks
    /// show too little to use; the marks it then puts in the middle of the paper, where
    /// nothing hides them, are not there.)
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func aSlantedSheetIsPlacedWhereItLies(seed: UInt64) throws {
        let (page, layout, _) = try Self.straightPage()
        let perMM = Self.dpi / 25.4
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<10 {
            let turn = Bool.random(using: &rng) ? 180.0 : 0
            let distortion = Distortion(degrees: turn + Double.random(in: -5...5, using: &rng), scale: Double.random(in: 0.98...1.02, using: &rng),
                                        shift: (Double.random(in: -3...3, using: &rng) * perMM, Double.random(in: -3...3, using: &rng) * perMM),
                                        border: 0, background: Bool.random(using: &rng) ? 20 : 250, blur: 1, noise: 3)
            let scan = distortion.apply(page)
            let qr = QRReader.read(scan)
            guard let fit = try? Registration.find(scan, layout: layout, qr: qr.first?.points) else { continue }  // refused is safe; placed wrong is not
            // without the QR on the raw scan the marks cannot tell which way up (the reader
            // then reads the QR through both): either way, but never anywhere else
            let fits = qr.isEmpty ? [fit, fit.turned(width: layout.width, height: layout.height)] : [fit]
            let points = [layout.qr.centre, layout.lines[0].ink.centre, layout.lines[layout.lines.count - 1].ink.centre, layout.stamp.centre]
            func off(_ fit: Registration, _ point: (x: Double, y: Double)) -> Double {
                let expected = distortion.map((point.x * perMM, point.y * perMM), source: page)
                let found = fit.pixel(point.x, point.y)
                let dx = found.x - expected.x, dy = found.y - expected.y
                return (dx * dx + dy * dy).squareRoot() / perMM
            }
            let worst = fits.map { fit in points.map { off(fit, $0) }.max() ?? 0 }.min() ?? 0
            #expect(worst < 0.5, "\(distortion): \(worst) mm off")
        }
    }

    /// Marks gone (a thumb over one, a torn corner, a pen's blot, a sheet printed before the
    /// edge marks): any three left fix the sheet.
    @Test(arguments: [[0, 1, 2], [0, 3, 6], [4, 5, 6], [1, 5, 6], [7, 2, 4], [0, 1, 2, 3]])
    func anyThreeMarksAreEnough(kept: [Int]) throws {
        let (page, layout, _) = try Self.straightPage()
        let perMM = Self.dpi / 25.4
        var covered = page
        for (k, gone) in layout.marks.enumerated() where !kept.contains(k) {
            for y in Int((gone.y - 1) * perMM)..<Int((gone.maxY + 1) * perMM) {
                for x in Int((gone.x - 1) * perMM)..<Int((gone.maxX + 1) * perMM) { covered.pixels[y * covered.width + x] = 255 }
            }
        }
        let distortion = Distortion(degrees: 2, shift: (10, -6), border: 30, background: 30)
        let scan = distortion.apply(covered)
        let fit = try Registration.find(scan, layout: layout, qr: QRReader.read(scan).first?.points)
        for point in layout.marks.map(\.centre) + [layout.qr.centre] {
            let expected = distortion.map((point.x * perMM, point.y * perMM), source: page)
            let found = fit.pixel(point.x, point.y)
            let off = ((found.x - expected.x) * (found.x - expected.x) + (found.y - expected.y) * (found.y - expected.y)).squareRoot()
            #expect(off / perMM < 0.25, "with marks \(kept) only: (\(point.x), \(point.y)) mm is \(off / perMM) mm off")
        }
    }
}
