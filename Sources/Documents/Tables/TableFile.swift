import CongressCore
import Foundation

/// Reads a delegate list file of any accepted kind, chosen by its extension.
public enum TableFile {
    public static func read(path: String) throws(DelegateListRejected) -> Table {
        let url = URL(fileURLWithPath: path)
        let source = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path)
                ? "\(error.localizedDescription)" : "không có tệp này / no such file"
            throw DelegateListRejected(DelegateListError(source: path, problem: .unreadableFile(detail: reason)))
        }
        return try read(data, source: source, fileExtension: url.pathExtension)
    }

    public static func read(_ data: Data, source: String, fileExtension: String) throws(DelegateListRejected) -> Table {
        switch fileExtension.lowercased() {
        case "csv", "txt", "tsv":
            return try CSVTableReader.read(data, source: source)
        case "xlsx", "xlsm":
            return try XLSXTableReader.read(data, source: source)
        case "xls":
            throw DelegateListRejected(DelegateListError(source: source, problem: .legacyExcel))
        default:
            throw DelegateListRejected(DelegateListError(
                source: source, problem: .unsupportedFormat(fileExtension: fileExtension)))
        }
    }
}
