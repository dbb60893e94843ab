import BallotReader
import CongressCore
import Foundation
import GRDB
import Testing
import TestSupport

/// `congress ballots scan` through the binary: ballots without the seal go to review; the
/// stamped ballots read back sheet by sheet as JSON lines and entered as the scanning
/// operator; the same files, or the same papers scanned again into new files, enter nothing
/// (`"duplicate": true`); a sheet of another election is rejected (exit 1);
/// a file that is not a scan is bad input (exit 2).
@Suite("congress ballots scan, end to end", .serialized)
struct BallotScanCommandTests {
    @Test func scanTheBoxEnterTheSureOnesOnce() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        // the ballots as printed, unmarked: without the seal, none is counted (in a congress
        // of their own: a sheet waiting for the committee holds back another of its serial)
        let plain = try CLI()
        defer { plain.cleanUp() }
        let (p, _) = try RecordTests.printedElection(plain, ballots: 3)
        let unstamped = try ScannedBox.objects(try plain.run(["ballots", "scan", p, plain.directory.appendingPathComponent("ballots.pdf").path, "--json"]).out)
        #expect(unstamped.map { $0["page"] as? Int } == [1, 2, 3])
        #expect(unstamped.allSatisfy { $0["status"] as? String == "review" && ($0["review"] as? [[String: Any]])?.first?["why"] as? String == "unstamped" },
                "\(unstamped)")

        let (e, serials) = try RecordTests.printedElection(cli, ballots: 3)
        let pdf = cli.directory.appendingPathComponent("ballots.pdf").path
        let box = try ScannedBox.make(cli, election: e, pdf: pdf, serials: serials, blank: true)
        let files = box.sheets.map(\.file)
        let scanned = try cli.run(["ballots", "scan", e, "--json"] + files)
        #expect(scanned.status == 0, "\(scanned.err)")
        let lines = try ScannedBox.objects(scanned.out)
        #expect(lines.count == 3)
        #expect(lines.map { $0["page"] as? Int } == [1, 1, 1])
        #expect(lines.compactMap { $0["serial"] as? String } == serials)
        #expect(lines.allSatisfy { $0["status"] as? String == "counted" && ($0["struck"] as? [Int]) == [] && $0["duplicate"] == nil })
        let tally = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["election", "tally", e, "--json"]).out.utf8)) as? [String: Any])
        #expect(tally["ballots_collected"] as? Int == 3)
        // nothing struck on a one-seat paper of two names: more standing than seats
        #expect(tally["invalid_by_reason"] as? [String: Int] == ["over_seats": 3], "\(tally)")

        let again = try cli.run(["ballots", "scan", e, "--json"] + files)
        #expect(again.status == 0)
        #expect(again.out.components(separatedBy: "\"duplicate\":true").count == 4, "\(again.out)")
        let still = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["election", "tally", e, "--json"]).out.utf8)) as? [String: Any])
        #expect(still["ballots_collected"] as? Int == 3, "the same sheets scanned again enter nothing")
        // the same papers through the scanner again: other files, the same readings of entered serials
        var rescans: [String] = []
        for (i, file) in files.enumerated() {
            let page = try #require(try ScanFile.pages(file).first)
            let rescan = cli.directory.appendingPathComponent("lan-hai-\(i).jpg").path
            try #require(page.jpeg(quality: 70)).write(to: URL(fileURLWithPath: rescan))
            rescans.append(rescan)
        }
        let rescanned = try ScannedBox.objects(try cli.run(["ballots", "scan", e, "--json"] + rescans).out)
        #expect(rescanned.allSatisfy { $0["status"] as? String == "counted" && $0["duplicate"] as? Bool == true }, "\(rescanned)")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["election", "tally", e, "--json"]).out.utf8)) as? [String: Any])
        #expect(after["ballots_collected"] as? Int == 3, "a paper scanned twice counts once")

        // another election's papers in the box: back to the people
        let other = try cli.run(["election", "create", "--title", "Bầu Ủy ban Kiểm tra", "--seats", "1"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for code in ["DB0001", "DB0002"] { #expect(try cli.run(["election", "candidate", other, "--code", code]).status == 0) }
        let foreign = cli.directory.appendingPathComponent("other.pdf").path
        #expect(try cli.run(["ballots", other, "--count", "1", "--out", foreign]).status == 0)
        let rejected = try cli.run(["ballots", "scan", e, foreign, "--json"])
        #expect(rejected.status == 1)
        #expect(rejected.out.contains("\"status\":\"rejected\"") && rejected.out.contains("\"reason\":\"not_this_election\""), "\(rejected.out)")
        let text = cli.directory.appendingPathComponent("notes.pdf").path
        try "không phải ảnh quét".write(toFile: text, atomically: true, encoding: .utf8)
        let bad = try cli.run(["ballots", "scan", e, text])
        #expect(bad.status == 2)
        #expect(bad.err.contains("notes.pdf"))
        // among several files the bad one is said and passed over, the others are read (the
        // box goes on; it stopped at the first bad file), and the exit still says one was bad
        let mixed = try cli.run(["ballots", "scan", e, text, foreign, "--json"])
        #expect(mixed.status == 2 && mixed.err.contains("notes.pdf"), "\(mixed.err)")
        #expect(mixed.out.contains("\"reason\":\"not_this_election\""), "the file after the bad one is read: \(mixed.out)")
    }

    /// A file of ten thousand pages, a page too large, a file cut short: refused before
    /// anything is kept, each said with what would be right (exit 2).
    @Test func filesBeyondBoundsKeepNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let (e, _) = try RecordTests.printedElection(cli, ballots: 2)
        let long = cli.directory.appendingPathComponent("hop-phieu-10000.pdf").path
        try HostileScans.blankPDF(pages: 10_000).write(to: URL(fileURLWithPath: long))
        let huge = cli.directory.appendingPathComponent("khong-lo.png").path
        try HostileScans.hugePNG(width: 14_000, height: 20_000, to: huge)
        let pdf = cli.directory.appendingPathComponent("ballots.pdf").path
        let cut = cli.directory.appendingPathComponent("dut.pdf").path
        let whole = try Data(contentsOf: URL(fileURLWithPath: pdf))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: cut))
        for (file, words) in [(long, "tối đa 2000 trang"), (huge, "quá lớn"), (cut, "tệp bị hỏng hoặc không trọn vẹn")] {
            let start = Date()
            let run = try cli.run(["ballots", "scan", e, file, "--json"])
            #expect(run.status == 2, "\(file): \(run.err)")
            #expect(run.err.contains(words), "\(run.err)")
            #expect(run.out.isEmpty)
            #expect(Date().timeIntervalSince(start) < 10)
        }
        // a resolution that is not a number, or none a scanner gives: said, nothing read
        // (nan crashed it, 0 said the image was too large)
        for dpi in ["nan", "inf", "1e308", "0", "1"] {
            let run = try cli.run(["ballots", "scan", e, pdf, "--dpi", dpi])
            #expect(run.status != 0 && run.err.contains("72 đến 1200"), "--dpi \(dpi): \(run.status) \(run.err)")
        }
        let db = try DatabaseQueue(path: cli.db)
        let kept = try db.read { db in
            [try Int.fetchOne(db, sql: "SELECT count(*) FROM scan_file"), try Int.fetchOne(db, sql: "SELECT count(*) FROM scanned_sheet")]
        }
        #expect(kept == [0, 0], "nothing of any of them kept")
    }
}
