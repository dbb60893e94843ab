import CongressCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the first sheet of an XLSX workbook into a ``Table``: shared strings (rich text
/// included), inline strings, numbers, booleans and dates, whether stored as Excel serial
/// numbers or as text. The workbook is a ZIP (read by ZIPReader, every length bounded) of
/// XML parts (Foundation's XMLParser); the first sheet is found through the workbook and
/// its relationships, as Excel does, not by guessing a file name.
public enum XLSXTableReader {
    public static func read(_ data: Data, source: String) throws(DelegateListRejected) -> Table {
        func fail(_ problem: DelegateListError.Problem) -> DelegateListRejected {
            DelegateListRejected(DelegateListError(source: source, problem: problem))
        }
        if data.isEmpty { throw fail(.emptyFile) }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw fail(.legacyExcel) }
        guard data.starts(with: [0x50, 0x4B]) else { throw fail(.notXLSX(detail: "không phải tệp ZIP / not a ZIP file")) }
        let entries: [String: ZIPReader.Entry]
        do { entries = try ZIPReader.entries(data) } catch {
            throw fail(.notXLSX(detail: "tệp ZIP bị hỏng / a damaged ZIP: \(error)"))
        }
        func part(_ path: String) throws(DelegateListRejected) -> Data? {
            guard let entry = entries[path] else { return nil }
            let out: Data
            do { out = try ZIPReader.extract(entry, from: data) } catch {
                throw fail(.notXLSX(detail: "\(path): \(error.reason)"))
            }
            // Foundation's XMLParser traps on some damaged text (found by fuzzing,
            // fixtures/fuzz/import-xlsx): a part that is not UTF-8 is refused before it.
            guard String(data: out, encoding: .utf8) != nil else {
                throw fail(.notXLSX(detail: "\(path): không phải UTF-8 / not UTF-8"))
            }
            // the parser's time grows with the square of one element's attributes (600,000
            // in a 1.4 MB file held a core for two minutes); a spreadsheet's have a handful
            // a document type declaration: Excel never writes one, and through it a part can
            // give every element thousands of default attributes the count below never sees
            if out.range(of: Data("<!DOCTYPE".utf8)) != nil || out.range(of: Data("<!doctype".utf8)) != nil {
                throw fail(.notXLSX(detail: "\(path): có khai báo DOCTYPE, Excel không bao giờ ghi / a DOCTYPE declaration, which Excel never writes"))
            }
            if XMLTags.hasElement(in: out, withMoreAttributesThan: XMLTags.attributeLimit) {
                throw fail(.notXLSX(detail: "\(path): một thẻ có hơn \(XMLTags.attributeLimit) thuộc tính / an element with more than \(XMLTags.attributeLimit) attributes"))
            }
            return out
        }

        guard let workbookXML = try part("xl/workbook.xml") else {
            throw fail(.notXLSX(detail: "thiếu xl/workbook.xml / no xl/workbook.xml"))
        }
        let workbook = WorkbookParser.parse(workbookXML)
        guard let first = workbook.first else {
            throw fail(.notXLSX(detail: "sổ làm việc không có trang tính / the workbook has no sheet"))
        }
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let relsXML = try part("xl/_rels/workbook.xml.rels"),
           let target = RelationshipsParser.parse(relsXML)[first.relationshipID] {
            sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        guard let sheetXML = try part(sheetPath) else {
            throw fail(.notXLSX(detail: "thiếu / missing \(sheetPath)"))
        }
        // counted before they are parsed: a flood of cells, rows or strings is refused at once
        if XMLTags.count(in: sheetXML, named: ["c", "row"], above: SheetParser.cellLimit) > SheetParser.cellLimit {
            throw DelegateListRejected(DelegateListError(source: source, problem: .sheetCell(part: sheetPath, cell: "", .tooManyCells(limit: SheetParser.cellLimit))))
        }
        let sharedXML = try part("xl/sharedStrings.xml")
        if let sharedXML, XMLTags.count(in: sharedXML, named: ["si"], above: SheetParser.cellLimit) > SheetParser.cellLimit {
            throw DelegateListRejected(DelegateListError(source: source, problem: .sheetCell(part: "xl/sharedStrings.xml", cell: "", .tooManyCells(limit: SheetParser.cellLimit))))
        }
        let shared = sharedXML.map(SharedStringsParser.parse) ?? []
        let sheet = SheetParser(sharedStrings: shared, part: sheetPath)
        guard sheet.parse(sheetXML) else {
            if let (cell, row, limit) = sheet.outOfBounds {
                throw DelegateListRejected(DelegateListError(source: source, row: row, problem: .sheetCell(part: sheetPath, cell: cell, limit)))
            }
            throw fail(.notXLSX(detail: "\(sheetPath): \(sheet.failure ?? "XML")"))
        }
        let table = Table(source: source, rows: sheet.rows)
        if table.rows.allSatisfy(\.isBlank) { throw fail(.emptySheet(name: first.name)) }
        return table
    }
}

/// Elements counted in an XML part without parsing it: each `<` found by memchr, its name's
/// local part compared. Stops counting past `above`.
enum XMLTags {
    /// The most attributes an element of a spreadsheet part may have (a cell has three or four).
    static let attributeLimit = 64

    /// Whether an element has more than `limit` attributes: each `=` between a `<` and its
    /// `>` counted (one in a value too: a bound, not a parse), byte by byte.
    static func hasElement(in data: Data, withMoreAttributesThan limit: Int) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            var inTag = false, count = 0
            for byte in raw {
                switch byte {
                case 0x3C: inTag = true; count = 0
                case 0x3E: inTag = false
                case 0x3D where inTag:
                    count += 1
                    if count > limit { return true }
                default: break
                }
            }
            return false
        }
    }

    static func count(in data: Data, named names: Set<String>, above limit: Int) -> Int {
        let wanted = Set(names.map { Array($0.utf8) })
        return data.withUnsafeBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var n = 0
            var at = base
            let end = base + raw.count
            while at < end, n <= limit, let found = memchr(at, 0x3C, end - at) {
                var p = UnsafeRawPointer(found) + 1
                let nameStart = p
                var localStart = p
                while p < end {
                    let b = p.load(as: UInt8.self)
                    if b == 0x20 || b == 0x3E || b == 0x2F || b == 0x09 || b == 0x0A || b == 0x0D { break }
                    if b == 0x3A { localStart = p + 1 }  // a prefix (x:c)
                    p += 1
                    if p - nameStart > 64 { break }
                }
                if p - localStart > 0, p - localStart <= 3,
                   wanted.contains(Array(UnsafeRawBufferPointer(start: localStart, count: p - localStart))) { n += 1 }
                at = p
            }
            return n
        }
    }
}

