import CongressCore
import Foundation

/// A delegate list file read all the way: bytes → table → delegates, with every error.
public enum DelegateListFile {
    public static func read(path: String) -> DelegateListReader.Reading {
        do {
            return DelegateListReader.read(try TableFile.read(path: path))
        } catch {
            return DelegateListReader.Reading(delegates: [], warnings: [], errors: error.errors)
        }
    }

    public static func read(_ data: Data, source: String, fileExtension: String) -> DelegateListReader.Reading {
        do {
            return DelegateListReader.read(try TableFile.read(data, source: source, fileExtension: fileExtension))
        } catch {
            return DelegateListReader.Reading(delegates: [], warnings: [], errors: error.errors)
        }
    }

    /// The list as a file that `congress import` reads back to the same delegates.
    public static func export(_ delegates: [Delegate], format: Format) throws -> Data {
        let rows = DelegateListExport.rows(delegates)
        switch format {
        case .csv: return try CSVTableWriter.data(rows)
        case .xlsx: return try XLSXTableWriter.data(rows, sheetName: "Danh sách đại biểu")
        }
    }

    public enum Format: String, Sendable, CaseIterable {
        case csv, xlsx
    }
}
