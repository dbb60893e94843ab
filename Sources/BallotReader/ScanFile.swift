import CPoppler
import CTIFF
import CTurboJPEG
import Foundation

/// The pages of a scan file as grey images: what sheet-fed scanners write. PDF (each page
/// a sheet, a scanner's PDF of JPEG pages included) through poppler-glib, drawn by cairo;
/// multi-page TIFF through libtiff; JPEG through TurboJPEG (errors returned, not longjmp'd);
/// PNG through cairo. The kind is told by the file's first bytes, not its name.
public enum ScanFile {
    public enum Kind: Sendable { case pdf, tiff, jpeg, png }

    /// `pdfDPI`: the resolution PDF pages are drawn at (a PDF has no pixels of its own).
    public static func pages(_ path: String, pdfDPI: Double = 200) throws(ScanFileError) -> [ScanImage] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path: path) }
        switch kind(data) {
        case .pdf: return try pdf(path, dpi: pdfDPI)
        case .tiff: return try tiff(path)
        case .jpeg: return [try jpeg(data, path: path)]
        case .png: return [try png(path)]
        case nil: throw .unsupported(path: path)
        }
    }

    public static func kind(_ data: Data) -> Kind? {
        let head = Array(data.prefix(8))
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }

    // MARK: PDF

    static func pdf(_ path: String, dpi: Double) throws(ScanFileError) -> [ScanImage] {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var error: UnsafeMutablePointer<GError>?
        guard let uri = g_filename_to_uri(absolute, nil, &error) else {
            defer { if error != nil { g_error_free(error) } }
            throw .unreadable(path: path, page: nil, detail: error.map { String(cString: $0.pointee.message) } ?? "URI")
        }
        defer { g_free(uri) }
        guard let document = poppler_document_new_from_file(uri, nil, &error) else {
            let detail = error.map { String(cString: $0.pointee.message) } ?? "PDF"
            if error != nil { g_error_free(error) }
            throw .unreadable(path: path, page: nil, detail: detail)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        let count = Int(poppler_document_get_n_pages(document))
        guard count > 0 else { throw .noPages(path: path) }
        var pages: [ScanImage] = []
        for index in 0..<count {
            guard let page = poppler_document_get_page(document, Int32(index)) else {
                throw .unreadable(path: path, page: index + 1, detail: "page")
            }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            var wPoints = 0.0, hPoints = 0.0
            poppler_page_get_size(page, &wPoints, &hPoints)
            let width = Int((wPoints / 72 * dpi).rounded()), height = Int((hPoints / 72 * dpi).rounded())
            guard width > 0, height > 0, width <= ScanImage.maximumSide, height <= ScanImage.maximumSide else {
                throw .tooLarge(path: path, page: index + 1, width: width, height: height)
            }
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
                throw .unreadable(path: path, page: index + 1, detail: "cairo")
            }
            defer { cairo_surface_destroy(surface) }
            if let cr = cairo_create(surface) {
                cairo_set_source_rgb(cr, 1, 1, 1)
                cairo_paint(cr)
                cairo_scale(cr, dpi / 72, dpi / 72)
                poppler_page_render_for_printing(page, cr)
                cairo_destroy(cr)
            }
            var image = grey(surface)
            image.dpi = dpi
            pages.append(image)
        }
        return pages
    }

    /// An RGB24 or ARGB32 cairo surface as grey (alpha over white).
    static func grey(_ surface: OpaquePointer) -> ScanImage {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        var pixels = [UInt8](repeating: 255, count: width * height)
        guard let base = cairo_image_surface_get_data(surface) else { return ScanImage(width: width, height: height, pixels: pixels, dpi: nil) }
        for y in 0..<height {
            let row = base + y * stride
            switch format {
            case CAIRO_FORMAT_A8:
                for x in 0..<width { pixels[y * width + x] = 255 - row[x] }
            default:
                row.withMemoryRebound(to: UInt32.self, capacity: width) { words in
                    for x in 0..<width {
                        let p = words[x]
                        var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                        if format == CAIRO_FORMAT_ARGB32 {
                            // premultiplied: composite over white
                            let a = (p >> 24) & 0xFF
                            r += 255 - a; g += 255 - a; b += 255 - a
                        }
                        pixels[y * width + x] = ScanImage.grey(min(r, 255), min(g, 255), min(b, 255))
                    }
                }
            }
        }
        return ScanImage(width: width, height: height, pixels: pixels, dpi: nil)
    }

    // MARK: PNG

    static func png(_ path: String) throws(ScanFileError) -> ScanImage {
        guard let surface = cairo_image_surface_create_from_png(path) else { throw .unreadable(path: path, page: 1, detail: "PNG") }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw .unreadable(path: path, page: 1, detail: String(cString: cairo_status_to_string(cairo_surface_status(surface))))
        }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        guard width <= ScanImage.maximumSide, height <= ScanImage.maximumSide else {
            throw .tooLarge(path: path, page: 1, width: width, height: height)
        }
        return grey(surface)
    }

    // MARK: JPEG

    /// A JPEG held in memory (a scanner's upload, a kept page), decoded to grey.
    public static func decodeJPEG(_ data: Data) throws(ScanFileError) -> ScanImage { try jpeg(data, path: "JPEG") }

    static func jpeg(_ data: Data, path: String) throws(ScanFileError) -> ScanImage {
        guard let handle = tjInitDecompress() else { throw .unreadable(path: path, page: 1, detail: "TurboJPEG") }
        defer { tjDestroy(handle) }
        var bytes = [UInt8](data)
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colourspace: Int32 = 0
        guard tjDecompressHeader3(handle, &bytes, UInt(bytes.count), &width, &height, &subsampling, &colourspace) == 0 else {
            throw .unreadable(path: path, page: 1, detail: String(cString: tjGetErrorStr2(handle)))
        }
        guard width > 0, height > 0, Int(width) <= ScanImage.maximumSide, Int(height) <= ScanImage.maximumSide else {
            throw .tooLarge(path: path, page: 1, width: Int(width), height: Int(height))
        }
        var pixels = [UInt8](repeating: 255, count: Int(width) * Int(height))
        let status = tjDecompress2(handle, &bytes, UInt(bytes.count), &pixels, width, 0, height, Int32(TJPF_GRAY.rawValue), 0)
        // a warning (a truncated file) still leaves what was decoded; an error does not
        if status != 0, tjGetErrorCode(handle) == Int32(TJERR_FATAL.rawValue) {
            throw .unreadable(path: path, page: 1, detail: String(cString: tjGetErrorStr2(handle)))
        }
        return ScanImage(width: Int(width), height: Int(height), pixels: pixels, dpi: jfifDPI(bytes))
    }

    /// The density of a JFIF APP0 segment, in dots per inch, when it gives one.
    static func jfifDPI(_ bytes: [UInt8]) -> Double? {
        guard bytes.count > 18, bytes[2] == 0xFF, bytes[3] == 0xE0, Array(bytes[6..<11]) == Array("JFIF\0".utf8) else { return nil }
        let unit = bytes[13], x = Double(UInt16(bytes[14]) << 8 | UInt16(bytes[15]))
        switch unit {
        case 1: return x > 0 ? x : nil
        case 2: return x > 0 ? x * 2.54 : nil
        default: return nil
        }
    }

    // MARK: TIFF

    static func tiff(_ path: String) throws(ScanFileError) -> [ScanImage] {
        // libtiff prints its complaints to standard error by default; the error says enough.
        TIFFSetWarningHandler(nil)
        TIFFSetErrorHandler(nil)
        guard let tif = TIFFOpen(path, "r") else { throw .unreadable(path: path, page: nil, detail: "TIFF") }
        defer { TIFFClose(tif) }
        var pages: [ScanImage] = []
        repeat {
            let number = pages.count + 1
            var width: UInt32 = 0, height: UInt32 = 0
            // TIFFGetField is variadic, which Swift cannot call; TIFFVGetField takes a va_list.
            _ = withUnsafeMutablePointer(to: &width) { p in withVaList([p]) { TIFFVGetField(tif, UInt32(TIFFTAG_IMAGEWIDTH), $0) } }
            _ = withUnsafeMutablePointer(to: &height) { p in withVaList([p]) { TIFFVGetField(tif, UInt32(TIFFTAG_IMAGELENGTH), $0) } }
            guard width > 0, height > 0, Int(width) <= ScanImage.maximumSide, Int(height) <= ScanImage.maximumSide else {
                throw .tooLarge(path: path, page: number, width: Int(width), height: Int(height))
            }
            var raster = [UInt32](repeating: 0, count: Int(width) * Int(height))
            guard TIFFReadRGBAImageOriented(tif, width, height, &raster, ORIENTATION_TOPLEFT, 0) == 1 else {
                throw .unreadable(path: path, page: number, detail: "TIFF")
            }
            // ABGR, alpha over white
            let pixels = raster.map { p -> UInt8 in
                let a = (p >> 24) & 0xFF
                return ScanImage.grey(min(255, (p & 0xFF) + 255 - a), min(255, ((p >> 8) & 0xFF) + 255 - a),
                                      min(255, ((p >> 16) & 0xFF) + 255 - a))
            }
            pages.append(ScanImage(width: Int(width), height: Int(height), pixels: pixels, dpi: resolution(tif)))
        } while TIFFReadDirectory(tif) == 1
        return pages
    }

    static func resolution(_ tif: OpaquePointer) -> Double? {
        var x: Float = 0
        var unit: UInt16 = UInt16(RESUNIT_INCH)
        let hasX = withUnsafeMutablePointer(to: &x) { p in withVaList([p]) { TIFFVGetField(tif, UInt32(TIFFTAG_XRESOLUTION), $0) } }
        _ = withUnsafeMutablePointer(to: &unit) { p in withVaList([p]) { TIFFVGetField(tif, UInt32(TIFFTAG_RESOLUTIONUNIT), $0) } }
        guard hasX == 1, x > 0 else { return nil }
        return unit == UInt16(RESUNIT_CENTIMETER) ? Double(x) * 2.54 : Double(x)
    }
}
