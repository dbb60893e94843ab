import Documents
import Foundation

/// Where the paper lies on a scan: an affine map from the layout's millimetres to the
/// image's pixels, found from the four registration marks. A sheet-fed scanner shifts,
/// skews (up to a few degrees), scales slightly, may feed a sheet upside down, and draws a
/// dark background around the paper; the marks are found through all of that, and the
/// fit is refused when they are not where a paper of this layout would put them.
public struct Registration: Sendable, Hashable {
    /// x' = a·x + b·y + c, y' = d·x + e·y + f (millimetres → pixels).
    public var a, b, c, d, e, f: Double
    /// The largest distance between a mark found and where the fit puts it, in millimetres.
    public var residual: Double

    public func pixel(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (a * x + b * y + c, d * x + e * y + f)
    }

    /// Pixels per millimetre along the paper's width and height.
    public var scale: (x: Double, y: Double) { ((a * a + d * d).squareRoot(), (b * b + e * e).squareRoot()) }

    /// The paper's rotation on the scan, in degrees (0 when straight, about 180 when upside down).
    public var rotation: Double { atan2(d, a) * 180 / .pi }

    /// The paper was fed upside down (turned 180°).
    public var upsideDown: Bool { abs(rotation) > 90 }

    public enum Failure: Error, Sendable, Hashable {
        /// Fewer than four marks, or none in the shape of this paper.
        case marksNotFound(found: Int)
        /// Four marks, but not where this layout puts them (another paper size, a fold).
        case marksMisplaced(residual: Double)
    }

    /// How far a scan may differ from the paper and still be read.
    public static let scaleTolerance = 0.05
    public static let residualLimit = 1.5

    /// Finds the marks of `layout` on `image`. `dpi`, when the file says it, sets the
    /// expected size of a mark. A scanner's JPEG often does not say: then the paper filling
    /// the image's width is tried first, then the resolutions scanners use (an A5 sheet in an
    /// A4 frame, a dark border around the paper). The marks alone cannot tell a paper from
    /// the same paper turned 180°; the serial QR found on the scan (`qr`, its outline in
    /// pixels) does: it stands by the bottom-right mark.
    public static func find(_ image: ScanImage, layout: BallotLayout, qr: [QRReader.Point]? = nil) throws(Failure) -> Registration {
        let hypotheses: [Double] = image.dpi.map { [$0] } ?? [Double(image.width) / (layout.width / 25.4), 200, 300, 150, 240, 400, 600]
        var failure = Failure.marksNotFound(found: 0)
        for dpi in hypotheses where dpi >= 100 && dpi <= 1_200 {
            do throws(Failure) { return try find(image, layout: layout, qr: qr, dpi: dpi) } catch { failure = error }
        }
        throw failure
    }

    static func find(_ image: ScanImage, layout: BallotLayout, qr: [QRReader.Point]?, dpi: Double) throws(Failure) -> Registration {
        let perMM = dpi / 25.4
        let marks = darkSquares(image, side: BallotLayout.markSide * perMM)
        guard marks.count >= 4 else { throw .marksNotFound(found: marks.count) }
        // The four mark centres in layout order: TL, TR, BL, BR.
        let expected = layout.marks.map(\.centre)
        let across = (expected[1].x - expected[0].x) * perMM, down = (expected[2].y - expected[0].y) * perMM
        var best: (fit: Registration, error: Double)?
        // Try every set of four candidates as the four corners, in the order that matches
        // the paper's shape; few candidates survive the shape test, so this is small.
        let candidates = Array(marks.prefix(12))
        for i in candidates.indices {
            for j in candidates.indices where j != i {
                let tl = candidates[i], tr = candidates[j]
                let top = distance(tl, tr)
                guard abs(top - across) <= across * scaleTolerance else { continue }
                // the third and fourth corners follow from the first two: down the page, at right angles
                let ux = (tr.x - tl.x) / top, uy = (tr.y - tl.y) / top
                let blGuess = (x: tl.x - uy * down, y: tl.y + ux * down)
                let brGuess = (x: tr.x - uy * down, y: tr.y + ux * down)
                guard let bl = nearest(candidates, to: blGuess, within: down * scaleTolerance + perMM),
                      let br = nearest(candidates, to: brGuess, within: down * scaleTolerance + perMM) else { continue }
                let found = [tl, tr, bl, br]
                guard Set(found.map { "\($0.x),\($0.y)" }).count == 4 else { continue }
                let fit = affine(from: expected, to: found)
                let error = zip(expected, found).map { p, q in
                    let m = fit.pixel(p.x, p.y)
                    return ((m.x - q.x) * (m.x - q.x) + (m.y - q.y) * (m.y - q.y)).squareRoot()
                }.max() ?? .infinity
                if best == nil || error < (best?.error ?? .infinity) { best = (fit, error) }
            }
        }
        guard var result = best?.fit, let error = best?.error else { throw .marksNotFound(found: marks.count) }
        result.residual = error / perMM
        guard result.residual <= residualLimit else { throw .marksMisplaced(residual: result.residual) }
        let (sx, sy) = result.scale
        guard abs(sx / perMM - 1) <= scaleTolerance * 2, abs(sy / perMM - 1) <= scaleTolerance * 2 else {
            throw .marksMisplaced(residual: result.residual)
        }
        if let qr, !qr.isEmpty {
            let centre = (x: qr.map(\.x).reduce(0, +) / Double(qr.count), y: qr.map(\.y).reduce(0, +) / Double(qr.count))
            let turned = result.turned(width: layout.width, height: layout.height)
            let here = result.pixel(layout.qr.centre.x, layout.qr.centre.y)
            let there = turned.pixel(layout.qr.centre.x, layout.qr.centre.y)
            if distance(there, centre) < distance(here, centre) { result = turned }
        }
        return result
    }

