import CCairo
import CongressCore

/// A PDF being written (cairo's PDF surface, pages in millimetres, text through a
/// TextCanvas): the part every printed document shares. `finish()` says whether cairo
/// wrote the file.
final class PDFDocument {
    static let pointsPerMillimetre = 72 / 25.4
    let surface: OpaquePointer
    let context: OpaquePointer
    let canvas: TextCanvas

    /// Nil when cairo cannot start the file (no such folder, no permission).
    init?(path: String, width: Double, height: Double, title: String) {
        guard let surface = cairo_pdf_surface_create(path, width * Self.pointsPerMillimetre, height * Self.pointsPerMillimetre) else {
            return nil
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            return nil
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "congress (\(DocumentFont.family))")
        self.surface = surface
        self.context = context
        canvas = TextCanvas(context: context, unitsPerMillimetre: Self.pointsPerMillimetre)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    func newPage() { cairo_show_page(context) }

    /// Writes the file out; the cairo status when that failed (disk full…), else nil.
    func finish() -> String? {
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        return status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }
}

/// Why a report or the minutes could not be written.
public enum PDFFailure: Error, Sendable, LocalizedMessage {
    case cairo(path: String, status: String)

    public func message(_ language: Language) -> String {
        switch (self, language) {
        case (.cairo(let path, let status), .vi): "Không ghi được \(path) (\(status))."
        case (.cairo(let path, let status), .en): "Cannot write \(path) (\(status))."
        }
    }
}
