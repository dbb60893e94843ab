import CongressCore
import Documents
import Foundation
import Testing
import TestSupport
import ZIPFoundation

@Suite("XLSX reading")
struct XLSXReadingTests {
    @Test func fixtureWorkbookReadsToTheSameListAsItsCSV() throws {
        // delegates.xlsx is written by openpyxl: shared strings, dates as serial numbers,
        // a title above the header.
        let xlsx = try DelegateListFile.read(path: Fixtures.path("delegates.xlsx")).validated()
        let csv = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        #expect(xlsx.count == 300)
        #expect(xlsx == csv)
        for name in ["encodings/delegates-semicolon.csv", "encodings/delegates-unicode-text.txt"] {
            #expect(try DelegateListFile.read(path: Fixtures.path(name)).validated() == csv, "\(name)")
        }
    }

    /// A workbook as other writers make them: the sheet under another file name, prefixed
    /// element names, inline and rich shared strings with phonetic runs, ISO date cells,
    /// numbers, booleans, sparse cells and cells without references.
    @Test func workbookPartsAsOtherWritersMakeThem() throws {
        let shared = """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
            <si><t>Mã đại biểu</t></si>
            <si><r><rPr><b/></rPr><t xml:space="preserve">Nguyễn Thị </t></r><r><t>Đào</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
            <si><t>Nữ</t></si>
            </sst>
            """
        let sheet = """
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>Họ và tên</x:t></x:is></x:c>
            <x:c t="inlineStr"><x:is><x:t>Giới tính</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>Ngày sinh</x:t></x:is></x:c>
            <x:c r="F1" t="inlineStr"><x:is><x:t>Đoàn đại biểu</x:t></x:is></x:c><x:c r="G1" t="inlineStr"><x:is><x:t>Loại đại biểu</x:t></x:is></x:c>
            <x:c r="H1" t="inlineStr"><x:is><x:t>Đảng viên</x:t></x:is></x:c></x:row>
            <x:row r="2"><x:c r="A2" t="n"><x:v>123</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2" t="s"><x:v>2</x:v></x:c>
            <x:c r="D2" t="d"><x:v>1980-05-12T00:00:00</x:v></x:c><x:c r="F2" t="str"><x:v>CĐ Y tế</x:v></x:c>
            <x:c r="G2" t="inlineStr"><x:is><x:t>Bầu</x:t></x:is></x:c><x:c r="H2" t="b"><x:v>1</x:v></x:c></x:row>
            <x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>DB2</x:t></x:is></x:c><x:c r="B4" t="inlineStr"><x:is><x:t>Lê Văn Tư</x:t></x:is></x:c>
            <x:c r="C4" t="inlineStr"><x:is><x:t>Nam</x:t></x:is></x:c><x:c r="D4"><x:v>1975.0</x:v></x:c>
            <x:c r="F4" t="inlineStr"><x:is><x:t>CĐ Y tế</x:t></x:is></x:c><x:c r="G4" t="inlineStr"><x:is><x:t>Dự khuyết</x:t></x:is></x:c>
            <x:c r="H4" t="b"><x:v>0</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """
        let data = try workbook(sheetPath: "xl/worksheets/dsdb.xml", sheet: sheet, sharedStrings: shared)
        let reading = DelegateListFile.read(data, source: "ds.xlsx", fileExtension: "xlsx")
        let delegates = try reading.validated()
        #expect(delegates == [
            Delegate(code: "123", name: "Nguyễn Thị Đào", sex: .female, birthDate: .day(year: 1980, month: 5, day: 12),
                     delegation: "CĐ Y tế", kind: .elected, partyMember: true),
            Delegate(code: "DB2", name: "Lê Văn Tư", sex: .male, birthDate: .year(1975),
                     delegation: "CĐ Y tế", kind: .alternate, partyMember: false),
        ])
    }

    @Test func errorsPointAtTheSpreadsheetRow() throws {
        let sheet = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="3"><c r="B3" t="inlineStr"><is><t>Mã đại biểu</t></is></c><c r="C3" t="inlineStr"><is><t>Họ và tên</t></is></c>
            <c r="D3" t="inlineStr"><is><t>Giới tính</t></is></c><c r="E3" t="inlineStr"><is><t>Đoàn đại biểu</t></is></c>
            <c r="F3" t="inlineStr"><is><t>Loại đại biểu</t></is></c></row>
            <row r="7"><c r="B7" t="inlineStr"><is><t>DB1</t></is></c><c r="C7" t="inlineStr"><is><t>Lê Văn A</t></is></c>
            <c r="D7" t="inlineStr"><is><t>Ông</t></is></c><c r="E7" t="inlineStr"><is><t>CĐ A</t></is></c>
            <c r="F7" t="inlineStr"><is><t>Bầu</t></is></c></row>
            </sheetData></worksheet>
            """
        let data = try workbook(sheetPath: "xl/worksheets/sheet1.xml", sheet: sheet, sharedStrings: nil)
        let reading = DelegateListFile.read(data, source: "ds.xlsx", fileExtension: "xlsx")
        #expect(reading.errors.map { $0.message(.vi) } == ["ds.xlsx, dòng 7, cột D «Giới tính»: «Ông» không hợp lệ; hãy ghi Nam hoặc Nữ."])
    }

    @Test func notAWorkbook() {
        for bytes: [UInt8] in [Array("Mã đại biểu,Họ và tên".utf8), [0x50, 0x4B, 0x03, 0x04, 0, 0, 0]] {
            let reading = DelegateListFile.read(Data(bytes), source: "ds.xlsx", fileExtension: "xlsx")
            #expect(reading.errors.map(\.code) == ["not_xlsx"])
        }
    }

    func workbook(sheetPath: String, sheet: String, sharedStrings: String?) throws -> Data {
        var parts = [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("xl/workbook.xml", """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="DS đại biểu" sheetId="4" rel:id="rId7"/><sheet name="Khác" sheetId="1" rel:id="rId1"/></sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="worksheet" Target="worksheets/other.xml"/>\
                <Relationship Id="rId7" Type="worksheet" Target="/\(sheetPath)"/></Relationships>
                """),
            (sheetPath, sheet),
            ("xl/worksheets/other.xml", "<worksheet><sheetData/></worksheet>"),
        ]
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
        return try TestWorkbook.zip(parts)
    }
}
