import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// A fuzzer that knows what a workbook is: it writes sheet XML from a model (rows, cells,
/// references, types, shared-string indexes, nesting, entities, sizes), mutates the model,
/// zips it as a workbook and imports it. The byte fuzzer almost never reaches well-formed
/// sheet XML through the ZIP's checksums and deflate; this one reaches it every time, and
/// found the crafted column reference that asked for exabytes. Kept inputs are replayed
/// from fixtures/fuzz/xlsx-structure/; the input being tried is in .build/fuzz/.
@Suite("Fuzz: sheet XML, structure-aware")
struct FuzzSheetStructureTests {
    struct Cell {
        var reference: String?
        var type: String?
        var value: String
        var inline: Bool
    }
    struct Row {
        var number: String?
        var cells: [Cell]
    }
    struct Model {
        var rows: [Row] = []
        var shared: [String] = []
        var doctype = ""
        var wrapper = ("", "")
    }

    var rng = SystemRandomNumberGenerator()

    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func letters() -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return ""
        case 1: return String(repeating: "A", count: Int.random(in: 4...40, using: &rng))
        case 2: return "XFD"
        case 3: return "XFE"
        case 4: return pick(["ZZZ", "a", "Ă", "-", "A1A"])
        default:
            return String((0..<Int.random(in: 1...3, using: &rng)).map { _ in Character(Unicode.Scalar(UInt8.random(in: 65...90, using: &rng))) })
        }
    }

    mutating func number() -> String {
        pick(["0", "-1", "1", "2", "3", "1048576", "1048577", "99999999999999999999", "x", "", "1e9", " 4", "٣",
              String(Int.random(in: 1...400, using: &rng))])
    }

    mutating func text() -> String {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return "&amp;&lt;&#x1EA1;&#7843;"
        case 1: return "&undefined;"
        case 2: return String(repeating: "Nguyễn Thị Đào ", count: Int.random(in: 1...3_000, using: &rng))
        case 3: return "&laugh9;"
        case 4: return "<![CDATA[DB0001]]>"
        default: return pick(["DB0001", "Nguyễn Văn An", "Nam", "Nữ", "Bầu", "Công đoàn ngành Y tế", "Đương nhiên", "12/05/1980", "45000.5"])
        }
    }

    mutating func model() -> Model {
        var m = Model()
        m.shared = (0..<Int.random(in: 0...6, using: &rng)).map { _ in text() }
        let headers = ["Mã đại biểu", "Họ và tên", "Giới tính", "Đoàn đại biểu", "Loại đại biểu"]
        m.rows.append(Row(number: "1", cells: headers.enumerated().map { Cell(reference: "\(Table.columnLetter($0.offset))1", type: "inlineStr", value: $0.element, inline: true) }))
        for r in 0..<Int.random(in: 0...8, using: &rng) {
            let row = chance(0.8) ? String(r + 2) : number()
            var cells: [Cell] = []
            for c in 0..<Int.random(in: 0...7, using: &rng) {
                let reference: String? = chance(0.7) ? "\(Table.columnLetter(c))\(row)" : (chance(0.5) ? nil : letters() + number())
                let type = pick([nil, "s", "n", "inlineStr", "str", "b", "e", "d", "zz"] as [String?])
                let value: String = type == "s" ? pick([String(Int.random(in: 0..<max(1, m.shared.count + 2), using: &rng)), "-1",
                                                       "99999999999999999999", "x"]) : text()
                cells.append(Cell(reference: reference, type: type, value: value, inline: type == "inlineStr"))
            }
            m.rows.append(Row(number: chance(0.9) ? row : nil, cells: cells))
        }
        if chance(0.2) {
            // entities declared inline, up to a "billion laughs": libxml2 must refuse the amplification
            var d = "<!DOCTYPE worksheet [<!ENTITY laugh0 \"ha\">"
            for i in 1...9 { d += "<!ENTITY laugh\(i) \"" + String(repeating: "&laugh\(i - 1);", count: 10) + "\">" }
            m.doctype = d + "]>"
        }
        if chance(0.1) { m.wrapper = pick([("<row r=\"7\">", "</row>"), ("<c>", "</c>"), ("<x:y>", "</x:y>"), ("<sheetData>", "")]) }
        return m
    }

    static func xml(_ m: Model) -> String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + m.doctype
        s += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + m.wrapper.0
        for row in m.rows {
            s += "<row" + (row.number.map { " r=\"\($0)\"" } ?? "") + ">"
            for c in row.cells {
                s += "<c" + (c.reference.map { " r=\"\($0)\"" } ?? "") + (c.type.map { " t=\"\($0)\"" } ?? "") + ">"
                s += c.inline ? "<is><t>\(c.value)</t></is>" : "<v>\(c.value)</v>"
                s += "</c>"
            }
            s += "</row>"
        }
        return s + m.wrapper.1 + "</sheetData></worksheet>"
    }

    static func workbook(sheet: String, shared: [String]?) throws -> Data {
        var parts = [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
             + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
             + "<sheets><sheet name=\"DS\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             + "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        if let shared {
            parts.append(("xl/sharedStrings.xml", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                          + shared.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"))
        }
        return try TestWorkbook.zip(parts)
    }

    /// Imports one workbook: an answer (a list, or errors that say where) in bounded time.
    static func importOnce(_ data: Data) {
        let start = threadCPUSeconds()
        let reading = DelegateListFile.read(data, source: "cau-truc.xlsx", fileExtension: "xlsx")
        for e in reading.errors { #expect(!e.message(.vi).isEmpty && !e.message(.en).isEmpty) }
        if reading.errors.isEmpty { #expect(reading.delegates.allSatisfy { !$0.code.isEmpty && !$0.name.isEmpty }) }
        #expect(threadCPUSeconds() - start < 3, "no workbook takes three seconds")
    }

    @Test mutating func craftedSheetsNeverCrashOrHang() throws {
        let current = Fixtures.root.appendingPathComponent(".build/fuzz/xlsx-structure.xlsx")
        try? FileManager.default.createDirectory(at: current.deletingLastPathComponent(), withIntermediateDirectories: true)
        var tried = 0
        let keptFolder = Fixtures.directory.appendingPathComponent("fuzz/xlsx-structure")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: keptFolder.path)) ?? []).sorted() {
            Self.importOnce(try Data(contentsOf: keptFolder.appendingPathComponent(name)))
            tried += 1
        }
        let deadline = Date().addingTimeInterval(max(Fuzzer.seconds, 0.5))
        while Date() < deadline || tried < 20 {
            let m = model()
            let data = try Self.workbook(sheet: Self.xml(m), shared: chance(0.8) ? m.shared : nil)
            try? data.write(to: current)
            Self.importOnce(data)
            tried += 1
        }
        try? FileManager.default.removeItem(at: current)
        #expect(tried >= 20)
    }

    /// The other side: any sheet whose references are in bounds reads back cell for cell.
    @Test mutating func cellsInBoundsReadBackAsWritten() throws {
        for _ in 0..<40 {
            var expected: [Int: [Int: String]] = [:]
            var m = Model()
            var rowNumber = 0
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                rowNumber += Int.random(in: 1...3, using: &rng)
                var cells: [Cell] = []
                var column = -1
                for _ in 0..<Int.random(in: 1...5, using: &rng) {
                    column += Int.random(in: 1...(chance(0.1) ? 16_000 : 3), using: &rng)
                    guard column < 16_384 else { break }
                    let value = pick(["Hà Thị Hồng Đào", "DB0123", "Nam", "x & y", "Trương Đức An", "1980"])
                    m.shared.append(value)
                    let shared = chance(0.5)
                    cells.append(Cell(reference: "\(Table.columnLetter(column))\(rowNumber)", type: shared ? "s" : "inlineStr",
                                      value: shared ? String(m.shared.count - 1) : value.replacingOccurrences(of: "&", with: "&amp;"),
                                      inline: !shared))
                    expected[rowNumber, default: [:]][column] = value
                }
                m.rows.append(Row(number: String(rowNumber), cells: cells))
            }
            let shared = m.shared.map { $0.replacingOccurrences(of: "&", with: "&amp;") }
            let table = try XLSXTableReader.read(try Self.workbook(sheet: Self.xml(m), shared: shared), source: "t.xlsx")
            for row in table.rows {
                for (column, text) in expected[row.number] ?? [:] {
                    #expect(row.cells.indices.contains(column) && row.cells[column] == text, "\(Table.columnLetter(column))\(row.number)")
                }
            }
            #expect(Set(table.rows.map(\.number)) == Set(expected.keys))
        }
    }
}
