import CongressCore
import CSV
import Foundation

/// Reads a CSV (or tab-separated "Unicode text") file into a ``Table``: UTF-8 with or
/// without BOM or UTF-16; comma, semicolon or tab, found from the header line; quoted fields
/// with embedded newlines; CRLF or LF. The parsing itself is CSV.swift's.
public enum CSVTableReader {
    public static func read(_ data: Data, source: String) throws(DelegateListRejected) -> Table {
        let text = try TextFileDecoding.decode(data, source: source)
        if text.allSatisfy(\.isWhitespace) {
            throw DelegateListRejected(DelegateListError(source: source, problem: .emptyFile))
        }
        let delimiter = detectDelimiter(text)
        if let row = unterminatedQuoteRow(text, delimiter: delimiter) {
            throw DelegateListRejected(DelegateListError(source: source, row: row, problem: .unbalancedQuote))
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, delimiter: delimiter)
        } catch {
            throw DelegateListRejected(DelegateListError(source: source, problem: .unreadableFile(detail: "\(error)")))
        }
        var rows: [Table.Row] = []
        var number = 0
        while let cells = reader.next() {
            number += 1
            rows.append(Table.Row(number: number, cells: cells.map { CSVTableReader.unguarded($0.replacingOccurrences(of: "\r\n", with: "\n")) }))
        }
        return Table(source: source, rows: rows)
    }

    /// The separator used most in the first line outside quotes: tab, semicolon (Excel in
    /// locales with a decimal comma, Vietnamese among them) or comma.
    static func detectDelimiter(_ text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if counts[scalar] != nil { counts[scalar, default: 0] += 1 }
        }
        let order: [Unicode.Scalar] = ["\t", ";", ","]
        return order.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? ","
    }

    /// The row (record, as a spreadsheet numbers it) where a quoted field opens and never
    /// closes, if any. RFC 4180: a quote opens a field only at its start; inside, a doubled
    /// quote is a literal one.
    static func unterminatedQuoteRow(_ text: String, delimiter: Unicode.Scalar) -> Int? {
        var row = 1
        var openedOn = 0
        var inQuotes = false
        var atFieldStart = true
        var previousWasQuote = false
        var lastWasCR = false
        for scalar in text.unicodeScalars {
            if inQuotes {
                if scalar == "\"" {
                    if previousWasQuote { previousWasQuote = false } else { previousWasQuote = true }
                    continue
                }
                if previousWasQuote {  // the quote before closed the field
                    inQuotes = false
                    previousWasQuote = false
                } else {
                    continue  // newlines inside quotes belong to the cell, not a new row
                }
            }
            switch scalar {
            case "\"" where atFieldStart:
                inQuotes = true
                openedOn = row
                atFieldStart = false
            case delimiter:
                atFieldStart = true
            case "\r":
                row += 1
                atFieldStart = true
            case "\n":
                if !lastWasCR { row += 1 }
                atFieldStart = true
            default:
                atFieldStart = false
            }
            lastWasCR = scalar == "\r"
        }
        return inQuotes && !previousWasQuote ? openedOn : nil
    }

    /// A cell `CSVTableWriter.asText` guarded, as it was: `'=…` → `=…`.
    static func unguarded(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let next = cell.drop(while: { $0 == "'" }).first, CSVTableWriter.formulaStarts.contains(next) else { return cell }
        return String(cell.dropFirst())
    }
}
