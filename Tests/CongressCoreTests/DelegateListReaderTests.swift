import CongressCore
import Foundation
import Testing

@Suite("Reading a delegate list table")
struct DelegateListReaderTests {
    func table(_ rows: [[String]], firstRow: Int = 1) -> Table {
        Table(source: "ds.csv", rows: rows.enumerated().map { Table.Row(number: firstRow + $0.offset, cells: $0.element) })
    }

    @Test func headersMatchWithoutCaseDiacriticsSpacingOrOrder() throws {
        let reading = DelegateListReader.read(table([
            ["LOAI DAI BIEU", "  họ  VÀ tên ", "Ma Dai Bieu", "gioi_tinh", "Đoàn đại biểu", "Ghi chú"],
            ["Bầu", "Nguyễn Văn An", "db0001", "Nam", "Công đoàn  ngành Y tế", "?"],
        ]))
        let delegates = try reading.validated()
        #expect(delegates == [Delegate(code: "DB0001", name: "Nguyễn Văn An", sex: .male,
                                       delegation: "Công đoàn ngành Y tế", kind: .elected)])
        #expect(reading.warnings.map(\.code) == ["unknown_column"])
        #expect(reading.warnings.first?.column == "F")
    }

    @Test func englishHeadersAndCodedValues() throws {
        let delegates = try DelegateListReader.read(table([
            ["code", "name", "sex", "birth_date", "delegation", "kind", "ethnicity", "party_member", "sector", "full_time"],
            ["A1", "Lê Thị Bình", "female", "1979-02-03", "CĐ Y tế", "ex_officio", "Tày", "yes", "HCSN", "0"],
            ["A2", "Ka Thị Hoa", "nu", "1990", "CĐ Y tế", "khach moi", "", "x", "sxkd", ""],
        ])).validated()
        #expect(delegates[0].kind == .exOfficio)
        #expect(delegates[0].birthDate == .day(year: 1979, month: 2, day: 3))
        #expect(delegates[0].isEthnicMinority)
        #expect(delegates[0].partyMember == true)
        #expect(delegates[0].fullTime == false)
        #expect(delegates[1].sex == .female)
        #expect(delegates[1].kind == .guest)
        #expect(delegates[1].ethnicity == "Kinh")
        #expect(!delegates[1].isEthnicMinority)
        #expect(delegates[1].sector == .business)
        #expect(delegates[1].fullTime == nil)
    }

    @Test func headerBelowATitleIsFound() throws {
        let reading = DelegateListReader.read(table([
            ["DANH SÁCH ĐẠI BIỂU"],
            [],
            ["STT", "Mã đại biểu", "Họ và tên", "Giới tính", "Đoàn đại biểu", "Loại đại biểu"],
            ["1", "DB1", "Trần Văn Cường", "Nam", "CĐ Điện lực", "Chỉ định"],
            ["", "", "", "", "", ""],
        ]))
        #expect(try reading.validated().map(\.code) == ["DB1"])
        #expect(reading.warnings.map(\.code) == ["rows_above_header", "unknown_column"])
    }

    @Test func everyErrorIsCollectedWithRowAndColumn() {
        let reading = DelegateListReader.read(table([
            ["Mã đại biểu", "Họ và tên", "Giới tính", "Ngày sinh", "Đoàn đại biểu", "Loại đại biểu"],
            ["DB1", "", "Nam", "", "CĐ A", "Bầu"],
            ["DB2", "Lê Văn B", "Khác", "31/02/1980", "CĐ A", "Bầu"],
            ["db1", "Lê Văn C", "Nam", "", "", "Chính thức"],
        ]))
        let found = reading.errors.map { "\($0.row ?? 0)\($0.column ?? "-") \($0.code)" }
        #expect(found == ["2B missing_value", "3C invalid_value", "3D impossible_date",
                          "4E missing_value", "4F invalid_value"])
        #expect(reading.delegates.isEmpty)
        #expect(throws: DelegateListRejected.self) { try reading.validated() }
    }

    /// A file of errors is reported in part (found by an outside try: 100,000 bad rows in a
    /// 700 KB file made an 89 MB page): the first 200, then how many more; a cell of a
    /// megabyte is shown by its first 60 characters; a header of 400,000 unknown columns
    /// gives 200 warnings and a count.
    @Test func aReportOfErrorsIsBounded() {
        let header = ["Mã đại biểu", "Họ và tên", "Giới tính", "Đoàn đại biểu", "Loại đại biểu"]
        let bad = Array(repeating: ["!!", "", "", "", ""], count: 100_000)
        let start = ContinuousClock.now
        let reading = DelegateListReader.read(table([header] + bad))
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(reading.errors.count == DelegateListReader.reportLimit + 1)
        #expect(reading.errors.last?.code == "more_errors")
        #expect(reading.errorCount == 100_000 * 5, "the total says every error, listed or not")
        // 100,000 rows of five errors each (an invalid code and four empty required cells)
        #expect(reading.errors.last?.message(.vi).contains("và \(100_000 * 5 - 200) lỗi khác chưa liệt kê") == true,
                "\(reading.errors.last?.message(.vi) ?? "")")
        #expect(reading.errors.map { $0.message(.vi).utf8.count }.reduce(0, +) < 40_000)

        let huge = String(repeating: "x", count: 1 << 20)
        let one = DelegateListReader.read(table([header, [huge, "Lê Văn A", "Nam", "CĐ A", "Bầu"]]))
        #expect(one.errors.count == 1)
        #expect(one.errors[0].message(.vi).utf8.count < 400 && one.errors[0].message(.vi).contains(String(repeating: "x", count: 60) + "…"))

        let wide = DelegateListReader.read(table([header + (0..<400_000).map { "Cột \($0)" }, ["DB1", "Lê Văn A", "Nam", "CĐ A", "Bầu"]]))
        #expect(wide.warnings.count == DelegateListReader.reportLimit + 1)
        #expect(wide.warnings.last?.code == "more_unknown_columns")
        #expect(wide.errors.isEmpty && wide.delegates.count == 1)
    }

    @Test func duplicateCodesNameTheFirstRow() {
        let reading = DelegateListReader.read(table([
            ["Mã đại biểu", "Họ và tên", "Giới tính", "Đoàn đại biểu", "Loại đại biểu"],
            ["DB1", "Lê Văn A", "Nam", "CĐ A", "Bầu"],
            ["DB2", "Lê Văn B", "Nam", "CĐ A", "Bầu"],
            [" db1 ", "Lê Văn C", "Nam", "CĐ A", "Bầu"],
        ]))
        #expect(reading.errors.count == 1)
        #expect(reading.errors.first?.problem == .duplicateCode("DB1", firstRow: 2))
        #expect(reading.errors.first?.message(.vi) == "ds.csv, dòng 4, cột A «Mã đại biểu»: mã «DB1» trùng với dòng 2; mỗi đại biểu phải có một mã riêng.")
        #expect(reading.errors.first?.message(.en) == "ds.csv, row 4, column A (Mã đại biểu): the code «DB1» is already used on row 2; every delegate needs a code of their own.")
    }

    @Test func missingAndRepeatedColumns() {
        let reading = DelegateListReader.read(table([
            ["Mã đại biểu", "Họ và tên", "Họ tên", "Đoàn đại biểu"],
            ["DB1", "Lê Văn A", "Lê Văn A", "CĐ A"],
        ]))
        #expect(reading.errors.map(\.code) == ["duplicate_column", "missing_column", "missing_column"])
        #expect(reading.errors.compactMap(\.field) == [.name, .sex, .kind])
    }

    @Test func emptyAndHeaderOnly() {
        #expect(DelegateListReader.read(table([])).errors.map(\.code) == ["empty_file"])
        #expect(DelegateListReader.read(table([["", " "]])).errors.map(\.code) == ["empty_file"])
        #expect(DelegateListReader.read(table([["Mã đại biểu", "Họ và tên", "Giới tính", "Đoàn đại biểu", "Loại đại biểu"]]))
            .errors.map(\.code) == ["no_delegates"])
    }

    @Test func namesAreStoredNFCAndAsWritten() throws {
        let nfd = "Nguyễn Thị Hồng Thúy".decomposedStringWithCanonicalMapping
        let delegates = try DelegateListReader.read(table([
            ["Mã đại biểu", "Họ và tên", "Giới tính", "Đoàn đại biểu", "Loại đại biểu"],
            ["DB1", " \(nfd) ", "Nữ", "CĐ A", "Bầu"],
        ])).validated()
        #expect(Array(delegates[0].name.unicodeScalars) == Array("Nguyễn Thị Hồng Thúy".precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test func changesBetweenTwoLists() {
        let a = Delegate(code: "A", name: "Lê Văn A", sex: .male, delegation: "X", kind: .elected)
        let b = Delegate(code: "B", name: "Lê Văn B", sex: .male, delegation: "X", kind: .elected)
        var b2 = b
        b2.seat = "A-01"
        let c = Delegate(code: "C", name: "Lê Văn C", sex: .male, delegation: "X", kind: .guest)
        let changes = DelegateListChanges(from: [a, b], to: [b2, c])
        #expect(changes.added == [c])
        #expect(changes.removed == [a])
        #expect(changes.changed.map(\.fields) == [[.seat]])
        #expect(changes.unchanged == 0)
        #expect(DelegateListChanges(from: [a, b], to: [b, a]).isEmpty)
    }
}
