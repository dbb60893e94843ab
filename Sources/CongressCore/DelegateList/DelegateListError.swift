/// One thing wrong with a delegate list, and where: file, row and column as the spreadsheet
/// shows them, and the column's header as the file wrote it. Every error of a file is
/// collected before anything is refused, so the secretariat can fix them all in one pass.
public struct DelegateListError: Error, Sendable, Hashable, LocalizedMessage {
    public enum Problem: Sendable, Hashable {
        case unreadableFile(detail: String)
        case unsupportedFormat(fileExtension: String)
        /// An Excel 97–2003 `.xls` file.
        case legacyExcel
        case notXLSX(detail: String)
        /// Bytes that are not UTF-8 (Windows-1258, TCVN3, …); `row` points at the first.
        case notUTF8
        case unbalancedQuote
        case emptyFile
        case emptySheet(name: String)
        case noDelegates
        case missingColumn(DelegateField)
        case duplicateColumn(DelegateField, firstColumn: String)
        case missingValue
        case invalidValue(String)
        case impossibleDate(String)
        case duplicateCode(String, firstRow: Int)
        /// The report stops after so many errors: the rest are counted, not listed.
        case moreErrors(count: Int)
        /// A sheet cell past what Excel allows, or one naming what the file does not hold
        /// (a crafted or damaged workbook): `part` is the XML part, `cell` as it was written.
        case sheetCell(part: String, cell: String, SheetLimit)
    }

    /// What is wrong with a sheet cell.
    public enum SheetLimit: Sendable, Hashable {
        /// A column after XFD (16,384 columns).
        case columnBeyondXFD
        /// A row number outside 1…1,048,576.
        case rowBeyondExcel
        /// More cells than any delegate list holds.
        case tooManyCells(limit: Int)
        /// A shared-string index the file's string table does not have.
        case missingSharedString(index: String, count: Int)
    }

    public var source: String
    public var row: Int?
    public var column: String?
    /// The header cell of the column as the file wrote it.
    public var header: String?
    public var field: DelegateField?
    public var problem: Problem

    public init(source: String, row: Int? = nil, column: String? = nil, header: String? = nil,
                field: DelegateField? = nil, problem: Problem) {
        self.source = source
        self.row = row
        self.column = column
        self.header = header
        self.field = field
        self.problem = problem
    }

    /// A stable machine name for the problem, for JSON output and tests.
    public var code: String {
        switch problem {
        case .unreadableFile: "unreadable_file"
        case .unsupportedFormat: "unsupported_format"
        case .legacyExcel: "legacy_excel"
        case .notXLSX: "not_xlsx"
        case .notUTF8: "not_utf8"
        case .unbalancedQuote: "unbalanced_quote"
        case .emptyFile: "empty_file"
        case .emptySheet: "empty_sheet"
        case .noDelegates: "no_delegates"
        case .missingColumn: "missing_column"
        case .duplicateColumn: "duplicate_column"
        case .missingValue: "missing_value"
        case .invalidValue: "invalid_value"
        case .impossibleDate: "impossible_date"
        case .duplicateCode: "duplicate_code"
        case .moreErrors: "more_errors"
        case .sheetCell(_, _, .columnBeyondXFD): "column_beyond_xfd"
        case .sheetCell(_, _, .rowBeyondExcel): "row_beyond_excel"
        case .sheetCell(_, _, .tooManyCells): "too_many_cells"
        case .sheetCell(_, _, .missingSharedString): "missing_shared_string"
        }
    }

    public func message(_ language: Language) -> String {
        var place = source
        if let row { place += language == .vi ? ", dòng \(row)" : ", row \(row)" }
        if let column {
            place += language == .vi ? ", cột \(column)" : ", column \(column)"
            if let header, !header.isEmpty { place += language == .vi ? " «\(Self.shown(header))»" : " (\(Self.shown(header)))" }
        }
        let (wrong, right) = parts(language)
        return place + ": " + wrong + (right.map { "; " + $0 } ?? "") + "."
    }

    /// What is wrong, in a sentence without its full stop (the web page's table puts it in a
    /// column of its own).
    public func wrong(_ language: Language) -> String { parts(language).wrong }

    /// What would be right (what to write, how to save the file), when there is something to say.
    public func remedy(_ language: Language) -> String? { parts(language).right }

    /// A value from the file as a message shows it: at most 60 characters (a cell may hold
    /// megabytes, and the report is read by a person).
    static func shown(_ text: String) -> String { text.count > 60 ? text.prefix(60) + "…" : text }

