import CPoppler
import CTIFF
import CTurboJPEG
import Foundation

/// A scan file opened (ảnh quét): what sheet-fed scanners write, PDF (each page a sheet, a
/// scanner's PDF of JPEG pages included) through poppler-glib, drawn by cairo; multi-page
/// TIFF through libtiff; JPEG through TurboJPEG (errors returned, not longjmp'd); PNG through
/// cairo. The kind is told by the file's first bytes, not its name.
///
/// Opening counts and measures every page without decoding one, so that a file with too
/// many pages, a page too large or a file cut short is refused before anything of it is
/// kept; then each page is decoded only when asked for and let go by the caller, so what a
/// file costs in memory is one page, whatever its length.
public final class ScanDocument {
    public let path: String
    public let kind: ScanFile.Kind
    /// Each page's size in pixels, as the file says (a PDF's at `pdfDPI`).
    public let sizes: [(width: Int, height: Int)]
    public var pageCount: Int { sizes.count }
    let pdfDPI: Double
    private var pdfDocument: OpaquePointer?
    private var tiff: OpaquePointer?
    private let data: Data?

    /// The most pages one file may have: a ballot box is a few hundred sheets; a file of
    /// thousands is a mistake or an attack, refused before any page is kept.
    public static let maximumPages = 2_000
    /// The largest file read: a 2,000-sheet scan at 100 KB a page is 200 MB.
    public static let maximumBytes = 256 << 20

    public init(_ path: String, pdfDPI: Double = 200) throws(ScanFileError) {
        self.path = path
        self.pdfDPI = pdfDPI
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)  // nil: missing, said just below
        guard let size = attributes?[.size] as? Int, let handle = FileHandle(forReadingAtPath: path) else { throw .missing(path: path) }
        guard size <= Self.maximumBytes else { throw .fileTooLarge(path: path, bytes: size, limit: Self.maximumBytes) }
        let head = ((try? handle.read(upToCount: 8)) ?? nil) ?? Data()  // an empty read is an unsupported file, said below
        try? handle.close()  // read-only: nothing is lost if closing fails
        guard let kind = ScanFile.kind(head) else { throw .unsupported(path: path) }
        self.kind = kind
        switch kind {
        case .pdf:
            let document = try ScanFile.openPDF(path)
            pdfDocument = document
            data = nil
            sizes = try ScanFile.pdfSizes(document, path: path, dpi: pdfDPI)
        case .tiff:
            let tif = try ScanFile.openTIFF(path)
            tiff = tif
            data = nil
            sizes = try ScanFile.tiffSizes(tif, path: path)
        case .jpeg:
            guard let bytes = FileManager.default.contents(atPath: path) else { throw .missing(path: path) }
            data = bytes
            sizes = [try ScanFile.jpegSize(bytes, path: path)]
        case .png:
            guard let bytes = FileManager.default.contents(atPath: path) else { throw .missing(path: path) }
            data = bytes
            sizes = [try ScanFile.pngSize(bytes, path: path)]
        }
        guard !sizes.isEmpty else { throw .noPages(path: path) }
    }

    deinit {
        if let pdfDocument { g_object_unref(UnsafeMutableRawPointer(pdfDocument)) }
        if let tiff { TIFFClose(tiff) }
    }

    /// Page `index` (from 0) decoded to grey.
    public func page(_ index: Int) throws(ScanFileError) -> ScanImage {
        switch kind {
        case .pdf:
            guard let pdfDocument else { throw .unreadable(path: path, page: index + 1, detail: "PDF") }
            return try ScanFile.pdfPage(pdfDocument, index, path: path, dpi: pdfDPI)
        case .tiff:
            guard let tiff else { throw .unreadable(path: path, page: index + 1, detail: "TIFF") }
            return try ScanFile.tiffPage(tiff, index, path: path)
        case .jpeg: return try ScanFile.jpeg(data ?? Data(), path: path)
        case .png: return try ScanFile.png(path)
        }
    }
}

/// The formats of `ScanDocument`, each opened, measured and decoded.
public enum ScanFile {
    public enum Kind: Sendable { case pdf, tiff, jpeg, png }

    /// Every page of a file, decoded: for a few pages (tests, a single upload). A long file
    /// is read a page at a time through `ScanDocument`.
    public static func pages(_ path: String, pdfDPI: Double = 200) throws(ScanFileError) -> [ScanImage] {
        let document = try ScanDocument(path, pdfDPI: pdfDPI)
        var pages: [ScanImage] = []
        for index in 0..<document.pageCount { pages.append(try document.page(index)) }
        return pages
    }

    public static func kind(_ data: Data) -> Kind? {
        let head = Array(data.prefix(8))
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }

