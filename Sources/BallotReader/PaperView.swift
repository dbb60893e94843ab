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
    /// Where the paper is printed (widened): ink there cannot be seen, black on black.
    var printed: [Bool]
    /// How dark each inked pixel is (0 none … 255), for the scores kept with the reading.
    var darkness: [UInt8]

    /// How much darker than the paper a pixel must be to count as ink: pale ballpoint on a
    /// 200 dpi grey scan is still 60 levels darker than the paper around it.
    static let inkContrast = 55

    init(scan: ScanImage, registration fit: Registration, blank: BallotBlank) {
        width = blank.width
        height = blank.height
        perMM = blank.pixelsPerMillimetre
        // the blank's print widened by 0.25 mm: any dark pixel of the blank excuses its neighbours
        let reach = max(1, Int((0.25 * perMM).rounded()))
        let printed = Self.widen(blank.pixels.map { $0 < 200 }, width: width, height: height, by: reach)
        var sampled = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            let my = (Double(y) + 0.5) / perMM
            for x in 0..<width {
                let p = fit.pixel((Double(x) + 0.5) / perMM, my)
                let sx = Int(p.x), sy = Int(p.y)
                guard sx >= 0, sy >= 0, sx < scan.width, sy < scan.height else { continue }
                sampled[y * width + x] = scan.pixels[sy * scan.width + sx]
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
        darkness = [UInt8](repeating: 0, count: width * height)
        for i in sampled.indices where !printed[i] && Int(sampled[i]) < limit {
            ink[i] = true
            darkness[i] = UInt8(max(0, min(255, paper - Int(sampled[i]))))
        }
        self.printed = printed
    }

    /// `mask` grown by `r` pixels in every direction (a square neighbourhood).
    static func widen(_ mask: [Bool], width: Int, height: Int, by r: Int) -> [Bool] {
        var rows = [Bool](repeating: false, count: mask.count)
        for y in 0..<height {
            // a running window: the nearest set pixel to the left and to the right
            var nearestLeft = -r - 1
            for x in 0..<width {
                if mask[y * width + x] { nearestLeft = x }
                if x - nearestLeft <= r { rows[y * width + x] = true }
            }
            var nearestRight = width + r + 1
            for x in stride(from: width - 1, through: 0, by: -1) {
                if mask[y * width + x] { nearestRight = x }
                if nearestRight - x <= r { rows[y * width + x] = true }
            }
        }
        var out = [Bool](repeating: false, count: mask.count)
        for x in 0..<width {
            var nearestUp = -r - 1
            for y in 0..<height {
                if rows[y * width + x] { nearestUp = y }
                if y - nearestUp <= r { out[y * width + x] = true }
            }
            var nearestDown = height + r + 1
            for y in stride(from: height - 1, through: 0, by: -1) {
                if rows[y * width + x] { nearestDown = y }
                if nearestDown - y <= r { out[y * width + x] = true }
            }
        }
        return out
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
