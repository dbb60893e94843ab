import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// The ballot's layout (BallotLayout), the one description the printer draws from and the
/// scan reader will read against: for every list length from 1 to 60 names, on A5 and A4,
/// the lines are numbered as printed, each name's ink lies in its own band, no band touches
/// another, and the four registration marks stand clear of everything printed. Then the
/// printed PDF, rasterised, shows the marks where the layout says.
@Suite("Ballot layout")
struct BallotLayoutTests {
    static func paper(_ n: Int, parts: Int = 1) -> BallotPaper {
        let names = TestNames.vietnamese(n)
        if parts == 1 {
            return BallotPaper(congressName: "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI", term: "2023-2028",
                               title: "Bầu Ban Chấp hành Công đoàn tỉnh khóa XI", seats: max(1, n - 2), candidates: names)
        }
        return BallotPaper(congressName: "Đại hội Công đoàn cơ sở", term: "2023-2028", parts: [
            .init(title: "Bầu trực tiếp Chủ tịch", seats: 1, candidates: Array(names.prefix(2))),
            .init(title: "Bầu Ban Chấp hành", seats: max(1, n - 4), candidates: Array(names.dropFirst(2))),
        ])
    }

    /// Whether two boxes share any area (bands that only touch do not).
    static func overlaps(_ a: BallotLayout.Box, _ b: BallotLayout.Box) -> Bool {
        let e = 0.001
        return a.x < b.maxX - e && b.x < a.maxX - e && a.y < b.maxY - e && b.y < a.maxY - e
    }

    static func inside(_ a: BallotLayout.Box, _ b: BallotLayout.Box, slack: Double = 0.3) -> Bool {
        a.x >= b.x - slack && a.maxX <= b.maxX + slack && a.y >= b.y - slack && a.maxY <= b.maxY + slack
    }

