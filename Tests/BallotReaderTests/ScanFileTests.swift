import BallotReader
import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// Scan files as scanners write them — PDF, multi-page TIFF, JPEG, PNG — read into grey
/// pages, each sheet's signed serial QR found by libzbar, the registration marks dark where
/// the layout puts them; anything else refused with the file named.
@Suite("Scan files")
struct ScanFileTests {
    static let paper = BallotPaper(congressName: "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI", term: "2023-2028",
                                   title: "Bầu Ban Chấp hành Công đoàn tỉnh khóa XI", seats: 3,
                                   candidates: ["Hà Kim Nga", "Lương Bích Mai", "Mai Quốc Hải", "Trần Thanh Thịnh", "Đinh Đức Hải"])

    static let signingKey = CongressSigningKey()

    /// Two ballots printed as a PDF (serials K7QX2M and BF835F of election 4), and their QR texts.
    static func printed(in directory: URL) throws -> (pdf: String, codes: [String]) {
        let key = signingKey
        let codes = try ["K7QX2M", "BF835F"].map { try BallotSerialCode.sign(election: 4, serial: $0, with: key).text }
        let pdf = directory.appendingPathComponent("hop-phieu.pdf").path
        try BallotPrinter.pdf(paper, codes: zip(["K7QX2M", "BF835F"], codes).map { ($0, $1) }, size: .a5, to: pdf)
        return (pdf, codes)
    }

    static func checkSheet(_ page: ScanImage, code: String, dpi: Double, _ what: String) {
        #expect(abs(Double(page.width) - 148 / 25.4 * dpi) < 3, "\(what): width \(page.width)")
        #expect(QRReader.read(page).map(\.text) == [code], "\(what): the serial QR reads back")
        let layout = BallotLayout.make(paper, size: .a5)
        let perMM = dpi / 25.4
        for mark in layout.marks {
            var sum = 0, n = 0
            for y in Int((mark.y + 1) * perMM)..<Int((mark.maxY - 1) * perMM) {
                for x in Int((mark.x + 1) * perMM)..<Int((mark.maxX - 1) * perMM) { sum += Int(page[x, y]); n += 1 }
            }
            #expect(n > 0 && sum / n < 60, "\(what): a mark at (\(mark.x), \(mark.y)) is dark")
        }
    }

    @Test func pdfPagesAreSheets() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, codes) = try Self.printed(in: directory)
        let pages = try ScanFile.pages(pdf, pdfDPI: 200)
        #expect(pages.count == 2)
        for (page, code) in zip(pages, codes) { Self.checkSheet(page, code: code, dpi: 200, "PDF") }
    }

    @Test func tiffJPEGAndPNGAsScannersWriteThem() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, codes) = try Self.printed(in: directory)
        let base = directory.appendingPathComponent("quet").path
        _ = try ExternalTool.output("pdftoppm", ["-r", "300", "-gray", "-tiff", pdf, base])
        _ = try ExternalTool.output("pdftoppm", ["-r", "200", "-jpeg", "-jpegopt", "quality=75", pdf, base])
        _ = try ExternalTool.output("pdftoppm", ["-r", "150", "-png", pdf, base])
        // a multi-page TIFF, as a sheet-fed scanner writes one for the whole stack
        let stack = directory.appendingPathComponent("ca-xap.tif").path
        _ = try ExternalTool.output("tiffcp", [base + "-1.tif", base + "-2.tif", stack])
        let tiff = try ScanFile.pages(stack)
        #expect(tiff.count == 2, "one page a sheet")
        for (page, code) in zip(tiff, codes) {
            #expect(page.dpi == 300)
            Self.checkSheet(page, code: code, dpi: 300, "TIFF")
        }
        for (i, code) in codes.enumerated() {
            let jpeg = try ScanFile.pages(base + "-\(i + 1).jpg")
            #expect(jpeg.count == 1)
            Self.checkSheet(jpeg[0], code: code, dpi: 200, "JPEG")
            let png = try ScanFile.pages(base + "-\(i + 1).png")
            Self.checkSheet(png[0], code: code, dpi: 150, "PNG")
        }
    }

    @Test func whatIsNotAScanIsRefusedByName() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = directory.appendingPathComponent("ghi-chu.pdf").path
        try "không phải ảnh quét".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: ScanFileError.unsupported(path: text)) { try ScanFile.pages(text) }
        let missing = directory.appendingPathComponent("khong-co.tif").path
        #expect(throws: ScanFileError.missing(path: missing)) { try ScanFile.pages(missing) }
        // a file cut short, as a full disk leaves it: an error, never a crash
        let (pdf, _) = try Self.printed(in: directory)
        let base = directory.appendingPathComponent("cut").path
        _ = try ExternalTool.output("pdftoppm", ["-r", "100", "-f", "1", "-l", "1", "-tiff", pdf, base])
        let whole = try Data(contentsOf: URL(fileURLWithPath: base + "-1.tif"))
        for (name, bytes) in [("cut.tif", whole.prefix(whole.count / 3)), ("cut.pdf", try Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(900))] {
            let path = directory.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try ScanFile.pages(path)
            } catch {
                #expect(error.message(.vi).contains(path) && error.message(.en).contains(path))
            }
        }
    }
}


