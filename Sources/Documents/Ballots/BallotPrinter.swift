import CCairo
import CongressCore
import Foundation

/// What is printed on every ballot of one election (phiếu bầu cử), or of two elections on
/// one combined paper (the grassroots chair elected directly, mode 2, RULES.md §4.4).
public struct BallotPaper: Sendable {
    /// One election's part of the paper, numbered from 1.
    public struct Part: Sendable {
        /// The election's title: the body and the term.
        public var title: String
        public var seats: Int
        /// Full names in ballot order; numbered 1, 2, … as the operators enter them.
        public var candidates: [String]
        /// What tells two candidates of the same name apart ("(1981)"), beside each name or
        /// nil (SameNames): printed after the name, apart from it, in lighter type.
        public var notes: [String?]
        public init(title: String, seats: Int, candidates: [String], notes: [String?] = []) {
            self.title = title
            self.seats = seats
            self.candidates = candidates
            self.notes = notes
        }
    }

    public var congressName: String
    public var term: String?
    public var parts: [Part]

    public init(congressName: String, term: String?, title: String, seats: Int, candidates: [String]) {
        self.init(congressName: congressName, term: term, parts: [Part(title: title, seats: seats, candidates: candidates)])
    }

    public init(congressName: String, term: String?, parts: [Part]) {
        self.congressName = congressName
        self.term = term
        self.parts = parts
    }

    public var title: String { parts.map(\.title).joined(separator: " — ") }

    public static let instruction = "Đồng ý bầu ai thì để nguyên; không đồng ý bầu ai thì gạch ngang cả họ và tên người không bầu."
}

/// Paper sizes for ballots.
public enum BallotPaperSize: String, Sendable, CaseIterable {
    case a5, a4

    /// Width and height in millimetres, portrait.
    public var size: (width: Double, height: Double) {
        switch self {
        case .a5: (148, 210)
        case .a4: (210, 297)
        }
    }
}

/// Writes an election's ballots as a PDF, one a page: the same paper on every page (laid
/// out once, then repeated) with each ballot's serial and its signed QR code.
///
///     ┌──────────────────────────────────────┐
///     │ ĐẠI HỘI CÔNG ĐOÀN …        ┌────────┐ │
///     │ NHIỆM KỲ 2023 - 2028       │  dấu   │ │
///     │                            └────────┘ │
///     │            PHIẾU BẦU CỬ               │
///     │  Bầu Ban Chấp hành … (title)          │
///     │  1. Nguyễn Văn An                     │
///     │  2. Trần Thị Bích   …                 │
///     │  (instruction)                        │
///     │  Số phiếu: H2M9PC              [QR]   │
///     └──────────────────────────────────────┘
public enum BallotPrinter {
    public enum Failure: Error, Sendable, LocalizedMessage {
        case qr(serial: String, QRMatrix.Failure)
        case cairo(path: String, status: String)

        public func message(_ language: Language) -> String {
            switch (self, language) {
            case (.qr(let serial, let why), .vi): "Không tạo được mã QR cho phiếu \(serial) (\(why))."
            case (.qr(let serial, let why), .en): "Cannot make the QR code for ballot \(serial) (\(why))."
            case (.cairo(let path, let status), .vi): "Không ghi được \(path) (\(status))."
            case (.cairo(let path, let status), .en): "Cannot write \(path) (\(status))."
            }
        }
    }

    static let margin = 12.0
    static let qrSide = 24.0

    /// `codes`: each ballot's serial and the text of its signed QR code, in print order.
    public static func pdf(_ paper: BallotPaper, codes: [(serial: String, qr: String)], size: BallotPaperSize = .a5,
                           to path: String) throws(Failure) {
        let (w, h) = size.size
        guard let document = PDFDocument(path: path, width: w, height: h, title: "Phiếu bầu cử — \(paper.title)") else {
            throw .cairo(path: path, status: "no surface")
        }
        let canvas = document.canvas
        let layout = BallotLayout.make(paper, size: size)
        let pipeline = QRPipeline(codes.map(\.qr))
        for (index, code) in codes.enumerated() {
            if index > 0 { document.newPage() }
            canvas.stamp("paper", x: 0, y: 0, width: w, height: h) { c in _ = drawPaper(paper, on: c, width: w, height: h) }
            let qr: QRDrawing
            do { qr = try pipeline.drawing(index).get() } catch { throw .qr(serial: code.serial, error) }
            canvas.drawQR(qr, x: layout.qr.x, y: layout.qr.y, side: layout.qr.width)
            canvas.draw("Số phiếu: \(code.serial)", x: layout.serial.x, y: layout.serial.y, width: layout.serial.width,
                        maxHeight: layout.serial.height, style: .init(size: 4.2, minimumSize: 3, bold: true))
        }
        if let status = document.finish() { throw .cairo(path: path, status: status) }
    }

