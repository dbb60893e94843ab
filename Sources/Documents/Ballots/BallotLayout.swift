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
        /// Where the letters stand (y in millimetres, from the paper's top): they sit on the
        /// baseline; their body (the lower-case letters without ascenders) reaches up the
        /// x-height, capitals up the cap height. Tone marks stand above, descenders and the
        /// dots of dấu nặng (ạ ị ọ …) hang below. A strike goes through the body; an
        /// underline stays below the baseline however it touches what hangs there.
        public var baseline: Double
        public var xHeight: Double
        public var capHeight: Double
        /// What tells this name apart from another of the same name ("(1981)"), where it is
        /// printed: apart from the name, not part of it, but a strike through the name may
        /// run on through it.
        public var note: Box? = nil

        /// The body of the letters: from the baseline up the x-height.
        public var body: Box { Box(x: ink.x, y: baseline - xHeight, width: ink.width, height: xHeight) }
    }

    public var width: Double
    public var height: Double
    /// Solid squares clear of the text: near the four corners (top-left, top-right,
    /// bottom-left, bottom-right), then at the middle of each edge (top, bottom, left,
    /// right). The reader finds them to fit a skewed, shifted, slightly scaled scan to the
    /// paper; any three will do. A sheet fed at 5° through a scan window the size of the
    /// paper loses its corners (8 mm of an A5 sheet's side), and with them the corner marks;
    /// the middle of an edge moves along the edge, not off it, and keeps its mark. Ballots
    /// printed before the edge marks have the four corner marks only, and still read.
    public var marks: [Box]
    public var stamp: Box
    /// The serial's signed QR code, quiet zone included.
    public var qr: Box
    public var serial: Box
    public var lines: [Line]

    /// Side of a registration mark, and its distance from the paper's edges.
    public static let markSide = 5.0
    public static let markInset = 4.0
    /// The edge marks' distance from the edge: room for ±5°, ±2 % and a 3 mm shift.
    public static let edgeMarkInset = 5.0

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
