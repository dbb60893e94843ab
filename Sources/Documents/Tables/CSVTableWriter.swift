import CSV
import Foundation

/// Writes rows as CSV the way Excel opens it without asking: UTF-8 with a BOM, commas,
/// CRLF, fields quoted when they hold a comma, quote or newline (CSV.swift's writer).
public enum CSVTableWriter {
    public static func data(_ rows: [[String]]) throws -> Data {
        let stream = OutputStream.toMemory()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try writer.write(row: row) }
        stream.close()
        let body = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Data([0xEF, 0xBB, 0xBF]) + body + Data([0x0D, 0x0A])
    }
}
