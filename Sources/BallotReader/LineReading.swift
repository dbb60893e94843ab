import Documents

/// What the machine decides for one candidate's line (RULES.md §4.2, §4.5): struck only
/// when the whole name is crossed out, every word of it; kept when nothing crosses it, or
/// only the family or middle name, or an underline (not crossed); unclear whenever it is
/// not sure — the committee decides those. It never guesses.
public struct LineReading: Sendable, Hashable, Codable {
    public enum Decision: String, Sendable, Hashable, Codable { case struck, kept, unclear }

    public var part: Int
    /// As printed on the paper.
    public var number: Int
    public var decision: Decision
    /// For each word of the name, the share of its width crossed by ink through the
    /// letters' body (0…1): the score kept with the reading.
    public var coverage: [Double]
    /// Ink in the line's band that does not cross the name (an underline, a tick), in mm².
    public var strayInk: Double

    /// A word is crossed when ink runs through its body over this share of its width; a
    /// word is clear when less than `clear` of it is touched. Between the two: unclear.
    static let crossed = 0.85
    static let clear = 0.12

    /// `neighbours`: the lines printed just above and below (their marks may spill over).
    static func read(_ line: BallotLayout.Line, in view: PaperView, neighbours: [BallotLayout.Line] = []) -> LineReading {
        let perMM = view.perMM
        let ink = line.ink
        // the letters' body: below the tone marks, above the descenders
        let top = ink.y + ink.height * 0.3, bottom = ink.y + ink.height * 0.92
        let y0 = max(0, Int(top * perMM)), y1 = min(view.height, Int((bottom * perMM).rounded(.up)))
        let slack = max(1, Int((0.25 * perMM).rounded()))
        var coverage: [Double] = []
        // A strike passes over the printed letters, where it cannot be seen (black on
        // black). In each row of the letters' body, a printed run with ink at both of its
        // ends (the stroke goes in on one side and comes out on the other, a row or two
        // higher or lower for a slanted one) counts as crossed all along.
        let wide = view.width
        let x0Line = max(0, Int((ink.x - 2) * perMM)), x1Line = min(wide, Int(((ink.maxX + 2) * perMM).rounded(.up)))
        var crossedColumn = [Bool](repeating: false, count: wide)
        // ink counted down each column of the body (a prefix sum), so that "is there ink
        // within so many rows of here" costs two reads however far a stroke may slant
        let cx0 = 0, cx1 = wide, span = max(0, y1 - y0) + 1
        var below = [Int32](repeating: 0, count: max(0, cx1 - cx0) * span)
        if y1 > y0, cx1 > cx0 {
            for x in cx0..<cx1 {
                let base = (x - cx0) * span
                for y in y0..<y1 { below[base + y - y0 + 1] = below[base + y - y0] + (view.ink[y * wide + x] ? 1 : 0) }
            }
        }
        func inkNear(_ x: Int, _ y: Int, rows: Int) -> Bool {
            guard x >= cx0, x < cx1 else { return false }
            let lo = max(y0, y - rows), hi = min(y1 - 1, y + rows)
            guard hi >= lo else { return false }
            let base = (x - cx0) * span
            return below[base + hi - y0 + 1] > below[base + lo - y0]
        }
        if y1 > y0, x1Line > x0Line {
            for y in y0..<y1 {
                var x = x0Line
                while x < x1Line {
                    let i = y * wide + x
                    if view.ink[i] {
                        for dx in -slack...slack where x + dx >= 0 && x + dx < wide { crossedColumn[x + dx] = true }
                        x += 1
                    } else if view.printed[i] {
                        var end = x
                        while end + 1 < wide, view.printed[y * wide + end + 1] { end += 1 }
                        // a slanted or wavy stroke comes out higher or lower than it went in, by
                        // up to the run's length (45°), within a millimetre and a half
                        let run = end - x + 1, limit = Int(1.5 * perMM)
                        let entered = (1...slack + 1).contains { inkNear(x - $0, y, rows: min(limit, max(1, run / 2))) }
                        let left = (1...slack + 1).contains { inkNear(end + $0, y, rows: min(limit, max(2, run))) }
                        if entered && left { for c in x...end { crossedColumn[c] = true } }
                        x = end + 1
                    } else {
                        x += 1
                    }
                }
            }
        }
        for word in line.words {
            let x0 = max(0, Int(word.x * perMM)), x1 = min(wide, Int((word.maxX * perMM).rounded(.up)))
            guard x1 > x0, y1 > y0 else { coverage.append(0); continue }
            coverage.append(Double((x0..<x1).filter { crossedColumn[$0] }.count) / Double(x1 - x0))
        }
        // stray ink: in the band, but not in the body of the name
        let band = line.row
        let body = BallotLayout.Box(x: ink.x - 1, y: top, width: ink.width + 2, height: bottom - top)
        let stray = Double(max(0, view.inkCount(band) - view.inkCount(body))) / (perMM * perMM)
        let decision: Decision
        if !coverage.isEmpty, coverage.allSatisfy({ $0 >= crossed }) {
            decision = .struck
        } else if coverage.allSatisfy({ $0 < clear }) && stray < 0.5 {
            // nothing through the name, and at most a speck around it
            decision = .kept
        } else if let given = coverage.last, given < clear, coverage.contains(where: { $0 >= crossed }),
                  coverage.allSatisfy({ $0 >= crossed || $0 < clear }) {
            // only the family or middle name crossed, the given name untouched: not crossed
            decision = .kept
        } else if coverage.allSatisfy({ $0 < clear }), Self.onlyBelow(line, in: view, bottom: bottom) {
            // an underline: ink only under the letters, none through them
            decision = .kept
        } else if coverage.allSatisfy({ $0 < clear }), Self.spilledFromNeighbours(line, in: view, bottom: bottom, neighbours: neighbours) {
            // the line above underlined with a thick pen, or the one below struck high: the
            // ink is theirs, long strokes reaching in from their bands, none in these letters
            decision = .kept
        } else {
            decision = .unclear
        }
        return LineReading(part: line.part, number: line.number, decision: decision, coverage: coverage, strayInk: stray)
    }

