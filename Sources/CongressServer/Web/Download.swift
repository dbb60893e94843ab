import Foundation
import Hummingbird

/// A file the pages hand over: drawn by a printer into a temporary file (cairo writes to
/// paths), read back, removed, and sent as an attachment with its type.
enum Download {
    /// Runs `write` on a fresh temporary path with this extension and returns the bytes.
    static func rendered(_ ext: String, _ write: (String) throws -> Void) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("congress-\(UUID().uuidString).\(ext)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(path)
        return FileManager.default.contents(atPath: path) ?? Data()
    }

    static func response(_ data: Data, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = switch (name as NSString).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "png": "image/png"
        case "csv": "text/csv; charset=utf-8"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        default: "application/json; charset=utf-8"
        }
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