    /// A page's size, refused when a side or the whole is beyond what a ballot scan can be.
    static func checked(_ width: Int, _ height: Int, path: String, page: Int) throws(ScanFileError) -> (width: Int, height: Int) {
        guard width > 0, height > 0, width <= ScanImage.maximumSide, height <= ScanImage.maximumSide,
              width * height <= ScanImage.maximumPixels else {
            throw .tooLarge(path: path, page: page, width: width, height: height)
        }
        return (width, height)
    }

    // MARK: PDF

    static func openPDF(_ path: String) throws(ScanFileError) -> OpaquePointer {
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
            throw .damaged(path: path, detail: detail)
        }
        return document
    }

    static func pdfSizes(_ document: OpaquePointer, path: String, dpi: Double) throws(ScanFileError) -> [(width: Int, height: Int)] {
        let count = Int(poppler_document_get_n_pages(document))
        guard count <= ScanDocument.maximumPages else { throw .tooManyPages(path: path, pages: count, limit: ScanDocument.maximumPages) }
        var sizes: [(width: Int, height: Int)] = []
        for index in 0..<count {
            guard let page = poppler_document_get_page(document, Int32(index)) else { throw .damaged(path: path, detail: "page \(index + 1)") }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            var wPoints = 0.0, hPoints = 0.0
            poppler_page_get_size(page, &wPoints, &hPoints)
            sizes.append(try checked(Int((wPoints / 72 * dpi).rounded()), Int((hPoints / 72 * dpi).rounded()), path: path, page: index + 1))
        }
        return sizes
    }

    static func pdfPage(_ document: OpaquePointer, _ index: Int, path: String, dpi: Double) throws(ScanFileError) -> ScanImage {
        guard let page = poppler_document_get_page(document, Int32(index)) else {
            throw .unreadable(path: path, page: index + 1, detail: "page")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var wPoints = 0.0, hPoints = 0.0
        poppler_page_get_size(page, &wPoints, &hPoints)
        let (width, height) = try checked(Int((wPoints / 72 * dpi).rounded()), Int((hPoints / 72 * dpi).rounded()), path: path, page: index + 1)
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
        return image
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

    /// The size a PNG's header (IHDR) gives, read before anything is decoded.
    static func pngSize(_ data: Data, path: String) throws(ScanFileError) -> (width: Int, height: Int) {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { throw .damaged(path: path, detail: "PNG IHDR") }
        // a PNG ends with its IEND chunk: a file cut short (a full disk, a broken copy) has none
        guard data.count >= 36, data.suffix(12).elementsEqual([0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]) else {
            throw .damaged(path: path, detail: "PNG IEND")
        }
        let number = { (at: Int) in bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return try checked(number(16), number(20), path: path, page: 1)
    }

    static func png(_ path: String) throws(ScanFileError) -> ScanImage {
        guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path: path) }
        _ = try pngSize(data, path: path)
        guard let surface = cairo_image_surface_create_from_png(path) else { throw .unreadable(path: path, page: 1, detail: "PNG") }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw .damaged(path: path, detail: String(cString: cairo_status_to_string(cairo_surface_status(surface))))
        }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        _ = try checked(width, height, path: path, page: 1)
        return grey(surface)
    }

    // MARK: JPEG

    /// A JPEG held in memory (a scanner's upload, a kept page), decoded to grey.
    public static func decodeJPEG(_ data: Data) throws(ScanFileError) -> ScanImage { try jpeg(data, path: "JPEG") }

    /// The size a JPEG's header gives, read before anything is decoded; a file without its
    /// end marker was cut short (a full disk, a transfer broken) and is said to be damaged.
    static func jpegSize(_ data: Data, path: String) throws(ScanFileError) -> (width: Int, height: Int) {
        guard let handle = tjInitDecompress() else { throw .unreadable(path: path, page: 1, detail: "TurboJPEG") }
        defer { tjDestroy(handle) }
        var bytes = [UInt8](data)
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colourspace: Int32 = 0
        guard tjDecompressHeader3(handle, &bytes, UInt(bytes.count), &width, &height, &subsampling, &colourspace) == 0 else {
            throw .damaged(path: path, detail: String(cString: tjGetErrorStr2(handle)))
        }
        let size = try checked(Int(width), Int(height), path: path, page: 1)
        // the end-of-image marker, perhaps followed by padding a scanner adds
        let tail = bytes.suffix(64)
        guard zip(tail, tail.dropFirst()).contains(where: { $0 == 0xFF && $1 == 0xD9 }) else {
            throw .damaged(path: path, detail: "JPEG")
        }
        return size
    }

    static func jpeg(_ data: Data, path: String) throws(ScanFileError) -> ScanImage {
        _ = try jpegSize(data, path: path)
        guard let handle = tjInitDecompress() else { throw .unreadable(path: path, page: 1, detail: "TurboJPEG") }
        defer { tjDestroy(handle) }
        var bytes = [UInt8](data)
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colourspace: Int32 = 0
        guard tjDecompressHeader3(handle, &bytes, UInt(bytes.count), &width, &height, &subsampling, &colourspace) == 0 else {
            throw .unreadable(path: path, page: 1, detail: String(cString: tjGetErrorStr2(handle)))
        }
        _ = try checked(Int(width), Int(height), path: path, page: 1)
        var pixels = [UInt8](repeating: 255, count: Int(width) * Int(height))
        let status = tjDecompress2(handle, &bytes, UInt(bytes.count), &pixels, width, 0, height, Int32(TJPF_GRAY.rawValue), 0)
        // an error leaves nothing; a warning that the data ended early leaves a page half grey
        if status != 0 {
            let detail = String(cString: tjGetErrorStr2(handle))
            if tjGetErrorCode(handle) == Int32(TJERR_FATAL.rawValue) || detail.contains("Premature end") {
                throw .damaged(path: path, detail: detail)
            }
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

    static func openTIFF(_ path: String) throws(ScanFileError) -> OpaquePointer {
        // libtiff prints its complaints to standard error by default; the error says enough.
        TIFFSetWarningHandler(nil)
        TIFFSetErrorHandler(nil)
        guard let tif = TIFFOpen(path, "r") else { throw .damaged(path: path, detail: "TIFF") }
        return tif
    }

    static func tiffDimensions(_ tif: OpaquePointer) -> (Int, Int) {
        var width: UInt32 = 0, height: UInt32 = 0
        // TIFFGetField is variadic, which Swift cannot call; TIFFVGetField takes a va_list.
        _ = withUnsafeMutablePointer(to: &width) { p in withVaList([p]) { TIFFVGetField(tif, UInt32(TIFFTAG_IMAGEWIDTH), $0) } }
        _ = withUnsafeMutablePointer(to: &height) { p in withVaList([p]) { TIFFVGetField(tif, UInt32(TIFFTAG_IMAGELENGTH), $0) } }
        return (Int(width), Int(height))
    }

    /// Each directory's size, reading headers only; more than the limit is refused at once.
    static func tiffSizes(_ tif: OpaquePointer, path: String) throws(ScanFileError) -> [(width: Int, height: Int)] {
        var sizes: [(width: Int, height: Int)] = []
        // a file cut short: a page's image data past the end, or a next page whose
        // directory cannot be read (the pages before it would be read, the rest lost unsaid)
        let length = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.uint64Value ?? .max
        repeat {
            guard sizes.count < ScanDocument.maximumPages else {
                throw .tooManyPages(path: path, pages: ScanDocument.maximumPages + 1, limit: ScanDocument.maximumPages)
            }
            let (width, height) = tiffDimensions(tif)
            sizes.append(try checked(width, height, path: path, page: sizes.count + 1))
            let pieces = TIFFIsTiled(tif) != 0 ? TIFFNumberOfTiles(tif) : TIFFNumberOfStrips(tif)
            for piece in 0..<pieces {
                let (offset, count) = (TIFFGetStrileOffset(tif, piece), TIFFGetStrileByteCount(tif, piece))
                guard offset <= length, count <= length - offset else { throw .damaged(path: path, detail: "TIFF page \(sizes.count)") }
            }
            if TIFFLastDirectory(tif) != 0 { break }
            guard TIFFReadDirectory(tif) == 1 else { throw .damaged(path: path, detail: "TIFF page \(sizes.count + 1)") }
        } while true
        return sizes
    }

    static func tiffPage(_ tif: OpaquePointer, _ index: Int, path: String) throws(ScanFileError) -> ScanImage {
        guard TIFFSetDirectory(tif, UInt32(index)) == 1 else { throw .damaged(path: path, detail: "TIFF page \(index + 1)") }
        let (w, h) = try checked(tiffDimensions(tif).0, tiffDimensions(tif).1, path: path, page: index + 1)
        let (width, height) = (UInt32(w), UInt32(h))
        var raster = [UInt32](repeating: 0, count: w * h)
        guard TIFFReadRGBAImageOriented(tif, width, height, &raster, ORIENTATION_TOPLEFT, 0) == 1 else {
            throw .damaged(path: path, detail: "TIFF page \(index + 1)")
        }
        // ABGR, alpha over white
        let pixels = raster.map { p -> UInt8 in
            let a = (p >> 24) & 0xFF
            return ScanImage.grey(min(255, (p & 0xFF) + 255 - a), min(255, ((p >> 8) & 0xFF) + 255 - a),
                                  min(255, ((p >> 16) & 0xFF) + 255 - a))
        }
        return ScanImage(width: w, height: h, pixels: pixels, dpi: resolution(tif))
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
