import CongressCore
@testable import Documents
import Foundation
import Testing
import TestSupport

/// A workbook under the upload limit (4 MB) is refused, when it must be, within a second and
/// without taking 100 MB: cells by the million, rows by the hundred thousand, a part that
/// inflates past what a delegate list can be, shared strings by the million.
@Suite("Workbooks within bounds")
struct XLSXBoundsTests {
    static let workbook = """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>
        """

    static func book(sheet: String, shared: String? = nil) throws -> Data {
        var parts: [(path: String, xml: String)] = [("xl/workbook.xml", workbook), ("xl/worksheets/sheet1.xml", sheet)]
        if let shared { parts.append(("xl/sharedStrings.xml", shared)) }
        return try TestWorkbook.zip(parts)
    }

    static func sheet(rows: Int, columns: Int) -> String {
        var xml = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        let row = "<row>" + String(repeating: "<c><v>1</v></c>", count: columns) + "</row>"
        xml.reserveCapacity(row.utf8.count * rows + 100)
        for _ in 0..<rows { xml += row }
        return xml + "</sheetData></worksheet>"
    }

    static func cases() throws -> [(name: String, data: Data)] {
        [
            ("two million cells", try book(sheet: sheet(rows: 100_000, columns: 20))),
            ("a million rows of one cell", try book(sheet: sheet(rows: 1_000_000, columns: 1))),
            ("a sheet of 200 MB of spaces", try book(sheet: "<worksheet><sheetData><row><c><v>1</v></c></row>" + String(repeating: " ", count: 200 << 20) + "</sheetData></worksheet>")),
            ("a million shared strings", try book(sheet: sheet(rows: 1, columns: 1),
                                                  shared: "<sst>" + String(repeating: "<si><t>Nguyễn</t></si>", count: 1_000_000) + "</sst>")),
            // under the size a part may unpack to, over what a list can hold: counted, not parsed
            ("300,000 cells in 5 MB", try book(sheet: sheet(rows: 15_000, columns: 20))),
            ("300,000 empty rows", try book(sheet: "<worksheet><sheetData>" + String(repeating: "<row/>", count: 300_000) + "</sheetData></worksheet>")),
            ("300,000 cells with a prefix", try book(sheet: sheet(rows: 15_000, columns: 20).replacingOccurrences(of: "<c>", with: "<x:c>")
                                                        .replacingOccurrences(of: "</c>", with: "</x:c>"))),
            ("300,000 shared strings", try book(sheet: sheet(rows: 1, columns: 1),
                                                shared: "<sst>" + String(repeating: "<si><t>An</t></si>", count: 300_000) + "</sst>")),
            // the parser's time grows with the square of one element's attributes: 600,000
            // held a core for two minutes (found by an outside try)
            ("a row of 600,000 attributes", try book(sheet: "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"2\" "
                + (0..<600_000).map { "a\($0)=\"x\"" }.joined(separator: " ") + "></row></sheetData></worksheet>")),
            // the same through a DTD: every cell given 100,000 default attributes the count of
            // attributes written never sees (a second outside try froze the server with it)
            ("100,000 attributes declared in a DTD", try book(sheet: "<!DOCTYPE worksheet [<!ATTLIST c "
                + (0..<100_000).map { "a\($0) CDATA \"q\"" }.joined(separator: " ")
                + ">]><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>")),
        ]
    }

    @Test func refusedWithinASecondAndAHundredMegabytes() throws {
        for (name, data) in try Self.cases() {
            #expect(data.count < 4 << 20, "\(name): \(data.count) bytes, under the upload limit")
            let before = HostileScans.peakMegabytes()
            let start = ContinuousClock.now
            do {
                _ = try XLSXTableReader.read(data, source: "ds.xlsx")
                Issue.record("\(name): read")
            } catch {
                // said in words: what is wrong and what would be right
                let words = error.message(.vi)
                #expect(words.contains("250000 ô") || words.contains("lớn hơn mọi danh sách đại biểu (tối đa 20 MB)")
                        || words.contains("hơn 64 thuộc tính") || words.contains("khai báo DOCTYPE"), "\(name): \(words)")
            }
            let took = ContinuousClock.now - start
            #expect(took < .seconds(1), "\(name): refused after \(took)")
            #expect(HostileScans.peakMegabytes() - before < 100, "\(name): \(HostileScans.peakMegabytes() - before) MB more at the peak")
        }
    }

    /// A list of 11,000 delegates, the largest the product is built for, is still read.
    @Test func theLargestListIsStillRead() throws {
        let table = try XLSXTableReader.read(try Self.book(sheet: Self.sheet(rows: 11_000, columns: 20)), source: "ds.xlsx")
        #expect(table.rows.count == 11_000)
        #expect(XMLTags.count(in: Data("<x:c r='A1'><v>1</v></x:c><c/><cell/><row>".utf8), named: ["c", "row"], above: 10) == 3)
    }
}