    /// Whether every inked pixel of the band outside this name's letters belongs to a stroke
    /// that comes from a neighbouring line's band, is at least 3 mm long (a strike or an
    /// underline, not a tick) and never touches this name's letters, tone marks included —
    /// or to this line's own underline, wholly under its letters.
    static func spilledFromNeighbours(_ line: BallotLayout.Line, in view: PaperView, bottom: Double,
                                      neighbours: [BallotLayout.Line]) -> Bool {
        guard !neighbours.isEmpty else { return false }
        let perMM = view.perMM, w = view.width
        let window = neighbours.reduce(line.row) { box, n in
            let x = min(box.x, n.row.x), y = min(box.y, n.row.y)
            return BallotLayout.Box(x: x, y: y, width: max(box.maxX, n.row.maxX) - x, height: max(box.maxY, n.row.maxY) - y)
        }
        let (wx0, wy0, wx1, wy1) = view.pixel(window)
        let (bx0, by0, bx1, by1) = view.pixel(line.row)
        let letters = BallotLayout.Box(x: line.ink.x - 1, y: line.ink.y, width: line.ink.width + 2, height: bottom - line.ink.y)
        let (lx0, ly0, lx1, ly1) = view.pixel(letters)
        func inLetters(_ x: Int, _ y: Int) -> Bool { x >= lx0 && x < lx1 && y >= ly0 && y < ly1 }
        var seen = Set<Int>()
        for y in by0..<by1 {
            for x in bx0..<bx1 where view.ink[y * w + x] && !seen.contains(y * w + x) {
                if inLetters(x, y) { return false }
                // the stroke this pixel is part of, within the window (8-connected)
                var stack = [y * w + x], minX = x, maxX = x, lowest = y, leaves = false
                seen.insert(y * w + x)
                while let i = stack.popLast() {
                    let px = i % w, py = i / w
                    if inLetters(px, py) { return false }
                    if py < by0 || py >= by1 { leaves = true }
                    minX = min(minX, px)
                    maxX = max(maxX, px)
                    lowest = min(lowest, py)
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let nx = px + dx, ny = py + dy
                            guard nx >= wx0, nx < wx1, ny >= wy0, ny < wy1 else { continue }
                            let j = ny * w + nx
                            if view.ink[j] && !seen.contains(j) {
                                seen.insert(j)
                                stack.append(j)
                            }
                        }
                    }
                }
                // this line's own underline (all of it under the letters) is judged as one
                let ownUnderline = !leaves && lowest >= Int(bottom * perMM)
                guard ownUnderline || (leaves && Double(maxX - minX) >= 3 * perMM) else { return false }
            }
        }
        return true
    }

    /// Whether the band's ink, if any, all lies below the letters' body (an underline).
    static func onlyBelow(_ line: BallotLayout.Line, in view: PaperView, bottom: Double) -> Bool {
        let above = BallotLayout.Box(x: line.row.x, y: line.row.y, width: line.row.width, height: bottom - line.row.y)
        return view.inkCount(above) == 0
    }
}
