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
        /// Fewer than three marks, or none in the shape of this paper.
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
        let blobs = markBlobs(image, side: BallotLayout.markSide * perMM)
        let whole = blobs.filter { !$0.clipped }.map(\.centre)
        guard blobs.count >= 3 else { throw .marksNotFound(found: whole.count) }
        let expected = layout.marks.map(\.centre)
        // a sheet skewed in a scan window the size of the paper loses a corner or two: any
        // three marks fix the sheet, a mark cut by the edge counts by what shows of it
        guard var result = threeOrMoreMarks(blobs, image: image, expected: expected, perMM: perMM) else {
            throw .marksNotFound(found: whole.count)
        }
        guard result.residual <= residualLimit else { throw .marksMisplaced(residual: result.residual) }
        let (sx, sy) = result.scale
        // a scanner turns a sheet a few degrees, or feeds it upside down; never a quarter
        // turn (an A5 sheet turned lies on half an A4's marks); it scales both ways alike
        let turn = abs(result.rotation)
        guard abs(sx / perMM - 1) <= scaleTolerance * 2, abs(sy / perMM - 1) <= scaleTolerance * 2, abs(sx / sy - 1) <= 0.03,
              turn <= 15 || turn >= 165, result.square else {
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

    /// The paper's axes stay at right angles on any scanner (within a degree): a fit through
    /// three marks that shears the paper has taken something else for a mark.
    var square: Bool {
        let (sx, sy) = scale
        guard sx > 0, sy > 0 else { return false }
        return abs(a * b + d * e) / (sx * sy) < 0.02
    }

    /// Three marks or more, some of them perhaps cut by the scan's edge. Any two candidates
    /// are tried as any two marks (a rotation and a scale follow); the other marks are looked
    /// for where that puts them; then each mark's centre is estimated again from the fit
    /// (a cut mark's centre from what shows of it: the square the fit predicts, cut by the
    /// same edge, must show the same part) and the fit made again, three times. The best
    /// fit has the most marks, then the least error.
    static func threeOrMoreMarks(_ blobs: [MarkBlob], image: ScanImage, expected: [(x: Double, y: Double)],
                                 perMM: Double) -> Registration? {
        let candidates = Array(blobs.prefix(16))
        let xs = expected.map(\.x), ys = expected.map(\.y)
        let width = (xs.max() ?? 0) - (xs.min() ?? 0), height = (ys.max() ?? 0) - (ys.min() ?? 0)
        var best: (fit: Registration, marks: Int, error: Double)?
        var tried = Set<[Int]>()
        for i in candidates.indices {
            for j in candidates.indices where j > i {
                for ci in expected.indices {
                    for cj in expected.indices where cj != ci {
                        let p = expected[ci], q = expected[cj]
                        let a = candidates[i].centre, b = candidates[j].centre
                        let want = distance(p, q) * perMM, got = distance(a, b)
                        // a cut mark's visible centre is off its true centre by up to half a side
                        let slack = want * scaleTolerance + (candidates[i].clipped || candidates[j].clipped ? BallotLayout.markSide * perMM : perMM)
                        guard abs(got - want) <= slack else { continue }
                        // the similarity taking corner ci to a and cj to b
                        let angle = atan2(b.y - a.y, b.x - a.x) - atan2(q.y - p.y, q.x - p.x)
                        let s = got / distance(p, q)
                        var fit = Registration(a: s * cos(angle), b: -s * sin(angle), c: 0, d: s * sin(angle), e: s * cos(angle), f: 0, residual: 0)
                        let at = fit.pixel(p.x, p.y)
                        fit.c = a.x - at.x
                        fit.f = a.y - at.y
                        // every mark's nearest candidate, within 4 mm of where this puts it
                        var matched = [Int?](repeating: nil, count: expected.count)
                        for corner in expected.indices {
                            let guess = fit.pixel(expected[corner].x, expected[corner].y)
                            let near = candidates.indices.min { distance(candidates[$0].centre, guess) < distance(candidates[$1].centre, guess) }
                            if let near, distance(candidates[near].centre, guess) <= 4 * perMM { matched[corner] = near }
                        }
                        let used = matched.compactMap { $0 }
                        guard used.count >= 3, Set(used).count == used.count, tried.insert(matched.map { $0 ?? -1 }).inserted else { continue }
                        // marks along one edge only fix nothing across it
                        let spots = expected.indices.filter { matched[$0] != nil }.map { expected[$0] }
                        let xs = spots.map(\.x), ys = spots.map(\.y)
                        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max(),
                              x1 - x0 >= 0.3 * width, y1 - y0 >= 0.3 * height else { continue }
                        guard let refined = refine(fit, matched: matched, candidates: candidates, image: image, expected: expected, perMM: perMM)
                        else {
                            continue }
                        // a mark this fit puts well inside the scan, where nothing cuts or
                        // darkens it, must be there: a fit half a page off (the corner marks
                        // taken for the middle ones) puts one in the middle of the paper
                        let inside = 8 * perMM
                        let missing = expected.indices.filter { corner in
                            guard matched[corner] == nil else { return false }
                            let at = refined.fit.pixel(expected[corner].x, expected[corner].y)
                            return at.x >= inside && at.y >= inside && at.x <= Double(image.width) - inside && at.y <= Double(image.height) - inside
                        }.count
                        let score = (refined.fit, used.count - missing, refined.error)
                        if best == nil || score.1 > (best?.marks ?? 0) || (score.1 == best?.marks && score.2 < (best?.error ?? .infinity)) {
                            best = score
                        }
                    }
                }
            }
        }
        guard var result = best?.fit, let error = best?.error else { return nil }
        result.residual = error / perMM
        return result
    }

    /// The fit made again from each matched mark's centre as estimated through the fit, three
    /// times; nil when it does not hold (a cut mark shows too little, the axes shear). The
    /// error is the largest distance, in pixels, between a whole mark and where the fit puts it.
    static func refine(_ start: Registration, matched: [Int?], candidates: [MarkBlob], image: ScanImage,
                       expected: [(x: Double, y: Double)], perMM: Double) -> (fit: Registration, error: Double)? {
        var fit = start
        let side = BallotLayout.markSide
        for _ in 0..<3 {
            var from: [(x: Double, y: Double)] = [], to: [(x: Double, y: Double)] = []
            for corner in expected.indices {
                guard let k = matched[corner] else { continue }
                let blob = candidates[k]
                let centre = expected[corner]
                if !blob.clipped {
                    from.append(centre)
                    to.append(blob.centre)
                    continue
                }
                // the square as the fit puts it, sampled, and the part of it inside the scan
                var inside: [(x: Double, y: Double)] = []
                let n = 16
                for u in 0..<n {
                    for v in 0..<n {
                        let px = centre.x - side / 2 + (Double(u) + 0.5) * side / Double(n)
                        let py = centre.y - side / 2 + (Double(v) + 0.5) * side / Double(n)
                        let pixel = fit.pixel(px, py)
                        if pixel.x >= 0, pixel.y >= 0, pixel.x < Double(image.width), pixel.y < Double(image.height) { inside.append(pixel) }
                    }
                }
                // too little of it shows to say where its centre is: the others fix the sheet
                guard inside.count >= n * n / 4 else { continue }
                let shown = (x: inside.map(\.x).reduce(0, +) / Double(inside.count), y: inside.map(\.y).reduce(0, +) / Double(inside.count))
                let whole = fit.pixel(centre.x, centre.y)
                from.append(centre)
                to.append((blob.centre.x + whole.x - shown.x, blob.centre.y + whole.y - shown.y))
            }
            guard from.count >= 3 else { return nil }
            fit = affine(from: from, to: to)
        }
        guard fit.square else { return nil }
        var error = 0.0
        for corner in expected.indices {
            guard let k = matched[corner], !candidates[k].clipped else { continue }
            error = max(error, distance(fit.pixel(expected[corner].x, expected[corner].y), candidates[k].centre))
        }
        return (fit, error)
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

    /// A candidate registration mark: a dark solid square about a mark's size, or what
    /// shows of one where the scan's edge cuts it.
    struct MarkBlob {
        /// The darkness-weighted centre of what shows, in pixels.
        var centre: (x: Double, y: Double)
        var area: Int
        /// Cut by the scan's edge: its centre is that of the part that shows.
        var clipped: Bool
    }

    /// The whole marks, largest first, then the pieces of marks the scan's edge cuts: dark,
    /// solid, touching the edge, at most a mark's size each way and at least a tenth of its area.
    static func markBlobs(_ image: ScanImage, side: Double) -> [MarkBlob] {
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
        var whole: [MarkBlob] = [], cut: [MarkBlob] = []
        let s = side / Double(step)
        let (minArea, maxArea) = (Int(s * s * 0.6), Int(s * s * 1.45))
        var stack: [Int] = []
        for start in 0..<(w * h) where dark[start] && !seen[start] {
            var area = 0
            var minX = Int.max, maxX = 0, minY = Int.max, maxY = 0
            seen[start] = true
            stack.append(start)
            while let p = stack.popLast() {
                let x = p % w, y = p / w
                area += 1
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
                for q in [p - 1, p + 1, p - w, p + w] where q >= 0 && q < w * h && dark[q] && !seen[q] {
                    if (q == p - 1 && x == 0) || (q == p + 1 && x == w - 1) { continue }
                    seen[q] = true
                    stack.append(q)
                }
            }
            let bw = Double(maxX - minX + 1), bh = Double(maxY - minY + 1)
            let touches = minX == 0 || minY == 0 || maxX == w - 1 || maxY == h - 1
            if touches {
                // a piece of a mark: no larger than a mark either way, solid, a tenth of it at least
                guard area <= maxArea, Double(area) >= s * s * 0.1, max(bw, bh) <= s * 1.5, Double(area) >= bw * bh * 0.45 else { continue }
            } else {
                guard area >= minArea, area <= maxArea else { continue }
                // square, and solid: a rotated square fills at least half of its box
                guard max(bw, bh) <= s * 1.5, min(bw, bh) >= s * 0.75, Double(area) >= bw * bh * 0.55 else { continue }
            }
            // the centre, at full resolution: the darkness-weighted centroid around the blob
            let centre = refined(image, x0: (minX - 1) * step, y0: (minY - 1) * step, x1: (maxX + 2) * step, y1: (maxY + 2) * step)
            let blob = MarkBlob(centre: centre, area: area, clipped: touches)
            if touches { cut.append(blob) } else { whole.append(blob) }
        }
        return whole.sorted { $0.area > $1.area } + cut.sorted { $0.area > $1.area }
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
