import CCairo
import Foundation

/// A name in large type on a text terminal: pango lays the Vietnamese text out (tone marks
/// stacked correctly, which no block-letter font does) into a small greyscale image, and
/// each 2 × 2 pixels become one quadrant block character (▘▝▖▗▀▄▌▐▚▞▙▛▜▟█). The largest size
/// that fits the columns and rows given; nil when even the smallest does not.
enum BigType {
    static let family = "DejaVu Sans,Noto Sans"
    /// Quadrant characters by bits: top-left 1, top-right 2, bottom-left 4, bottom-right 8.
    static let quadrants: [Character] = [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"]

    static func render(_ text: String, width columns: Int, rows: Int) -> [String]? {
        let maxWidth = 2 * (columns - 2)
        guard maxWidth > 0, rows >= 4 else { return nil }
        for pixels in stride(from: min(40, 2 * rows), through: 8, by: -1) {
            guard let (ink, image) = draw(text, pixels: pixels, maxWidth: maxWidth), ink.h / 2 <= rows else { continue }
            return blocks(image, ink: ink)
        }
        return nil
    }

    /// The text drawn in white on nothing, alpha only; nil when wider than `maxWidth`.
    private static func draw(_ text: String, pixels: Int, maxWidth: Int) -> (ink: (x: Int, y: Int, w: Int, h: Int), image: [[UInt8]])? {
        guard let measure = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1) else { return nil }
        defer { cairo_surface_destroy(measure) }
        let scratch = cairo_create(measure)
        defer { cairo_destroy(scratch) }
        guard let layout = pango_cairo_create_layout(scratch) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let font = pango_font_description_new()
        defer { pango_font_description_free(font) }
        pango_font_description_set_family(font, family)
        pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD)
        pango_font_description_set_absolute_size(font, Double(pixels) * Double(PANGO_SCALE))
        pango_layout_set_font_description(layout, font)
        pango_layout_set_text(layout, text, -1)
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        guard ink.width > 0, ink.width <= maxWidth else { return nil }
        // Whole cells: even width and height, the ink at the top-left.
        let w = Int(ink.width + 1) & ~1, h = Int(ink.height + 1) & ~1
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(w), Int32(h)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)
        defer { cairo_destroy(cr) }
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_GRAY)
        cairo_move_to(cr, Double(-ink.x), Double(-ink.y))
        pango_cairo_update_layout(cr, layout)
        pango_cairo_show_layout(cr, layout)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let image = (0..<h).map { y in (0..<w).map { x in data[y * stride + x] } }
        return ((Int(ink.x), Int(ink.y), w, h), image)
    }

    /// Each 2 × 2 pixels to a quadrant character; a pixel is on from half coverage.
    private static func blocks(_ image: [[UInt8]], ink: (x: Int, y: Int, w: Int, h: Int)) -> [String] {
        stride(from: 0, to: ink.h, by: 2).map { y in
            String(stride(from: 0, to: ink.w, by: 2).map { x -> Character in
                var bits = 0
                if image[y][x] >= 128 { bits |= 1 }
                if image[y][x + 1] >= 128 { bits |= 2 }
                if image[y + 1][x] >= 128 { bits |= 4 }
                if image[y + 1][x + 1] >= 128 { bits |= 8 }
                return quadrants[bits]
            })
        }
    }
}
