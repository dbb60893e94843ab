import BallotMarking
import BallotReader
import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// The project's own ballots marked as voters mark them — straight, wavy, double, diagonal
/// and zig-zag strikes, the family name only, an underline, writing outside the list, the
/// seal or none; pens from 0.5 to 2 mm, pale to dark — then distorted as a scanner does
/// (rotation, scale, shift, dark border, upside down, blur, noise, JPEG 40–90, a streak),
/// and read: every counted sheet has exactly the struck set drawn (zero silent errors), the
/// lines that are not crossed are never counted struck, every sheet with writing outside
/// the lines or without a seal is in review, every one with a streak across a name is
/// rejected. The answer comes from what was drawn (BallotMarking), beside it. `make test`
/// reads 200; `SCAN_SHEETS=N` reads more, `SCAN_SEED=S` others.
@Suite("Reading marked sheets")
struct SheetReadingTests {
    static let dpi = 200.0

    static func reader() -> SheetReader {
        let key = ScanFileTests.signingKey
        return SheetReader(paper: ScanFileTests.paper, size: .a5) { text in
            BallotSerialCode.parse(text).flatMap { $0.isGenuine(for: 4, verifier: CredentialVerifier(publicKeys: [key.keyID: key.publicKey])) ? $0.serial : nil }
        }
    }

