import CCairo

/// A cairo context with pango text, in millimetres. One PangoLayout is reused for every
/// piece of text: making layouts is the costly part of drawing a thousand badges.
final class TextCanvas {
    let cr: OpaquePointer
    private let layout: OpaquePointer
    private let font: OpaquePointer
    static let pangoScale = 1024.0

    /// `unitsPerMillimetre`: 72/25.4 for PDF and SVG (points), dpi/25.4 for PNG.
    init(context: OpaquePointer, unitsPerMillimetre: Double) {
        cr = context
        cairo_scale(cr, unitsPerMillimetre, unitsPerMillimetre)
        let pangoContext = pango_cairo_create_context(cr)
        // Metrics not hinted: text measures the same at every scale and on every surface.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(pangoContext, options)
        cairo_font_options_destroy(options)
        // Positions in millimetres must not be rounded to whole units (whole millimetres).
        pango_context_set_round_glyph_positions(pangoContext, 0)
        layout = pango_layout_new(pangoContext)
        g_object_unref(UnsafeMutableRawPointer(pangoContext))
        font = pango_font_description_new()
        // the pinned document font; cairo embeds the glyphs used as subsets
        pango_font_description_set_family(font, DocumentFont.family)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD)
    }

    deinit {
        pango_font_description_free(font)
        g_object_unref(UnsafeMutableRawPointer(layout))
        for surface in recordings.values { cairo_surface_destroy(surface) }
    }

    private var recordings: [String: OpaquePointer] = [:]

    /// Draws what is the same on many badges (the header, each kind's band) once into a
    /// recording, then paints that recording wherever it is needed: the PDF holds it once,
    /// as a form every badge refers to, and the text is laid out once.
    func stamp(_ key: String, x: Double, y: Double, width: Double, height: Double, draw: (TextCanvas) -> Void) {
        let recording: OpaquePointer
        if let cached = recordings[key] {
            recording = cached
        } else {
            var extents = cairo_rectangle_t(x: 0, y: 0, width: width, height: height)
            guard let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents) else { return }
            if let context = cairo_create(surface) {
                draw(TextCanvas(context: context, unitsPerMillimetre: 1))
                cairo_destroy(context)
            }
            recordings[key] = surface
            recording = surface
        }
        cairo_save(cr)
        cairo_set_source_surface(cr, recording, x, y)
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
        cairo_restore(cr)
    }

    struct Style {
        var size: Double            // mm
        var minimumSize: Double     // mm: shrink no further
        var bold = false
        var maximumLines = 1
        var alignment = PANGO_ALIGN_LEFT
        var color: (Double, Double, Double) = (0, 0, 0)
        /// Keep to one line down to this size before breaking into more lines: a name
        /// reads better a little smaller on one line than split after its middle name.
        var singleLineMinimum: Double? = nil
    }

    /// Lays `text` out in `width` mm, shrinking the size until it fits the lines and the
    /// height allowed; a name is never cut or ellipsised: at the smallest size it takes
    /// the lines it needs. Returns the height used.
    @discardableResult
    func draw(_ text: String, x: Double, y: Double, width: Double, maxHeight: Double, style: Style) -> Double {
        prepare(text, width: width, style: style)
        if let floor = style.singleLineMinimum, style.maximumLines > 1 {
            var oneLine = style
            oneLine.maximumLines = 1
            oneLine.minimumSize = floor
            if fit(width: width, maxHeight: maxHeight, style: oneLine) {
                return show(x: x, y: y, color: style.color)
            }
        }
        _ = fit(width: width, maxHeight: maxHeight, style: style)
        return show(x: x, y: y, color: style.color)
    }

    /// Shrinks from the style's size until the text fits; false if it fits at no size
    /// down to the minimum (the layout is then left at the minimum).
    private func fit(width: Double, maxHeight: Double, style: Style) -> Bool {
        // One line: measure unwrapped and scale straight to the width.
        if style.maximumLines == 1 {
            pango_layout_set_width(layout, -1)
            defer { pango_layout_set_width(layout, Int32(width * Self.pangoScale)) }
            var size = style.size
            for _ in 0..<4 {
                setSize(size, bold: style.bold)
                let (w, h, _) = measure()
                if w <= width + 0.01 && h <= maxHeight + 0.01 { return true }
                if size <= style.minimumSize { return false }
                size = max(style.minimumSize, min(size * width / w, size * maxHeight / h) * 0.995)
            }
            return false
        }
        var size = style.size
        var step = 0
        while true {
            setSize(size, bold: style.bold)
            let (w, h, lines) = measure()
            if w <= width + 0.01 && lines <= style.maximumLines && h <= maxHeight + 0.01 { return true }
            if size <= style.minimumSize { return false }
            // Scale straight to the width that fits, then creep down: few layouts per text.
            size = step == 0 && w > width ? max(style.minimumSize, size * width / w) : max(style.minimumSize, size - 0.1)
            step += 1
        }
    }

    private func show(x: Double, y: Double, color: (Double, Double, Double)) -> Double {
        let (_, height, _) = measure()
        cairo_set_source_rgb(cr, color.0, color.1, color.2)
        cairo_move_to(cr, x, y)
        pango_cairo_update_layout(cr, layout)
        pango_cairo_show_layout(cr, layout)
        return height
    }

    private func prepare(_ text: String, width: Double, style: Style) {
        pango_layout_set_text(layout, text, -1)
        pango_layout_set_width(layout, Int32(width * Self.pangoScale))
        pango_layout_set_alignment(layout, style.alignment)
    }

    private func setSize(_ size: Double, bold: Bool) {
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(font, size * Self.pangoScale)
        pango_layout_set_font_description(layout, font)
    }

    /// Widest line, total height (mm) and line count.
    private func measure() -> (Double, Double, Int) {
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let width = Double(max(logical.width, ink.x + ink.width)) / Self.pangoScale
        return (width, Double(logical.height) / Self.pangoScale, Int(pango_layout_get_line_count(layout)))
    }

    /// Where a piece of text stands on the page, in millimetres: what a ballot reader needs
    /// to tell a strike through a name from an underline beneath it.
    struct TextGeometry {
        /// The ink box of the whole text (tone marks above, descenders and dots below included).
        var ink: (x: Double, y: Double, width: Double, height: Double)
        /// Each word's horizontal extent (words split at spaces).
        var words: [(x: Double, width: Double)]
        /// The first line's baseline (y, from the page's top).
        var baseline: Double
        /// The font's x-height and cap height at the size the text was fitted to.
        var xHeight: Double
        var capHeight: Double
    }

    /// Where the text last laid out by `draw` stands, drawn at (`x`, `y`): its ink box, each
    /// word's horizontal extent, its baseline, and the font's x-height and cap height (the
    /// body of the letters lies between the baseline and the x-height; a strike crosses it,
    /// an underline stays below the baseline, with the descenders and the dấu nặng dots).
    func lastTextGeometry(x: Double, y: Double) -> TextGeometry {
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let box = (x: x + Double(ink.x) / Self.pangoScale, y: y + Double(ink.y) / Self.pangoScale,
                   width: Double(ink.width) / Self.pangoScale, height: Double(ink.height) / Self.pangoScale)
        let baseline = y + Double(pango_layout_get_baseline(layout)) / Self.pangoScale
        let text = pango_layout_get_text(layout).map { String(cString: $0) } ?? ""
        let bytes = Array(text.utf8)
        var words: [(x: Double, width: Double)] = []
        var start: Int?
        func close(_ end: Int) {
            guard let s = start, end > s else { return }
            var first = PangoRectangle(), last = PangoRectangle()
            pango_layout_index_to_pos(layout, Int32(s), &first)
            // the last character of the word: step back to its first byte
            var lastIndex = end - 1
            while lastIndex > s, bytes[lastIndex] & 0xC0 == 0x80 { lastIndex -= 1 }
            pango_layout_index_to_pos(layout, Int32(lastIndex), &last)
            let x0 = Double(min(first.x, first.x + first.width)) / Self.pangoScale
            let x1 = Double(max(last.x, last.x + last.width)) / Self.pangoScale
            words.append((x: x + x0, width: max(0, x1 - x0)))
        }
        for (i, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                close(i)
                start = nil
            } else if start == nil {
                start = i
            }
        }
        close(bytes.count)
        // the font's own heights at this size, measured on "x" and "H" in the same layout;
        // then the text is put back, as a later call may expect
        func height(_ sample: String) -> Double {
            pango_layout_set_text(layout, sample, -1)
            var inkBox = PangoRectangle(), logicalBox = PangoRectangle()
            pango_layout_get_extents(layout, &inkBox, &logicalBox)
            return Double(pango_layout_get_baseline(layout) - inkBox.y) / Self.pangoScale
        }
        let xHeight = height("x"), capHeight = height("H")
        pango_layout_set_text(layout, text, -1)
        return TextGeometry(ink: box, words: words, baseline: baseline, xHeight: xHeight, capHeight: capHeight)
    }

    func fillRectangle(x: Double, y: Double, width: Double, height: Double, color: (Double, Double, Double)) {
        cairo_set_source_rgb(cr, color.0, color.1, color.2)
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
    }

    func line(from: (Double, Double), to: (Double, Double), width: Double, gray: Double) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, from.0, from.1)
        cairo_line_to(cr, to.0, to.1)
        cairo_stroke(cr)
    }

    func strokeRectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double, gray: Double) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_set_line_width(cr, lineWidth)
        cairo_rectangle(cr, x, y, width, height)
        cairo_stroke(cr)
    }

    /// The QR code as one filled path: the outline of its dark modules. The path is recorded in
    /// module units and painted scaled, so that a PDF holds it as a form of small whole
    /// numbers (a third of the bytes of the same path in page coordinates); `side`
    /// includes the 4-module quiet zone.
    func drawQR(_ qr: QRDrawing, x: Double, y: Double, side: Double) {
        let module = side / Double(qr.size + 8)
        // The quiet zone is the badge's own white: nothing is drawn for it.
        var extents = cairo_rectangle_t(x: 0, y: 0, width: Double(qr.size), height: Double(qr.size))
        guard let recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents) else { return }
        defer { cairo_surface_destroy(recording) }
        if let recorder = cairo_create(recording) {
            for polygon in qr.outline {
                guard let first = polygon.first else { continue }
                cairo_move_to(recorder, Double(first.x), Double(first.y))
                for point in polygon.dropFirst() { cairo_line_to(recorder, Double(point.x), Double(point.y)) }
                cairo_close_path(recorder)
            }
            cairo_set_fill_rule(recorder, CAIRO_FILL_RULE_EVEN_ODD)
            cairo_set_source_rgb(recorder, 0, 0, 0)
            cairo_fill(recorder)
            cairo_destroy(recorder)
        }
        cairo_save(cr)
        cairo_translate(cr, x + 4 * module, y + 4 * module)
        cairo_scale(cr, module, module)
        cairo_set_source_surface(cr, recording, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
        cairo_rectangle(cr, 0, 0, Double(qr.size), Double(qr.size))
        cairo_fill(cr)
        cairo_restore(cr)
    }
}