    /// The same marks read the other way round: the paper turned 180° (its marks stand
    /// symmetrically about its centre, so both fits put them in the same places).
    public func turned(width: Double, height: Double) -> Registration {
        Registration(a: -a, b: -b, c: a * width + b * height + c, d: -d, e: -e, f: d * width + e * height + f, residual: residual)
    }

    static func distance(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double)) -> Double {
        ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
    }

    static func nearest(_ points: [(x: Double, y: Double)], to target: (x: Double, y: Double), within limit: Double) -> (x: Double, y: Double)? {
        let closest = points.min { distance($0, target) < distance($1, target) }
        return closest.flatMap { distance($0, target) <= limit ? $0 : nil }
    }

    /// The least-squares affine map taking `from` (mm) to `to` (pixels).
    static func affine(from: [(x: Double, y: Double)], to: [(x: Double, y: Double)]) -> Registration {
        // Normal equations for [x y 1]·[a b c]ᵀ = x' and the same for y'.
        var m = [[Double]](repeating: [0, 0, 0], count: 3)
        var rx = [0.0, 0.0, 0.0], ry = [0.0, 0.0, 0.0]
        for (p, q) in zip(from, to) {
            let v = [p.x, p.y, 1]
            for r in 0..<3 {
                for c in 0..<3 { m[r][c] += v[r] * v[c] }
                rx[r] += v[r] * q.x
                ry[r] += v[r] * q.y
            }
        }
        let x = solve(m, rx), y = solve(m, ry)
        return Registration(a: x[0], b: x[1], c: x[2], d: y[0], e: y[1], f: y[2], residual: 0)
    }

    /// Solves a 3 × 3 system by Cramer's rule (the marks are never collinear).
    static func solve(_ m: [[Double]], _ r: [Double]) -> [Double] {
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        guard abs(d) > 1e-12 else { return [0, 0, 0] }
        return (0..<3).map { column in
            var replaced = m
            for row in 0..<3 { replaced[row][column] = r[row] }
            return det(replaced) / d
        }
    }

    /// Centres of dark, solid, square blobs about `side` pixels across (a mark, skewed or
    /// not), largest first; the dark border around a paper is one blob far too large, and
    /// text and strikes are not solid squares.
    static func darkSquares(_ image: ScanImage, side: Double) -> [(x: Double, y: Double)] {
        // Work at a step that keeps a mark at least 10 pixels across.
        let step = max(1, Int(side / 10))
        let w = image.width / step, h = image.height / step
        guard w > 2, h > 2 else { return [] }
        var dark = [Bool](repeating: false, count: w * h)
        for y in 0..<h {
            let row = y * step * image.width
            for x in 0..<w where image.pixels[row + x * step] < 100 { dark[y * w + x] = true }
        }
        var seen = [Bool](repeating: false, count: w * h)
        var found: [(x: Double, y: Double, area: Int)] = []
        let s = side / Double(step)
        let (minArea, maxArea) = (Int(s * s * 0.6), Int(s * s * 1.45))
        var stack: [Int] = []
        for start in 0..<(w * h) where dark[start] && !seen[start] {
            var area = 0, sumX = 0, sumY = 0
            var minX = Int.max, maxX = 0, minY = Int.max, maxY = 0
            seen[start] = true
            stack.append(start)
            while let p = stack.popLast() {
                let x = p % w, y = p / w
                area += 1; sumX += x; sumY += y
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                // a blob past the largest mark is not one: stop growing it, but mark it seen
                for q in [p - 1, p + 1, p - w, p + w] where q >= 0 && q < w * h && dark[q] && !seen[q] {
                    if (q == p - 1 && x == 0) || (q == p + 1 && x == w - 1) { continue }
                    seen[q] = true
                    stack.append(q)
                }
            }
            let bw = Double(maxX - minX + 1), bh = Double(maxY - minY + 1)
            guard area >= minArea, area <= maxArea, minX > 0, minY > 0, maxX < w - 1, maxY < h - 1 else { continue }
            // square, and solid: a rotated square fills at least half of its box
            guard max(bw, bh) <= s * 1.5, min(bw, bh) >= s * 0.75, Double(area) >= bw * bh * 0.55 else { continue }
            // the centre, at full resolution: the darkness-weighted centroid around the blob
            let centre = refined(image, x0: (minX - 1) * step, y0: (minY - 1) * step, x1: (maxX + 2) * step, y1: (maxY + 2) * step)
            found.append((centre.x, centre.y, area))
        }
        return found.sorted { $0.area > $1.area }.map { ($0.x, $0.y) }
    }

    /// The darkness-weighted centroid of the pixels in a window (pixel centres at +0.5).
    static func refined(_ image: ScanImage, x0: Int, y0: Int, x1: Int, y1: Int) -> (x: Double, y: Double) {
        var sum = 0.0, sx = 0.0, sy = 0.0
        for y in max(0, y0)..<min(image.height, y1) {
            for x in max(0, x0)..<min(image.width, x1) {
                // paper counts for nothing, ink by how dark it is
                let v = Double(max(0, 200 - Int(image.pixels[y * image.width + x])))
                sum += v
                sx += v * (Double(x) + 0.5)
                sy += v * (Double(y) + 0.5)
            }
        }
        return sum > 0 ? (sx / sum, sy / sum) : (Double(x0 + x1) / 2, Double(y0 + y1) / 2)
    }
}
