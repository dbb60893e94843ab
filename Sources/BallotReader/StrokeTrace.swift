import Documents

/// The voter's strokes along one candidate's name (nét gạch): the ink around the name, and
/// where a stroke passes over printed letters (black on black, unseen) the path it must have
/// taken, from where it went in to where it came out. Specks (dust, JPEG noise) are left
/// out. Each column of the page then holds where the strokes cross it: what `LineReading`
/// judges, as a person following the pen would.
struct StrokeTrace {
    /// The window, in the view's pixels: the name's columns with 2 mm either side, its rows
    /// from just above the tone marks to 1.5 mm under the descenders, within the line's band.
    let x0: Int, x1: Int, y0: Int, y1: Int
    let perMM: Double
    let nameColumns: Range<Int>
    /// One crossing of a column by a stroke: its rows (inclusive, in the view's pixels), and
    /// whether its top and its bottom edge show (no print just above or below, where a thick
    /// pen's edge would be hidden under the letters).
    struct Crossing {
        var top: Int
        var bottom: Int
        var topShows: Bool
        var bottomShows: Bool
        var clean: Bool { topShows && bottomShows }
    }
    /// The pen's width, in pixels: the median height of the crossings that show whole.
    private var pen = 1.0
    /// The pen's width, in millimetres.
    var penWidth: Double { pen / perMM }
    /// Per column of the window, where strokes cross it.
    private var runs: [[Crossing]]
    /// Per column of the window, whether anything is printed there (within the window's rows).
    private var printedColumn: [Bool]
    /// The paper's printed pixels (the view's own, shared, not copied) and its width.
    private let printed: [Bool]
    private let wide: Int
    /// Inked pixels in the line's band outside the window, in pieces that do not reach it.
    let inkOutsideName: Int
    /// The columns where a stroke that goes through the window runs on outside it, above or
    /// below, in the line's band (a slanted stroke leaving the name under its given name).
    let leavesWindow: Set<Int>