/// A parser fed from a stream, so libxml2 sees the part in chunks: given a large sheet
/// (a 10,000-row list is over 10 MB of XML) in one piece it stops with an internal error.
private func makeParser(_ data: Data) -> XMLParser {
    XMLParser(stream: InputStream(data: data))
}

/// The local part of an XML name: some writers prefix every element (`x:row`).
private func localName(_ name: String) -> Substring {
    if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
    return name[...]
}

/// `xl/workbook.xml`: the sheets in workbook order, with their relationship ids.
private final class WorkbookParser: NSObject, XMLParserDelegate {
    struct Sheet { var name: String; var relationshipID: String }
    var sheets: [Sheet] = []

    static func parse(_ data: Data) -> [Sheet] {
        let delegate = WorkbookParser()
        let parser = makeParser(data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.sheets
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard localName(elementName) == "sheet" else { return }
        let id = attributes.first { localName($0.key) == "id" && $0.key.contains(":") }?.value ?? ""
        sheets.append(Sheet(name: attributes["name"] ?? "", relationshipID: id))
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part path.
private final class RelationshipsParser: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) -> [String: String] {
        let delegate = RelationshipsParser()
        let parser = makeParser(data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.targets
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard localName(elementName) == "Relationship", let id = attributes["Id"],
              let target = attributes["Target"] else { return }
        targets[id] = target
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is the text of its `<t>` runs, phonetic runs left out.
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    static func parse(_ data: Data) -> [String] {
        let delegate = SharedStringsParser()
        let parser = makeParser(data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch localName(elementName) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        switch localName(elementName) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// A worksheet: rows and cells placed by their `r` references (B5), or in sequence when a
/// writer leaves those out. Bounded as Excel is: columns A to XFD, rows 1 to 1,048,576;
/// and at most `cellLimit` cells held (a cell far to the right holds the empty ones before
/// it), so that no reference, however crafted, makes the import allocate without bound.
/// A cell out of bounds, or naming a shared string that does not exist, stops the reading
/// with the part and the cell named.
final class SheetParser: NSObject, XMLParserDelegate {
    static let maximumColumns = 16_384
    static let maximumRows = 1_048_576
    /// Above any delegate list (11,000 delegates × 20 columns is 220,000); each row counts
    /// as a cell too, so that empty rows by the million are refused as well. A sheet under
    /// it is read in well under a second.
    static let cellLimit = 250_000

    let sharedStrings: [String]
    let part: String
    var rows: [Table.Row] = []
    var failure: String?
    /// The cell that stopped the reading, its row when known, and why.
    var outOfBounds: (cell: String, row: Int?, DelegateListError.SheetLimit)?
    private var cellsHeld = 0

    private var rowNumber = 0
    private var cells: [String] = []
    private var column = 0
    private var cellType = ""
    private var value = ""
    private var collecting = false
    private var inInlineString = false
    private var inPhonetic = false

    init(sharedStrings: [String], part: String = "xl/worksheets/sheet1.xml") {
        self.sharedStrings = sharedStrings
        self.part = part
    }

    func parse(_ data: Data) -> Bool {
        let parser = makeParser(data)
        parser.delegate = self
        let ok = parser.parse()
        if failure != nil { return false }
        if !ok { failure = parser.parserError.map { "\($0)" } ?? "XML" }
        return ok
    }

    /// Stops the reading at `cell` (as written), saying why.
    private func stop(_ parser: XMLParser, _ cell: String, row: Int?, _ limit: DelegateListError.SheetLimit) {
        guard failure == nil else { return }
        failure = "\(cell)"
        outOfBounds = (cell, row, limit)
        parser.abortParsing()
    }

    private var cellName: String { "\(Table.columnLetter(column))\(rowNumber)" }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        switch localName(elementName) {
        case "row":
            let given = attributes["r"]
            rowNumber = given.flatMap { Int($0) } ?? rowNumber + 1
            guard (1...Self.maximumRows).contains(rowNumber) else {
                stop(parser, given ?? String(rowNumber), row: nil, .rowBeyondExcel)
                return
            }
            cells = []
            column = 0
        case "c":
            if let ref = attributes["r"] {
                let letters = ref.prefix { $0.isLetter }
                // at most three letters: XFD is Excel's last column
                guard letters.count <= 3, let index = Table.columnIndex(letters), index < Self.maximumColumns else {
                    stop(parser, ref, row: rowNumber, .columnBeyondXFD)
                    return
                }
                column = index
            }
            guard column < Self.maximumColumns else {
                stop(parser, "\(rowNumber)", row: rowNumber, .columnBeyondXFD)
                return
            }
            cellType = attributes["t"] ?? "n"
            value = ""
        case "v":
            collecting = true
        case "is":
            inInlineString = true
        case "t" where inInlineString:
            collecting = !inPhonetic
        case "rPh":
            inPhonetic = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        guard failure == nil else { return }
        switch localName(elementName) {
        case "v", "t":
            collecting = false
        case "is":
            inInlineString = false
        case "rPh":
            inPhonetic = false
        case "c":
            if cells.count <= column {
                let added = column - cells.count + 1
                guard cellsHeld + added <= Self.cellLimit else {
                    stop(parser, cellName, row: rowNumber, .tooManyCells(limit: Self.cellLimit))
                    return
                }
                cellsHeld += added
                cells.append(contentsOf: repeatElement("", count: added))
            }
            guard let text = cellText() else {
                stop(parser, cellName, row: rowNumber, .missingSharedString(index: value.trimmingCharacters(in: .whitespaces), count: sharedStrings.count))
                return
            }
            cells[column] = text
            column += 1
        case "row":
            guard cellsHeld < Self.cellLimit else {
                stop(parser, cellName, row: rowNumber, .tooManyCells(limit: Self.cellLimit))
                return
            }
            cellsHeld += 1
            rows.append(Table.Row(number: rowNumber, cells: cells))
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // a value longer than any cell Excel writes (32,767 characters) is cut, not grown
        if collecting, failure == nil, value.utf8.count < 40_000 { value += string }
    }

    /// The cell's text; nil when it names a shared string the file does not have.
    private func cellText() -> String? {
        switch cellType {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)),
                  sharedStrings.indices.contains(index) else { return nil }
            return sharedStrings[index]
        case "d":
            // ISO 8601 date cells: the date part is what a birth date needs.
            return String(value.prefix { $0 != "T" })
        case "n":
            // Whole numbers as Excel shows them: 1980, not 1980.0.
            if let number = Double(value), number.rounded() == number, abs(number) < 1e15 {
                return String(Int64(number))
            }
            return value
        default:  // inlineStr, str (formula result), b (0/1), e (error text)
            return value
        }
    }
}
