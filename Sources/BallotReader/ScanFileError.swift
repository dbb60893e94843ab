import CongressCore

/// Why a scan file could not be read, with the file (and page) named.
public enum ScanFileError: Error, Sendable, Hashable, LocalizedMessage {
    case missing(path: String)
    /// Not PDF, TIFF, JPEG or PNG (by its first bytes, not its name).
    case unsupported(path: String)
    case unreadable(path: String, page: Int?, detail: String)
    case tooLarge(path: String, page: Int, width: Int, height: Int)
    case noPages(path: String)
    /// Cut short or broken: a truncated JPEG, a PDF without its end.
    case damaged(path: String, detail: String)
    case tooManyPages(path: String, pages: Int, limit: Int)
    case fileTooLarge(path: String, bytes: Int, limit: Int)

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .missing(let path):
            return vi ? "Không có tệp \(path)." : "There is no file \(path)."
        case .unsupported(let path):
            return vi ? "\(path): không phải ảnh quét PDF, TIFF, JPEG hay PNG; hãy cho máy quét lưu một trong các dạng đó."
                : "\(path): not a PDF, TIFF, JPEG or PNG scan; have the scanner save one of those."
        case .unreadable(let path, let page, let detail):
            let place = page.map { vi ? "\(path), trang \($0)" : "\(path), page \($0)" } ?? path
            return vi ? "\(place): không đọc được (\(detail))." : "\(place): cannot be read (\(detail))."
        case .tooLarge(let path, let page, let w, let h):
            return vi ? "\(path), trang \(page): ảnh \(w) × \(h) điểm quá lớn; hãy quét 150–600 dpi."
                : "\(path), page \(page): the image is \(w) × \(h) pixels, too large; scan at 150–600 dpi."
        case .noPages(let path):
            return vi ? "\(path): không có trang nào." : "\(path): no pages."
        case .damaged(let path, let detail):
            return vi ? "\(path): tệp bị hỏng hoặc không trọn vẹn (\(detail)); hãy quét lại hoặc chép lại tệp từ máy quét."
                : "\(path): the file is damaged or cut short (\(detail)); scan again or copy the file from the scanner again."
        case .tooManyPages(let path, let pages, let limit):
            let count = pages > limit ? (vi ? "hơn \(limit)" : "more than \(limit)") : String(pages)
            return vi ? "\(path): \(count) trang; mỗi tệp tối đa \(limit) trang. Hãy chia tệp quét thành nhiều tệp."
                : "\(path): \(count) pages; a file may have at most \(limit). Split the scan into several files."
        case .fileTooLarge(let path, let bytes, let limit):
            return vi ? "\(path): \(bytes >> 20) MB; mỗi tệp tối đa \(limit >> 20) MB. Hãy chia tệp quét thành nhiều tệp."
                : "\(path): \(bytes >> 20) MB; a file may be at most \(limit >> 20) MB. Split the scan into several files."
        }
    }
}
