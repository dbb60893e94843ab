import CCairo
import Foundation

/// Where everything on a ballot paper is, in millimetres from the paper's top-left corner:
/// the four registration marks, the stamp box, the QR code and the serial, and every
/// candidate's line (the band it sits in, the ink of the printed name, each word of it).
/// One description for the printer and the reader: the printer records it as it draws the
/// paper, and the reader of a scanned ballot asks for it again from the same paper, so the
/// two cannot drift. A change of paper size or of the number of candidates (1 to 60, one or
/// two columns) changes the layout and nothing else.
public struct BallotLayout: Sendable, Hashable, Codable {
    public struct Box: Sendable, Hashable, Codable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
        public var maxX: Double { x + width }
        public var maxY: Double { y + height }
        public var centre: (x: Double, y: Double) { (x + width / 2, y + height / 2) }
    }

    /// One candidate as printed.
    public struct Line: Sendable, Hashable, Codable {
        /// The part of the paper (0; 1 for the committee part of a mode-2 combined paper).
        public var part: Int
        /// As printed before the name, 1-based within its part: what the entry page types.
        public var number: Int
        public var name: String
        /// The band the line owns: a strike through the name lies inside it.
        public var row: Box
        /// The printed name's ink (its number left out).
        public var ink: Box
        /// Each word of the name, family name first, given name last.
        public var words: [Box]
    }

    public var width: Double
    public var height: Double
    /// Solid squares near the four corners, clear of the text: top-left, top-right,
    /// bottom-left, bottom-right. The reader finds them to fit a skewed, shifted, slightly
    /// scaled scan to the paper.
    public var marks: [Box]
    public var stamp: Box
    /// The serial's signed QR code, quiet zone included.
    public var qr: Box
    public var serial: Box
    public var lines: [Line]

    /// Side of a registration mark, and its distance from the paper's edges.
    public static let markSide = 5.0
    public static let markInset = 4.0

    /// The layout of `paper` at `size`, as the printer draws it.
    public static func make(_ paper: BallotPaper, size: BallotPaperSize) -> BallotLayout {
        let (w, h) = size.size
        var extents = cairo_rectangle_t(x: 0, y: 0, width: w, height: h)
        guard let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents) else {
            return BallotLayout(width: w, height: h, marks: [], stamp: Box(x: 0, y: 0, width: 0, height: 0),
                                qr: Box(x: 0, y: 0, width: 0, height: 0), serial: Box(x: 0, y: 0, width: 0, height: 0), lines: [])
        }
        defer { cairo_surface_destroy(surface) }
        guard let context = cairo_create(surface) else {
            return BallotLayout(width: w, height: h, marks: [], stamp: Box(x: 0, y: 0, width: 0, height: 0),
                                qr: Box(x: 0, y: 0, width: 0, height: 0), serial: Box(x: 0, y: 0, width: 0, height: 0), lines: [])
        }
        defer { cairo_destroy(context) }
        return BallotPrinter.drawPaper(paper, on: TextCanvas(context: context, unitsPerMillimetre: 1), width: w, height: h)
    }
}
