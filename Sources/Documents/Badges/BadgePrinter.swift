import CCairo
import CongressCore
import Foundation

/// Writes badges: a PDF of A4 sheets or CR80 cards, or one badge as PNG or SVG.
public enum BadgePrinter {
    public enum Failure: Error, Sendable, LocalizedMessage {
        case qr(code: String, QRMatrix.Failure)
        case cairo(path: String, status: String)

        public func message(_ language: Language) -> String {
            switch (self, language) {
            case (.qr(let code, let why), .vi): "Không tạo được mã QR cho \(code) (\(why))."
            case (.qr(let code, let why), .en): "Cannot make the QR code for \(code) (\(why))."
            case (.cairo(let path, let status), .vi): "Không ghi được \(path) (\(status))."
            case (.cairo(let path, let status), .en): "Cannot write \(path) (\(status))."
            }
        }
    }

    static let pointsPerMillimetre = 72 / 25.4

    /// A PDF with every badge, in the order given. `progress` is told (done, total).
    public static func pdf(_ badges: [Badge], layout: BadgeLayout, to path: String,
                           progress: (Int, Int) -> Void = { _, _ in }) throws(Failure) {
        let page = layout.pageSize
        guard let surface = cairo_pdf_surface_create(path, page.width * pointsPerMillimetre, page.height * pointsPerMillimetre) else {
            throw .cairo(path: path, status: "no surface")
        }
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Thẻ đại biểu — \(badges.first?.congressName ?? "")")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "congress")
        guard let cr = cairo_create(surface) else { throw .cairo(path: path, status: "no context") }
        defer { cairo_destroy(cr) }
        let canvas = TextCanvas(context: cr, unitsPerMillimetre: pointsPerMillimetre)
        let renderer = BadgeRenderer(layout: layout)
        let codes = QRPipeline(badges.map(\.payload))
        for (index, badge) in badges.enumerated() {
            let slot = index % layout.badgesPerPage
            if slot == 0 && index > 0 { cairo_show_page(cr) }
            if slot == 0 && layout == .a4 { drawCutMarks(canvas, layout: layout, slots: min(layout.badgesPerPage, badges.count - index)) }
            let qr: QRDrawing
            do { qr = try codes.drawing(index).get() } catch { throw .qr(code: badge.code, error) }
            let origin = layout.origin(ofSlot: slot)
            renderer.draw(badge, qr: qr, on: canvas, x: origin.x, y: origin.y)
            if layout == .a4 {
                canvas.strokeRectangle(x: origin.x, y: origin.y, width: layout.badgeSize.width,
                                       height: layout.badgeSize.height, lineWidth: 0.1, gray: 0.8)
            }
            progress(index + 1, badges.count)
        }
        cairo_surface_finish(surface)
        try check(surface, path)
    }

    /// One badge as a PNG at `dpi` or as SVG, chosen by the path's extension.
    public static func single(_ badge: Badge, layout: BadgeLayout, to path: String, dpi: Double = 300) throws(Failure) {
        let qr: QRDrawing
        do { qr = QRDrawing(try QRMatrix.encode(badge.payload)) } catch { throw .qr(code: badge.code, error) }
        let size = layout.badgeSize
        if path.lowercased().hasSuffix(".svg") {
            guard let surface = cairo_svg_surface_create(path, size.width * pointsPerMillimetre, size.height * pointsPerMillimetre) else {
                throw .cairo(path: path, status: "no surface")
            }
            defer { cairo_surface_destroy(surface) }
            try draw(badge, qr: qr, layout: layout, surface: surface, unitsPerMillimetre: pointsPerMillimetre, path: path)
            cairo_surface_finish(surface)
            try check(surface, path)
        } else {
            let scale = dpi / 25.4
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((size.width * scale).rounded()),
                                                           Int32((size.height * scale).rounded())) else {
                throw .cairo(path: path, status: "no surface")
            }
            defer { cairo_surface_destroy(surface) }
            try draw(badge, qr: qr, layout: layout, surface: surface, unitsPerMillimetre: scale, path: path)
            let status = cairo_surface_write_to_png(surface, path)
            guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(path: path, status: String(cString: cairo_status_to_string(status))) }
        }
    }

    private static func draw(_ badge: Badge, qr: QRDrawing, layout: BadgeLayout, surface: OpaquePointer,
                             unitsPerMillimetre: Double, path: String) throws(Failure) {
        guard let cr = cairo_create(surface) else { throw .cairo(path: path, status: "no context") }
        defer { cairo_destroy(cr) }
        let canvas = TextCanvas(context: cr, unitsPerMillimetre: unitsPerMillimetre)
        BadgeRenderer(layout: layout).draw(badge, qr: qr, on: canvas, x: 0, y: 0)
    }

    private static func check(_ surface: OpaquePointer, _ path: String) throws(Failure) {
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(path: path, status: String(cString: cairo_status_to_string(status)))
        }
    }

    /// Marks in the margins along every cut line of the 2 × 4 grid, clear of the badges.
    private static func drawCutMarks(_ canvas: TextCanvas, layout: BadgeLayout, slots: Int) {
        let (w, h) = layout.badgeSize
        let first = layout.origin(ofSlot: 0)
        let right = first.x + Double(BadgeLayout.columns) * w
        let bottom = first.y + Double(BadgeLayout.rows) * h
        let gap = 2.0, length = 6.0
        for column in 0...BadgeLayout.columns {
            let x = first.x + Double(column) * w
            canvas.line(from: (x, first.y - gap - length), to: (x, first.y - gap), width: 0.2, gray: 0)
            canvas.line(from: (x, bottom + gap), to: (x, bottom + gap + length), width: 0.2, gray: 0)
        }
        for row in 0...BadgeLayout.rows {
            let y = first.y + Double(row) * h
            canvas.line(from: (first.x - gap - length, y), to: (first.x - gap, y), width: 0.2, gray: 0)
            canvas.line(from: (right + gap, y), to: (right + gap + length, y), width: 0.2, gray: 0)
        }
    }
}
