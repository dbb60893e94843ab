import CZBar

/// Reads QR codes from a grey image with libzbar: the text of each, and where its corners
/// are (pixels), so that the reader can tell the paper's serial QR from anything else.
public enum QRReader {
    public struct Found: Sendable, Hashable {
        public var text: String
        /// The symbol's outline as zbar traced it, in pixels of the image read.
        public var points: [Point]
    }

    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
    }

    /// Every QR code in `image`, or in the part of it given (x, y, width, height).
    public static func read(_ image: ScanImage, region: (x: Int, y: Int, width: Int, height: Int)? = nil) -> [Found] {
        let (x0, y0, w, h) = clamp(region ?? (0, 0, image.width, image.height), image)
        guard w > 8, h > 8 else { return [] }
        var crop = [UInt8](repeating: 255, count: w * h)
        for row in 0..<h {
            let from = (y0 + row) * image.width + x0
            crop.replaceSubrange(row * w..<(row + 1) * w, with: image.pixels[from..<from + w])
        }
        guard let scanner = zbar_image_scanner_create() else { return [] }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        guard let zimage = zbar_image_create() else { return [] }
        defer { zbar_image_destroy(zimage) }
        // "Y800": 8-bit grey, one byte a pixel
        let y800 = UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8 | UInt(UInt8(ascii: "0")) << 16 | UInt(UInt8(ascii: "0")) << 24
        zbar_image_set_format(zimage, y800)
        zbar_image_set_size(zimage, UInt32(w), UInt32(h))
        var found: [Found] = []
        crop.withUnsafeBytes { buffer in
            zbar_image_set_data(zimage, buffer.baseAddress, UInt(buffer.count), nil)
            guard zbar_scan_image(scanner, zimage) > 0 else { return }
            var symbol = zbar_image_first_symbol(zimage)
            while let s = symbol {
                if zbar_symbol_get_type(s) == ZBAR_QRCODE, let data = zbar_symbol_get_data(s) {
                    let length = Int(zbar_symbol_get_data_length(s))
                    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                    let points = (0..<zbar_symbol_get_loc_size(s)).map { i in
                        Point(x: Double(x0) + Double(zbar_symbol_get_loc_x(s, i)), y: Double(y0) + Double(zbar_symbol_get_loc_y(s, i)))
                    }
                    found.append(Found(text: text, points: points))
                }
                symbol = zbar_symbol_next(s)
            }
            // zbar must not keep a pointer into the buffer past this scope
            zbar_image_set_data(zimage, nil, 0, nil)
        }
        return found
    }

    static func clamp(_ r: (x: Int, y: Int, width: Int, height: Int), _ image: ScanImage) -> (Int, Int, Int, Int) {
        let x = max(0, min(image.width, r.x)), y = max(0, min(image.height, r.y))
        return (x, y, max(0, min(image.width - x, r.width)), max(0, min(image.height - y, r.height)))
    }
}