    /// The project's ballot at 200 dpi, as printed (stamped unless told not), its reader and
    /// the pixels a millimetre: what a test then marks.
    static func stampedPage(stamp: Bool = true) throws -> (page: ScanImage, reader: SheetReader, perMM: Double) {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, _) = try ScanFileTests.printed(in: directory)
        var page = try ScanFile.pages(pdf, pdfDPI: dpi)[0]
        let reader = reader()
        let perMM = dpi / 25.4
        if stamp { Marking.stamp(reader.layout, page: &page, perMM: perMM) }
        return (page, reader, perMM)
    }

    /// The sheets drawn and read, on a thread of their own (minutes of pixels must not hold
    /// one of the two cooperative threads the live-server tests answer on).
    static func markedAndRead() throws -> [(sheet: MarkedSheet, reading: SheetReading, which: Int)] {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, _) = try ScanFileTests.printed(in: directory)
        let straight = try ScanFile.pages(pdf, pdfDPI: Self.dpi)
        let reader = Self.reader()
        let marker = SheetMarker(layout: reader.layout, dpi: Self.dpi)
        var rng = SeededGenerator(seed: UInt64(ProcessInfo.processInfo.environment["SCAN_SEED"] ?? "") ?? 2026)
        let sheets = Int(ProcessInfo.processInfo.environment["SCAN_SHEETS"] ?? "") ?? 200
        return (0..<sheets).map { number in
            let sheet = marker.sheet(straight[number % 2], number: number, rng: &rng)
            return (sheet, reader.read(sheet.scan), number % 2)
        }
    }

    @Test func zeroSilentErrorsOverMarkedAndDistortedSheets() async throws {
        var counted = 0, clean = 0
        for (sheet, reading, which) in try await onItsOwnThread({ try Self.markedAndRead() }) {
            let what = sheet.description
            if ProcessInfo.processInfo.environment["SCAN_DEBUG"] != nil {
                print(what, reading.status, reading.review, reading.lines.map { "\($0.number) \($0.decision) \($0.coverage.map { Int($0 * 100) }) stray \(Int($0.strayInk * 10))" })
            }
            if sheet.streak {
                // a streak across a name: back to the people, never read through
                #expect(reading.status == .rejected && reading.reason == "streak", "\(what): \(reading.status) \(reading.reason ?? "")")
                continue
            }
            #expect(reading.status != .rejected, "\(what): \(reading.reason ?? "")")
            #expect(reading.serial == ["K7QX2M", "BF835F"][which], "\(what)")
            if reading.status == .counted {
                #expect(reading.struck == sheet.struck, "\(what): counted \(reading.struck)")
            }
            if sheet.clean {
                clean += 1
                if reading.status == .counted { counted += 1 }
            }
            // never a line counted struck that was not crossed, even on a sheet in review
            let struck = Set(reading.lines.filter { $0.decision == .struck }.map(\.number))
            #expect(struck.isSubset(of: Set(sheet.struck)), "\(what): struck \(struck.sorted())")
            if sheet.writesOutside { #expect(reading.review.contains { $0.why == "ink_outside_lines" }, "\(what): writing outside in review") }
            if !sheet.stamped { #expect(reading.review.contains { $0.why == "unstamped" }, "\(what): no seal, in review") }
            if sheet.clean { #expect(!reading.review.contains { $0.why == "unstamped" || $0.why == "ink_outside_lines" }, "\(what): \(reading.review)") }
        }
        if ProcessInfo.processInfo.environment["SCAN_DEBUG"] != nil { print("clean sheets counted: \(counted) of \(clean)") }
        #expect(counted * 2 >= clean, "most clean sheets are counted without review: \(counted) of \(clean)")
    }

    /// On a long list the rows are close: a thick underline of one name reaches into the
    /// next name's band. That ink is the neighbour's (a long stroke from its band, none in
    /// these letters): the next name is kept. A short tick in the same place is nobody's
    /// stroke: the machine asks.
    @Test func aNeighboursUnderlineIsNotThisNamesMark() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = ["Hà Kim Nga", "Lương Bích Mai", "Mai Quốc Hải", "Trần Thanh Thịnh", "Đinh Đức Hải", "Nguyễn Thị Hồng Thúy",
                     "Phạm Văn Đồng", "Lê Thị Lan", "Võ Minh Khánh", "Bùi Đức Cường", "Đỗ Ngọc Hạnh", "Huỳnh Hữu Phúc"]
        let paper = BallotPaper(congressName: ScanFileTests.paper.congressName, term: "2023-2028", title: "Bầu Ban Chấp hành", seats: 9,
                                candidates: names)
        let pdf = directory.appendingPathComponent("dai.pdf").path
        try BallotPrinter.pdf(paper, codes: [("K7QX2M", try BallotSerialCode.sign(election: 4, serial: "K7QX2M", with: ScanFileTests.signingKey).text)],
                              size: .a5, to: pdf)
        let reader = SheetReader(paper: paper, size: .a5) { BallotSerialCode.parse($0)?.serial }
        let perMM = Self.dpi / 25.4
        var page = try ScanFile.pages(pdf, pdfDPI: Self.dpi)[0]
        Marking.stamp(reader.layout, page: &page, perMM: perMM)
        let (above, below) = (reader.layout.lines[3], reader.layout.lines[4])
        // a felt tip under line 4, low enough to reach into line 5's band
        let y = max(above.ink.maxY + 1.1, below.row.y - 0.4)
        Marking.stroke([(above.ink.x, y), (above.ink.maxX, y + 0.2)], pen: Pen(width: 2, grey: 60), on: &page, perMM: perMM)
        var reading = reader.read(page)
        #expect(y + 1.0 > below.row.y + 0.5, "the underline reaches well into line 5's band (else this test proves nothing)")
        #expect(reading.lines[3].decision == .kept && reading.lines[4].decision == .kept, "\(reading.lines[3]) \(reading.lines[4])")
        #expect(reading.status == .counted && reading.struck == [], "\(reading.review)")

        // the next name struck, and line 4's felt tip a little higher: its ink in line 5's
        // band reaches neither line 5's letters nor the space traced around them, only line
        // 4's; it is line 4's underline, and the strike stands alone in its band (an own
        // deck's 2 mm felt tips sent such struck lines to the committee as ink beside the name)
        var struck = try ScanFile.pages(pdf, pdfDPI: Self.dpi)[0]
        Marking.stamp(reader.layout, page: &struck, perMM: perMM)
        let higher = below.row.y - 0.75
        #expect(higher + 1.0 > below.row.y + 0.2 && higher + 1.0 < below.ink.y - 0.7, "in line 5's band, short of its letters")
        Marking.stroke([(above.ink.x, higher), (above.ink.maxX, higher)], pen: Pen(width: 2, grey: 30), on: &struck, perMM: perMM)
        Marking.draw(.straight, on: below, pen: Pen(width: 0.5, grey: 60), page: &struck, perMM: perMM)
        reading = reader.read(struck)
        #expect(reading.lines[3].decision == .kept && reading.lines[4].decision == .struck, "\(reading.lines[3]) \(reading.lines[4])")
        #expect(reading.status == .counted && reading.struck == [5], "\(reading.review)")
        // a short tick across the two bands beside the struck name is nobody's stroke
        var tickedStruck = struck
        Marking.stroke([(above.ink.maxX + 4, below.row.y + 0.6), (above.ink.maxX + 5.2, below.row.y - 0.9)], pen: Pen(width: 0.7, grey: 40),
                       on: &tickedStruck, perMM: perMM)
        reading = reader.read(tickedStruck)
        #expect(reading.status == .review && reading.lines[4].decision == .unclear, "a tick by a struck name: \(reading.lines[3]) \(reading.lines[4]) \(reading.review)")

        var ticked = try ScanFile.pages(pdf, pdfDPI: Self.dpi)[0]
        Marking.stamp(reader.layout, page: &ticked, perMM: perMM)
        Marking.stroke([(below.ink.x + 6, below.row.y + 0.3), (below.ink.x + 7.5, below.row.y + 0.1)], pen: Pen(width: 0.7, grey: 40),
                       on: &ticked, perMM: perMM)
        reading = reader.read(ticked)
        #expect(reading.lines[4].decision == .unclear && reading.status == .review, "a tick by a name is for the committee: \(reading.lines[4])")
    }

    /// A hard pencil on a grainy scan (an outside try found such strikes read as "not
    /// struck"): too pale for the ink, lost pixel by pixel in the grain, but a line along
    /// the paper between the words. Never "kept": the committee looks.
    @Test func aPaleLineLostInTheGrainIsForTheCommittee() throws {
        var (page, reader, perMM) = try Self.stampedPage()
        Marking.draw(.straight, on: reader.layout.lines[2], pen: Pen(width: 0.4, grey: 222), page: &page, perMM: perMM)
        var rng = SeededGenerator(seed: 3)
        for i in page.pixels.indices { page.pixels[i] = UInt8(clamping: Int(page.pixels[i]) - 10 + Int.random(in: -40...40, using: &rng)) }
        let reading = reader.read(page)
        try #require(reading.lines.count == 5, "\(reading.status) \(reading.reason ?? "")")
        #expect(reading.lines[2].decision == .unclear, "\(reading.lines[2])")
        #expect(reading.lines[4].decision == .kept, "an untouched name in the same grain stays kept: \(reading.lines[4])")
    }

    /// A pale seal (a pad running dry, red read as light grey) is a seal: the sheet is not
    /// sent to the committee for it. No seal, or a speck of ink in the box, is still "unstamped".
    @Test func aPaleSealIsASealAndNoneIsNone() throws {
        let (blank, reader, perMM) = try Self.stampedPage(stamp: false)
        func read(_ mark: (inout ScanImage) -> Void) -> SheetReading {
            var page = blank
            mark(&page)
            var rng = SeededGenerator(seed: 11)
            for i in page.pixels.indices { page.pixels[i] = UInt8(clamping: Int(page.pixels[i]) - 20 + Int.random(in: -3...3, using: &rng)) }
            return reader.read(page)
        }
        let pale = read { Marking.stamp(reader.layout, grey: 212, page: &$0, perMM: perMM) }
        #expect(pale.status == .counted, "a pale seal: \(pale.review)")
        let none = read { _ in }
        #expect(none.review.contains { $0.why == "unstamped" }, "\(none.review)")
        let speck = read { page in
            let box = reader.layout.stamp
            Marking.stroke([(box.x + 5, box.y + 5), (box.x + 9, box.y + 6)], pen: Pen(width: 0.6, grey: 200), on: &page, perMM: perMM)
        }
        #expect(speck.review.contains { $0.why == "unstamped" }, "a short pale stroke in the box is not a seal: \(speck.review)")
        // a sheet fed skewed: the scanner's black background in a wedge down the right edge,
        // over the stamp box's last 1.5 mm, is not a seal (an unstamped sheet was counted so)
        let deepest = reader.layout.width - (reader.layout.stamp.maxX - 1.5), below = reader.layout.stamp.maxY + 60
        try #require(deepest <= 14, "the box is near the edge on this paper")
        let background = read { page in
            for y in 0..<min(page.height, Int(below * perMM)) {
                let top = reader.layout.stamp.maxY * perMM
                let reach = Double(y) <= top ? deepest : deepest * (1 - (Double(y) - top) / (below * perMM - top))
                for x in max(0, page.width - Int(reach * perMM))..<page.width { page.pixels[y * page.width + x] = 30 }
            }
        }
        #expect(background.review.contains { $0.why == "unstamped" }, "\(background.status) \(background.reason ?? "") \(background.review)")
        #expect(!background.review.contains { $0.why == "ink_outside_lines" }, "\(background.review)")
    }

    /// A seal 36 mm across stamped 8 mm below its box reaches past the room the box leaves
    /// it: it is the seal, not writing. A signature begun on its ring and running away from
    /// it is writing, seal or not.
    @Test func aSealStampedOffItsBoxIsNotWriting() throws {
        var (page, reader, perMM) = try Self.stampedPage(stamp: false)
        Marking.stamp(reader.layout, grey: 110, radius: 18, off: (0, 8), page: &page, perMM: perMM)
        let landed = reader.read(page)
        #expect(landed.status == .counted, "\(landed.review)")
        let box = reader.layout.stamp
        let cx = box.x + box.width / 2, bottom = box.y + box.height / 2 + 8 + 18
        Marking.stroke([(cx - 6, bottom - 0.5), (cx - 9, bottom + 3), (cx - 12, bottom + 1), (cx - 15, bottom + 4), (cx - 19, bottom + 2)],
                       pen: Pen(width: 0.6, grey: 60), on: &page, perMM: perMM)
        let signed = reader.read(page)
        #expect(signed.review.contains { $0.why == "ink_outside_lines" }, "\(signed.review)")
    }

    /// A signature beside the serial ("Số phiếu") or under it is writing outside the list:
    /// only the serial's and the QR code's own boxes are the printer's (a signature there was
    /// counted).
    @Test func aSignatureBesideTheSerialIsWriting() throws {
        let (page, reader, perMM) = try Self.stampedPage()
        let serial = reader.layout.serial
        try #require(reader.read(page).status == .counted)
        for (x, y) in [(serial.x + 2, serial.y - 5), (serial.x + 2, serial.maxY + 5)] {
            var signed = page
            Marking.stroke([(x, y), (x + 3, y - 2), (x + 5, y + 1), (x + 8, y - 1.5), (x + 11, y + 0.5)], pen: Pen(width: 0.6, grey: 50), on: &signed, perMM: perMM)
            let reading = reader.read(signed)
            #expect(reading.review.contains { $0.why == "ink_outside_lines" }, "at \(x), \(y) of \(reader.layout.width) × \(reader.layout.height), marks \(reader.layout.marks): \(reading.status) \(reading.review)")
        }
    }

    /// From the outside try: a word written in a line's band but off its marks (right of the
    /// name, or low under it, above the instructions) and a scribble in the serial's wide box
    /// right of its words were counted; a thick wavy underline is still a line's own mark.
    @Test func writingInALinesBandOffItsMarksIsWriting() throws {
        let (page, reader, perMM) = try Self.stampedPage()
        let last = try #require(reader.layout.lines.last), serial = reader.layout.serial
        let end = max(last.ink.maxX, last.note?.maxX ?? 0)
        let places = [(end + 20, last.baseline - 1), (last.ink.x + 8, last.baseline + 4.8), (serial.x + 50, serial.y + 4)]
        for (x, y) in places {
            var signed = page
            // "OK" in a ballpoint, 3.5 mm high
            Marking.stroke([(x, y - 3.5), (x - 1.2, y - 1.7), (x, y), (x + 1.2, y - 1.7), (x, y - 3.5)], pen: Pen(width: 0.5, grey: 40), on: &signed, perMM: perMM)
            Marking.stroke([(x + 2.5, y - 3.5), (x + 2.5, y)], pen: Pen(width: 0.5, grey: 40), on: &signed, perMM: perMM)
            Marking.stroke([(x + 4.5, y - 3.5), (x + 2.6, y - 1.7), (x + 4.5, y)], pen: Pen(width: 0.5, grey: 40), on: &signed, perMM: perMM)
            let reading = reader.read(signed)
            #expect(reading.review.contains { $0.why == "ink_outside_lines" }, "at \(x), \(y): \(reading.status) \(reading.review)")
        }
        var underlined = page
        Marking.draw(.underline, on: last, pen: Pen(width: 1.6, grey: 40), page: &underlined, perMM: perMM)
        let kept = reader.read(underlined)
        #expect(kept.status == .counted && !kept.struck.contains(last.number), "\(kept.review) \(kept.struck)")
    }

    /// From the second outside try: an unstamped sheet with "OK", an X or a circle drawn in
    /// pen in the stamp box was counted, the pen's ink taken for a seal. A seal leaves a ring
    /// with its emblem in the middle; a pen's marks do not: unstamped, for the committee.
    @Test func aPenMarkInAnEmptyStampBoxIsNoSeal() throws {
        let (page, reader, perMM) = try Self.stampedPage(stamp: false)
        let box = reader.layout.stamp
        let (cx, cy) = box.centre
        let pen = Pen(width: 0.6, grey: 40)
        let drawings: [(String, [[(Double, Double)]])] = [
            ("an X across the box", [[(box.x + 1, box.y + 1), (box.maxX - 1, box.maxY - 1)], [(box.x + 1, box.maxY - 1), (box.maxX - 1, box.y + 1)]]),
            ("a circle 19 mm across", [(0...40).map { k in let a = Double(k) / 40 * 2 * .pi; return (cx + 9.5 * cos(a), cy + 9.5 * sin(a)) }]),
            ("OK, large", [[(cx - 8, cy - 6), (cx - 11, cy), (cx - 8, cy + 6), (cx - 5, cy), (cx - 8, cy - 6)],
                           [(cx + 2, cy - 6), (cx + 2, cy + 6)], [(cx + 9, cy - 6), (cx + 2.2, cy), (cx + 9, cy + 6)]]),
        ]
        for (what, strokes) in drawings {
            var drawn = page
            for stroke in strokes { Marking.stroke(stroke, pen: pen, on: &drawn, perMM: perMM) }
            let reading = reader.read(drawn)
            #expect(reading.review.contains { $0.why == "unstamped" }, "\(what): \(reading.status) \(reading.review)")
        }
        var sealed = page
        Marking.stamp(reader.layout, page: &sealed, perMM: perMM)
        #expect(!reader.read(sealed).review.contains { $0.why == "unstamped" })
    }

    /// A highlighter over a name (bút dạ quang: a wide band no darker than a wash) is not a
    /// strike: the committee decides. A pale pencil's strike still is one.
    @Test func aHighlighterIsNotAStrike() throws {
        let (page, reader, perMM) = try Self.stampedPage()
        let line = reader.layout.lines[2], other = reader.layout.lines[4]
        var marked = page
        let y = line.baseline - line.xHeight / 2
        // yellow (250, 230, 60) on a grey scan: 216 on paper near 250, 2 mm wide
        let y0 = Int((y - 1) * perMM), y1 = Int((y + 1) * perMM)
        for py in y0..<y1 {
            for px in Int((line.ink.x - 1) * perMM)..<Int((line.ink.maxX + 1) * perMM) {
                marked.pixels[py * marked.width + px] = UInt8(Int(marked.pixels[py * marked.width + px]) * 216 / 255)
            }
        }
        Marking.draw(.straight, on: other, pen: Pen(width: 0.5, grey: 150), page: &marked, perMM: perMM)
        let reading = reader.read(marked)
        #expect(!reading.struck.contains(line.number) && reading.review.contains { $0.line == line.number && $0.why == "unclear" },
                "\(reading.struck) \(reading.review)")
        #expect(reading.struck.contains(other.number), "\(reading.struck) \(reading.review)")
    }

    /// A flatbed's lid or a sheet-fed scanner's black background showing along an edge of
    /// the paper, as a band or a wedge, is not writing; a mark written at the edge is.
    @Test func theScannersBorderIsNotWritingAtTheEdge() throws {
        var (page, reader, perMM) = try Self.stampedPage()
        let height = reader.layout.height
        // a wedge down the left edge, 6 mm at the top to 1 mm at the bottom, and a band along the bottom
        for y in 0..<page.height {
            let reach = Int((6 - 5 * Double(y) / Double(page.height)) * perMM)
            for x in 0..<reach { page.pixels[y * page.width + x] = 25 }
        }
        for y in Int((height - 4) * perMM)..<page.height { for x in 0..<page.width { page.pixels[y * page.width + x] = 25 } }
        let border = reader.read(page)
        #expect(border.status == .counted, "\(border.review)")
        // a word written from the edge into the margin is still writing outside the lines
        Marking.stroke([(0.5, height / 2), (9, height / 2 - 3), (11, height / 2 + 2), (14, height / 2 - 2)], pen: Pen(width: 0.7, grey: 40), on: &page, perMM: perMM)
        let written = reader.read(page)
        #expect(written.review.contains { $0.why == "ink_outside_lines" }, "\(written.review)")
    }

    /// A family name struck alone is kept (RULES.md §4.5), the pale rim of its own stroke
    /// no second mark; a pencil that strikes two words and runs on, fading, into the space
    /// before the given name is not that: the committee decides.
    @Test func aFamilyNameStruckAloneIsKeptAndAFadingStrikeIsNot() throws {
        var (page, reader, perMM) = try Self.stampedPage()
        let family = reader.layout.lines[1], fading = reader.layout.lines[3]
        try #require(fading.words.count >= 3)
        Marking.draw(.familyOnly, on: family, pen: Pen(width: 1.2, grey: 60), page: &page, perMM: perMM)
        // a blurred rim along the stroke, as a felt tip leaves on a grey scan
        let y = family.ink.y + family.ink.height * 0.6
        Marking.stroke([(family.ink.x - 1, y - 0.9), (family.words[0].maxX + 0.3, y - 0.7)], pen: Pen(width: 0.3, grey: 205), on: &page, perMM: perMM)
        let mid = fading.baseline - fading.xHeight / 2
        let given = fading.words[fading.words.count - 1]
        Marking.stroke([(fading.ink.x - 1, mid), (given.x - 0.2, mid)], pen: Pen(width: 0.6, grey: 60), on: &page, perMM: perMM)
        Marking.stroke([(given.x - 0.2, mid), (given.maxX + 1, mid)], pen: Pen(width: 0.4, grey: 215), on: &page, perMM: perMM)
        // family and middle names struck with a ballpoint that stops just past the middle name,
        // early in the space before the given name: it stopped there, nothing runs on: not crossed
        let stopped = try #require(reader.layout.lines.enumerated().first { $0.offset != 1 && $0.offset != 3 && $0.element.words.count >= 3 })
        let before = stopped.element.words[stopped.element.words.count - 2]
        let stopMid = stopped.element.baseline - stopped.element.xHeight / 2
        Marking.stroke([(stopped.element.ink.x - 1, stopMid), (before.maxX + 0.15, stopMid)], pen: Pen(width: 0.6, grey: 40),
                       on: &page, perMM: perMM)
        let reading = reader.read(page)
        #expect(reading.lines[1].decision == .kept, "\(reading.lines[1])")
        #expect(reading.lines[3].decision != .kept, "\(reading.lines[3])")
        #expect(reading.lines[stopped.offset].decision == .kept, "\(reading.lines[stopped.offset])")
    }

    /// A coil of loops along the name (a hand scribbling it out), from under the baseline to
    /// over the small letters: its loops' tops and bottoms show above and below the letters,
    /// what joins them is hidden in the letters — struck. Two underlines, this line's own and
    /// the line above's thick one just over these letters, above and below the body without
    /// ever going through it, are never struck; nor is a coil wholly under the letters.
    @Test func aCoilThroughTheNameIsStruckAndTwoUnderlinesAreNot() throws {
        var (page, reader, perMM) = try Self.stampedPage()
        let coiled = reader.layout.lines[0], under = reader.layout.lines[2], low = reader.layout.lines[4]
        func coil(_ line: BallotLayout.Line, centre: Double, reach: Double) -> [(Double, Double)] {
            // x = c·t − b·sin t, y = y₀ + b·cos t: loops where b > c
            let pitch = 2.0, left = line.ink.x - 1, turns = (line.ink.width + 2) / pitch
            return stride(from: 0.0, through: turns * 2 * .pi, by: 0.15).map { t in
                (left + pitch * t / (2 * .pi) - reach * 0.8 * sin(t), centre + reach * cos(t))
            }
        }
        Marking.stroke(coil(coiled, centre: coiled.baseline - 0.4 * coiled.xHeight, reach: 0.9 * coiled.xHeight),
                       pen: Pen(width: 0.6, grey: 50), on: &page, perMM: perMM)
        // this line underlined, and the line above it underlined with a felt tip, low
        let above = reader.layout.lines[1]
        Marking.stroke([(under.ink.x - 1, under.baseline + 0.7), (under.ink.maxX + 1, under.baseline + 0.8)], pen: Pen(width: 0.6, grey: 50), on: &page, perMM: perMM)
        Marking.stroke([(above.ink.x - 1, under.ink.y - 0.2), (above.ink.maxX + 1, under.ink.y - 0.1)], pen: Pen(width: 1.4, grey: 40), on: &page, perMM: perMM)
        Marking.stroke(coil(low, centre: low.baseline + 0.9, reach: 0.5), pen: Pen(width: 0.5, grey: 50), on: &page, perMM: perMM)
        let reading = reader.read(page)
        try #require(reading.lines.count == 5, "\(reading.status) \(reading.reason ?? "")")
        #expect(reading.lines[0].decision == .struck, "\(reading.lines[0])")
        #expect(reading.lines[1].decision != .struck, "\(reading.lines[1])")
        #expect(reading.lines[2].decision != .struck, "\(reading.lines[2])")
        #expect(reading.lines[4].decision != .struck, "\(reading.lines[4])")
    }

    /// A pale pencil, too pale for the ink but whole to what may be ink, straight through a
    /// name: struck, by the same rules as ink. A pale underline on a soft scan, where the
    /// letters' own blur joins it, is never struck.
    @Test func aPalePencilStrikeIsReadWholeAndAPaleUnderlineIsNot() throws {
        var (page, reader, perMM) = try Self.stampedPage()
        let pencil = Pen(width: 0.5, grey: 212)
        Marking.draw(.straight, on: reader.layout.lines[0], pen: pencil, page: &page, perMM: perMM)
        Marking.draw(.underline, on: reader.layout.lines[3], pen: pencil, page: &page, perMM: perMM)
        for distortion in [ScannerDistortion(degrees: 1, noise: 2), ScannerDistortion(degrees: -1, blur: 1, noise: 2)] {
            let reading = reader.read(distortion.apply(page))
            try #require(reading.lines.count == 5, "\(distortion): \(reading.status) \(reading.reason ?? "")")
            #expect(reading.lines[0].decision == .struck, "\(distortion): \(reading.lines[0])")
            #expect(reading.lines[3].decision != .struck, "\(distortion): \(reading.lines[3])")
        }
    }

    /// A felt tip drawn at a shallow slant, from the middle of the family name's letters
    /// down to the given name's baseline: one straight stroke through the name, struck,
    /// though a 2 mm pen leaves a piece of ink above and below many letters' bars (the
    /// straight line was not fitted where more than a tenth of the columns showed two
    /// pieces). Each line of the paper, so that every name's letters are tried.
    @Test func aShallowSlantWithAFeltTipIsAStrike() throws {
        let (page, reader, perMM) = try Self.stampedPage()
        for line in reader.layout.lines {
            var marked = page
            let middle = line.baseline - line.xHeight / 2
            Marking.stroke([(line.ink.x - 1.5, middle), (line.ink.maxX + 1.5, line.baseline + 0.1)], pen: Pen(width: 2, grey: 60),
                           on: &marked, perMM: perMM)
            let reading = reader.read(marked)
            #expect(reading.lines[line.number - 1].decision == .struck && reading.struck == [line.number],
                    "line \(line.number) \(line.name): \(reading.lines[line.number - 1])")
        }
    }

    /// A slanted stroke through the family name that passes under the given name, out of
    /// the name's window (an outside try drew one and it was counted "kept"): the voter may
    /// have meant the whole name; never kept, the committee decides.
    @Test func aSlantLeavingTheNameUnderTheGivenNameIsForTheCommittee() throws {
        let (page, reader, perMM) = try Self.stampedPage()
        for line in reader.layout.lines where line.words.count >= 3 {
            var marked = page
            let given = line.words[line.words.count - 1]
            let start = (line.ink.x - 1, line.baseline - line.xHeight * 0.6)
            let slope = (line.ink.maxY + 2.2 - start.1) / (given.x - start.0)
            let end = given.maxX + 1
            Marking.stroke([start, (end, start.1 + slope * (end - start.0))], pen: Pen(width: 0.5, grey: 30), on: &marked, perMM: perMM)
            let reading = reader.read(marked)
            #expect(reading.lines[line.number - 1].decision == .unclear && reading.status == .review,
                    "line \(line.number) \(line.name): \(reading.lines[line.number - 1])")
        }
    }

    /// A small tick beside a name the voter struck (an outside try found one counted): a
    /// mark of the voter's own that is not the strike, for the committee to judge.
    @Test func aTickBesideAStruckNameIsForTheCommittee() throws {
        var (page, reader, perMM) = try Self.stampedPage()
        let line = reader.layout.lines[2]
        Marking.draw(.straight, on: line, pen: Pen(width: 0.6, grey: 40), page: &page, perMM: perMM)
        let struck = reader.read(page)
        #expect(struck.status == .counted && struck.struck == [line.number], "the strike alone is counted: \(struck.review)")
        // a tick of about a square millimetre, 4 mm after the name
        let x = line.ink.maxX + 4, y = line.baseline - line.xHeight / 2
        Marking.stroke([(x, y), (x + 0.6, y + 0.6), (x + 1.8, y - 0.9)], pen: Pen(width: 0.45, grey: 40), on: &page, perMM: perMM)
        let ticked = reader.read(page)
        #expect(ticked.status == .review, "\(ticked.review) \(ticked.lines[2])")
    }

    /// Two candidates of one name: a strike through a name and on through its note ("(1981)")
    /// is a strike; a stroke through the note alone, the name standing, is for the
    /// committee (a second outside try found it read as nothing).
    @Test func theNoteOfASharedNameIsNotAPlaceToHideAMark() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paper = BallotPaper(congressName: "Đại hội Công đoàn", term: "2023-2028", parts: [
            .init(title: "Bầu Ban Chấp hành", seats: 2, candidates: ["Nguyễn Thị Oanh", "Nguyễn Thị Oanh", "Trần Văn Bình", "Lê Hoa"],
                  notes: ["(1981)", "(1978)", nil, nil])])
        let key = CongressSigningKey()
        let pdf = directory.appendingPathComponent("b.pdf").path
        try BallotPrinter.pdf(paper, codes: [("T00001", try BallotSerialCode.sign(election: 7, serial: "T00001", with: key).text)], size: .a5, to: pdf)
        let verifier = CredentialVerifier(publicKeys: [key.keyID: key.publicKey])
        let reader = SheetReader(paper: paper, size: .a5) { BallotSerialCode.parse($0).flatMap { $0.isGenuine(for: 7, verifier: verifier) ? $0.serial : nil } }
        var page = try ScanFile.pages(pdf, pdfDPI: Self.dpi)[0]
        let perMM = Self.dpi / 25.4
        Marking.stamp(reader.layout, page: &page, perMM: perMM)
        let first = reader.layout.lines[0], second = reader.layout.lines[1]
        let note = try #require(first.note)
        // line 1: through the name and on through its note
        let y1 = first.baseline - first.xHeight / 2
        Marking.stroke([(first.ink.x - 2, y1), (note.maxX + 1, y1)], pen: Pen(width: 0.8, grey: 30), on: &page, perMM: perMM)
        // line 2: the note alone
        let secondNote = try #require(second.note)
        let y2 = secondNote.y + secondNote.height / 2
        Marking.stroke([(secondNote.x - 0.5, y2), (secondNote.maxX + 0.5, y2)], pen: Pen(width: 0.8, grey: 30), on: &page, perMM: perMM)
        let reading = reader.read(page)
        #expect(reading.lines[0].decision == .struck, "\(reading.lines[0])")
        #expect(reading.lines[1].decision == .unclear, "\(reading.lines[1])")
        #expect(reading.status == .review)
    }

    /// What scanners are set to, 150 to 600 dpi: the same sheet reads the same.
    @Test(arguments: [150.0, 300.0, 600.0])
    func everyResolutionScannersUse(dpi: Double) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, _) = try ScanFileTests.printed(in: directory)
        var page = try ScanFile.pages(pdf, pdfDPI: dpi)[0]
        let reader = Self.reader()
        let perMM = dpi / 25.4
        Marking.stamp(reader.layout, page: &page, perMM: perMM)
        Marking.draw(.wavy, on: reader.layout.lines[1], pen: Pen(width: 0.7, grey: 50), page: &page, perMM: perMM)
        Marking.draw(.familyOnly, on: reader.layout.lines[3], pen: Pen(width: 0.7, grey: 50), page: &page, perMM: perMM)
        let reading = reader.read(ScannerDistortion(degrees: 1.5, border: Int(perMM * 6), background: 30).apply(page))
        #expect(reading.status == .counted && reading.struck == [2], "\(dpi) dpi: \(reading.status) \(reading.struck) \(reading.review)")
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
        // an empty page (a duplex scan's back) is blank, not a sheet sent back
        #expect(reader.read(blank).status == .blank)
        // a printed page whose marks cannot be found (not this paper) is sent back
        var unmarked = page
        for mark in reader.layout.marks {
            for y in max(0, Int((mark.y - 1) * perMM))..<min(page.height, Int((mark.maxY + 1) * perMM)) {
                for x in max(0, Int((mark.x - 1) * perMM))..<min(page.width, Int((mark.maxX + 1) * perMM)) { unmarked.pixels[y * page.width + x] = 255 }
            }
        }
        #expect(reader.read(unmarked).reason == "marks_not_found")
        // a scanner streak down through the names
        var streaked = page
        let x = Int(reader.layout.lines[0].words[0].centre.x * perMM)
        for y in 0..<page.height { for dx in 0..<3 { streaked.pixels[y * page.width + x + dx] = 30 } }
        let ours = SheetReader(paper: ScanFileTests.paper, size: .a5) { BallotSerialCode.parse($0)?.serial }
        #expect(ours.read(streaked).reason == "streak")
    }
}
