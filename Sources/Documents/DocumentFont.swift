import CCairo
import Foundation

/// The typeface every printed document uses: Noto Sans (Debian's fonts-noto-core, which
/// `make setup` installs). Pinning one font is what makes an official document — the
/// minutes, the credentials report, a ballot — wrap, paginate and look the same on every
/// machine it is printed from. DejaVu Sans is only a fallback so that a machine without
/// Noto still prints something legible; it says so on standard error, once.
public enum DocumentFont {
    public static let preferred = "Noto Sans"
    public static let fallback = "DejaVu Sans"

    /// The family the documents are drawn in on this machine.
    public static let family: String = {
        if installed(preferred) { return preferred }
        FileHandle.standardError.write(Data("""
            Cảnh báo: phông Noto Sans chưa được cài (gói fonts-noto-core; chạy `make setup`); \
            tài liệu in bằng DejaVu Sans và có thể xuống dòng khác bản chuẩn.
            Warning: Noto Sans is not installed (fonts-noto-core; run `make setup`); documents \
            are drawn in DejaVu Sans and may wrap differently from the standard copy.\n
            """.utf8))
        return fallback
    }()

    /// Whether fontconfig, through pango, knows a family of this name.
    public static func installed(_ name: String) -> Bool {
        guard let map = pango_cairo_font_map_get_default() else { return false }
        var families: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
        var count: Int32 = 0
        pango_font_map_list_families(map, &families, &count)
        defer { g_free(families) }
        guard let families else { return false }
        for index in 0..<Int(count) {
            if let family = families[index], let cName = pango_font_family_get_name(family),
               String(cString: cName).caseInsensitiveCompare(name) == .orderedSame {
                return true
            }
        }
        return false
    }
}
