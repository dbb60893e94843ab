import BallotReader
import Foundation

/// What a sheet-fed scanner does to a straight page: rotation (degrees) and scale about
/// the page's centre, then a shift (pixels), on a canvas `border` pixels larger each side
/// of the scanner's `background`; then a blur, sensor noise, a streak (dust on the glass
/// draws a line down the page) and JPEG compression.
public struct ScannerDistortion: CustomStringConvertible, Sendable {
    public var degrees = 0.0
    public var scale = 1.0
    public var shift = (x: 0.0, y: 0.0)
    public var border = 0
    public var background: UInt8 = 255
    /// A box blur of this many pixels each side (0: none).
    public var blur = 0
    /// The standard deviation of the noise, in grey levels (0: none).
    public var noise = 0.0
    /// A streak's column in the distorted image, and its grey.
    public var streak: (x: Int, grey: UInt8)?
    /// JPEG quality 1…100 (nil: not compressed).
    public var jpegQuality: Int?
    /// The noise's seed, so a distortion is the same every run.
    public var seed: UInt64 = 1

    public init(degrees: Double = 0, scale: Double = 1, shift: (x: Double, y: Double) = (0, 0), border: Int = 0, background: UInt8 = 255,
                blur: Int = 0, noise: Double = 0, streak: (x: Int, grey: UInt8)? = nil, jpegQuality: Int? = nil, seed: UInt64 = 1) {
        self.degrees = degrees
        self.scale = scale
        self.shift = shift
        self.border = border
        self.background = background
        self.blur = blur
        self.noise = noise
        self.streak = streak
        self.jpegQuality = jpegQuality
        self.seed = seed
    }

    public var description: String {
        var parts = ["\(String(format: "%.2f", degrees))° ×\(String(format: "%.3f", scale)) +(\(Int(shift.x)), \(Int(shift.y))) border \(border)"]
        if blur > 0 { parts.append("blur \(blur)") }
        if noise > 0 { parts.append("noise \(noise)") }
        if let q = jpegQuality { parts.append("JPEG \(q)") }
        if let s = streak { parts.append("streak at \(s.x)") }
        return parts.joined(separator: ", ")
    }

    /// Where a pixel of the straight page lands.
    public func map(_ p: (x: Double, y: Double), source: ScanImage) -> (x: Double, y: Double) {
        let cx = Double(source.width) / 2, cy = Double(source.height) / 2
        let t = degrees * .pi / 180
        let dx = (p.x - cx) * scale, dy = (p.y - cy) * scale
        return (cos(t) * dx - sin(t) * dy + cx + Double(border) + shift.x, sin(t) * dx + cos(t) * dy + cy + Double(border) + shift.y)
    }

    public func apply(_ source: ScanImage) -> ScanImage {
        var image = geometry(source)
        if blur > 0 { image = Self.boxBlur(image, radius: blur) }
        if noise > 0 {
            var rng = SeededGenerator(seed: seed)
            for i in image.pixels.indices {
                // the sum of four uniforms: near enough to a normal for a sensor's noise
                let n = (0..<4).map { _ in Double.random(in: -1...1, using: &rng) }.reduce(0, +) * noise * 0.866
                image.pixels[i] = UInt8(max(0, min(255, (Double(image.pixels[i]) + n).rounded())))
            }
        }
        if let streak, streak.x >= 0, streak.x + 2 < image.width {
            for y in 0..<image.height { for dx in 0..<3 { image.pixels[y * image.width + streak.x + dx] = streak.grey } }
        }
        if let jpegQuality, let data = image.jpeg(quality: jpegQuality), let decoded = try? ScanFile.decodeJPEG(data) {
            image.pixels = decoded.pixels
        }
        return image
    }

    func geometry(_ source: ScanImage) -> ScanImage {
        let w = source.width + 2 * border, h = source.height + 2 * border
        let cx = Double(source.width) / 2, cy = Double(source.height) / 2
        let t = -degrees * .pi / 180
        let (c, s) = (cos(t), sin(t))
        var out = [UInt8](repeating: background, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                // the inverse map, sampled bilinearly
                let qx = Double(x) - Double(border) - shift.x - cx, qy = Double(y) - Double(border) - shift.y - cy
                let sx = (c * qx - s * qy) / scale + cx, sy = (s * qx + c * qy) / scale + cy
                let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                guard x0 >= 0, y0 >= 0, x0 + 1 < source.width, y0 + 1 < source.height else { continue }
                let fx = sx - Double(x0), fy = sy - Double(y0)
                let v = Double(source[x0, y0]) * (1 - fx) * (1 - fy) + Double(source[x0 + 1, y0]) * fx * (1 - fy)
                    + Double(source[x0, y0 + 1]) * (1 - fx) * fy + Double(source[x0 + 1, y0 + 1]) * fx * fy
                out[y * w + x] = UInt8(max(0, min(255, v.rounded())))
            }
        }
        return ScanImage(width: w, height: h, pixels: out, dpi: source.dpi)
    }

    /// A box blur, rows then columns (a scanner's optics are a little soft).
    static func boxBlur(_ image: ScanImage, radius r: Int) -> ScanImage {
        let w = image.width, h = image.height
        var rows = image.pixels
        func pass(_ from: [UInt8], _ to: inout [UInt8], lines: Int, lineStep: Int, length: Int, step: Int) {
            for line in 0..<lines {
                let base = line * lineStep
                var sum = 0
                for i in -r...r { sum += Int(from[base + max(0, min(length - 1, i)) * step]) }
                for i in 0..<length {
                    to[base + i * step] = UInt8(sum / (2 * r + 1))
                    sum += Int(from[base + min(length - 1, i + r + 1) * step]) - Int(from[base + max(0, i - r) * step])
                }
            }
        }
        pass(image.pixels, &rows, lines: h, lineStep: w, length: w, step: 1)
        var out = rows
        pass(rows, &out, lines: w, lineStep: 1, length: h, step: w)
        return ScanImage(width: w, height: h, pixels: out, dpi: image.dpi)
    }
}