    @Test(arguments: BallotPaperSize.allCases)
    func everyListLengthLaysOutCleanly(_ size: BallotPaperSize) {
        for n in [1, 2, 5, 12, 24, 25, 40, 60] {
            let paper = Self.paper(n)
            let layout = BallotLayout.make(paper, size: size)
            #expect(layout.lines.count == n)
            #expect(layout.lines.map(\.number) == Array(1...n), "\(n) names numbered as printed")
            #expect(layout.marks.count == 8, "four corner marks and four at the middle of the edges")
            let printed = layout.lines.map(\.row) + [layout.stamp, layout.qr, layout.serial]
            for mark in layout.marks {
                #expect(mark.x >= 0 && mark.maxX <= layout.width && mark.y >= 0 && mark.maxY <= layout.height)
                for box in printed { #expect(!Self.overlaps(mark, box), "\(size) \(n): a mark clear of \(box)") }
            }
            for (i, line) in layout.lines.enumerated() {
                #expect(line.name == paper.parts[0].candidates[i])
                #expect(line.ink.width > 0 && Self.inside(line.ink, line.row), "\(size) \(n): \(line.name)'s ink in its band")
                #expect(line.words.count == line.name.split(separator: " ").count)
                // the letters sit on the baseline, their body up the x-height, inside the ink
                // box (tone marks above it, descenders below it)
                #expect(line.xHeight > 0.4 * line.capHeight && line.xHeight < 0.9 * line.capHeight, "\(line.xHeight) \(line.capHeight)")
                #expect(line.baseline - line.capHeight >= line.ink.y - 0.05 && line.baseline < line.ink.maxY, "\(size) \(n): \(line.name)")
                #expect(zip(line.words, line.words.dropFirst()).allSatisfy { $0.maxX <= $1.x + 0.01 }, "words left to right")
                for other in layout.lines[(i + 1)...] { #expect(!Self.overlaps(line.row, other.row), "\(size) \(n): bands apart") }
                #expect(!Self.overlaps(line.row, layout.qr) && !Self.overlaps(line.row, layout.stamp))
            }
        }
    }

    @Test func aCombinedPaperNumbersEachPartFromOne() {
        let layout = BallotLayout.make(Self.paper(9, parts: 2), size: .a5)
        #expect(layout.lines.filter { $0.part == 0 }.map(\.number) == [1, 2])
        #expect(layout.lines.filter { $0.part == 1 }.map(\.number) == Array(1...7))
    }

    /// The printed paper, rasterised at 100 dpi: each mark is solid black where the layout
    /// puts it, with white paper around it; the serial's QR reads back.
    @Test func theMarksArePrintedWhereTheLayoutSaysSo() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paper = Self.paper(7)
        let pdf = directory.appendingPathComponent("b.pdf").path
        let key = CongressSigningKey()
        let code = try BallotSerialCode.sign(election: 3, serial: "K7QX2M", with: key).text
        try BallotPrinter.pdf(paper, codes: [("K7QX2M", code)], size: .a5, to: pdf)
        let image = try GrayImage.rasterised(pdf, dpi: 100, in: directory)
        let layout = BallotLayout.make(paper, size: .a5)
        let perMM = 100 / 25.4
        for mark in layout.marks {
            let inner = image.mean(x: (mark.x + 1) * perMM, y: (mark.y + 1) * perMM, width: (mark.width - 2) * perMM, height: (mark.height - 2) * perMM)
            #expect(inner < 40, "the mark at \(mark.x), \(mark.y) is solid: \(inner)")
            let around = image.mean(x: (mark.x - 1.6) * perMM, y: (mark.y + 1) * perMM, width: 1 * perMM, height: (mark.height - 2) * perMM)
            #expect(around > 215, "white beside the mark: \(around)")
        }
        let text = try PDFText.read(pdf)
        for (i, name) in paper.parts[0].candidates.enumerated() { #expect(text.contains("\(i + 1). \(name)")) }
        let png = directory.appendingPathComponent("p").path
        _ = try ExternalTool.output("pdftoppm", ["-r", "200", "-aaVector", "no", "-png", pdf, png])
        #expect(try ExternalTool.output("zbarimg", ["-q", "--raw", png + "-1.png"]).trimmingCharacters(in: .whitespacesAndNewlines) == code)
    }
}

/// Names for a long list, in the shapes Vietnamese names take (two to four words).
enum TestNames {
    static func vietnamese(_ n: Int) -> [String] {
        let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
        let middle = ["Văn", "Thị", "Hữu", "Đức", "Thị Thanh", "Ngọc", "", "Minh"]
        let given = ["An", "Bình", "Cường", "Dũng", "Hạnh", "Hương", "Khánh", "Lan", "Mai", "Nga", "Phúc", "Thúy", "Vĩnh"]
        return (0..<n).map { i in
            [family[i % family.count], middle[(i / 3) % middle.count], given[(i * 7) % given.count]]
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
    }
}

/// A grey image read back from a PDF page by pdftoppm (`-gray`, PGM), for tests.
struct GrayImage {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    static func rasterised(_ pdf: String, dpi: Int, in directory: URL) throws -> GrayImage {
        let base = directory.appendingPathComponent("gray").path
        _ = try ExternalTool.output("pdftoppm", ["-r", String(dpi), "-gray", "-f", "1", "-l", "1", pdf, base])
        let data = try Data(contentsOf: URL(fileURLWithPath: base + "-1.pgm"))
        // P5\n<w> <h>\n255\n<bytes>
        var fields: [String] = []
        var index = 0
        var current = ""
        while fields.count < 4, index < data.count {
            let byte = data[index]
            index += 1
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                if !current.isEmpty { fields.append(current); current = "" }
            } else {
                current.append(Character(Unicode.Scalar(byte)))
            }
        }
        let width = Int(fields[1]) ?? 0, height = Int(fields[2]) ?? 0
        return GrayImage(width: width, height: height, pixels: Array(data[index..<min(data.count, index + width * height)]))
    }

    /// The mean grey (0 black … 255 white) of a rectangle, in pixels.
    func mean(x: Double, y: Double, width w: Double, height h: Double) -> Double {
        let x0 = max(0, Int(x.rounded())), y0 = max(0, Int(y.rounded()))
        let x1 = min(width, Int((x + w).rounded())), y1 = min(height, Int((y + h).rounded()))
        guard x1 > x0, y1 > y0 else { return -1 }
        var sum = 0
        for row in y0..<y1 { for column in x0..<x1 { sum += Int(pixels[row * width + column]) } }
        return Double(sum) / Double((x1 - x0) * (y1 - y0))
    }
}
