import CongressCore
import CongressStore
import Foundation
import Testing
import TestSupport

/// An election through the `congress` binary as the counting committee runs it on the day:
/// define → print (PDF read back with pdftotext and zbarimg) → issue at the desk → enter
/// twice → reconcile → tally → archive → publish.
@Suite("congress election, end to end", .serialized)
struct ElectionFlowTests {
    @Test func fromTheListToThePublishedResult() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        #expect(try cli.run(["sitting", "open", "Phiên bầu cử"]).status == 0)
        let voters = ["DB0011", "DB0012", "DB0013", "DB0014", "DB0015", "DB0016"]
        for code in voters { #expect(try cli.run(["ballots", "issue", "1", code]).status == 2, "no election yet") }

        let created = try cli.run(["election", "create", "--title", "Bầu Ủy ban Kiểm tra nhiệm kỳ 2023-2028", "--seats", "2",
                                   "--body", "inspection_committee", "--threshold-base", "valid_ballots"])
        #expect(created.status == 0, "\(created.err)")
        let e = created.out.trimmingCharacters(in: .whitespacesAndNewlines)
        for code in ["DB0001", "DB0002", "DB0004"] { #expect(try cli.run(["election", "candidate", e, "--code", code]).status == 0) }
        #expect(try cli.run(["election", "committee", e, "--code", "DB0010", "--role", "head"]).status == 0)
        let refused = try cli.run(["election", "candidate", e, "--code", "DB0010"])
        #expect(refused.status == 1, "a committee member cannot stand: \(refused.err)")

        // print: the PDF holds the paper and a QR per ballot that the congress key signed
        let pdf = cli.directory.appendingPathComponent("ballots.pdf").path
        let printed = try cli.run(["ballots", e, "--count", "8", "--out", pdf])
        #expect(printed.status == 0, "\(printed.err)")
        let text = try PDFText.read(pdf)
        #expect(text.contains("PHIẾU BẦU CỬ"))
        #expect(text.contains("Bầu Ủy ban Kiểm tra nhiệm kỳ 2023-2028"))
        #expect(text.contains("gạch ngang cả họ và tên người"))
        #expect(text.contains("1. Lương Bích Mai") && text.contains("2. Mai Trọng Nam") && text.contains("3. Hà Kim Nga"),
                "numbered in ballot order")
        let serials = text.components(separatedBy: "Số phiếu: ").dropFirst().map { String($0.prefix(6)) }
        #expect(serials.count == 8)
        let page = cli.directory.appendingPathComponent("page").path
        _ = try ExternalTool.output("pdftoppm", ["-r", "200", "-aaVector", "no", "-f", "1", "-l", "1", "-png", pdf, page])
        let qr = try ExternalTool.output("zbarimg", ["-q", "--raw", page + "-1.png"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(qr.hasPrefix("PB1.") && qr.contains(".E\(e).\(serials[0])."), "\(qr)")
        #expect(try cli.run(["election", "candidate", e, "--name", "Người Đến Muộn"]).status == 1, "printed: the list is fixed")

        // the desk: present officials get one; a second time, a guest, someone absent do not
        for code in voters {
            // admitted by the secretariat's manual admission (the kiosk path is tested elsewhere)
            #expect(try cli.run(["ballots", "issue", e, code]).status == 1, "\(code) is not present yet")
        }
        try Self.admit(cli, voters)
        for code in voters { #expect(try cli.run(["ballots", "issue", e, code]).out.contains("PHÁT PHIẾU")) }
        #expect(try cli.run(["ballots", "issue", e, voters[0]]).out.contains("ĐÃ NHẬN PHIẾU"))
        #expect(try cli.run(["ballots", "issue", e, "DB0049"]).out.contains("KHÔNG CÓ QUYỀN BẦU CỬ"))

        // two operators enter the same six ballots; the second misreads one, then corrects it
        let stack = """
            # serial, numbers struck, reasons
            \(qr) 3
            \(serials[1]) 3
            \(serials[2]) 2
            \(serials[3]) 3
            \(serials[4]) 1
            \(serials[5]) 3 unstamped
            """
        let first = cli.directory.appendingPathComponent("a.txt")
        try stack.write(to: first, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", e, first.path, "--operator", "Nguyễn Văn A"]).status == 0)
        // one source under double entry agrees with nothing yet: said, and not a success
        // (an outside try read "khớp: 6 · khác nhau: 0", exit 0, with one source only)
        let alone = try cli.run(["election", "reconcile", e])
        #expect(alone.status == 1 && alone.out.contains("Mới có một nguồn nhập (Nguyễn Văn A)"), "\(alone.out)")
        let misread = cli.directory.appendingPathComponent("b.txt")
        try stack.replacingOccurrences(of: "\(serials[4]) 1", with: "\(serials[4]) 2").write(to: misread, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", e, misread.path, "--operator", "Trần Thị B"]).status == 0)
        let differ = try cli.run(["election", "reconcile", e])
        #expect(differ.status == 1)
        #expect(differ.out.contains(serials[4]))
        // the numbers as the operators typed them, as printed on the paper (not the list's ids)
        #expect(differ.out.contains("gạch [1]") && differ.out.contains("gạch [2]"), "\(differ.out)")
        // every entry, as a program reads it
        let listed = try cli.run(["ballots", "list", e, "--json"])
        #expect(listed.status == 0)
        let entries = listed.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(entries.count == 12, "six ballots, two operators")
        #expect(entries.first?["serial"] as? String == serials[0] && entries.first?["struck"] as? [Int] == [3]
                && entries.first?["operator"] as? String == "Nguyễn Văn A", "\(entries.first ?? [:])")
        #expect(entries.contains { $0["serial"] as? String == serials[5] && $0["invalid"] as? [String] == ["unstamped"] })
        #expect(entries.filter { $0["serial"] as? String == serials[4] }.map { $0["struck"] as? [Int] ?? [] }.sorted { $0.first ?? 0 < $1.first ?? 0 } == [[1], [2]])
        #expect(try cli.run(["election", "tally", e]).status == 1, "no tally while entries differ")
        for _ in 0..<2 { #expect(try cli.run(["ballots", "undo", e, "--operator", "Trần Thị B"]).status == 0) }
        let fix = cli.directory.appendingPathComponent("fix.txt")
        try "\(serials[4]) 1\n\(serials[5]) 3 unstamped\n".write(to: fix, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", e, fix.path, "--operator", "Trần Thị B"]).status == 0)
        #expect(try cli.run(["election", "reconcile", e]).status == 0)

        // the count: 5 valid; votes 4, 4, 2 on a base of 5 → the first two are elected (2 × 2 is not more than 5)
        let tally = try cli.run(["election", "tally", e, "--json"])
        #expect(tally.status == 0, "\(tally.err)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(tally.out.utf8)) as? [String: Any])
        #expect(result["ballots_issued"] as? Int == 6)
        #expect(result["ballots_collected"] as? Int == 6)
        #expect(result["valid"] as? Int == 5)
        #expect(result["invalid_by_reason"] as? [String: Int] == ["unstamped": 1])
        let votes = (result["candidates"] as? [[String: Any]] ?? []).map { $0["votes"] as? Int ?? -1 }
        #expect(votes == [4, 4, 2])
        #expect((result["elected"] as? [String])?.count == 2)
        #expect(result["status"] as? String == "complete")

        // the archive is the count: `congress tally` on the exported file says the same
        let archive = cli.directory.appendingPathComponent("election.json").path
        #expect(try cli.run(["election", "export", e, "--out", archive]).status == 0)
        let again = try cli.run(["tally", archive, "--json"], withDB: false)
        #expect(again.out == tally.out)

        // the minutes: every figure of RULES.md §5, the identities, a signature line per member
        let minutesPDF = cli.directory.appendingPathComponent("minutes.pdf").path
        let minutes = try cli.run(["election", "minutes", e, "--out", minutesPDF])
        #expect(minutes.status == 0, "\(minutes.err)")
        let m = try PDFText.read(minutesPDF)
        for expected in ["BIÊN BẢN KIỂM PHIẾU", "Bầu Ủy ban Kiểm tra nhiệm kỳ 2023-2028", "Trưởng ban", "Phiếu phát ra: 6",
                         "Phiếu thu về: 6", "Phiếu hợp lệ: 5", "Phiếu không hợp lệ: 1", "không có dấu: 1",
                         "Lương Bích Mai", "Mai Trọng Nam", "Hà Kim Nga", "66,67", "80,00", "40,00",
                         "Những người trúng cử", "Đã bầu đủ 2/2", "quá một nửa", "số phiếu hợp lệ",
                         "✓ Phiếu hợp lệ (5) + phiếu không hợp lệ (1) = phiếu thu về (6)", "(ký, ghi rõ họ tên)",
                         "Đại biểu được triệu tập: 282; có mặt: 6; tham gia bỏ phiếu (nhận phiếu): 6"] {
            #expect(m.contains(expected), "minutes: «\(expected)»")
        }

        #expect(try cli.run(["election", "publish", e, "--yes"]).status == 0)
        #expect(try cli.run(["ballots", "enter", e, fix.path, "--operator", "Lê C"]).status == 1, "published: final")
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }

    /// Chair mode 2 through the binary: one combined paper, both parts printed with one
    /// serial, issued together, each part entered (the committee part by the scanned QR).
    @Test func chairModeTwoCombinedPaper() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        #expect(try cli.run(["sitting", "open", "Phiên bầu cử"]).status == 0)
        let chair = try cli.run(["election", "create", "--title", "Bầu trực tiếp Chủ tịch Công đoàn cơ sở", "--seats", "1", "--body", "chair"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        let committee = try cli.run(["election", "create", "--title", "Bầu Ban Chấp hành Công đoàn cơ sở", "--seats", "2"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.run(["election", "candidate", chair, "--code", "DB0001"]).status == 0)
        for code in ["DB0001", "DB0002", "DB0004"] { #expect(try cli.run(["election", "candidate", committee, "--code", code]).status == 0) }
        let pdf = cli.directory.appendingPathComponent("combined.pdf").path
        let refused = try cli.run(["ballots", chair, "--with", committee, "--count", "2", "--out", pdf])
        #expect(refused.status == 1, "the chair candidate is on the committee list: \(refused.err)")

        let fixed = try cli.run(["election", "create", "--title", "Bầu Ban Chấp hành Công đoàn cơ sở (4 − 1)", "--seats", "2"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        for code in ["DB0002", "DB0004", "DB0005"] { #expect(try cli.run(["election", "candidate", fixed, "--code", code]).status == 0) }
        #expect(try cli.run(["ballots", chair, "--with", fixed, "--count", "2", "--out", pdf]).status == 0)
        let text = try PDFText.read(pdf)
        #expect(text.contains("Phần 1: Bầu trực tiếp Chủ tịch Công đoàn cơ sở"))
        #expect(text.contains("Phần 2: Bầu Ban Chấp hành Công đoàn cơ sở (4 − 1)"))
        let page = cli.directory.appendingPathComponent("combined").path
        _ = try ExternalTool.output("pdftoppm", ["-r", "200", "-aaVector", "no", "-f", "1", "-l", "1", "-png", pdf, page])
        let qr = try ExternalTool.output("zbarimg", ["-q", "--raw", page + "-1.png"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(qr.contains(".E\(chair)."), "the QR carries the paper's first election")

        try Self.admit(cli, ["DB0011"])
        let issued = try cli.run(["ballots", "issue", chair, "DB0011", "--with", fixed])
        #expect(issued.status == 0)
        #expect(issued.out.components(separatedBy: "PHÁT PHIẾU").count == 3, "both parts issued")
        let chairPart = cli.directory.appendingPathComponent("chair.txt")
        try "\(qr)\n".write(to: chairPart, atomically: true, encoding: .utf8)
        let committeePart = cli.directory.appendingPathComponent("committee.txt")
        try "\(qr) 3\n".write(to: committeePart, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", chair, chairPart.path, "--operator", "A"]).status == 0)
        #expect(try cli.run(["ballots", "enter", fixed, committeePart.path, "--operator", "A"]).status == 0)
        for id in [chair, fixed] {
            let result = try #require(try JSONSerialization.jsonObject(
                with: Data(try cli.run(["election", "tally", id, "--json"]).out.utf8)) as? [String: Any])
            #expect(result["valid"] as? Int == 1, "the signed QR is genuine for both parts (election \(id))")
            #expect(result["invalid"] as? Int == 0)
        }
    }

    /// Admits delegates as the secretariat's desk would, through the store.
    static func admit(_ cli: CLI, _ codes: [String]) throws {
        let store = try CongressStore.open(at: cli.db)
        for code in codes { try store.recordAdmission(code: code, station: "Bàn thư ký", actor: "test") }
    }

}
