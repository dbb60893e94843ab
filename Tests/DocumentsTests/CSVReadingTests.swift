import CongressCore
@testable import Documents
import Foundation
import Testing

@Suite("CSV reading")
struct CSVReadingTests {
    let header = "Mã đại biểu,Họ và tên,Giới tính,Đoàn đại biểu,Loại đại biểu"

    func read(_ text: String) throws -> Table {
        try CSVTableReader.read(Data(text.utf8), source: "t.csv")
    }

    @Test func bomCRLFAndQuotedNewlines() throws {
        let text = "\u{FEFF}\(header)\r\n\"DB1\",\"Lê Văn A\",Nam,\"CĐ \"\"Hoà Bình\"\",\r\nphân xưởng 2\",Bầu\r\nDB2,Lê Văn B,Nam,CĐ A,Bầu\r\n"
        let table = try read(text)
        #expect(table.rows.count == 3)
        #expect(table.rows[0].cells[0] == "Mã đại biểu")
        #expect(table.rows[1].cells[3] == "CĐ \"Hoà Bình\",\nphân xưởng 2")
        // the quoted newline does not shift the numbering: DB2 is spreadsheet row 3
        #expect(table.rows[2].number == 3)
        #expect(table.rows[2].cells[0] == "DB2")
    }

    @Test(arguments: [",", ";", "\t"])
    func separatorIsFoundFromTheHeader(_ separator: String) throws {
        let head = header.replacingOccurrences(of: ",", with: separator)
        let row = ["DB1", "Lê Văn A", "Nam", "\"CĐ A; B, C\"", "Bầu"].joined(separator: separator)
        let text = head + "\n" + row
        let table = try read(text)
        #expect(table.rows[1].cells == ["DB1", "Lê Văn A", "Nam", "CĐ A; B, C", "Bầu"])
    }

    @Test func utf16WithAndWithoutBOM() throws {
        let text = "\(header)\nDB1,Nguyễn Thị Đào,Nữ,CĐ Y tế,Bầu\n"
        let units = Array(text.utf16)
        let little: [UInt8] = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let cases: [([UInt8], String)] = [(little, "LE"), ([0xFF, 0xFE] + little, "LE BOM"), ([0xFE, 0xFF] + big, "BE BOM")]
        for (bytes, label) in cases {
            let table = try CSVTableReader.read(Data(bytes), source: "t.csv")
            #expect(table.rows[1].cells[1] == "Nguyễn Thị Đào", "\(label)")
        }
    }

    @Test func notUTF8IsRefusedAtTheFirstBadLine() {
        var bytes = Array("\(header)\nDB1,Le Van A,Nam,CD A,Bau\n".utf8)
        bytes += [0x44, 0x42, 0x32, 0x2C, 0x4C, 0xEA, 0x2C, 0x0A]  // "DB2,Lê," in Windows-1258
        #expect {
            try CSVTableReader.read(Data(bytes), source: "t.csv")
        } throws: { error in
            let e = (error as? DelegateListRejected)?.errors.first
            return e?.problem == .notUTF8 && e?.row == 3
        }
    }

    @Test func unclosedQuoteNamesItsRow() {
        #expect {
            try read("\(header)\nDB1,\"Lê Văn A,Nam,CĐ A,Bầu\nDB2,Lê Văn B,Nam,CĐ A,Bầu\n")
        } throws: { error in
            (error as? DelegateListRejected)?.errors.first.map { $0.problem == .unbalancedQuote && $0.row == 2 } ?? false
        }
        // a quote inside an unquoted cell is just a character
        #expect((try? read("\(header)\nDB1,Lê Văn \"Tư\",Nam,CĐ A,Bầu\n"))?.rows[1].cells[1] == "Lê Văn \"Tư\"")
    }

    @Test func emptyAndBlankFiles() {
        for text in ["", "\n\n", "   \r\n"] {
            #expect(throws: DelegateListRejected.self) { try read(text) }
        }
    }

    @Test func unknownExtensionsAndLegacyExcel() {
        let reading = DelegateListFile.read(Data("x".utf8), source: "ds.pdf", fileExtension: "pdf")
        #expect(reading.errors.map(\.code) == ["unsupported_format"])
        let xls = DelegateListFile.read(Data([0xD0, 0xCF, 0x11, 0xE0]), source: "ds.xls", fileExtension: "xls")
        #expect(xls.errors.map(\.code) == ["legacy_excel"])
        let missing = DelegateListFile.read(path: "/nonexistent/ds.csv")
        #expect(missing.errors.map(\.code) == ["unreadable_file"])
    }
}
