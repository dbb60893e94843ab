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
        // a mark covered (a thumb, a torn corner): three are not enough
        var covered = page
        let mark = layout.marks[0]
        let perMM = Self.dpi / 25.4
        for y in Int((mark.y - 1) * perMM)..<Int((mark.maxY + 1) * perMM) {
            for x in Int((mark.x - 1) * perMM)..<Int((mark.maxX + 1) * perMM) { covered.pixels[y * covered.width + x] = 255 }
        }
        #expect(throws: Registration.Failure.self) { try Registration.find(covered, layout: layout) }
    }
}
