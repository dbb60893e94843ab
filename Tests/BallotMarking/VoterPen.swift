import BallotReader
import Documents
import Foundation

/// What voters draw on the paper, drawn on a page image in the paper's millimetres: the
/// strikes RULES.md §4.2 counts as crossing a name, the marks it does not (the family name
/// only, an underline), writing outside the list, and the committee's seal.
public enum Mark: CaseIterable, Sendable, CustomStringConvertible {
    case straight, wavy, double, diagonal, zigzag, familyOnly, underline

    /// What RULES.md §4.2 says the line is.
    public var crosses: Bool {
        switch self {
        case .straight, .wavy, .double, .diagonal, .zigzag: true
        case .familyOnly, .underline: false
        }
    }

    public var description: String {
        switch self {
        case .straight: "straight"
        case .wavy: "wavy"
        case .double: "double"
        case .diagonal: "diagonal"
        case .zigzag: "zigzag"
        case .familyOnly: "family only"
        case .underline: "underline"
        }
    }
}

/// A pen: width in mm and the grey it leaves (0 black … 255).
public struct Pen: Sendable, CustomStringConvertible {
    public var width: Double
    public var grey: UInt8
    public init(width: Double, grey: UInt8) {
        self.width = width
        self.grey = grey
    }
    public var description: String { "\(width) mm grey \(grey)" }

    /// Ballpoint to felt tip, dark to pale.
    public static func random(using rng: inout some RandomNumberGenerator) -> Pen {
        Pen(width: [0.5, 0.8, 1.2, 2.0].randomElement(using: &rng) ?? 1, grey: [20, 60, 110, 140].randomElement(using: &rng) ?? 20)
    }
}

public enum Marking {
    /// Draws a stroke through points (mm) on a page image at `perMM`.
    public static func stroke(_ points: [(Double, Double)], pen: Pen, on page: inout ScanImage, perMM: Double) {
        let r = pen.width * perMM / 2
        for (a, b) in zip(points, points.dropFirst()) {
            let (ax, ay, bx, by) = (a.0 * perMM, a.1 * perMM, b.0 * perMM, b.1 * perMM)
            let x0 = Int(min(ax, bx) - r - 1), x1 = Int(max(ax, bx) + r + 1)
            let y0 = Int(min(ay, by) - r - 1), y1 = Int(max(ay, by) + r + 1)
            let dx = bx - ax, dy = by - ay, length2 = max(dx * dx + dy * dy, 1e-9)
            for y in max(0, y0)..<min(page.height, max(0, y1)) {
                for x in max(0, x0)..<min(page.width, max(0, x1)) {
                    let t = max(0, min(1, ((Double(x) - ax) * dx + (Double(y) - ay) * dy) / length2))
                    let px = ax + t * dx - Double(x), py = ay + t * dy - Double(y)
                    if px * px + py * py <= r * r {
                        let i = y * page.width + x
                        page.pixels[i] = min(page.pixels[i], pen.grey)
                    }
                }
            }
        }
    }

    /// A voter's mark on one candidate's line.
    public static func draw(_ mark: Mark, on line: BallotLayout.Line, pen: Pen, page: inout ScanImage, perMM: Double) {
        let ink = line.ink
        let mid = ink.y + ink.height * 0.6
        let left = ink.x - 1.5, right = ink.maxX + 1.5
        func wave(_ amplitude: Double, _ period: Double, triangle: Bool) -> [(Double, Double)] {
            stride(from: left, through: right, by: 0.4).map { x in
                let phase = (x - left) / period
                let v = triangle ? abs((phase - phase.rounded(.down)) * 4 - 2) - 1 : sin(phase * 2 * .pi)
                return (x, mid + amplitude * v)
            }
        }
        switch mark {
        case .straight: stroke([(left, mid - 0.3), (right, mid + 0.4)], pen: pen, on: &page, perMM: perMM)
        case .wavy: stroke(wave(ink.height * 0.15, 6, triangle: false), pen: pen, on: &page, perMM: perMM)
        case .zigzag: stroke(wave(ink.height * 0.18, 3, triangle: true), pen: pen, on: &page, perMM: perMM)
        case .double:
            stroke([(left, mid - ink.height * 0.12), (right, mid - ink.height * 0.1)], pen: pen, on: &page, perMM: perMM)
            stroke([(left, mid + ink.height * 0.14), (right, mid + ink.height * 0.12)], pen: pen, on: &page, perMM: perMM)
        case .diagonal:
            stroke([(left, ink.y + ink.height * 0.4), (right, ink.y + ink.height * 0.8)], pen: pen, on: &page, perMM: perMM)
        case .familyOnly:
            stroke([(ink.x - 1, mid), (line.words[0].maxX + 0.3, mid + 0.2)], pen: pen, on: &page, perMM: perMM)
        case .underline:
            stroke([(ink.x, ink.maxY + 0.9), (ink.maxX, ink.maxY + 1.1)], pen: pen, on: &page, perMM: perMM)
        }
    }

    /// A few letters written in the margin beside the list (a name added, a signature).
    public static func writeOutside(_ layout: BallotLayout, pen: Pen = Pen(width: 0.7, grey: 40), page: inout ScanImage, perMM: Double) {
        let y = layout.lines[min(1, layout.lines.count - 1)].row.y
        stroke([(13, y), (15, y + 3), (17, y), (19, y + 3)], pen: pen, on: &page, perMM: perMM)
    }

    /// The congress's round seal over the stamp box, red ink as a grey scanner sees it
    /// (about 80–150): a double ring and a star. `radius`: the outer ring's (mm); `off`: how
    /// far from the box's centre the hand put it (mm, right and down).
    public static func stamp(_ layout: BallotLayout, grey: UInt8 = 90, radius: Double = 11, off: (x: Double, y: Double) = (0, 0),
                             page: inout ScanImage, perMM: Double) {
        let box = layout.stamp
        let cx = box.x + box.width / 2 + off.x, cy = box.y + box.height / 2 + off.y
        let pen = Pen(width: 0.9, grey: grey)
        for radius in [radius, radius - 2.5] {
            let ring = stride(from: 0.0, through: 2 * .pi + 0.01, by: .pi / 48).map { (cx + radius * cos($0), cy + radius * sin($0)) }
            stroke(ring, pen: pen, on: &page, perMM: perMM)
        }
        let star = (0...5).map { i -> (Double, Double) in
            let a = -Double.pi / 2 + Double(i * 2 % 5) * 2 * .pi / 5
            return (cx + 4 * cos(a), cy + 4 * sin(a))
        }
        stroke(star, pen: Pen(width: 0.7, grey: grey), on: &page, perMM: perMM)
    }
}
