import CongressCore
import Documents
import Foundation

/// One scanned sheet read against the paper it should be (RULES.md §4.5): counted when
/// every line is sure, nothing is written outside the lines and the seal is seen; sent to
/// review, with each reason, when anything is unsure; rejected — back to the people, with why — when it is
/// not a sheet of this election, its marks or QR cannot be found, or a scanner streak runs
/// across a name.
public struct SheetReading: Sendable, Hashable, Codable {
    public var status: ScanStatus
    /// The serial as the signed QR gives it; nil when unread.
    public var serial: String?
    /// Line numbers as printed, struck through (part 0: the paper's only or first part).
    public var struck: [Int]
    public var review: [ScanReviewReason]
    /// Why a sheet was rejected: `marks_not_found`, `qr_unreadable`, `not_this_election`,
    /// `streak`, `page_damaged` (the file's page would not decode).
    public var reason: String?
    /// Every line's reading, with its scores: kept with the scanned page.
    public var lines: [LineReading]
    /// The paper turned 180° in the scanner.
    public var upsideDown: Bool
}

extension SheetReading {
    /// A page with nothing on it: a duplex scan's back.
    public static let blank = SheetReading(status: .blank, serial: nil, struck: [], review: [], reason: nil, lines: [], upsideDown: false)

    /// A sheet sent back to the people, and why.
    public static func rejected(_ reason: String, serial: String? = nil, upsideDown: Bool = false) -> SheetReading {
        SheetReading(status: .rejected, serial: serial, struck: [], review: [], reason: reason, lines: [], upsideDown: upsideDown)
    }

    /// Part `k` of a combined paper (chair mode 2, RULES.md §4.4) as its own election's
    /// reading: that part's lines, with what concerns the whole sheet (ink outside the
    /// lines, no seal). A part is counted only when its own lines are all sure.
    public func part(_ k: Int) -> SheetReading {
        guard status != .rejected else { return self }
        var reading = self
        reading.lines = lines.filter { $0.part == k }
        reading.struck = reading.lines.filter { $0.decision == .struck }.map(\.number)
        reading.review = reading.lines.filter { $0.decision == .unclear }.map { ScanReviewReason(line: $0.number, why: "unclear") }
            + review.filter { $0.line == nil }
        reading.status = reading.review.isEmpty ? .counted : .review
        return reading
    }
}

/// Reads sheets of one election's paper: the layout and the blank are made once.
public struct SheetReader: Sendable {
    public let paper: BallotPaper
    public let size: BallotPaperSize
    public let layout: BallotLayout
    let blank: BallotBlank
    /// The blank's print widened by 0.25 mm (ink there cannot be seen, black on black), and by
    /// 0.75 mm (past a soft scan's halo around the print): fixed by the paper, made once.
    let printed: [Bool], printedHalo: [Bool]
    /// For each line, the lines printed just above and below it, whose marks may spill into
    /// its band: fixed by the layout, found once.
    let neighbours: [[BallotLayout.Line]]
    /// Which signed serials belong to this election's paper.
    let isOurs: @Sendable (String) -> String?

    /// The resolution sheets are compared at, in pixels a millimetre (about 200 dpi).
    public static let pixelsPerMillimetre = ScannedSheet.alignedPixelsPerMillimetre

    /// `serial`: the serial a scanned QR text carries when its signature is the congress's
    /// and it belongs to this paper; nil otherwise.
    public init(paper: BallotPaper, size: BallotPaperSize, serial: @escaping @Sendable (String) -> String?) {
        self.paper = paper
        self.size = size
        layout = BallotLayout.make(paper, size: size)
        blank = BallotBlank.draw(paper, size: size, pixelsPerMillimetre: Self.pixelsPerMillimetre)
        printed = PaperView.printed(blank)
        printedHalo = PaperView.widen(printed, width: blank.width, height: blank.height, by: max(1, Int((0.5 * Self.pixelsPerMillimetre).rounded())))
        let lines = layout.lines
        neighbours = lines.map { line in
            lines.filter { other in
                other != line && other.row.x < line.row.maxX && line.row.x < other.row.maxX
                    && (abs(other.row.maxY - line.row.y) < 1.5 || abs(line.row.maxY - other.row.y) < 1.5)
            }
        }
        isOurs = serial
    }

    public func read(_ scan: ScanImage) -> SheetReading { readSheet(scan).reading }