    private func parts(_ l: Language) -> (wrong: String, right: String?) {
        let vi = l == .vi
        let expected = field?.expected(l) ?? ""
        switch problem {
        case .unreadableFile(let detail):
            return vi ? ("không đọc được tệp (\(detail))", nil) : ("cannot read the file (\(detail))", nil)
        case .unsupportedFormat(let ext):
            return vi ? ("không nhận loại tệp «.\(ext)»", "hãy dùng tệp .xlsx hoặc .csv (UTF-8)")
                : ("files of type «.\(ext)» are not accepted", "use .xlsx or .csv (UTF-8)")
        case .legacyExcel:
            return vi ? ("đây là tệp Excel 97-2003 (.xls)", "hãy mở bằng Excel và chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx)")
                : ("this is an Excel 97-2003 file (.xls)", "open it in Excel and choose Save As → Excel Workbook (*.xlsx)")
        case .notXLSX(let detail):
            return vi ? ("tệp không phải sổ làm việc .xlsx hợp lệ (\(detail))", "hãy lưu lại bằng Excel dạng *.xlsx")
                : ("the file is not a valid .xlsx workbook (\(detail))", "save it again from Excel as *.xlsx")
        case .sheetCell(let part, let cell, let limit):
            let cell = String(cell.prefix(24))
            let what: String = switch (limit, vi) {
            case (.columnBeyondXFD, true): "cột vượt quá XFD (Excel có 16.384 cột)"
            case (.columnBeyondXFD, false): "the column is beyond XFD (Excel has 16,384 columns)"
            case (.rowBeyondExcel, true): "số dòng ngoài 1–1.048.576 (giới hạn của Excel)"
            case (.rowBeyondExcel, false): "the row number is outside 1–1,048,576 (Excel's limit)"
            case (.tooManyCells(let n), true): "trang tính có quá \(n) ô; danh sách đại biểu nhỏ hơn nhiều"
            case (.tooManyCells(let n), false): "the sheet holds more than \(n) cells; a delegate list is far smaller"
            case (.missingSharedString(let i, let n), true): "chỉ tới chuỗi dùng chung số \(i.prefix(24)) nhưng tệp chỉ có \(n) chuỗi"
            case (.missingSharedString(let i, let n), false): "names shared string \(i.prefix(24)) but the file has only \(n)"
            }
            // counted before reading, a flood of cells has no one cell to name: the part is named
            let place = cell.isEmpty ? (vi ? "phần" : "part") : limit == .rowBeyondExcel ? (vi ? "dòng «\(cell)»" : "row «\(cell)»") : (vi ? "ô «\(cell)»" : "cell «\(cell)»")
            return vi ? (cell.isEmpty ? "\(place) \(part): \(what)" : "\(place) của \(part): \(what)", "tệp bị hỏng hoặc không do Excel tạo, hãy mở bằng Excel và lưu lại dạng *.xlsx")
                : (cell.isEmpty ? "\(place) \(part): \(what)" : "\(place) of \(part): \(what)", "the file is damaged or was not written by Excel: open it in Excel and save it again as *.xlsx")
        case .notUTF8:
            return vi ? ("tệp không được mã hoá UTF-8 (có thể là Windows-1258 hoặc TCVN3), chữ Việt sẽ bị lỗi phông nên chưa nhập",
                         "hãy mở bằng Excel và chọn Lưu thành (Save As) → CSV UTF-8 (Comma delimited) (*.csv), hoặc lưu dạng *.xlsx")
                : ("the file is not UTF-8 text (perhaps Windows-1258 or TCVN3), so Vietnamese would come out garbled and nothing was imported",
                   "open it in Excel and choose Save As → CSV UTF-8 (Comma delimited) (*.csv), or save it as *.xlsx")
        case .unbalancedQuote:
            return vi ? ("dấu ngoặc kép (\") mở ở dòng này không được đóng", "hãy kiểm tra ô có dấu ngoặc kép")
                : ("a double quote (\") opened on this row is never closed", "check the cell that holds it")
        case .emptyFile:
            return vi ? ("tệp rỗng, không có dữ liệu", "cần dòng tiêu đề và mỗi đại biểu một dòng")
                : ("the file is empty", "it needs a header row and one row per delegate")
        case .emptySheet(let name):
            return vi ? ("trang tính đầu tiên («\(name)») trống", "danh sách đại biểu phải nằm ở trang tính đầu tiên")
                : ("the first sheet («\(name)») is empty", "the delegate list must be on the first sheet")
        case .noDelegates:
            return vi ? ("chỉ có dòng tiêu đề, chưa có đại biểu nào", "mỗi đại biểu một dòng dưới tiêu đề")
                : ("there is only a header row and no delegate", "put one delegate per row below it")
        case .missingColumn(let f):
            return vi ? ("thiếu cột bắt buộc «\(f.vietnameseHeader)» (\(f.englishHeader))", "hãy thêm cột này vào dòng tiêu đề")
                : ("the required column «\(f.vietnameseHeader)» (\(f.englishHeader)) is missing", "add it to the header row")
        case .duplicateColumn(let f, let first):
            return vi ? ("cột này trùng với cột \(first): cả hai đều là «\(f.vietnameseHeader)»", "hãy xoá hoặc đổi tên một cột")
                : ("this column repeats column \(first): both are «\(f.vietnameseHeader)»", "delete or rename one")
        case .missingValue:
            return vi ? ("ô trống, nhưng cột này bắt buộc", "hãy ghi \(expected)")
                : ("the cell is empty but this column is required", "write \(expected)")
        case .moreErrors(let n):
            return vi ? ("và \(n) lỗi khác chưa liệt kê", "hãy sửa các lỗi trên rồi nhập lại để xem tiếp")
                : ("and \(n) more errors not listed", "fix those above and import again to see the rest")
        case .invalidValue(let full):
            let v = Self.shown(full)
            return vi ? ("«\(v)» không hợp lệ", "hãy ghi \(expected)") : ("«\(v)» is not valid", "write \(expected)")
        case .impossibleDate(let full):
            let v = Self.shown(full)
            return vi ? ("«\(v)» không phải là một ngày có thật (hoặc năm ngoài 1900–2100)", "hãy ghi \(expected)")
                : ("«\(v)» is not a date that exists (or the year is outside 1900–2100)", "write \(expected)")
        case .duplicateCode(let full, let firstRow):
            let code = Self.shown(full)
            return vi ? ("mã «\(code)» trùng với dòng \(firstRow)", "mỗi đại biểu phải có một mã riêng")
                : ("the code «\(code)» is already used on row \(firstRow)", "every delegate needs a code of their own")
        }
    }
}