    /// Everything but the serial: the registration marks, header, stamp box, title, the
    /// numbered list, the instruction; returns where it put each (BallotLayout).
    static func drawPaper(_ paper: BallotPaper, on c: TextCanvas, width w: Double, height h: Double) -> BallotLayout {
        typealias Box = BallotLayout.Box
        let m = margin
        let red = (0.55, 0.05, 0.05)
        let side = BallotLayout.markSide, inset = BallotLayout.markInset
        let edge = BallotLayout.edgeMarkInset
        let marks = [Box(x: inset, y: inset, width: side, height: side), Box(x: w - inset - side, y: inset, width: side, height: side),
                     Box(x: inset, y: h - inset - side, width: side, height: side),
                     Box(x: w - inset - side, y: h - inset - side, width: side, height: side),
                     // the middle of each edge, which a slanted sheet keeps when its corners are cut
                     Box(x: (w - side) / 2, y: edge, width: side, height: side), Box(x: (w - side) / 2, y: h - edge - side, width: side, height: side),
                     Box(x: edge, y: (h - side) / 2, width: side, height: side), Box(x: w - edge - side, y: (h - side) / 2, width: side, height: side)]
        for mark in marks { c.fillRectangle(x: mark.x, y: mark.y, width: mark.width, height: mark.height, color: (0, 0, 0)) }
        var header = paper.congressName.uppercased()
        if let term = paper.term { header += "\nNHIỆM KỲ \(term.replacingOccurrences(of: "-", with: " - "))" }
        let stampW = 36.0, stampH = 24.0
        c.draw(header, x: m, y: m, width: w - 2 * m - stampW - 4, maxHeight: 16,
               style: .init(size: 3.2, minimumSize: 2.2, bold: true, maximumLines: 4, alignment: PANGO_ALIGN_CENTER, color: red))
        let stamp = Box(x: w - m - stampW, y: m, width: stampW, height: stampH)
        c.strokeRectangle(x: stamp.x, y: stamp.y, width: stamp.width, height: stamp.height, lineWidth: 0.3, gray: 0.55)
        c.draw("Dấu của Đại hội", x: w - m - stampW, y: m + stampH + 0.8, width: stampW, maxHeight: 4,
               style: .init(size: 2.4, minimumSize: 2, alignment: PANGO_ALIGN_CENTER, color: (0.45, 0.45, 0.45)))
        var y = m + stampH + 7
        y += c.draw("PHIẾU BẦU CỬ", x: m, y: y, width: w - 2 * m, maxHeight: 12,
                    style: .init(size: 8, minimumSize: 5, bold: true, alignment: PANGO_ALIGN_CENTER, color: red)) + 2
        // Each part: its title, its seats, its numbered list; the room shared between parts.
        let bottom = h - m - qrSide - 16
        // Each part gets room for its title, then a share of the rest by its number of names.
        let titles = 16.0 * Double(paper.parts.count)
        let names = Double(max(1, paper.parts.map(\.candidates.count).reduce(0, +)))
        let perName = max(0, bottom - y - titles) / names
        var lines: [BallotLayout.Line] = []
        for (p, part) in paper.parts.enumerated() {
            let partBottom = paper.parts.count == 1 ? bottom : y + 16 + perName * Double(part.candidates.count)
            let label = paper.parts.count > 1 ? "Phần \(p + 1): \(part.title)" : part.title
            y += c.draw(label, x: m, y: y, width: w - 2 * m, maxHeight: 18,
                        style: .init(size: 4.2, minimumSize: 3, bold: true, maximumLines: 3, alignment: PANGO_ALIGN_CENTER)) + 1
            y += c.draw("Số lượng cần bầu: \(part.seats)", x: m, y: y, width: w - 2 * m, maxHeight: 6,
                        style: .init(size: 3.4, minimumSize: 2.6, alignment: PANGO_ALIGN_CENTER)) + 3
            // One or two columns, the rows as tall as the space allows (a name must be easy
            // to strike through with one line). The number and the name are drawn apart, so
            // that the reader knows where the name's own ink is.
            let n = part.candidates.count
            let columns = n > 24 ? 2 : 1
            let rows = (n + columns - 1) / columns
            let rowHeight = min(11, max(3.2, (partBottom - y) / Double(max(rows, 1))))
            let columnWidth = (w - 2 * m) / Double(columns)
            let indent = columns == 1 ? 12.0 : 2.0
            let numberWidth = columns == 1 ? 9.0 : 7.0
            let textSize = min(5.2, rowHeight * 0.55)
            for (i, name) in part.candidates.enumerated() {
                let column = i / rows, row = i % rows
                let x = m + Double(column) * columnWidth + indent
                let top = y + Double(row) * rowHeight
                c.draw("\(i + 1).", x: x, y: top, width: numberWidth, maxHeight: rowHeight,
                       style: .init(size: textSize, minimumSize: 2.2, bold: true))
                let nameX = x + numberWidth
                let note = part.notes.indices.contains(i) ? part.notes[i] : nil
                // room kept for the note: a name that needs more is drawn smaller, never into it
                let noteRoom = note.map { _ in min(40.0, (columnWidth - indent - numberWidth) * 0.4) } ?? 0
                c.draw(name, x: nameX, y: top, width: columnWidth - indent - numberWidth - 2 - noteRoom, maxHeight: rowHeight,
                       style: .init(size: textSize, minimumSize: 2.2, bold: true))
                let text = c.lastTextGeometry(x: nameX, y: top)
                let ink = text.ink
                var noteBox: Box?
                if let note {
                    // a clear gap after the name: a strike through the whole name need not
                    // cross the note, and the reader reads the name's words alone
                    let noteX = ink.x + ink.width + 3
                    c.draw(note, x: noteX, y: top + textSize * 0.12, width: max(5, columnWidth - indent - (noteX - x) - 2), maxHeight: rowHeight,
                           style: .init(size: textSize * 0.78, minimumSize: 2, color: (0.25, 0.25, 0.25)))
                    let drawn = c.lastTextGeometry(x: noteX, y: top + textSize * 0.12).ink
                    noteBox = Box(x: drawn.x, y: drawn.y, width: drawn.width, height: drawn.height)
                }
                lines.append(BallotLayout.Line(
                    part: p, number: i + 1, name: name,
                    row: Box(x: x - 1, y: top, width: columnWidth - indent - 1, height: rowHeight),
                    ink: Box(x: ink.x, y: ink.y, width: ink.width, height: ink.height),
                    words: text.words.map { Box(x: $0.x, y: ink.y, width: $0.width, height: ink.height) },
                    baseline: text.baseline, xHeight: text.xHeight, capHeight: text.capHeight, note: noteBox))
            }
            y = partBottom
            if p + 1 < paper.parts.count { c.line(from: (m, y - 1.5), to: (w - m, y - 1.5), width: 0.3, gray: 0.5) }
        }
        c.draw(BallotPaper.instruction, x: m, y: bottom + 3, width: w - 2 * m, maxHeight: 12,
               style: .init(size: 3.2, minimumSize: 2.4, maximumLines: 3, alignment: PANGO_ALIGN_CENTER, color: (0.2, 0.2, 0.2)))
        return BallotLayout(width: w, height: h, marks: marks, stamp: stamp,
                            qr: Box(x: w - m - qrSide + 2, y: h - m - qrSide + 2, width: qrSide, height: qrSide),
                            serial: Box(x: m, y: h - m - 8, width: w - 2 * m - qrSide, height: 7), lines: lines)
    }
}
