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
    /// Per column of the window, the rows where a stroke crosses it: (top, bottom), inclusive.
    private var runs: [[(top: Int, bottom: Int)]]
    /// Per column of the window, whether anything is printed there (within the window's rows).
    private var printedColumn: [Bool]
    /// Inked pixels in the line's band outside the window, in pieces that do not reach it.
    let inkOutsideName: Int

    init(_ line: BallotLayout.Line, in view: PaperView) {
        let perMM = view.perMM
        self.perMM = perMM
        let (bx0, by0, bx1, by1) = view.pixel(line.row)
        let x0 = max(bx0, Int((line.ink.x - 2) * perMM)), x1 = max(x0, min(bx1, Int(((line.ink.maxX + 2) * perMM).rounded(.up))))
        let y0 = max(by0, Int((line.ink.y - 0.5) * perMM)), y1 = max(y0, min(by1, Int(((line.ink.maxY + 1.5) * perMM).rounded(.up))))
        (self.x0, self.x1, self.y0, self.y1) = (x0, x1, y0, y1)
        lettersTop = Int((line.baseline - line.capHeight) * perMM)
        lettersBottom = Int(((line.ink.maxY + 0.3) * perMM).rounded(.up))
        nameColumns = max(x0, Int(line.ink.x * perMM))..<max(x0, min(x1, Int((line.ink.maxX * perMM).rounded(.up))))
        let w = x1 - x0, h = y1 - y0, wide = view.width
        // ink of the band outside the window, less the strokes that run on into the window
        // (a thick underline hanging below it): a tick, a dot, a neighbour's stroke
        func inWindow(_ x: Int, _ y: Int) -> Bool { x >= x0 && x < x1 && y >= y0 && y < y1 }
        var outside = 0
        var visited = Set<Int>()
        for y in by0..<by1 {
            for x in bx0..<bx1 where view.ink[y * wide + x] && !inWindow(x, y) && !visited.contains(y * wide + x) {
                var stack = [y * wide + x], count = 0, reaches = false
                visited.insert(y * wide + x)
                while let i = stack.popLast() {
                    let px = i % wide, py = i / wide
                    if inWindow(px, py) { reaches = true } else { count += 1 }
                    for (nx, ny) in [(px - 1, py), (px + 1, py), (px, py - 1), (px, py + 1)]
                    where nx >= bx0 && nx < bx1 && ny >= by0 && ny < by1 && view.ink[ny * wide + nx] && !visited.contains(ny * wide + nx) {
                        visited.insert(ny * wide + nx)
                        stack.append(ny * wide + nx)
                    }
                }
                if !reaches { outside += count }
            }
        }
        inkOutsideName = outside
        runs = Array(repeating: [], count: w)
        printedColumn = Array(repeating: false, count: w)
        guard w > 0, h > 0 else { return }

        // ink counted down each column (a prefix sum): "is there ink in these rows of that
        // column" costs two reads however far a stroke may slant
        var below = [Int32](repeating: 0, count: w * (h + 1))
        for x in 0..<w {
            let base = x * (h + 1)
            for y in 0..<h { below[base + y + 1] = below[base + y] + (view.ink[(y0 + y) * wide + x0 + x] ? 1 : 0) }
        }
        func inked(_ x: Int, _ lo: Int, _ hi: Int) -> Bool {
            guard x >= 0, x < w else { return false }
            let a = max(0, lo), b = min(h - 1, hi)
            guard b >= a else { return false }
            return below[x * (h + 1) + b + 1] > below[x * (h + 1) + a]
        }
        var stroke = [Bool](repeating: false, count: w * h)
        for y in 0..<h {
            for x in 0..<w where view.ink[(y0 + y) * wide + x0 + x] { stroke[y * w + x] = true }
        }
        // Across each printed run of a row: the stroke went under the letters here when ink
        // lies at one side at or above this row and at the other at or below it (the straight
        // line between the two passes through this row). An underline beside a descender
        // has its ink below the row on both sides: the letters above it are not crossed.
        let slack = max(1, Int((0.25 * perMM).rounded())) + 1
        let limit = Int(1.5 * perMM)
        for y in 0..<h {
            var x = 0
            while x < w {
                guard view.printed[(y0 + y) * wide + x0 + x] else { x += 1; continue }
                var end = x
                while end + 1 < w, view.printed[(y0 + y) * wide + x0 + end + 1] { end += 1 }
                printedColumn.withUnsafeMutableBufferPointer { for c in x...end { $0[c] = true } }
                if x > 0, end < w - 1 {
                    let reach = min(limit, max(2, end - x + 1))
                    let leftAbove = (1...slack).contains { inked(x - $0, y - reach, y + 1) }
                    let leftBelow = (1...slack).contains { inked(x - $0, y - 1, y + reach) }
                    let rightAbove = (1...slack).contains { inked(end + $0, y - reach, y + 1) }
                    let rightBelow = (1...slack).contains { inked(end + $0, y - 1, y + reach) }
                    if (leftAbove && rightBelow) || (leftBelow && rightAbove) {
                        for c in x...end { stroke[y * w + c] = true }
                    }
                }
                x = end + 1
            }
        }
        // specks are not strokes: a piece smaller than a quarter of a square millimetre
        // and shorter than a millimetre each way is dust or noise
        var label = [Int32](repeating: 0, count: w * h)
        var next: Int32 = 0
        let minimumArea = Int(0.25 * perMM * perMM), minimumExtent = Int(1.0 * perMM)
        var stack: [Int] = []
        for start in 0..<(w * h) where stroke[start] && label[start] == 0 {
            next += 1
            var members: [Int] = []
            var lx = Int.max, hx = 0, ly = Int.max, hy = 0
            label[start] = next
            stack.append(start)
            while let p = stack.popLast() {
                members.append(p)
                let px = p % w, py = p / w
                lx = min(lx, px); hx = max(hx, px); ly = min(ly, py); hy = max(hy, py)
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = px + dx, ny = py + dy
                        guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                        let q = ny * w + nx
                        if stroke[q] && label[q] == 0 {
                            label[q] = next
                            stack.append(q)
                        }
                    }
                }
            }
            if members.count < minimumArea && hx - lx < minimumExtent && hy - ly < minimumExtent {
                for p in members { stroke[p] = false }
            }
        }
        // each column's crossings: runs of stroke rows, a one-row gap closed
        for x in 0..<w {
            var column: [(top: Int, bottom: Int)] = []
            var y = 0
            while y < h {
                guard stroke[y * w + x] else { y += 1; continue }
                var end = y
                while end + 1 < h, stroke[(end + 1) * w + x] || (end + 2 < h && stroke[(end + 2) * w + x]) { end += 1 }
                while !stroke[end * w + x] { end -= 1 }
                column.append((y0 + y, y0 + end))
                y = end + 1
            }
            runs[x] = column
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
        return runs[x - x0].map { (Double($0.top + $0.bottom) / 2 + 0.5) / perMM }
    }

    /// Every crossing's centre and top (mm) over the name's columns.
    var allCentres: [Double] { nameColumns.flatMap { centres($0) } }
    var allTops: [Double] { nameColumns.flatMap { x in runs[x - x0].map { (Double($0.top) + 0.5) / perMM } } }

    /// Whether every column of `range` has print in it (a stroke could hide there).
    func printedAcross(_ range: Range<Int>) -> Bool {
        range.allSatisfy { $0 >= x0 && $0 < x1 && printedColumn[$0 - x0] }
    }

    /// One straight stroke along the name: y = slope·x + intercept (mm), when the name's
    /// columns are crossed once each, nearly all of them, and the crossings lie on a line
    /// (a hand's line wavers a little; a wave or a zig-zag does not fit).
    func straightLine() -> (slope: Double, intercept: Double, y: (Double) -> Double)? {
        var points: [(x: Double, y: Double)] = []
        for x in nameColumns {
            let column = runs[x - x0]
            if column.count > 1 { return nil }
            if let run = column.first { points.append(((Double(x) + 0.5) / perMM, (Double(run.top + run.bottom) / 2 + 0.5) / perMM)) }
        }
        guard nameColumns.count > 0, Double(points.count) >= 0.85 * Double(nameColumns.count), points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.map(\.x).reduce(0, +) / n, my = points.map(\.y).reduce(0, +) / n
        let sxx = points.map { ($0.x - mx) * ($0.x - mx) }.reduce(0, +)
        let sxy = points.map { ($0.x - mx) * ($0.y - my) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx, intercept = my - slope * mx
        let rms = (points.map { let d = $0.y - (slope * $0.x + intercept); return d * d }.reduce(0, +) / n).squareRoot()
        guard rms <= 0.5 else { return nil }
        return (slope, intercept, { slope * $0 + intercept })
    }
}
