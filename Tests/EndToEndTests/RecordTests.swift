import CongressCore
import CongressStore
import Foundation
import Testing
import TestSupport

/// The congress's record reads the same wherever and whenever it is read: times in the
/// congress's zone whatever the machine's (`TZ=UTC`, `TZ=America/New_York`), the minutes of
/// a published election frozen (printed after the sitting closed, they still say who was
/// present at the vote), drafts marked DỰ THẢO on every page, one next round per count.
@Suite("The congress's record", .serialized)
struct RecordTests {
    static let zones = ["UTC", "America/New_York"]

    /// The Vietnamese forms of the moments around now, in the congress's zone: a command run
    /// a moment ago printed one of them.
    static func recently(_ form: (Date) -> String) -> [String] {
        let now = Date()
        return [0.0, -60, -120].map { form(now.addingTimeInterval($0)) }
    }

    @Test func timesReadInTheCongresssZoneOnEveryMachine() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let bad = try cli.run(["init", "--name", "Đại hội", "--time-zone", "Mars/Olympus"])
        #expect(bad.status == 2)
        #expect(bad.err.contains("Mars/Olympus") && bad.err.contains("Asia/Ho_Chi_Minh"))
        #expect(!FileManager.default.fileExists(atPath: cli.db), "nothing made")
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        let opened = try cli.run(["sitting", "open", "Phiên trù bị"], environment: ["TZ": "America/New_York"])
        #expect(opened.status == 0)
        #expect(Self.recently { CongressTime.vietnam.dateTime($0) }.contains { opened.out.contains($0) },
                "«\(opened.out)» in Vietnam's time")
        #expect(!opened.out.contains("Z;") && !opened.out.contains("T"), "no ISO time for a person: \(opened.out)")
        let lists = try Self.zones.map { try cli.run(["sitting", "list"], environment: ["TZ": $0]).out }
        #expect(lists[0] == lists[1], "the same lines in every zone")
        #expect(lists[0].contains(" ngày "))

        // a congress elsewhere prints its own zone
        let bangkok = try CLI()
        defer { bangkok.cleanUp() }
        #expect(try bangkok.run(["init", "--name", "Đại hội", "--time-zone", "America/Los_Angeles"]).status == 0)
        let there = try bangkok.run(["sitting", "open", "Phiên 1"], environment: ["TZ": "UTC"])
        let la = try CongressTime(identifier: "America/Los_Angeles")
        #expect(Self.recently { la.dateTime($0) }.contains { there.out.contains($0) }, "«\(there.out)» in Los Angeles time")
    }

    /// A congress with the fixture list, a sitting open, one election of one seat between
    /// DB0001 and DB0002 with a committee head, `ballots` printed and issued to as many
    /// delegates admitted: its number and the serials printed.
    static func printedElection(_ cli: CLI, ballots: Int) throws -> (election: String, serials: [String]) {
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        #expect(try cli.run(["sitting", "open", "Phiên bầu cử"]).status == 0)
        let e = try cli.run(["election", "create", "--title", "Bầu Ban Chấp hành", "--seats", "1"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for code in ["DB0001", "DB0002"] { #expect(try cli.run(["election", "candidate", e, "--code", code]).status == 0) }
        #expect(try cli.run(["election", "committee", e, "--name", "Nguyễn Văn Kiểm", "--role", "head"]).status == 0)
        let pdf = cli.directory.appendingPathComponent("ballots.pdf").path
        #expect(try cli.run(["ballots", e, "--count", String(ballots), "--out", pdf]).status == 0)
        let serials = try PDFText.read(pdf).components(separatedBy: "Số phiếu: ").dropFirst().map { String($0.prefix(6)) }
        let voters = (0..<ballots).map { String(format: "DB%04d", 11 + $0) }
        try ElectionFlowTests.admit(cli, voters)
        for code in voters { #expect(try cli.run(["ballots", "issue", e, code]).status == 0) }
        return (e, serials)
    }

    @Test func theMinutesOfAPublishedElectionAreFrozen() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let (e, serials) = try Self.printedElection(cli, ballots: 3)
        let stack = cli.directory.appendingPathComponent("stack.txt")
        try "\(serials[0]) 2\n\(serials[1]) 2\n\(serials[2]) 1\n".write(to: stack, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", e, stack.path, "--operator", "A"]).status == 0)

        // before publishing: a draft, marked on every page
        let draft = cli.directory.appendingPathComponent("draft.pdf").path
        #expect(try cli.run(["election", "minutes", e, "--out", draft]).status == 0)
        let pages = try PDFText.pageCount(draft)
        #expect(pages >= 1)
        for page in 1...max(1, pages) { #expect(try PDFText.page(page, of: draft).contains("DỰ THẢO"), "page \(page) of the draft") }

        // one source is not enough by default: the second enters the stack, slips on one
        // paper, and corrects it where it lies; typing a paper twice is refused
        let alone = try cli.run(["election", "publish", e, "--yes"])
        #expect(alone.status == 1 && alone.err.contains("hai nguồn độc lập"), "\(alone.err)")
        let second = cli.directory.appendingPathComponent("second.txt")
        try "\(serials[0]) 2\n\(serials[1]) 1\n\(serials[2]) 1\n".write(to: second, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", e, second.path, "--operator", "B"]).status == 0)
        let again = cli.directory.appendingPathComponent("again.txt")
        try "\(serials[1]) 2\n".write(to: again, atomically: true, encoding: .utf8)
        let twice = try cli.run(["ballots", "enter", e, again.path, "--operator", "B"])
        #expect(twice.status == 1 && twice.err.contains("đã nhập phiếu số sê-ri \(serials[1])"), "\(twice.err)")
        #expect(try cli.run(["election", "reconcile", e]).out.contains(serials[1]))
        let corrected = try cli.run(["ballots", "correct", e, serials[1], "2", "--operator", "B"])
        #expect(corrected.status == 0, "\(corrected.err)")
        let listed = try cli.run(["ballots", "list", e, "--json"]).out.split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(listed.count == 6, "a correction replaces; it does not add")
        #expect(listed.filter { $0["operator"] as? String == "B" && $0["serial"] as? String == serials[1] }.map { $0["struck"] as? [Int] } == [[2]])
        #expect(try CongressStore.open(at: cli.db).auditEntries().contains { $0.action == "election.entry.correct" })
        // a person typing under the scanner's name would be both sources alone
        let posing = try cli.run(["ballots", "correct", e, serials[0], "2", "--operator", "Máy quét"])
        #expect(posing.status == 2 && posing.err.contains("Máy quét"), "\(posing.err)")
        // without a terminal to ask on, and without --yes: nothing is published
        let unasked = try cli.run(["election", "publish", e])
        #expect(unasked.status == 2 && unasked.err.contains("--yes"), "\(unasked.err)")

        #expect(try cli.run(["election", "publish", e, "--yes"], environment: ["TZ": "UTC"]).status == 0)
        let published = cli.directory.appendingPathComponent("published.pdf").path
        #expect(try cli.run(["election", "minutes", e, "--out", published]).status == 0)
        let atPublishing = try PDFText.read(published)
        #expect(!atPublishing.contains("DỰ THẢO"))
        #expect(atPublishing.contains("Nhập phiếu hai lần"), "the minutes say how the ballots were entered")
        #expect(atPublishing.contains("Đại biểu được triệu tập: 282; có mặt: 3; tham gia bỏ phiếu (nhận phiếu): 3"))
        #expect(Self.recently { CongressTime.vietnam.formal($0) }.contains { atPublishing.contains($0) },
                "the count's time in Vietnam's zone")

        // the sitting closes, another opens, a machine in another zone prints it again: the same
        #expect(try cli.run(["sitting", "close"]).status == 0)
        #expect(try cli.run(["sitting", "open", "Phiên bế mạc"]).status == 0)
        let later = cli.directory.appendingPathComponent("later.pdf").path
        #expect(try cli.run(["election", "minutes", e, "--out", later], environment: ["TZ": "America/New_York"]).status == 0)
        #expect(try PDFText.read(later) == atPublishing, "the minutes of a published election never change")
        let complaint = try cli.run(["election", "minutes", e, "--out", later, "--complaints", "Một khiếu nại muộn"])
        #expect(complaint.status == 1, "complaints go in before publishing: \(complaint.err)")
        let elected = cli.directory.appendingPathComponent("elected.xlsx").path
        #expect(try cli.run(["report", "elected", e, "--out", elected]).status == 0)
        // the published result cannot be written over, even below the store
        let store = try CongressStore.open(at: cli.db)
        #expect(throws: StoreError.self) { try store.enterBallot(election: Int64(e) ?? 0, operator: "B", serial: serials[0], struckNumbers: [], marks: [], actor: "t") }
    }

    /// Rút tên from the command line: the number and the name must agree, so that the same
    /// command run twice (the list renumbers) does not take the next person off.
    @Test func aWithdrawalNamesWhoWithdraws() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        let e = try cli.run(["election", "create", "--title", "Bầu Ban Chấp hành", "--seats", "1"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        for code in ["DB0001", "DB0002", "DB0003"] { #expect(try cli.run(["election", "candidate", e, "--code", code]).status == 0) }
        let listed = try cli.run(["election", "show", e]).out
        let second = try #require(listed.split(separator: "\n").first { $0.hasPrefix("2.") }?.split(separator: "\t").dropFirst().first.map(String.init))
        #expect(try cli.run(["election", "withdraw", e, "2", "--name", "Không Phải Người Này"]).status == 1)
        let gone = try cli.run(["election", "withdraw", e, "2", "--name", second, "--reason", "xin rút"])
        #expect(gone.status == 0, "\(gone.err)")
        #expect(!(try cli.run(["election", "show", e]).out.contains(second)))
        let again = try cli.run(["election", "withdraw", e, "2", "--name", second])
        #expect(again.status == 1, "the same command again takes no one else off: \(again.err)")
        #expect(try cli.run(["election", "show", e]).out.split(separator: "\n").filter { $0.contains("\tDB") }.count == 2)
    }

    @Test func oneNextRoundPerCount() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let (e, serials) = try Self.printedElection(cli, ballots: 2)
        // one vote each: nobody passes, the seat stays open
        let stack = cli.directory.appendingPathComponent("stack.txt")
        try "\(serials[0]) 1\n\(serials[1]) 2\n".write(to: stack, atomically: true, encoding: .utf8)
        #expect(try cli.run(["ballots", "enter", e, stack.path, "--operator", "A"]).status == 0)
        // the congress decides a next round on a published result, not before
        let early = try cli.run(["election", "next-round", e])
        #expect(early.status == 1 && early.err.contains("chưa công bố"), "\(early.err)")
        #expect(try cli.run(["ballots", "enter", e, stack.path, "--operator", "B"]).status == 0)
        #expect(try cli.run(["election", "publish", e, "--yes"]).status == 0)
        let first = try cli.run(["election", "next-round", e])
        #expect(first.status == 0, "\(first.err)")
        let second = try cli.run(["election", "next-round", e])
        #expect(second.status == 1)
        #expect(second.err.contains("đã có vòng sau") && second.err.contains(first.out.trimmingCharacters(in: .whitespacesAndNewlines)))
        let list = try cli.run(["election", "list"]).out
        #expect(list.split(separator: "\n").filter { $0.contains("\tvòng 2\t") }.count == 1, "one further round: \(list)")
    }
}