    /// The reading, and the page resampled upright onto the paper (at 8 px/mm) when it could
    /// be placed: what is kept for the committee's review.
    public func readSheet(_ scan: ScanImage) -> (reading: SheetReading, aligned: ScanImage?) {
        func rejected(_ reason: String, serial: String? = nil, upsideDown: Bool = false) -> (reading: SheetReading, aligned: ScanImage?) {
            (.rejected(reason, serial: serial, upsideDown: upsideDown), nil)
        }
        // the marks first, then the QR where the fit says it is (either way round)
        let fit: Registration
        do { fit = try Registration.find(scan, layout: layout) } catch {
            // the back of a sheet through a duplex scanner: nothing to read, nothing to keep
            if BlankPage.isBlank(scan) { return (.blank, nil) }
            return rejected("marks_not_found")
        }
        var chosen = fit
        var text: String?
        for candidate in [fit, fit.turned(width: layout.width, height: layout.height)] {
            if let found = QRReader.read(scan, region: region(layout.qr, candidate, margin: 4)).first {
                text = found.text
                chosen = candidate
                break
            }
        }
        if text == nil {
            // zbar misses a few skewed, noisy symbols: the same region resampled upright and
            // square through each fit, zbar's easiest case, then a little smoothed
            search: for candidate in [fit, fit.turned(width: layout.width, height: layout.height)] {
                let upright = self.upright(layout.qr, of: scan, through: candidate, margin: 4, perMM: 12)
                for image in [upright, ScanImage.smoothed(upright)] {
                    if let found = QRReader.read(image).first {
                        text = found.text
                        chosen = candidate
                        break search
                    }
                }
            }
        }
        // no QR read, no way up known: never said to be upside down
        guard let text else { return rejected("qr_unreadable") }
        guard let serial = isOurs(text) else { return rejected("not_this_election", upsideDown: chosen.upsideDown) }

        let view = PaperView(scan: scan, registration: chosen, blank: blank, printed: printed)
        // the names as printed must lie where the fit puts them: a fit a line off (a blot
        // taken for a mark) would read each line's strokes as its neighbour's
        guard printAgreement(view) >= 0.6 else { return rejected("marks_not_found", serial: serial, upsideDown: chosen.upsideDown) }
        if let streak = streak(view, chosen),
           layout.lines.contains(where: { let x = streak($0.ink.centre.y); return x >= $0.ink.x - 0.5 && x <= $0.ink.maxX + 0.5 }) {
            return (rejected("streak", serial: serial, upsideDown: chosen.upsideDown).reading, view.aligned)
        }
        let lines = zip(layout.lines, neighbours).map { LineReading.read($0, in: view, neighbours: $1) }
        var review: [ScanReviewReason] = lines.filter { $0.decision == .unclear }.map { .init(line: $0.number, why: "unclear") }
        // the scanner's background where it shows on the paper is neither writing nor a seal
        let border = scannerBorder(view)
        if inkOutsideLines(view, border: border) { review.append(.init(why: "ink_outside_lines")) }
        // the seal: enough ink in the box, in the ring a seal leaves (a pen's "OK", an X or a
        // small circle drawn in an empty box is not a seal)
        if !stamped(view, border: border) || !showsSealRing(view, border: border) { review.append(.init(why: "unstamped")) }
        let struck = lines.filter { $0.part == 0 && $0.decision == .struck }.map(\.number)
        return (SheetReading(status: review.isEmpty ? .counted : .review, serial: serial, struck: struck, review: review,
                             reason: nil, lines: lines, upsideDown: chosen.upsideDown), view.aligned)
    }

    /// A box of the paper (with a margin, in mm) resampled upright from the scan through
    /// `fit`, bilinearly, at `perMM` pixels a millimetre.
    func upright(_ box: BallotLayout.Box, of scan: ScanImage, through fit: Registration, margin: Double, perMM: Double) -> ScanImage {
        let w = Int((box.width + 2 * margin) * perMM), h = Int((box.height + 2 * margin) * perMM)
        var pixels = [UInt8](repeating: 255, count: max(0, w * h))
        for y in 0..<h {
            for x in 0..<w {
                let p = fit.pixel(box.x - margin + (Double(x) + 0.5) / perMM, box.y - margin + (Double(y) + 0.5) / perMM)
                let x0 = Int(p.x.rounded(.down)), y0 = Int(p.y.rounded(.down))
                guard x0 >= 0, y0 >= 0, x0 + 1 < scan.width, y0 + 1 < scan.height else { continue }
                let fx = p.x - Double(x0), fy = p.y - Double(y0)
                let v = Double(scan[x0, y0]) * (1 - fx) * (1 - fy) + Double(scan[x0 + 1, y0]) * fx * (1 - fy)
                    + Double(scan[x0, y0 + 1]) * (1 - fx) * fy + Double(scan[x0 + 1, y0 + 1]) * fx * fy
                pixels[y * w + x] = UInt8(max(0, min(255, v.rounded())))
            }
        }
        return ScanImage(width: w, height: h, pixels: pixels, dpi: perMM * 25.4)
    }