/// What a file may cost: pages counted and measured before any is drawn, so that a file
/// too long, a page too large, a file cut short are refused before anything is kept.
@Suite("Scan files within bounds")
struct ScanFileBoundsTests {
    @Test func aFileOfTooManyPagesIsRefusedBeforeAPageIsDrawn() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = directory.appendingPathComponent("10000-trang.pdf").path
        try HostileScans.blankPDF(pages: 10_000).write(to: URL(fileURLWithPath: long))
        let start = ContinuousClock.now
        #expect(throws: ScanFileError.tooManyPages(path: long, pages: 10_000, limit: 2_000)) { _ = try ScanDocument(long) }
        #expect(ContinuousClock.now - start < .seconds(3), "refused on counting, not after drawing")
        #expect(ScanFileError.tooManyPages(path: long, pages: 10_000, limit: 2_000).message(.vi).contains("tối đa 2000 trang"))
        let short = directory.appendingPathComponent("3-trang.pdf").path
        try HostileScans.blankPDF(pages: 3).write(to: URL(fileURLWithPath: short))
        let document = try ScanDocument(short, pdfDPI: 100)
        #expect(document.pageCount == 3)
        #expect(try document.page(2).width == 583, "A5 at 100 dpi, drawn only when asked")
    }

    @Test func aPageIsMeasuredBeforeItIsDecoded() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let png = directory.appendingPathComponent("khong-lo.png").path
        try HostileScans.hugePNG(width: 14_000, height: 20_000, to: png)
        let size = (try FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        #expect(size < 2_000_000, "a small file: \(size) bytes")
        let before = HostileScans.peakMegabytes()
        #expect(throws: ScanFileError.tooLarge(path: png, page: 1, width: 14_000, height: 20_000)) { _ = try ScanDocument(png) }
        #expect(throws: ScanFileError.tooLarge(path: png, page: 1, width: 14_000, height: 20_000)) { _ = try ScanFile.pages(png) }
        #expect(HostileScans.peakMegabytes() - before < 100, "nothing of its 280 million pixels was allocated")
        // a page within each side's limit but too many pixels all told
        let wide = directory.appendingPathComponent("rong.png").path
        try HostileScans.hugePNG(width: 9_000, height: 9_000, to: wide)
        #expect(throws: ScanFileError.tooLarge(path: wide, page: 1, width: 9_000, height: 9_000)) { _ = try ScanDocument(wide) }
    }

    @Test func aFileCutShortIsSaidToBeDamaged() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, _) = try ScanFileTests.printed(in: directory)
        let base = directory.appendingPathComponent("trang").path
        _ = try ExternalTool.output("pdftoppm", ["-r", "100", "-f", "1", "-l", "1", "-jpeg", pdf, base])
        _ = try ExternalTool.output("pdftoppm", ["-r", "100", "-f", "1", "-l", "1", "-png", pdf, base])
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: base + "-1.jpg"))
        let png = try Data(contentsOf: URL(fileURLWithPath: base + "-1.png"))
        let whole = try Data(contentsOf: URL(fileURLWithPath: pdf))
        // a TIFF of three pages as a scanner's software joins them (tiffcp), and one page
        _ = try ExternalTool.output("pdftoppm", ["-r", "100", "-f", "1", "-l", "2", "-tiff", pdf, base])
        let pages = [base + "-1.tif", base + "-2.tif", base + "-1.tif"]
        _ = try ExternalTool.output("tiffcp", pages + [base + "-three.tif"])
        _ = try ExternalTool.output("tiffcp", [base + "-2.tif", base + "-one.tif"])
        let three = try Data(contentsOf: URL(fileURLWithPath: base + "-three.tif"))
        let one = try Data(contentsOf: URL(fileURLWithPath: base + "-one.tif"))
        #expect(try ScanDocument(base + "-three.tif").pageCount == 3, "whole, it opens")
        // refused when the file is opened and measured, before a page is read or kept (an
        // outside try found a cut PNG kept as a damaged sheet)
        for (name, bytes) in [("cut.jpg", jpeg.prefix(jpeg.count * 2 / 3)), ("cut.pdf", whole.prefix(whole.count / 2)),
                              ("cut.png", png.prefix(png.count * 2 / 3)), ("end.png", png.dropLast(12)),
                              ("cut-half.tif", three.prefix(three.count / 2)), ("cut-end.tif", three.prefix(three.count * 9 / 10)),
                              ("cut-one.tif", one.prefix(one.count / 2))] {
            let path = directory.appendingPathComponent(name).path
            try bytes.write(to: URL(fileURLWithPath: path))
            do {
                _ = try ScanDocument(path)
                Issue.record("\(name): opened as if whole")
            } catch {
                #expect(error.message(.vi).contains("tệp bị hỏng hoặc không trọn vẹn"), "\(name): \(error.message(.vi))")
                #expect(error.message(.en).contains("damaged or cut short"))
            }
        }
    }
}
