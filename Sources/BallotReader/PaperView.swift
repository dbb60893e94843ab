import Documents

/// A scan seen in the paper's own coordinates, beside the blank paper: the scan resampled
/// through the registration at the blank's resolution, and from the two, the voter's ink —
/// what is darker than the paper where the blank is white (the blank's print widened a
/// little, so a scan a fraction of a millimetre off never makes printed text look like ink).
struct PaperView {
    let width: Int
    let height: Int
    let perMM: Double
    /// The voter's ink, one flag a pixel.
    var ink: [Bool]
    /// What may be ink: half as dark a difference (a pale pencil, a pen running dry). A
    /// line read one way from the ink and another from this is for the committee: a faint
    /// strike must never be read as nothing.
    var faint: [Bool]
    /// Where the paper is printed (widened): ink there cannot be seen, black on black.
    var printed: [Bool]
    /// The scan itself, resampled to the paper: what the committee looks at on review.
    var grey: [UInt8]
    /// Where the paper lay outside the scan (a sheet fed skewed or shifted through a window
    /// the size of the paper): nothing was seen there, and it is left white.
    var unseen: [Bool]

    /// How much darker than the paper a pixel must be to count as ink: pale ballpoint on a
    /// 200 dpi grey scan is still 60 levels darker than the paper around it.
    static let inkContrast = 55
    static let faintContrast = 28

    /// The blank's print widened by 0.25 mm: any dark pixel of the blank excuses its neighbours.
    static func printed(_ blank: BallotBlank) -> [Bool] {
        let reach = max(1, Int((0.25 * blank.pixelsPerMillimetre).rounded()))
        return widen(blank.pixels.map { $0 < 200 }, width: blank.width, height: blank.height, by: reach)
    }

    /// `printed`: `PaperView.printed(blank)`, made once for the paper.
    init(scan: ScanImage, registration fit: Registration, blank: BallotBlank, printed: [Bool]) {
        width = blank.width
        height = blank.height
        perMM = blank.pixelsPerMillimetre
        var sampled = [UInt8](repeating: 255, count: width * height)
        var unseen = [Bool](repeating: true, count: width * height)
        for y in 0..<height {
            let my = (Double(y) + 0.5) / perMM
            for x in 0..<width {
                let p = fit.pixel((Double(x) + 0.5) / perMM, my)
                let sx = Int(p.x), sy = Int(p.y)
                guard sx >= 0, sy >= 0, sx < scan.width, sy < scan.height else { continue }
                sampled[y * width + x] = scan.pixels[sy * scan.width + sx]
                unseen[y * width + x] = false
            }
        }
        // the paper's own level: the median of where nothing is printed
        var histogram = [Int](repeating: 0, count: 256)
        for i in sampled.indices where !printed[i] { histogram[Int(sampled[i])] += 1 }
        let total = histogram.reduce(0, +)
        var running = 0, paper = 255
        for (level, n) in histogram.enumerated() {
            running += n
            if running * 2 >= total { paper = level; break }
        }
        let limit = paper - Self.inkContrast
        ink = [Bool](repeating: false, count: width * height)
        faint = [Bool](repeating: false, count: width * height)
        // the scan's noise, from the paper's spread (median absolute deviation): what may be
        // ink stands four deviations clear of it, so a noisy scan's grain is not taken for a stroke
        var below = 0, sigma = 0.0
        let half = total / 2
        for d in 0...255 {
            below += (paper - d >= 0 ? histogram[paper - d] : 0) + (d > 0 && paper + d <= 255 ? histogram[paper + d] : 0)
            if below >= half { sigma = Double(d) * 1.4826; break }
        }
        let faintLimit = paper - min(Self.inkContrast - 5, max(Self.faintContrast, Int((4 * sigma).rounded())))
        for i in sampled.indices where !printed[i] {
            let v = Int(sampled[i])
            if v < limit { ink[i] = true }
            if v < faintLimit { faint[i] = true }
        }
        self.printed = printed
        self.unseen = unseen
        grey = sampled
    }

    /// The page as seen on the paper, upright and square to it.
    var aligned: ScanImage { ScanImage(width: width, height: height, pixels: grey, dpi: perMM * 25.4) }

    /// `mask` grown by `r` pixels in every direction (a square neighbourhood): grown along
    /// the rows, then the result along the columns.
    static func widen(_ mask: [Bool], width: Int, height: Int, by r: Int) -> [Bool] {
        var out = mask
        grow(mask, into: &out, lines: height, lineStep: width, length: width, step: 1, by: r)
        let rows = out
        grow(rows, into: &out, lines: width, lineStep: 1, length: height, step: width, by: r)
        return out
    }

    /// Along each line (`lines` of them, `lineStep` apart, `length` pixels `step` apart),
    /// sets every pixel within `r` of a set pixel of `mask`: the nearest one on each side.
    static func grow(_ mask: [Bool], into out: inout [Bool], lines: Int, lineStep: Int, length: Int, step: Int, by r: Int) {
        for line in 0..<lines {
            let base = line * lineStep
            var nearest = -r - 1
            for i in 0..<length {
                if mask[base + i * step] { nearest = i }
                if i - nearest <= r { out[base + i * step] = true }
            }
            nearest = length + r + 1
            for i in stride(from: length - 1, through: 0, by: -1) {
                if mask[base + i * step] { nearest = i }
                if nearest - i <= r { out[base + i * step] = true }
            }
        }
    }

    func pixel(_ box: BallotLayout.Box) -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        (max(0, Int(box.x * perMM)), max(0, Int(box.y * perMM)), min(width, Int((box.maxX * perMM).rounded(.up))),
         min(height, Int((box.maxY * perMM).rounded(.up))))
    }

    /// Inked pixels inside a box (millimetres).
    func inkCount(_ box: BallotLayout.Box) -> Int {
        let (x0, y0, x1, y1) = pixel(box)
        guard x1 > x0, y1 > y0 else { return 0 }
        var n = 0
        for y in y0..<y1 { for x in x0..<x1 where ink[y * width + x] { n += 1 } }
        return n
    }
}
