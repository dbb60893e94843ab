import CongressCore
import CongressStore
import Documents
import Foundation
import Testing
import TestSupport

/// The reports a congress files, from the fixture congress, each figure computed again here
/// from the fixture file itself, the PDFs read back with pdftotext and rasterised, the
/// spreadsheets read back cell by cell with the project's own reader.
@Suite("Reports, end to end", .serialized)
struct ReportTests {
    /// The fixture congress with a sitting open, 150 delegates in, and DB0051 replacing DB0003.
    struct Setup {
        let cli: CLI
        let list: [Delegate]
        let admitted: [String]

        init() throws {
            cli = try CLI()
            try cli.initCongress()
            #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
            #expect(try cli.run(["substitute", "DB0051", "DB0003", "--decision", "QĐ 12/BTC"]).status == 0)
            #expect(try cli.run(["sitting", "open", "Phiên chính thức"]).status == 0)
            list = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
            let store = try CongressStore.open(at: cli.db)
            admitted = Array(list.map(\.code).filter { $0 != "DB0003" }.prefix(150))
            for code in admitted { try store.recordAdmission(code: code, station: "Cửa A", actor: "test") }
        }

        /// Two absent seats with their reasons recorded through `congress absence`: one for
        /// the open sitting, one for the whole congress. What the rules refuse changes nothing.
        func recordAbsences() throws -> [String: String] {
            let absent = list.filter { $0.kind.isOfficial && $0.code != "DB0003" && !admitted.contains($0.code) }.map(\.code)
            let reasons = [absent[0]: "Ốm, có đơn xin phép", absent[1]: "Đi công tác nước ngoài"]
            #expect(try cli.run(["absence", "record", absent[0], "--reason", "Ốm, có đơn xin phép"]).status == 0)
            #expect(try cli.run(["absence", "record", absent[1].lowercased(), "--reason", "Đi học", "--whole-congress"]).status == 0)
            #expect(try cli.run(["absence", "record", absent[1], "--reason", "Đi công tác nước ngoài", "--whole-congress"]).status == 0,
                    "a second reason replaces the first")
            let refused = [
                (["absence", "record", admitted[0], "--reason", "Ốm"], Int32(1), "đã được điểm danh"),
                (["absence", "record", "DB0049", "--reason", "Ốm"], 1, "không giữ ghế"),
                (["absence", "record", absent[2], "--reason", "  "], 1, "Cần ghi lý do"),
                (["absence", "record", admitted[1], "--reason", "Ốm", "--whole-congress"], 1, "đã có mặt ở phiên"),
                (["absence", "record", "DB9999", "--reason", "Ốm"], 2, "Không có đại biểu mã DB9999"),
                (["absence", "record", absent[2], "--reason", "Ốm", "--sitting", "99"], 2, "Không có phiên số 99"),
                (["absence", "record", absent[2], "--reason", "Ốm", "--sitting", "1", "--whole-congress"], 2, "không cả hai"),
            ]
            for (arguments, status, message) in refused {
                let r = try cli.run(arguments)
                #expect(r.status == status, "\(arguments): \(r.err)")
                #expect(r.err.contains(message), "\(arguments): \(r.err)")
            }
            let listed = try cli.run(["absence", "list"]).out.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
            #expect(listed.map { [$0[0], $0[2]] }.sorted { $0[0] < $1[0] } == reasons.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })
            #expect(listed.contains { $0[0] == absent[1] && $0[1] == "cả đại hội" })
            return reasons
        }
    }

    @Test func credentialsReportFiguresArePlainCounts() throws {
        let s = try Setup()
        defer { s.cli.cleanUp() }
        let reasons = try s.recordAbsences()
        let r = try s.cli.run(["report", "credentials", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])

        // the seats: every official but the one replaced, and the alternate replacing them
        let seats = s.list.filter { ($0.kind.isOfficial && $0.code != "DB0003") || $0.code == "DB0051" }
        let convened = s.list.filter(\.kind.isOfficial).count
        #expect(json["convened"] as? Int == convened)
        #expect(seats.count == convened)
        #expect(json["present"] as? Int == seats.filter { s.admitted.contains($0.code) }.count)
        let byKind = try #require(json["by_kind"] as? [String: Int])
        #expect(byKind["ex_officio"] == seats.filter { $0.kind == .exOfficio }.count)
        #expect(byKind["appointed"] == seats.filter { $0.kind == .appointed }.count)
        #expect(byKind["elected"] == seats.filter { $0.kind == .elected || $0.kind == .alternate }.count)
        #expect(json["female"] as? Int == seats.filter { $0.sex == .female }.count)
        #expect(json["party_members"] as? Int == seats.filter { $0.partyMember == true }.count)
        #expect(json["ethnic_minority"] as? Int == seats.filter { $0.ethnicity != "Kinh" }.count)

        // ages today: whole years, a birth year alone as a birthday past
        let today = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        func age(_ b: BirthDate) -> Int {
            switch b {
            case .year(let y): return today.year! - y
            case .day(let y, let m, let d): return today.year! - y - ((today.month!, today.day!) < (m, d) ? 1 : 0)
            }
        }
        let aged = seats.compactMap { d in d.birthDate.map { (d, age($0)) } }
        let average = Double(aged.map(\.1).reduce(0, +)) / Double(aged.count)
        #expect(abs((json["average_age"] as? Double ?? 0) - average) < 0.006)
        let youngest = aged.max { a, b in a.0.birthDate! != b.0.birthDate! ? a.0.birthDate! < b.0.birthDate! : a.0.code > b.0.code }!
        let oldest = aged.min { a, b in a.0.birthDate! != b.0.birthDate! ? a.0.birthDate! < b.0.birthDate! : a.0.code < b.0.code }!
        #expect((json["youngest"] as? [String: Any])?["code"] as? String == youngest.0.code)
        #expect((json["youngest"] as? [String: Any])?["age"] as? Int == youngest.1)
        #expect((json["oldest"] as? [String: Any])?["name"] as? String == oldest.0.name)
        #expect(json["absent"] as? Int == convened - (json["present"] as? Int ?? 0))
        let withReason = try #require(json["absent_with_reason"] as? [[String: Any]])
        #expect(Dictionary(uniqueKeysWithValues: withReason.map { ($0["code"] as? String ?? "", $0["reason"] as? String ?? "") }) == reasons)
        #expect(json["absent_without_reason"] as? Int == (json["absent"] as? Int ?? 0) - reasons.count)
        let notQualified = try #require(json["not_qualified"] as? [[String: Any]])
        #expect(notQualified.map { $0["code"] as? String } == ["DB0003"])

        // the PDF: the usual form, percentages with a decimal comma, read back and rasterised
        let pdf = s.cli.directory.appendingPathComponent("tham-tra.pdf").path
        #expect(try s.cli.run(["report", "credentials", "--out", pdf, "--member", "Nguyễn Văn Thẩm, Trưởng ban"]).status == 0)
        let text = try PDFText.read(pdf)
        let female = seats.filter { $0.sex == .female }.count
        for expected in ["THẨM TRA TƯ CÁCH ĐẠI BIỂU", "Tổng số đại biểu được triệu tập: \(convened)",
                         "Nguyễn Văn Thẩm, Trưởng ban", Quorum(present: female, convened: convened).percentVietnamese,
                         youngest.0.name, oldest.0.name, "Không đủ tư cách: 1", "TRƯỞNG BAN", "Dân tộc thiểu số",
                         "trong đó có lý do: 2, không có lý do: \(convened - seats.filter { s.admitted.contains($0.code) }.count - 2)"]
            + reasons.map({ "(\($0.key)): \($0.value)." }) {
            // a line of running text may break anywhere: PDFText folds the whitespace
            #expect(text.contains(expected), "credentials report: «\(expected)»")
        }
        let page = s.cli.directory.appendingPathComponent("tt").path
        _ = try ExternalTool.output("pdftoppm", ["-r", "40", "-f", "1", "-l", "1", "-png", pdf, page])
        #expect(FileManager.default.fileExists(atPath: page + "-1.png"))
    }

    @Test func attendanceAsPDFCSVAndXLSX() throws {
        let s = try Setup()
        defer { s.cli.cleanUp() }
        let reasons = try s.recordAbsences()
        let seats = s.list.filter { ($0.kind.isOfficial && $0.code != "DB0003") || $0.code == "DB0051" }
        for ext in ["csv", "xlsx"] {
            let file = s.cli.directory.appendingPathComponent("diem-danh.\(ext)").path
            #expect(try s.cli.run(["report", "attendance", "--out", file]).status == 0)
            let table = try TableFile.read(path: file)
            // cells left empty at the end of a row may not be stored: pad to the header's width
            let rows = table.rows.map { $0.cells + Array(repeating: "", count: max(0, 8 - $0.cells.count)) }
            #expect(rows.first == ["Đoàn đại biểu", "Mã đại biểu", "Họ và tên", "Loại đại biểu", "Có mặt", "Lúc", "Cửa", "Lý do vắng"])
            let body = rows.dropFirst()
            #expect(body.count == seats.count)
            for d in seats {
                let row = try #require(body.first { $0.count > 1 && $0[1] == d.code }, "\(d.code) in the \(ext)")
                #expect(row[0] == d.delegation && row[2] == d.name)
                #expect(row[4] == (s.admitted.contains(d.code) ? "Có mặt" : "Vắng"), "\(d.code)")
                #expect(row[6] == (s.admitted.contains(d.code) ? "Cửa A" : ""))
                #expect(row[7] == (reasons[d.code] ?? ""), "\(d.code)")
            }
            // grouped by delegation: once a delegation's rows end it does not come back
            var finished = Set<String>()
            var current = ""
            for row in body where row[0] != current {
                #expect(!finished.contains(row[0]), "\(row[0]) in one block")
                finished.insert(current)
                current = row[0]
            }
        }
        let pdf = s.cli.directory.appendingPathComponent("diem-danh.pdf").path
        #expect(try s.cli.run(["report", "attendance", "--out", pdf]).status == 0)
        let text = try PDFText.read(pdf)
        #expect(text.contains("DANH SÁCH ĐẠI BIỂU CÓ MẶT, VẮNG MẶT"))
        #expect(text.contains("có mặt \(seats.filter { s.admitted.contains($0.code) }.count), vắng"))
        #expect(text.contains("II. VẮNG MẶT"))
        #expect(text.contains("(có lý do 2, không có lý do \(seats.count - seats.filter { s.admitted.contains($0.code) }.count - 2))"))
        // a long reason wraps inside its column: compare without the spaces and line breaks
        let squeezed = text.filter { !$0.isWhitespace }
        for reason in reasons.values { #expect(squeezed.contains(reason.filter { !$0.isWhitespace }), "«\(reason)» in the attendance PDF") }
    }

    /// An export re-imports to the same list: nothing added, changed or removed.
    @Test func delegateListExportReimports() throws {
        let s = try Setup()
        defer { s.cli.cleanUp() }
        for ext in ["csv", "xlsx"] {
            let file = s.cli.directory.appendingPathComponent("danh-sach.\(ext)").path
            #expect(try s.cli.run(["report", "delegates", "--out", file]).status == 0)
            let again = try s.cli.run(["import", file, "--dry-run", "--json"])
            #expect(again.status == 0, "\(again.err)")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(again.out.utf8)) as? [String: Any])
            #expect((result["added"] as? [Any])?.isEmpty == true)
            #expect((result["changed"] as? [Any])?.isEmpty == true)
            #expect((result["removed"] as? [Any])?.isEmpty == true)
            #expect(try DelegateListFile.read(path: file).validated() == s.list)
        }
    }

    /// The elected with short details, as PDF and XLSX.
    @Test func electedListForTheHigherLevel() throws {
        let s = try Setup()
        defer { s.cli.cleanUp() }
        let store = try CongressStore.open(at: s.cli.db)
        let e = try store.createElection(body: .higherCongress, title: "Bầu đại biểu dự Đại hội cấp trên", seats: 1, actor: "t")
        try store.addCandidate(election: e.id, delegateCode: "DB0001", actor: "t")
        try store.addCandidate(election: e.id, delegateCode: "DB0002", actor: "t")
        let serials = try store.printBallotSerials(election: e.id, count: 3, actor: "t")
        for code in s.admitted.prefix(3) { _ = try store.issueBallot(election: e.id, code: code, station: "Bàn", actor: "t") }
        // ballot order: 1 Lương Bích Mai (DB0002), 2 Hà Kim Nga (DB0001)
        try store.enterBallots(election: e.id, operator: "A", serials.map { .init(serial: $0, struckNumbers: [1]) }, actor: "t")
        let xlsx = s.cli.directory.appendingPathComponent("trich-ngang.xlsx").path
        #expect(try s.cli.run(["report", "elected", String(e.id), "--out", xlsx]).status == 0)
        let rows = try TableFile.read(path: xlsx).rows.map { $0.cells + Array(repeating: "", count: max(0, 11 - $0.cells.count)) }
        let nga = try #require(s.list.first { $0.code == "DB0001" })
        #expect(rows.count == 2)
        #expect(rows[1][1] == nga.name)
        #expect(rows[1][3] == nga.sex.vietnamese)
        #expect(rows[1][4] == nga.ethnicity)
        #expect(rows[1][8] == (nga.position ?? ""))
        #expect(rows[1][9] == "3")
        #expect(rows[1][10] == "100,00")
        // the minutes as a spreadsheet for the recognition file
        let minutes = s.cli.directory.appendingPathComponent("bien-ban.xlsx").path
        #expect(try s.cli.run(["election", "minutes", String(e.id), "--out", minutes]).status == 0)
        let sheet = try TableFile.read(path: minutes).rows.map(\.cells)
        #expect(sheet.contains { $0.first == "Phiếu thu về" && $0.dropFirst().first == "3" })
        #expect(sheet.contains { $0.count >= 6 && $0[1] == nga.name && $0[2] == "3" && $0[5] == "Trúng cử" })
        #expect(sheet.contains { $0.first == "Đúng" && $0.dropFirst().first?.hasPrefix("Phiếu hợp lệ (3)") == true })
        let pdf = s.cli.directory.appendingPathComponent("trich-ngang.pdf").path
        #expect(try s.cli.run(["report", "elected", String(e.id), "--out", pdf]).status == 0)
        let text = try PDFText.read(pdf)
        #expect(text.contains("DANH SÁCH TRÍCH NGANG NGƯỜI TRÚNG CỬ"))
        #expect(text.contains("\(nga.name) — 3 phiếu, đạt 100,00%"))
    }
}