    /// The pixels of the scan that hold a box of the paper (with a margin, in mm).
    func region(_ box: BallotLayout.Box, _ fit: Registration, margin: Double) -> (x: Int, y: Int, width: Int, height: Int) {
        let corners = [(box.x - margin, box.y - margin), (box.maxX + margin, box.y - margin),
                       (box.x - margin, box.maxY + margin), (box.maxX + margin, box.maxY + margin)].map { fit.pixel($0.0, $0.1) }
        let xs = corners.map(\.x), ys = corners.map(\.y)
        let x0 = Int(xs.min() ?? 0), y0 = Int(ys.min() ?? 0)
        return (x0, y0, Int(xs.max() ?? 0) - x0, Int(ys.max() ?? 0) - y0)
    }

    /// A scanner's streak (dust on the glass draws one line down every sheet): a line straight
    /// down the *scan*, which on a skewed sheet runs slanted across the paper, inked over most
    /// of the paper's height where nothing is printed. Returns where it crosses the paper, as
    /// x in millimetres at a given y (millimetres).
    func streak(_ view: PaperView, _ fit: Registration) -> ((Double) -> Double)? {
        // the scan's vertical, in the paper's coordinates: x moves by `slope` for each y
        let slope = abs(fit.a) > 1e-9 ? -fit.b / fit.a : 0
        let w = view.width, h = view.height
        var best = (x0: 0, share: 0.0)
        for x0 in -Int(abs(slope) * Double(h)) - 1..<(w + Int(abs(slope) * Double(h)) + 1) {
            var inked = 0, open = 0
            // every fourth row is enough to see a line that runs down the whole page
            for y in stride(from: 0, to: h, by: 4) {
                let x = Int((Double(x0) + slope * Double(y)).rounded())
                guard x >= 1, x < w - 1 else { continue }
                let i = y * w + x
                if view.printed[i] { continue }
                open += 1
                if view.ink[i] || view.ink[i - 1] || view.ink[i + 1] { inked += 1 }
            }
            // the line must cross most of the paper's height, not just a corner of it
            guard open > h / 8 else { continue }
            let share = Double(inked) / Double(open)
            if share > best.share { best = (x0, share) }
        }
        guard best.share > 0.6 else { return nil }
        let perMM = view.perMM, x0 = Double(best.x0)
        return { y in (x0 + slope * y * perMM + 0.5) / perMM }
    }

    /// The congress's seal in the stamp box: a ballot without it is invalid (RULES.md §4.2),
    /// but a pale seal can escape a grey scan, so a sheet without one goes to the committee
    /// rather than being counted either way. A seal leaves well over 20 mm² of ink in the box;
    /// a pale one (a pad running dry, red read as light grey) as much at least of what may
    /// be ink, spread over most of the box (a ring 30 mm or more across), where an unstamped
    /// sheet shows next to nothing of either.
    /// The scanner's background where it reaches into the box (a sheet fed skewed or shifted,
    /// the box near the paper's edge) is not a seal.
    func stamped(_ view: PaperView, border: [Bool]) -> Bool {
        let mm2 = view.perMM * view.perMM
        let (x0, y0, x1, y1) = view.pixel(layout.stamp)
        guard x1 > x0, y1 > y0 else { return false }
        var inked = 0, count = 0, left = x1, right = x0, top = y1, bottom = y0
        for y in y0..<y1 {
            for x in x0..<x1 where !border[y * view.width + x] {
                if view.ink[y * view.width + x] { inked += 1 }
                guard view.faint[y * view.width + x] else { continue }
                count += 1
                left = min(left, x)
                right = max(right, x)
                top = min(top, y)
                bottom = max(bottom, y)
            }
        }
        if inked >= Int(20 * mm2) { return true }
        let spread = 12 * view.perMM
        return Double(count) >= 20 * mm2 && Double(right - left) >= spread && Double(bottom - top) >= spread
    }

