import CSV
import Foundation

/// Writes rows as CSV the way Excel opens it without asking: UTF-8 with a BOM, commas,
/// CRLF, fields quoted when they hold a comma, semicolon, quote or newline (CSV.swift's writer).
/// A cell a spreadsheet would run as a formula is written as text (OWASP's CSV injection
/// advice): a door's name sent by a kiosk, `=HYPERLINK(…)`, must not become a link.
public enum CSVTableWriter {
    public static func data(_ rows: [[String]]) throws -> Data {
        let stream = OutputStream.toMemory()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows {
            let cells = row.map(asText)
            // a spreadsheet whose list separator is ';' (Vietnamese Windows) splits an unquoted
            // cell there, and what follows could begin a formula: such a cell is quoted
            try writer.write(row: cells, quotedAtIndex: { cells[$0].contains(";") })
        }
        stream.close()
        let body = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Data([0xEF, 0xBB, 0xBF]) + body + Data([0x0D, 0x0A])
    }

    /// The characters that make a spreadsheet read a cell as a formula when they begin it.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A cell as text: prefixed with `'`, which spreadsheets show as nothing and read as
    /// "text", when it begins like a formula. `CSVTableReader` takes the `'` off again, so
    /// a list written here re-imports unchanged.
    /// A cell that already begins with quotes before such a character gets one more, so that
    /// what is read back is always what was written.
    public static func asText(_ cell: String) -> String {
        guard let first = cell.drop(while: { $0 == "'" }).first, formulaStarts.contains(first) else { return cell }
        return "'" + cell
    }
}
