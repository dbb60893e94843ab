import CongressCore
import Documents
import Foundation
import PropertyBased
import Testing
import TestSupport

@Suite("Export and re-import")
struct RoundTripProperties {
    @Test(arguments: DelegateListFile.Format.allCases)
    func exportReimportsToTheSameDelegates(_ format: DelegateListFile.Format) async {
        await propertyCheck(count: 60, input: DelegateGen.list(maxCount: 40)) { delegates in
            do {
                let data = try DelegateListFile.export(delegates, format: format)
                let reading = DelegateListFile.read(data, source: "export.\(format.rawValue)", fileExtension: format.rawValue)
                #expect(reading.errors.isEmpty, "\(reading.errors.map { $0.message(.en) })")
                #expect(reading.delegates == delegates)
            } catch {
                Issue.record("export failed: \(error)")
            }
        }
    }

    @Test func fixtureSurvivesExportAndReimport() throws {
        let delegates = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        for format in DelegateListFile.Format.allCases {
            let data = try DelegateListFile.export(delegates, format: format)
            let again = try DelegateListFile.read(data, source: "x", fileExtension: format.rawValue).validated()
            #expect(again == delegates, "\(format)")
        }
    }
}

/// CSV injection (OWASP): a cell a spreadsheet would run is written as text, and read back
/// as it was.
@Suite("Cells a spreadsheet would run")
struct FormulaCellTests {
    static let cases: [(cell: String, written: String)] = [
        ("=HYPERLINK(\"http://evil.example\",\"Cửa Đông\")", "'=HYPERLINK(\"http://evil.example\",\"Cửa Đông\")"),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'=already quoted", "''=already quoted"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("'quoted but harmless", "'quoted but harmless"),
        ("", ""),
        ("a=b", "a=b"),
        // split at the ';' by a spreadsheet whose list separator it is, unless quoted
        (";=1+1", ";=1+1"),
        ("Cửa A;@SUM(1)", "Cửa A;@SUM(1)"),
    ]

    @Test func formulasAreWrittenAsTextAndReadBackAsTheyWere() throws {
        let rows = [["cell", "next"]] + Self.cases.map { [$0.cell, "x"] }
        let data = try CSVTableWriter.data(rows)
        let table = try TableFile.read(data, source: "t.csv", fileExtension: "csv")
        for (index, c) in Self.cases.enumerated() {
            #expect(CSVTableWriter.asText(c.cell) == c.written, "\(c.cell.debugDescription)")
            #expect(table.rows[index + 1].cells.first == c.cell, "read back: \(c.cell.debugDescription)")
        }
        // as a spreadsheet sees the file, whether its list separator is ',' or ';' (quotes
        // respected): no field begins with a formula character
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        for separator: Character in [",", ";"] {
            var fields: [String] = [], field = "", quoted = false
            for c in text {
                if c == "\"" { quoted.toggle(); continue }
                if !quoted && (c == separator || c == "\n" || c == "\r\n") { fields.append(field); field = ""; continue }
                field.append(c)
            }
            for field in fields {
                #expect(!(field.first.map { "=+-@".contains($0) } ?? false), "split at \(separator): \(field.debugDescription)")
            }
        }
    }

    @Test func anyCellRoundTrips() async {
        let pieces = ["=", "+", "-", "@", "'", "\t", "a", "ễ", " ", ",", "\""]
        await propertyCheck(count: 300, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...6).map { $0.map { pieces[$0] }.joined() }) { cell in
            // a header line first: the reader finds the separator there
            let data = try? CSVTableWriter.data([["cell", "next"], [cell, "x"]])
            let table = try? TableFile.read(data ?? Data(), source: "t.csv", fileExtension: "csv")
            let back = table?.rows.dropFirst().first?.cells.first ?? ""
            // CSV.swift's reader trims nothing; a cell of only spaces may read as empty
            #expect(back == cell || cell.allSatisfy(\.isWhitespace), "\(cell.debugDescription) → \(back.debugDescription)")
        }
    }
}