    /// Whether the ink shows the ring a round seal leaves (vòng dấu): around some centre near
    /// the stamp box, what may be ink (in blocks of a millimetre, the scanner's background left
    /// out) at one distance from it, 9 to 22 mm (a seal 18–44 mm across), in at least half of
    /// the directions (a seal half faded on one side still shows half its ring), and the
    /// seal's emblem in its middle (6 mm² within 4 mm of the centre). A pen's word, an X or a
    /// circle drawn by hand in an empty box shows no such ring. Centres are tried every 2 mm
    /// within 8 mm of the box (a seal stamped off it), radii every millimetre, three wide (the
    /// ring's own width and the centre's step).
    func showsSealRing(_ view: PaperView, border: [Bool]) -> Bool {
        let w = view.width, block = max(1, Int(view.perMM))
        let stamp = layout.stamp
        let reach = 8.0, largest = 22, smallest = 9, sectors = 36
        let region = view.pixel(BallotLayout.Box(x: stamp.x - reach - Double(largest), y: stamp.y - reach - Double(largest),
                                                 width: stamp.width + 2 * (reach + Double(largest)), height: stamp.height + 2 * (reach + Double(largest))))
        // the blocks of what may be ink, as millimetre centres
        var marks: [(x: Double, y: Double)] = []
        for by in stride(from: region.y0, to: region.y1, by: block) {
            for bx in stride(from: region.x0, to: region.x1, by: block) {
                var n = 0
                for y in by..<min(region.y1, by + block) {
                    for x in bx..<min(region.x1, bx + block) where view.faint[y * w + x] && !border[y * w + x] { n += 1 }
                }
                if n >= 3 { marks.append(((Double(bx) + Double(block) / 2) / view.perMM, (Double(by) + Double(block) / 2) / view.perMM)) }
            }
        }
        guard marks.count >= 20 else { return false }
        for cy in stride(from: stamp.centre.y - reach, through: stamp.centre.y + reach, by: 2) {
            for cx in stride(from: stamp.centre.x - reach, through: stamp.centre.x + reach, by: 2) {
                // per radius (mm), the directions ink is seen in
                var seen = [UInt64](repeating: 0, count: largest + 2)
                for m in marks {
                    let dx = m.x - cx, dy = m.y - cy
                    let d = (dx * dx + dy * dy).squareRoot()
                    let r = Int(d.rounded())
                    guard r >= smallest - 1, r <= largest + 1 else { continue }
                    let sector = Int(((atan2(dy, dx) + .pi) / (2 * .pi) * Double(sectors)).rounded(.down)) % sectors
                    seen[r] |= 1 << UInt64(sector)
                }
                // a ring about this centre, and the seal's emblem in its middle (a circle drawn
                // by hand is empty there)
                guard (smallest...largest).contains(where: { r in (seen[r - 1] | seen[r] | seen[r + 1]).nonzeroBitCount * 2 >= sectors })
                else { continue }
                if marks.filter({ m in (m.x - cx) * (m.x - cx) + (m.y - cy) * (m.y - cy) <= 16 }).count >= 6 { return true }
            }
        }
        return false
    }

    /// Of the names' printed letters (the blank's solid print), the share the scan shows dark
    /// where the fit puts them: near 1 when the sheet is placed right; far lower a line off.
    func printAgreement(_ view: PaperView) -> Double {
        var solid = 0, dark = 0
        // the paper's level along the lines, where nothing is printed
        var histogram = [Int](repeating: 0, count: 256)
        for line in layout.lines {
            let (x0, y0, x1, y1) = view.pixel(line.ink)
            guard x1 > x0, y1 > y0 else { continue }
            for y in y0..<y1 { for x in x0..<x1 where !view.printed[y * view.width + x] { histogram[Int(view.grey[y * view.width + x])] += 1 } }
        }
        let total = histogram.reduce(0, +)
        var running = 0, paper = 255
        for (level, n) in histogram.enumerated() {
            running += n
            if running * 2 >= total { paper = level; break }
        }
        for line in layout.lines {
            let (x0, y0, x1, y1) = view.pixel(line.ink)
            guard x1 > x0, y1 > y0 else { continue }
            for y in y0..<y1 {
                for x in x0..<x1 where blank.pixels[y * blank.width + x] < 60 {
                    solid += 1
                    if Int(view.grey[y * view.width + x]) < paper - 40 { dark += 1 }
                }
            }
        }
        return solid == 0 ? 1 : Double(dark) / Double(solid)
    }