/// Something in a delegate list that is accepted but worth a look.
public struct DelegateListWarning: Sendable, Hashable, LocalizedMessage {
    public enum Problem: Sendable, Hashable {
        /// A column the product does not use (STT, Ghi chú, …): ignored.
        case unknownColumn
        /// Rows above the header (a title such as "DANH SÁCH ĐẠI BIỂU"): ignored.
        case rowsAboveHeader(count: Int)
        /// More unknown columns than are listed.
        case moreUnknownColumns(count: Int)
    }

    public var source: String
    public var row: Int?
    public var column: String?
    public var header: String?
    public var problem: Problem

    public var code: String {
        switch problem {
        case .unknownColumn: "unknown_column"
        case .rowsAboveHeader: "rows_above_header"
        case .moreUnknownColumns: "more_unknown_columns"
        }
    }

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch problem {
        case .unknownColumn:
            let col = column ?? "?"
            let head = DelegateListError.shown(header ?? "")
            return vi ? "\(source), cột \(col) «\(head)»: cột không dùng đến, đã bỏ qua."
                : "\(source), column \(col) (\(head)): not a column the product uses; ignored."
        case .rowsAboveHeader(let count):
            let row = row ?? 1
            return vi ? "\(source): \(count) dòng phía trên dòng tiêu đề (dòng \(row)) đã bỏ qua."
                : "\(source): \(count) row(s) above the header row (row \(row)) were ignored."
        case .moreUnknownColumns(let count):
            return vi ? "\(source): và \(count) cột không dùng đến khác, đã bỏ qua." : "\(source): and \(count) more columns not used, ignored."
        }
    }
}

/// A delegate list refused as a whole: every error found, in file order.
public struct DelegateListRejected: Error, Sendable, Hashable, LocalizedMessage {
    public var errors: [DelegateListError]
    public init(_ errors: [DelegateListError]) { self.errors = errors }
    public init(_ error: DelegateListError) { self.errors = [error] }

    public func message(_ language: Language) -> String {
        errors.map { $0.message(language) }.joined(separator: "\n")
    }
}
