import BallotReader
import CongressCore
import Foundation
import GRDB
import Testing
import TestSupport

/// Counting with the scanner, the whole way through the binary (RULES.md §4.5): print the
/// ballots, mark them as voters do, scan the box, review what the machine was unsure of,
/// reconcile the machine's stack with a person's typed stack, tally, and print the minutes
/// that say how each ballot was counted. The expected figures are computed here from what
/// was drawn on each sheet, by the rules, not read back from the product.
@Suite("Counting with the scanner, end to end", .serialized)
struct ScanCountingFlowTests {
    static let seats = 3

    /// An election of `seats` seats among DB0001…DB0005 with `ballots` printed and issued.
    static func election(_ cli: CLI, ballots: Int) throws -> (e: String, pdf: String, serials: [String]) {
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        #expect(try cli.run(["sitting", "open", "Phiên bầu cử"]).status == 0)
        let e = try cli.run(["election", "create", "--title", "Bầu Ban Chấp hành", "--seats", String(seats)]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for code in ["DB0001", "DB0002", "DB0003", "DB0004", "DB0005"] {
            #expect(try cli.run(["election", "candidate", e, "--code", code]).status == 0)
        }
        #expect(try cli.run(["election", "committee", e, "--name", "Nguyễn Văn Kiểm", "--role", "head"]).status == 0)
        let pdf = cli.directory.appendingPathComponent("ballots.pdf").path
        #expect(try cli.run(["ballots", e, "--count", String(ballots), "--out", pdf]).status == 0)
        let serials = try PDFText.read(pdf).components(separatedBy: "Số phiếu: ").dropFirst().map { String($0.prefix(6)) }
        let voters = (0..<ballots).map { String(format: "DB%04d", 11 + $0) }
        try ElectionFlowTests.admit(cli, voters)
        for code in voters { #expect(try cli.run(["ballots", "issue", e, code]).status == 0) }
        return (e, pdf, serials)
    }

    @Test func printMarkScanReviewReconcileTallyMinutes() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let (e, pdf, serials) = try Self.election(cli, ballots: 8)
        let box = try ScannedBox.make(cli, election: e, pdf: pdf, serials: serials, writeOutside: [5], unstamped: [6])

        // scan: one line a sheet, in the order given; every counted sheet read exactly
        let scanned = try cli.run(["ballots", "scan", e, "--json"] + box.sheets.map(\.file))
        #expect(scanned.status == 0, "\(scanned.err)\n\(scanned.out)")
        let lines = try ScannedBox.objects(scanned.out)
        #expect(lines.count == 8)
        var counted = 0, reviewed = 0
        for (sheet, line) in zip(box.sheets, lines) {
            #expect(line["serial"] as? String == sheet.serial)
            #expect(line["file"] as? String == sheet.file)
            let status = line["status"] as? String
            if status == "counted" {
                counted += 1
                #expect(line["struck"] as? [Int] == sheet.struck, "\(sheet.serial): \(line)")
            } else {
                #expect(status == "review", "\(sheet.serial): \(line)")
                reviewed += 1
            }
            let why = (line["review"] as? [[String: Any]] ?? []).compactMap { $0["why"] as? String }
            if sheet.writesOutside { #expect(why.contains("ink_outside_lines"), "\(line)") }
            if !sheet.stamped { #expect(why.contains("unstamped"), "\(line)") }
        }
        #expect(counted >= 4, "most sheets are read for sure: \(lines)")

        // the committee's queue: exactly the sheets in review
        let queue = try ScannedBox.objects(try cli.run(["ballots", "review", e, "--json"]).out)
        let inReview = Set(zip(box.sheets, lines).filter { $0.1["status"] as? String == "review" }.map(\.0.serial))
        #expect(Set(queue.compactMap { $0["serial"] as? String }) == inReview)
        // the queue as a person reads it: the reasons in words, never the reader's codes
        let told = try cli.run(["ballots", "review", e]).out
        if box.sheets.contains(where: { !$0.stamped && inReview.contains($0.serial) }) { #expect(told.contains("không thấy dấu"), "\(told)") }
        for code in ["unstamped", "unclear", "ink_outside_lines", "serial_seen"] { #expect(!told.contains(code), "\(code) in: \(told)") }
        // while sheets wait for the committee, reconciling is not done
        let early = try cli.run(["election", "reconcile", e])
        #expect(inReview.isEmpty || (early.status == 1 && early.out.contains("tờ quét chờ Ban kiểm phiếu quyết định")), "\(early.out)")

        // decide each from the paper: the writing is a private mark, the unstamped one is invalid
        var marksOf: [String: String] = [:]
        // more names standing than seats, or all struck, the tally finds from the numbers: not
        // a reason the committee gives, and the help lists only those it does
        if let first = inReview.first {
            let tallied = try cli.run(["ballots", "decide", e, first, "--struck", "none", "--invalid", "over_seats"])
            #expect(tallied.status != 0 && tallied.err.contains("over_seats") && tallied.err.contains("private_mark"), "\(tallied.err)")
            let help = try cli.run(["ballots", "decide", "--help"]).out
            #expect(help.contains("private_mark") && !help.contains("over_seats") && !help.contains("all_struck"), "\(help)")
        }
        for sheet in box.sheets where inReview.contains(sheet.serial) {
            let marks = !sheet.stamped ? ["unstamped"] : sheet.writesOutside ? ["private_mark"] : []
            marksOf[sheet.serial] = marks.joined(separator: " ")
            let struck = sheet.struck.isEmpty ? "none" : sheet.struck.map(String.init).joined(separator: ",")
            let decided = try cli.run(["ballots", "decide", e, sheet.serial, "--struck", struck, "--by", "Nguyễn Văn Kiểm"]
                                      + marks.flatMap { ["--invalid", $0] })
            #expect(decided.status == 0, "\(decided.err)")
        }
        #expect(try cli.run(["ballots", "review", e, "--json"]).out.isEmpty, "the queue is empty once decided")
        if let first = inReview.first {
            let again = try cli.run(["ballots", "decide", e, first, "--struck", "none"])
            #expect(again.status == 1 && again.err.contains(first), "a sheet is decided once: \(again.err)")
        }
        let audit = try cli.run(["audit", "list"]).out
        #expect(audit.components(separatedBy: "election.scan.decide").count - 1 == inReview.count)
        #expect(audit.contains("(Nguyễn Văn Kiểm)\telection.scan.decide"), "who decided")

        // a person types the same stack; one ballot mistyped shows as a difference until corrected
        let typed = box.sheets.map { sheet in
            ([sheet.serial] + sheet.struck.map(String.init) + (marksOf[sheet.serial].map { [$0] } ?? [])).joined(separator: " ")
        }
        let wrong = typed.dropLast() + ["\(box.sheets[7].serial) \(box.sheets[7].struck.count == 5 ? "" : "1 2 3 4 5")"]
        let stack = cli.directory.appendingPathComponent("stack.txt")
        try (wrong.joined(separator: "\n") + "\n").write(to: stack, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", e, stack.path, "--operator", "Lan"]).status == 0)
        let refused = try cli.run(["election", "tally", e, "--json"])
        #expect(refused.status == 1 && refused.err.contains(box.sheets[7].serial), "\(refused.err)")
        #expect(try cli.run(["ballots", "undo", e, "--operator", "Lan"]).status == 0)
        try (typed[7] + "\n").write(to: stack, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", e, stack.path, "--operator", "Lan"]).status == 0)

        // the tally, computed here from what was drawn
        let tally = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["election", "tally", e, "--json"]).out.utf8)) as? [String: Any])
        var votes = [Int](repeating: 0, count: 5), valid = 0
        for sheet in box.sheets where !sheet.writesOutside && sheet.stamped && 5 - sheet.struck.count <= Self.seats && sheet.struck.count < 5 {
            valid += 1
            for c in 0..<5 where !sheet.struck.contains(c + 1) { votes[c] += 1 }
        }
        #expect(tally["ballots_collected"] as? Int == 8)
        #expect(tally["valid"] as? Int == valid, "\(tally)")
        #expect((tally["candidates"] as? [[String: Any]] ?? []).map { $0["votes"] as? Int ?? -1 } == votes, "\(tally)")
        // each invalid ballot under its first reason, in the rulebook's order
        var expectedInvalid: [String: Int] = [:]
        for sheet in box.sheets {
            let reasons = [(!sheet.stamped, "unstamped"), (5 - sheet.struck.count > Self.seats, "over_seats"), (sheet.struck.count == 5, "all_struck"),
                           (sheet.writesOutside, "private_mark")]
            if let first = reasons.first(where: \.0) { expectedInvalid[first.1, default: 0] += 1 }
        }
        #expect(tally["invalid_by_reason"] as? [String: Int] == expectedInvalid, "\(tally)")

        // the minutes say how each ballot was counted
        #expect(try cli.run(["election", "publish", e, "--yes"]).status == 0)
        let minutes = cli.directory.appendingPathComponent("minutes.pdf").path
        #expect(try cli.run(["election", "minutes", e, "--out", minutes]).status == 0)
        let text = try PDFText.read(minutes)
        #expect(text.contains("Phiếu do máy đọc: \(counted); do Ban kiểm phiếu quyết định khi xem lại: \(reviewed); nhập tay: 8."), "\(text)")

        // every page kept as received, with its reading, tied to its serial; not deletable
        let db = try DatabaseQueue(path: cli.db)
        try db.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM scan_file") == 8)
            for sheet in box.sheets {
                let content = try Data(contentsOf: URL(fileURLWithPath: sheet.file))
                let row = try #require(try Row.fetchOne(db, sql: """
                    SELECT f.content, s.reading, s.aligned, f.keep_until FROM scanned_sheet s JOIN scan_file f ON f.sha256 = s.file_sha256
                    WHERE s.serial = ?
                    """, arguments: [sheet.serial]))
                #expect(row["content"] as Data == content, "the file as the scanner wrote it")
                #expect((row["reading"] as String).contains("\"coverage\""), "each line's scores kept")
                #expect((row["aligned"] as Data?).map { $0.starts(with: [0xFF, 0xD8]) } == true, "the page on the paper, a JPEG")
                #expect((row["keep_until"] as String) > "2027", "kept six months")
            }
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(scanned_sheet)").map { $0["name"] as String }
            #expect(!columns.contains { $0.contains("delegate") }, "a sheet is never tied to a delegate")
        }
        let deleteRefused = try db.write { db -> Bool in
            do { try db.execute(sql: "DELETE FROM scanned_sheet"); return false } catch { return "\(error)".contains("kept six months") }
        }
        #expect(deleteRefused, "a scanned sheet cannot be deleted before its six months")
        // once published, nothing more is scanned into the count, and nothing of it is kept
        let late = cli.directory.appendingPathComponent("late.jpg")  // a file never seen before
        try #require(try ScanFile.pages(box.sheets[0].file).first?.jpeg(quality: 60)).write(to: late)
        let kept = try db.read { try Int.fetchOne($0, sql: "SELECT (SELECT count(*) FROM scan_file) + (SELECT count(*) FROM scanned_sheet)") }
        let lateScan = try cli.run(["ballots", "scan", e, late.path])
        #expect(lateScan.status == 1 && lateScan.err.contains("công bố"), "\(lateScan.err)")
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT (SELECT count(*) FROM scan_file) + (SELECT count(*) FROM scanned_sheet)") } == kept)
    }

    /// The committee's remedies (from the outside try): numbers the paper does not print are
    /// refused; a decision mistyped is taken back and made again; a sheet the machine sent
    /// back (its QR code torn) is listed for the committee, read by eye and decided by its
    /// number, so that the scanner's source holds every paper and the count can be published.
    @Test func aMistakeOrASheetSentBackIsTheCommitteesToMend() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let (e, pdf, serials) = try Self.election(cli, ballots: 4)
        let box = try ScannedBox.make(cli, election: e, pdf: pdf, serials: serials, writeOutside: [1], qrTorn: [2])
        // a size said against the one printed is refused before anything is read
        let a4 = try cli.run(["ballots", "scan", e, "--paper", "a4"] + box.sheets.map(\.file))
        #expect(a4.status == 2 && a4.err.contains("A5") && a4.out.isEmpty, "\(a4.err)\n\(a4.out)")

        let scanned = try ScannedBox.objects(try cli.run(["ballots", "scan", e, "--json"] + box.sheets.map(\.file)).out)
        #expect(scanned.count == 4)
        #expect(scanned[2]["status"] as? String == "rejected" && scanned[2]["reason"] as? String == "qr_unreadable", "\(scanned[2])")
        #expect(scanned[2]["upside_down"] == nil, "no QR read, no way up known: \(scanned[2])")
        #expect(scanned[1]["status"] as? String == "review", "\(scanned[1])")
        let written = box.sheets[1], torn = box.sheets[2]
        func numbers(_ struck: [Int]) -> String { struck.isEmpty ? "none" : struck.map(String.init).joined(separator: ",") }

        // numbers the paper does not print are refused, and nothing is decided
        for bad in ["0", "+2", "2,0", "６"] {
            let refused = try cli.run(["ballots", "decide", e, written.serial, "--struck", bad])
            #expect(refused.status != 0, "--struck \(bad): \(refused.err)")
        }
        // a decision mistyped: taken back with why, decided again; the list holds the second
        // a person's decision is never written as the machine's, however its name is typed
        for name in ["Máy quét", "MÁY  QUÉT", "May quet"] {
            let asMachine = try cli.run(["ballots", "decide", e, written.serial, "--struck", numbers(written.struck), "--by", name])
            #expect(asMachine.status == 2 && asMachine.err.contains("máy quét"), "\(name): \(asMachine.err)")
        }
        let wrongStruck = written.struck == [1] ? "2" : "1"
        #expect(try cli.run(["ballots", "decide", e, written.serial, "--struck", wrongStruck, "--invalid", "private_mark", "--invalid", "private_mark"]).status == 0)
        let once = try ScannedBox.objects(try cli.run(["ballots", "list", e, "--json"]).out).first { $0["serial"] as? String == written.serial }
        #expect(once?["invalid"] as? [String] == ["private_mark"], "a reason said twice is one: \(once ?? [:])")
        let reopened = try cli.run(["ballots", "reopen", e, written.serial, "--why", "gõ nhầm số"])
        #expect(reopened.status == 0, "\(reopened.err)")
        // what the machine asked about is still said on the next look
        let again = try ScannedBox.objects(try cli.run(["ballots", "review", e, "--json"]).out).first { $0["serial"] as? String == written.serial }
        let whys = (again?["review"] as? [[String: Any]] ?? []).compactMap { $0["why"] as? String }
        #expect(whys.contains("ink_outside_lines") && whys.contains("reopened"), "\(whys)")
        #expect(try cli.run(["ballots", "decide", e, written.serial, "--struck", numbers(written.struck), "--invalid", "private_mark"]).status == 0)
        let audit = try cli.run(["audit", "list"]).out
        #expect(audit.contains("election.scan.reopen") && audit.contains("gõ nhầm số"), "\(audit)")

        // the sheet sent back waits for the committee, said in words, with how to decide it
        let told = try cli.run(["ballots", "review", e])
        #expect(told.out.contains("trả lại") && told.out.contains("--sheet") && !told.out.contains("qr_unreadable"), "\(told.out)")
        let waiting = try ScannedBox.objects(try cli.run(["ballots", "review", e, "--json"]).out)
        let sentBack = try #require(waiting.first { $0["status"] as? String == "rejected" }, "\(waiting)")
        let number = String(try #require(sentBack["sheet"] as? Int))

        // a typist enters the stack as the paper says
        let typed = box.sheets.map { sheet in
            ([sheet.serial] + sheet.struck.map(String.init) + (sheet.writesOutside ? ["private_mark"] : [])).joined(separator: " ")
        }
        let stack = cli.directory.appendingPathComponent("stack.txt")
        try (typed.joined(separator: "\n") + "\n").write(to: stack, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", e, stack.path, "--operator", "Lan"]).status == 0)
        // the scanner's source lacks the torn paper: not published yet
        let early = try cli.run(["election", "publish", e, "--yes"])
        #expect(early.status == 1, "\(early.err)\n\(early.out)")

        // another election's paper, sent back as such, is never entered as this one's
        let other = try cli.run(["election", "create", "--title", "Bầu Ủy ban Kiểm tra", "--seats", "1"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        for code in ["DB0001", "DB0002"] { #expect(try cli.run(["election", "candidate", other, "--code", code]).status == 0) }
        let otherPDF = cli.directory.appendingPathComponent("other.pdf").path
        #expect(try cli.run(["ballots", other, "--count", "1", "--out", otherPDF]).status == 0)
        let foreignFile = cli.directory.appendingPathComponent("la.jpg")
        try #require(try ScanFile.pages(otherPDF, pdfDPI: 200).first?.jpeg(quality: 85)).write(to: foreignFile)
        let foreignRead = try ScannedBox.objects(try cli.run(["ballots", "scan", e, foreignFile.path, "--json"]).out)
        #expect(foreignRead.first?["reason"] as? String == "not_this_election", "\(foreignRead)")
        let foreignSheet = try #require(try ScannedBox.objects(try cli.run(["ballots", "review", e, "--json"]).out)
            .first { $0["reason"] as? String == "not_this_election" }?["sheet"] as? Int)
        let taken = try cli.run(["ballots", "decide", e, torn.serial, "--sheet", String(foreignSheet), "--struck", "1"])
        #expect(taken.status != 0 && taken.err.contains("khác"), "\(taken.err)")

        // a serial never printed is refused; the one read on the paper is taken
        let neverPrinted = try cli.run(["ballots", "decide", e, "ZZZZZZ", "--sheet", number, "--struck", numbers(torn.struck)])
        #expect(neverPrinted.status != 0 && neverPrinted.err.contains("ZZZZZZ"), "\(neverPrinted.err)")
        // another paper's serial, already the scanner's, is refused (a slip of the keys)
        let slip = try cli.run(["ballots", "decide", e, box.sheets[0].serial, "--sheet", number, "--struck", numbers(torn.struck)])
        #expect(slip.status != 0 && slip.err.contains(box.sheets[0].serial), "\(slip.err)")
        let decided = try cli.run(["ballots", "decide", e, torn.serial, "--sheet", number, "--struck", numbers(torn.struck)])
        #expect(decided.status == 0, "\(decided.err)")
        let left = try ScannedBox.objects(try cli.run(["ballots", "review", e, "--json"]).out)
        #expect(left.allSatisfy { $0["reason"] as? String == "not_this_election" }, "nothing waits once decided but the foreign paper: \(left)")
        let entries = try ScannedBox.objects(try cli.run(["ballots", "list", e, "--json"]).out)
        let scanner = entries.filter { $0["operator"] as? String != "Lan" }
        #expect(Set(scanner.compactMap { $0["serial"] as? String }) == Set(serials), "\(scanner)")
        #expect(scanner.first { $0["serial"] as? String == written.serial }?["struck"] as? [Int] == written.struck, "\(scanner)")
        let published = try cli.run(["election", "publish", e, "--yes"])
        #expect(published.status == 0, "\(published.err)\n\(published.out)")
    }

    /// Chair mode 2: one combined paper, read once, each part entered in its own election
    /// (the chair's part first); a line the machine is unsure of sends only its part to review.
    @Test func aCombinedPaperIsCountedPartByPart() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        #expect(try cli.run(["sitting", "open", "Phiên bầu cử"]).status == 0)
        let chair = try cli.run(["election", "create", "--title", "Bầu trực tiếp Chủ tịch Công đoàn cơ sở", "--seats", "1", "--body", "chair"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        let committee = try cli.run(["election", "create", "--title", "Bầu Ban Chấp hành Công đoàn cơ sở", "--seats", "2"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        for code in ["DB0001", "DB0003"] { #expect(try cli.run(["election", "candidate", chair, "--code", code]).status == 0) }
        for code in ["DB0002", "DB0004", "DB0005"] { #expect(try cli.run(["election", "candidate", committee, "--code", code]).status == 0) }
        let pdf = cli.directory.appendingPathComponent("combined.pdf").path
        #expect(try cli.run(["ballots", chair, "--with", committee, "--count", "4", "--out", pdf]).status == 0)
        let serials = try PDFText.read(pdf).components(separatedBy: "Số phiếu: ").dropFirst().map { String($0.prefix(6)) }
        let box = try ScannedBox.make(cli, election: committee, pdf: pdf, serials: serials, seed: 11)

        // scanned as either election's: every sheet gives one line a part, each naming its election
        let scanned = try cli.run(["ballots", "scan", committee, "--json"] + box.sheets.map(\.file))
        #expect(scanned.status == 0, "\(scanned.err)")
        let lines = try ScannedBox.objects(scanned.out)
        #expect(lines.count == 8)
        for (i, sheet) in box.sheets.enumerated() {
            for (part, id) in [chair, committee].enumerated() {
                let line = lines[i * 2 + part]
                #expect(line["election"] as? Int == Int(id) && line["serial"] as? String == sheet.serial, "\(line)")
                if line["status"] as? String == "counted" {
                    #expect(line["struck"] as? [Int] == sheet.byPart[part], "\(sheet.serial) part \(part + 1): \(line)")
                }
            }
        }
        for (part, id) in [chair, committee].enumerated() {
            let tally = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["election", "tally", id, "--json"]).out.utf8)) as? [String: Any])
            let counted = lines.enumerated().filter { $0.offset % 2 == part && $0.element["status"] as? String == "counted" }.count
            #expect(counted >= 2 && tally["ballots_collected"] as? Int == counted, "election \(id): \(tally)")
        }
    }
}
