import CCairo

/// The paper as printed before anyone marks it, drawn in grey at a given resolution: what a
/// scan is compared with, so that printed text is never taken for a voter's ink. Drawn by
/// the printer's own code (BallotPrinter.drawPaper) with the serial and its QR left out.
public struct BallotBlank: Sendable {
    public var width: Int
    public var height: Int
    /// 0 black … 255 white, row by row.
    public var pixels: [UInt8]
    public var pixelsPerMillimetre: Double

    public static func draw(_ paper: BallotPaper, size: BallotPaperSize, pixelsPerMillimetre: Double) -> BallotBlank {
        let (w, h) = size.size
        let width = Int((w * pixelsPerMillimetre).rounded()), height = Int((h * pixelsPerMillimetre).rounded())
        var pixels = [UInt8](repeating: 255, count: width * height)
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            return BallotBlank(width: width, height: height, pixels: pixels, pixelsPerMillimetre: pixelsPerMillimetre)
        }
        defer { cairo_surface_destroy(surface) }
        if let cr = cairo_create(surface) {
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            _ = BallotPrinter.drawPaper(paper, on: TextCanvas(context: cr, unitsPerMillimetre: pixelsPerMillimetre), width: w, height: h)
            cairo_destroy(cr)
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        if let base = cairo_image_surface_get_data(surface) {
            for y in 0..<height {
                (base + y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { row in
                    for x in 0..<width {
                        let p = row[x]
                        pixels[y * width + x] = UInt8(((p >> 16 & 0xFF) * 299 + (p >> 8 & 0xFF) * 587 + (p & 0xFF) * 114 + 500) / 1000)
                    }
                }
            }
        }
        return BallotBlank(width: width, height: height, pixels: pixels, pixelsPerMillimetre: pixelsPerMillimetre)
    }
}