    /// Ink anywhere but the lines, the stamp box and the serial: a private mark, a name
    /// written in (the committee decides which). Specks under a square millimetre (dust,
    /// JPEG noise) are not writing.
    func inkOutsideLines(_ view: PaperView, border: [Bool]) -> Bool {
        var allowed = [Bool](repeating: false, count: view.width * view.height)
        // each line's band where a voter's marks on it go: from before its number to 15 mm past
        // the name (and its note), a stroke run on; down to 4 mm under the baseline, a thick
        // pen's wavy underline. Below that, and further right, the band is blank paper: a
        // word written under the last name, above the instructions, was counted when the
        // whole band was excused
        var boxes = layout.lines.map { line in
            let end = min(line.row.maxX + 2, max(line.ink.maxX, line.note?.maxX ?? 0) + Self.runOn)
            return BallotLayout.Box(x: line.row.x - 2, y: line.row.y, width: end - (line.row.x - 2),
                                    height: min(line.row.height + 0.8, line.baseline + Self.underlineDepth - line.row.y))
        }
        // the seal (and its overflow: a round seal 40 mm across, 3 mm off the box's centre,
        // reaches past the box on every side), the serial and its QR are not the voter's
        let stamp = layout.stamp
        let seal = max(23.0, max(stamp.width, stamp.height) / 2 + 5)
        boxes.append(BallotLayout.Box(x: stamp.x - 8, y: stamp.y - 6, width: stamp.width + 14, height: stamp.height + 14))
        boxes.append(BallotLayout.Box(x: stamp.centre.x - seal, y: stamp.centre.y - seal, width: 2 * seal, height: 2 * seal))
        // (their boxes and 2 mm around: the paper beside and below them is the voter's, and a
        // signature beside "Số phiếu" was counted when all of it was excused; the serial's box
        // is wider than its words: only as far as its ink goes)
        for box in [serialInk(view), layout.qr] { boxes.append(BallotLayout.Box(x: box.x - 2, y: box.y - 2, width: box.width + 4, height: box.height + 4)) }
        // and the paper's edge: a scan a little skewed or shrunk shows the scanner's dark
        // background there (nothing is printed within 4 mm of the edge)
        let edge = Self.edge
        boxes += [BallotLayout.Box(x: 0, y: 0, width: layout.width, height: edge),
                  BallotLayout.Box(x: 0, y: layout.height - edge, width: layout.width, height: edge),
                  BallotLayout.Box(x: 0, y: 0, width: edge, height: layout.height),
                  BallotLayout.Box(x: layout.width - edge, y: 0, width: edge, height: layout.height)]
        // the registration marks and the paper between them and its edges: a mark cut by the
        // scan's edge and the scanner's background beside it show there as one dark patch
        for mark in layout.marks {
            let near = 10.0
            let x0 = mark.x <= near ? 0 : mark.x - 2, y0 = mark.y <= near ? 0 : mark.y - 2
            let x1 = layout.width - mark.maxX <= near ? layout.width : mark.maxX + 2
            let y1 = layout.height - mark.maxY <= near ? layout.height : mark.maxY + 2
            boxes.append(BallotLayout.Box(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
        }
        boxes += sealAsLanded(view, border: border)
        for box in boxes {
            let (x0, y0, x1, y1) = view.pixel(box)
            guard x1 > x0, y1 > y0 else { continue }
            for y in y0..<y1 { for x in x0..<x1 { allowed[y * view.width + x] = true } }
        }
        for i in allowed.indices where border[i] { allowed[i] = true }
        // what is left, in blocks of 1 mm an eighth covered: writing fills blocks, specks do not
        let block = max(1, Int(view.perMM))
        func blocks(inset: Int, _ left: (Int) -> Bool) -> Int {
            var filled = 0
            for by in stride(from: inset, to: view.height - inset, by: block) {
                for bx in stride(from: inset, to: view.width - inset, by: block) {
                    var n = 0
                    for y in by..<min(view.height, by + block) {
                        for x in bx..<min(view.width, bx + block) where left(y * view.width + x) { n += 1 }
                    }
                    if n * 8 >= block * block { filled += 1 }
                }
            }
            return filled
        }
        if blocks(inset: 0, { view.ink[$0] && !allowed[$0] }) >= 2 { return true }
        // a word in pale pencil is too light for the ink: what may be ink, in more blocks, away
        // from the print's own blurred edges (a JPEG's halo around the headings) and from the
        // paper's outer 10 mm (a scanner's shading and background fade in there)
        return blocks(inset: Int(10 * view.perMM), { view.faint[$0] && !allowed[$0] && !printedHalo[$0] }) >= 3
    }

    /// The serial as printed on this sheet ("Số phiếu: K7QX2M"): its box from the left as far
    /// as ink runs with no gap wider than 3 mm (a word's space is narrower), never further
    /// than the widest serial prints (50 mm).
    func serialInk(_ view: PaperView) -> BallotLayout.Box {
        let box = layout.serial
        let (x0, y0, x1, y1) = view.pixel(box)
        guard x1 > x0, y1 > y0 else { return box }
        let gap = Int(3 * view.perMM), widest = min(x1, x0 + Int(50 * view.perMM))
        var last = x0
        for x in x0..<widest {
            var inked = false
            for y in y0..<y1 where view.ink[y * view.width + x] { inked = true; break }
            if inked { last = x } else if x - last > gap { break }
        }
        return BallotLayout.Box(x: box.x, y: box.y, width: Double(last - x0 + 1) / view.perMM, height: box.height)
    }

    /// A stroke through a name may run on this far (mm) past its last letter.
    static let runOn = 15.0
    /// A wavy underline in a thick pen reaches this far (mm) under the baseline.
    static let underlineDepth = 4.0

    /// The seal as it landed (dấu đỏ): stamped by hand, it may sit well off the box, up to a
    /// seal's radius past the room `inkOutsideLines` leaves it. It is the ink that hangs
    /// together (gaps under 2 mm bridged: a worn or pale ring breaks up) with the ink
    /// in the stamp box, in blocks of a millimetre, when all of it together is no larger than
    /// a seal and round (a word written beside the seal and touching it makes it larger, and
    /// leaves it to the committee).
    /// Returns the seal's blocks, each with a millimetre around it (the ring's rim).
    func sealAsLanded(_ view: PaperView, border: [Bool]) -> [BallotLayout.Box] {
        let w = view.width, h = view.height, block = max(1, Int(view.perMM))
        let bw = (w + block - 1) / block, bh = (h + block - 1) / block
        // a block is marked where at least a few pixels may be ink (a pale seal is faint) and
        // are not the scanner's background; looked at only as the seal is followed
        var known = [Int8](repeating: -1, count: bw * bh)
        func marked(_ b: Int) -> Bool {
            if known[b] < 0 {
                let bx = b % bw, by = b / bw
                var n = 0
                for y in (by * block)..<min(h, (by + 1) * block) {
                    for x in (bx * block)..<min(w, (bx + 1) * block) where view.faint[y * w + x] && !border[y * w + x] { n += 1 }
                }
                known[b] = n >= 3 ? 1 : 0
            }
            return known[b] == 1
        }
        let stamp = layout.stamp
        let sx0 = max(0, Int(stamp.x)), sx1 = min(bw, Int(stamp.maxX.rounded(.up)))
        let sy0 = max(0, Int(stamp.y)), sy1 = min(bh, Int(stamp.maxY.rounded(.up)))
        guard sx1 > sx0, sy1 > sy0 else { return [] }
        var reached = Set<Int>(), stack: [Int] = []
        for by in sy0..<sy1 { for bx in sx0..<sx1 where marked(by * bw + bx) { reached.insert(by * bw + bx); stack.append(by * bw + bx) } }
        // a seal is at most 40 mm across: what reaches further is not all seal
        let largest = 46
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
        while let b = stack.popLast() {
            let bx = b % bw, by = b / bw
            minX = min(minX, bx); maxX = max(maxX, bx); minY = min(minY, by); maxY = max(maxY, by)
            guard maxX - minX < largest, maxY - minY < largest else { return [] }
            for dy in -2...2 {
                for dx in -2...2 {
                    let nx = bx + dx, ny = by + dy
                    guard nx >= 0, ny >= 0, nx < bw, ny < bh, !reached.contains(ny * bw + nx), marked(ny * bw + nx) else { continue }
                    reached.insert(ny * bw + nx)
                    stack.append(ny * bw + nx)
                }
            }
        }
        guard !reached.isEmpty else { return [] }
        // round: every block within the circle about the blocks' middle that spans them
        let cx = Double(minX + maxX) / 2, cy = Double(minY + maxY) / 2
        let radius = Double(max(maxX - minX, maxY - minY)) / 2 + 1.5
        guard reached.allSatisfy({ b in
            let dx = Double(b % bw) - cx, dy = Double(b / bw) - cy
            return (dx * dx + dy * dy).squareRoot() <= radius
        }) else { return [] }
        let side = Double(block) / view.perMM
        return reached.map { b in
            BallotLayout.Box(x: Double(b % bw - 1) * side, y: Double(b / bw - 1) * side, width: 3 * side, height: 3 * side)
        }
    }

    /// Nothing is printed within this many millimetres of the paper's edge.
    static let edge = 3.0

    /// The scanner's own dark border where it shows on the paper: a flatbed's lid or a
    /// sheet-fed scanner's black background seen along an edge, as a band or a wedge (the
    /// sheet went in skewed; at 5° and 3 mm off, up to 17 mm in, the paper's own edge beyond it
    /// left outside the scan). It is ink that reaches the paper's edge or the part of the
    /// paper the scan did not see, stays within 20 mm of the edge and runs along it for 30 mm
    /// or more (across a printed line it covers, the stamp box's frame); a voter's mark that
    /// touches the edge is short.
    func scannerBorder(_ view: PaperView) -> [Bool] {
        let w = view.width, h = view.height
        let depth = Int(20 * view.perMM), start = Int(Self.edge * view.perMM), along = 30 * view.perMM, across = min(100, Int(1.5 * view.perMM))
        func nearEdge(_ x: Int, _ y: Int, within d: Int) -> Bool { x < d || y < d || x >= w - d || y >= h - d }
        func besideUnseen(_ x: Int, _ y: Int) -> Bool {
            (x > 0 && view.unseen[y * w + x - 1]) || (x + 1 < w && view.unseen[y * w + x + 1])
                || (y > 0 && view.unseen[(y - 1) * w + x]) || (y + 1 < h && view.unseen[(y + 1) * w + x])
        }
        var border = [Bool](repeating: false, count: w * h)
        var seen = [Bool](repeating: false, count: w * h)
        // on print: the most of the millimetre left on arriving there (-1: not reached)
        var crossing = [Int8](repeating: -1, count: w * h)
        for y in 0..<h {
            // from the edge, or from where the paper lay outside the scan (the background shows
            // between the two, a few millimetres in)
            for x in 0..<w where view.ink[y * w + x] && !seen[y * w + x] && (nearEdge(x, y, within: start) || besideUnseen(x, y)) {
                // the background runs on under a printed line (the stamp box's frame) that it
                // covers: followed across print up to 1.5 mm wide
                var stack = [(y * w + x, across)], members: [Int] = []
                seen[y * w + x] = true
                var minX = x, maxX = x, minY = y, maxY = y
                while let (i, left) = stack.popLast() {
                    let px = i % w, py = i / w
                    if view.ink[i] {
                        members.append(i)
                        minX = min(minX, px); maxX = max(maxX, px); minY = min(minY, py); maxY = max(maxY, py)
                    }
                    for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                        let nx = px + dx, ny = py + dy
                        guard nx >= 0, ny >= 0, nx < w, ny < h, nearEdge(nx, ny, within: depth) else { continue }
                        let j = ny * w + nx
                        if view.ink[j] {
                            if !seen[j] { seen[j] = true; stack.append((j, across)) }
                        } else if view.printed[j], left > 0, Int(crossing[j]) < left - 1 {
                            // print is walked again where reached with more of the millimetre left
                            crossing[j] = Int8(left - 1)
                            stack.append((j, left - 1))
                        }
                    }
                }
                guard Double(max(maxX - minX, maxY - minY)) >= along else { continue }
                for i in members { border[i] = true }
            }
        }
        // its anti-aliased rim, a few pixels wide
        return PaperView.widen(border, width: w, height: h, by: max(1, Int((0.3 * view.perMM).rounded())))
    }
}
