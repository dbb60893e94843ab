/// A scanned page as grey levels (0 black … 255 white), row by row. Scanner firms keep grey
/// for review: binarising loses pale ballpoint, so nothing here is thresholded.
public struct ScanImage: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]
    /// Dots per inch as the file says, when it says (a JPEG often does not); the reader
    /// measures the scale from the registration marks in any case.
    public var dpi: Double?

    public init(width: Int, height: Int, pixels: [UInt8], dpi: Double?) {
        self.width = width
        self.height = height
        self.pixels = pixels
        self.dpi = dpi
    }

    /// The largest page taken: A4 at 600 dpi is 4,961 × 7,016; anything far beyond is
    /// refused before it is allocated.
    public static let maximumSide = 10_000
    /// And the most pixels a page may have: Legal paper at 600 dpi (43 million); a page is
    /// drawn on a 4-byte surface before it is grey, so this bounds a page to about 200 MB.
    public static let maximumPixels = 48_000_000

    @inline(__always) public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// Grey from 8-bit red, green and blue (ITU-R BT.601 weights, in integers).
    @inline(__always) static func grey(_ r: UInt32, _ g: UInt32, _ b: UInt32) -> UInt8 {
        UInt8((r * 299 + g * 587 + b * 114 + 500) / 1000)
    }
}

extension ScanImage {
    /// A 3 × 3 box blur: sensor noise and JPEG ringing smoothed before a second look.
    static func smoothed(_ image: ScanImage) -> ScanImage {
        let w = image.width, h = image.height
        guard w > 2, h > 2 else { return image }
        var out = image.pixels
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) {
                var sum = 0
                for dy in -1...1 { for dx in -1...1 { sum += Int(image.pixels[(y + dy) * w + x + dx]) } }
                out[y * w + x] = UInt8(sum / 9)
            }
        }
        return ScanImage(width: w, height: h, pixels: out, dpi: image.dpi)
    }
}

extension ScanImage {
    /// The part of the image inside the rectangle, clamped to the image (nil when nothing of
    /// it is inside): a flagged line cut out of a kept page for the committee's review.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> ScanImage? {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x1 > x0, y1 > y0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity((x1 - x0) * (y1 - y0))
        for row in y0..<y1 { out += pixels[(row * width + x0)..<(row * width + x1)] }
        return ScanImage(width: x1 - x0, height: y1 - y0, pixels: out, dpi: dpi)
    }
}
