import BallotReader
import Documents
import Foundation

/// A sheet as a voter marked it and a scanner saw it, with the answer beside it: the lines
/// (as printed) that RULES.md §4.2 counts struck, and what else was drawn.
public struct MarkedSheet: Sendable {
    public var scan: ScanImage
    /// The lines crossed through, as printed (the paper's first part).
    public var struck: [Int]
    public var writesOutside: Bool
    public var stamped: Bool
    /// A streak drawn across the name lines.
    public var streak: Bool
    /// What was drawn and how it was distorted, for a failure's message.
    public var description: String

    /// Nothing for the committee to judge: stamped, nothing outside the lines, no streak.
    public var clean: Bool { stamped && !writesOutside && !streak }
}

/// Draws voters' marks on the project's own ballots and distorts them as scanners do.
public struct SheetMarker: Sendable {
    public let layout: BallotLayout
    public let perMM: Double

    public init(layout: BallotLayout, dpi: Double) {
        self.layout = layout
        perMM = dpi / 25.4
    }

    /// Marks each line at random (about half of them, with any mark and pen), stamps the
    /// paper, and writes outside the lines when asked.
    /// `struck` is the first part's; `byPart` every part's (a combined paper has two).
    public func vote(_ straight: ScanImage, rng: inout SeededGenerator, writeOutside: Bool = false,
                     stamp: Bool = true) -> (page: ScanImage, struck: [Int], notes: [String], byPart: [[Int]]) {
        var page = straight
        var byPart = [[Int]](repeating: [], count: (layout.lines.map(\.part).max() ?? 0) + 1)
        var notes: [String] = []
        if stamp { Marking.stamp(layout, grey: UInt8.random(in: 70...150, using: &rng), page: &page, perMM: perMM) }
        for line in layout.lines where Bool.random(using: &rng) {
            let mark = Mark.allCases.randomElement(using: &rng) ?? .straight
            let pen = Pen.random(using: &rng)
            Marking.draw(mark, on: line, pen: pen, page: &page, perMM: perMM)
            if mark.crosses { byPart[line.part].append(line.number) }
            notes.append((line.part > 0 ? "part \(line.part + 1) " : "") + "\(line.number): \(mark) \(pen)")
        }
        let struck = byPart[0]
        if writeOutside {
            Marking.writeOutside(layout, page: &page, perMM: perMM)
            notes.append("writing outside")
        }
        if !stamp { notes.append("no stamp") }
        return (page, struck, notes, byPart)
    }

    /// A scanner's distortion within what the reader must take: ±4°, ±2 %, shifted, a dark
    /// border, a soft blur, noise, JPEG quality 40–90; upside down when asked.
    public func distortion(rng: inout SeededGenerator, upsideDown: Bool = false) -> ScannerDistortion {
        ScannerDistortion(
            degrees: Double.random(in: -4...4, using: &rng) + (upsideDown ? 180 : 0), scale: Double.random(in: 0.98...1.02, using: &rng),
            shift: (Double.random(in: -15...15, using: &rng), Double.random(in: -15...15, using: &rng)), border: 120,
            background: UInt8.random(in: 10...60, using: &rng), blur: Int.random(in: 0...1, using: &rng),
            noise: Double.random(in: 0...4, using: &rng), jpegQuality: Int.random(in: 40...90, using: &rng), seed: rng.next())
    }

    /// Sheet `number` of a generated box: every fifth writes outside the lines, every
    /// seventh has no seal, every eleventh a scanner's streak down through the names, every
    /// fourth is upside down; `clean` sheets are stamped with nothing outside the lines.
    public func sheet(_ straight: ScanImage, number: Int, rng: inout SeededGenerator, clean: Bool = false) -> MarkedSheet {
        let writesOutside = !clean && number % 5 == 4
        let stamped = clean || number % 7 != 6
        let streak = !clean && number % 11 == 10
        let (page, struck, notes, _) = vote(straight, rng: &rng, writeOutside: writesOutside, stamp: stamped)
        var distortion = distortion(rng: &rng, upsideDown: number % 4 == 3)
        if streak, let word = layout.lines.first?.words.first {
            // dust on the glass: a line down the whole scan, through the first name
            let x = distortion.map((word.centre.x * perMM, word.centre.y * perMM), source: straight).x
            distortion.streak = (x: Int(x), grey: 40)
        }
        return MarkedSheet(scan: distortion.apply(page), struck: struck, writesOutside: writesOutside, stamped: stamped, streak: streak,
                           description: "sheet \(number) (\(distortion); \(notes.joined(separator: ", ")))")
    }
}