    /// `faint`: traced on the faint ink (a pale pencil) rather than the ink. `neighbours`:
    /// the lines printed above and below, whose strokes may reach into this band.
    init(_ line: BallotLayout.Line, in view: PaperView, faint: Bool = false, neighbours: [BallotLayout.Line] = []) {
        let marked = faint ? view.faint : view.ink
        let perMM = view.perMM
        self.perMM = perMM
        printed = view.printed
        wide = view.width
        let (bx0, by0, bx1, by1) = view.pixel(line.row)
        let (x0, x1, y0, y1) = Self.window(line, in: view)
        (self.x0, self.x1, self.y0, self.y1) = (x0, x1, y0, y1)
        lettersTop = Int((line.baseline - line.capHeight) * perMM)
        lettersBottom = Int(((line.ink.maxY + 0.3) * perMM).rounded(.up))
        nameColumns = max(x0, Int(line.ink.x * perMM))..<max(x0, min(x1, Int((line.ink.maxX * perMM).rounded(.up))))
        let w = x1 - x0, h = y1 - y0, wide = view.width
        // ink of the band outside the window, less the strokes that run on into the window
        // (a thick underline hanging below it) and those that come from a neighbour's own
        // window (its underline or strike, thick enough to reach across into this band; that
        // line's reading judges it): a tick, a dot, a line drawn between two names
        func inWindow(_ x: Int, _ y: Int) -> Bool { x >= x0 && x < x1 && y >= y0 && y < y1 }
        let others = neighbours.map { Self.window($0, in: view) }
        func inNeighbour(_ x: Int, _ y: Int) -> Bool { others.contains { x >= $0.x0 && x < $0.x1 && y >= $0.y0 && y < $0.y1 } }
        let reach = neighbours.map { view.pixel($0.row) }.reduce((bx0, by0, bx1, by1)) { (min($0.0, $1.0), min($0.1, $1.1), max($0.2, $1.2), max($0.3, $1.3)) }
        func inBand(_ x: Int, _ y: Int) -> Bool { x >= bx0 && x < bx1 && y >= by0 && y < by1 }
        var outside = 0
        var leaving = Set<Int>()
        var visited = Set<Int>()
        for y in by0..<by1 {
            for x in bx0..<bx1 where marked[y * wide + x] && !inWindow(x, y) && !visited.contains(y * wide + x) {
                var stack = [y * wide + x], count = 0, reaches = false, theirs = false, left = x, right = x
                var beside = Set<Int>()
                visited.insert(y * wide + x)
                while let i = stack.popLast() {
                    let px = i % wide, py = i / wide
                    (left, right) = (min(left, px), max(right, px))
                    if inWindow(px, py) { reaches = true } else if inNeighbour(px, py) { theirs = true } else if inBand(px, py) {
                        count += 1
                        beside.insert(px)
                    }
                    for (nx, ny) in [(px - 1, py), (px + 1, py), (px, py - 1), (px, py + 1)]
                    where nx >= reach.0 && nx < reach.2 && ny >= reach.1 && ny < reach.3 && marked[ny * wide + nx] && !visited.contains(ny * wide + nx) {
                        visited.insert(ny * wide + nx)
                        stack.append(ny * wide + nx)
                    }
                }
                // a neighbour's stroke is long (a tick across the two bands is nobody's)
                if !reaches && !(theirs && Double(right - left) >= 3 * perMM) { outside += count }
                if reaches { leaving.formUnion(beside) }
            }
        }
        inkOutsideName = outside
        leavesWindow = leaving
        runs = Array(repeating: [], count: w)
        printedColumn = Array(repeating: false, count: w)
        guard w > 0, h > 0 else { return }

        // the voter's ink in the window, in pieces (8-connected)
        var ink = [Bool](repeating: false, count: w * h)
        for y in 0..<h {
            for x in 0..<w where marked[(y0 + y) * wide + x0 + x] { ink[y * w + x] = true }
        }
        var label = [Int32](repeating: -1, count: w * h)
        var pieces: [[Int]] = []
        var stack: [Int] = []
        for start in 0..<(w * h) where ink[start] && label[start] < 0 {
            var members: [Int] = []
            label[start] = Int32(pieces.count)
            stack.append(start)
            while let p = stack.popLast() {
                members.append(p)
                let px = p % w, py = p / w
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = px + dx, ny = py + dy
                        guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                        let q = ny * w + nx
                        if ink[q] && label[q] < 0 {
                            label[q] = Int32(pieces.count)
                            stack.append(q)
                        }
                    }
                }
            }
            pieces.append(members)
        }
        let printedAt: (Int, Int) -> Bool = { x, y in view.printed[(y0 + y) * wide + x0 + x] }
        for x in 0..<w { printedColumn[x] = (0..<h).contains { printedAt(x, $0) } }

        // Where a stroke passes over printed letters it cannot be seen: a piece of ink that
        // ends where print begins, and another that begins where the print ends
        // and at heights a hand's line joins, with print in every column between (near the
        // line joining them): one stroke. Its path there is the straight line between the two
        // ends, so an underline that runs on under a descender stays an underline, and a
        // strike that runs along a letter's bar stays a strike.
        struct End { var x: Int; var top: Int; var bottom: Int; var centre: Double { Double(top + bottom) / 2 } }
        func end(of piece: [Int], right: Bool) -> End {
            let xs = piece.map { $0 % w }
            let edge = right ? (xs.max() ?? 0) : (xs.min() ?? 0)
            let rows = piece.filter { $0 % w == edge }.map { $0 / w }
            return End(x: edge, top: rows.min() ?? 0, bottom: rows.max() ?? 0)
        }
        let rights = pieces.map { end(of: $0, right: true) }, lefts = pieces.map { end(of: $0, right: false) }
        // letters set close merge once widened ("Ma" is one printed block): a stroke may pass
        // hidden under a few of them; a space between words is never printed, so no join
        // crosses from one word to the next unseen
        let longest = Int(max(6, 8 * line.xHeight) * perMM), rise = 1.5 * perMM
        var bridges: [(Int, Int)] = []
        for (i, from) in rights.enumerated() {
            var best: (j: Int, cost: Double)?
            for (j, to) in lefts.enumerated() where j != i && to.x > from.x + 1 && to.x - from.x <= longest {
                let dy = abs(to.centre - from.centre)
                guard dy <= max(rise, 1.2 * Double(to.x - from.x)) else { continue }
                // print in every column between, within reach of the joining line
                let hidden = ((from.x + 1)..<to.x).allSatisfy { x in
                    let t = Double(x - from.x) / Double(to.x - from.x)
                    let c = Int((from.centre + t * (to.centre - from.centre)).rounded())
                    return (max(0, c - Int(rise))...min(h - 1, c + Int(rise))).contains { printedAt(x, $0) }
                }
                guard hidden else { continue }
                let cost = Double(to.x - from.x) + 2 * dy
                if best == nil || cost < (best?.cost ?? .infinity) { best = (j, cost) }
            }
            guard let j = best?.j else { continue }
            bridges.append((i, j))
        }
        // specks are not strokes: a piece smaller than a quarter of a square millimetre and
        // shorter than a millimetre each way, joined to no other, is dust or noise; pieces
        // joined under the letters are one stroke however small each part that shows
        var group = Array(pieces.indices)
        func root(_ k: Int) -> Int { var k = k; while group[k] != k { group[k] = group[group[k]]; k = group[k] }; return k }
        for (i, j) in bridges { group[root(i)] = root(j) }
        var extent: [Int: (lx: Int, hx: Int, ly: Int, hy: Int, area: Int)] = [:]
        for (k, piece) in pieces.enumerated() {
            var e = extent[root(k)] ?? (Int.max, 0, Int.max, 0, 0)
            for p in piece { e = (min(e.lx, p % w), max(e.hx, p % w), min(e.ly, p / w), max(e.hy, p / w), e.area + 1) }
            extent[root(k)] = e
        }
        let minimumArea = Int(0.25 * perMM * perMM), minimumExtent = Int(1.0 * perMM)
        var speck = [Bool](repeating: false, count: pieces.count)
        for k in pieces.indices {
            guard let e = extent[root(k)] else { continue }
            if e.area < minimumArea && e.hx - e.lx < minimumExtent && e.hy - e.ly < minimumExtent {
                speck[k] = true
                for p in pieces[k] { ink[p] = false }
            }
        }
        // each column's crossings: runs of ink, a one-row gap closed, and two runs one above
        // the other joined where only print lies between them (a stroke across a letter's bar)
        let bar = Int(1.2 * perMM)
        for x in 0..<w {
            var column: [(top: Int, bottom: Int)] = []
            var y = 0
            while y < h {
                guard ink[y * w + x] else { y += 1; continue }
                var end = y
                while end + 1 < h, ink[(end + 1) * w + x] || (end + 2 < h && ink[(end + 2) * w + x]) { end += 1 }
                while !ink[end * w + x] { end -= 1 }
                if let last = column.last, y - last.bottom - 1 <= bar, ((last.bottom + 1)..<y).allSatisfy({ printedAt(x, $0) }) {
                    column[column.count - 1].bottom = end
                } else {
                    column.append((y, end))
                }
                y = end + 1
            }
            runs[x] = column.map {
                Crossing(top: y0 + $0.top, bottom: y0 + $0.bottom,
                         topShows: $0.top == 0 || !printedAt(x, $0.top - 1), bottomShows: $0.bottom == h - 1 || !printedAt(x, $0.bottom + 1))
            }
        }

        for (i, j) in bridges where !speck[i] && !speck[j] {
            let from = rights[i], to = lefts[j]
            for x in (from.x + 1)..<to.x {
                let t = Double(x - from.x) / Double(to.x - from.x)
                let top = Double(from.top) + t * Double(to.top - from.top), bottom = Double(from.bottom) + t * Double(to.bottom - from.bottom)
                let run = Crossing(top: y0 + Int(top.rounded()), bottom: y0 + Int(bottom.rounded()), topShows: false, bottomShows: false)
                // the same stroke seen in part in this column already: not a second crossing
                if !runs[x].contains(where: { $0.bottom >= run.top - 1 && $0.top <= run.bottom + 1 }) { runs[x].append(run) }
            }
        }
        let heights = runs.flatMap { $0.filter(\.clean).map { Double($0.bottom - $0.top + 1) } }.sorted()
        pen = heights.isEmpty ? 0.6 * perMM : heights[heights.count / 2]
    }

    /// Where a crossing's stroke runs, in rows: its own centre when both edges show; else
    /// half the pen's width in from the edge that shows (the other is under the letters).
    private func centre(_ run: Crossing) -> Double {
        switch (run.topShows, run.bottomShows) {
        case (false, true) where Double(run.bottom - run.top + 1) < pen: Double(run.bottom) - (pen - 1) / 2
        case (true, false) where Double(run.bottom - run.top + 1) < pen: Double(run.top) + (pen - 1) / 2
        default: Double(run.top + run.bottom) / 2
        }
    }

    /// Rows of the letters themselves, capitals to descenders: a stroke crossing a column
    /// there runs along the name; one only above the capitals (through the tone marks, or a
    /// neighbour's underline reaching down) does not.
    let lettersTop: Int, lettersBottom: Int

    /// Whether a stroke crosses page column `x` through the letters' rows.
    func covered(_ x: Int) -> Bool {
        x >= x0 && x < x1 && runs[x - x0].contains { $0.bottom >= lettersTop && $0.top <= lettersBottom }
    }

    /// Where strokes cross page column `x`: each crossing's centre, in millimetres down the paper.
    func centres(_ x: Int) -> [Double] {
        guard x >= x0, x < x1 else { return [] }
        return runs[x - x0].map { (centre($0) + 0.5) / perMM }
    }

    /// Every crossing's centre and top (mm) over the name's columns.
    var allCentres: [Double] { nameColumns.flatMap { centres($0) } }
    var allTops: [Double] { nameColumns.flatMap { x in runs[x - x0].map { (Double($0.top) + 0.5) / perMM } } }

    /// Whether every column of `range` has print in it (a stroke could hide there).
    func printedAcross(_ range: Range<Int>) -> Bool {
        range.allSatisfy { $0 >= x0 && $0 < x1 && printedColumn[$0 - x0] }
    }

    /// Whether a stroke running level at `y` (mm), a pen's width thick, would be under print
    /// in every column of `range`: no gap between the letters or in a letter's counter where
    /// it would have shown. (Where it would have shown and did not, it was not there.)
    func hidden(_ range: Range<Int>, at y: Double) -> Bool {
        let half = max(1, Int((pen / 2).rounded(.up)))
        let row = Int(y * perMM)
        return range.allSatisfy { x in
            guard x >= x0, x < x1 else { return false }
            return ((row - half)...(row + half)).contains { r in r >= y0 && r < y1 && printed[r * wide + x] }
        }
    }

    /// One straight stroke along the name: y = slope·x + intercept (mm), when the name's
    /// columns are crossed once each, nearly all of them, and the crossings lie on a line
    /// (a hand's line wavers a little; a wave or a zig-zag does not fit).
    /// The window a line's strokes are traced in (pixels): the name's ink and 2 mm around
    /// it, and the note after a name shared with another candidate ("(1981)"), which a
    /// strike through the name may run on through; inside the line's band.
    static func window(_ line: BallotLayout.Line, in view: PaperView) -> (x0: Int, x1: Int, y0: Int, y1: Int) {
        let perMM = view.perMM
        let (bx0, by0, bx1, by1) = view.pixel(line.row)
        let right = max(line.ink.maxX, line.note?.maxX ?? 0) + 2
        let x0 = max(bx0, Int((line.ink.x - 2) * perMM)), x1 = max(x0, min(bx1, Int((right * perMM).rounded(.up))))
        let y0 = max(by0, Int((line.ink.y - 0.5) * perMM)), y1 = max(y0, min(by1, Int(((line.ink.maxY + 1.5) * perMM).rounded(.up))))
        return (x0, x1, y0, y1)
    }

    func straightLine() -> (slope: Double, intercept: Double, y: (Double) -> Double)? {
        var points: [(x: Double, y: Double)] = []
        var crossed = 0, twice = 0
        for x in nameColumns {
            let column = runs[x - x0]
            if !column.isEmpty { crossed += 1 }
            // a column crossed twice (a stroke and a piece of its shadow under a letter's
            // bar) says nothing of the line's height; a felt tip at a slant leaves such
            // pieces at many letters, but past a quarter of the columns it is not one line
            if column.count > 1 { twice += 1; continue }
            if let run = column.first { points.append(((Double(x) + 0.5) / perMM, (centre(run) + 0.5) / perMM)) }
        }
        guard nameColumns.count > 0, Double(crossed) >= 0.85 * Double(nameColumns.count), twice * 4 <= crossed, points.count >= 4
        else { return nil }
        let n = Double(points.count)
        let mx = points.map(\.x).reduce(0, +) / n, my = points.map(\.y).reduce(0, +) / n
        let sxx = points.map { ($0.x - mx) * ($0.x - mx) }.reduce(0, +)
        let sxy = points.map { ($0.x - mx) * ($0.y - my) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx, intercept = my - slope * mx
        let rms = (points.map { let d = $0.y - (slope * $0.x + intercept); return d * d }.reduce(0, +) / n).squareRoot()
        guard rms <= 0.4 else { return nil }
        return (slope, intercept, { slope * $0 + intercept })
    }
}
