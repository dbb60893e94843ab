import CongressCore
import CongressStore
import Documents
import Foundation
import Testing
import TestSupport

/// Each fixture election (fixtures/elections/) run through the store as on the day: a
/// congress with as many delegates as the file says, the list set up in the file's order,
/// ballots printed, issued at the desk, the stack entered by two operators (the second in
/// the opposite order), reconciled, tallied — the result must be the one kept beside the
/// fixture — minutes printed and read back, published.
@Suite("Fixture elections, end to end through the store")
struct FixtureElectionFlowTests {
    @Test(arguments: ["every-invalid-reason", "base-ballots-collected", "base-valid-ballots", "base-convened",
                      "base-valid-ballots-runoff", "single-candidate", "chair-mode2-chair",
                      "chair-mode2-committee"])
    func fixtureElection(_ name: String) throws {
        let (file, ballots) = try ElectionFile.read(Data(contentsOf: URL(fileURLWithPath: Fixtures.path("elections/\(name).json")))).get()
        let expected = try String(contentsOfFile: Fixtures.path("elections/\(name).expected.json"), encoding: .utf8)

        let congress = try TemporaryCongress()
        let store = congress.store
        let officials = file.thresholdBase == .convened ? (file.convened ?? file.ballotsIssued) : max(file.ballotsIssued, 1)
        var list = DelegateGen.fixedList(count: officials)
        for i in list.indices { list[i].kind = .elected }
        try store.importDelegates(list, source: "fixture", actor: "test")
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "test")
        let voters = list.prefix(file.ballotsIssued).map(\.code)
        for code in voters { try store.recordAdmission(code: code, station: "Cửa", actor: "test") }

        let e = try store.createElection(body: .executiveCommittee, title: file.title, seats: file.seats, thresholdBase: file.thresholdBase,
                                         absentWholeCongress: file.absentWholeCongress, actor: "test")
        for c in file.candidates { try store.addCandidate(election: e.id, name: c.name, actor: "test") }
        try store.setManualOrder(election: e.id, candidateIDs: Array(1...file.candidates.count), actor: "test")
        try store.addCommitteeMember(election: e.id, name: "Phạm Văn Kiểm", role: .head, actor: "test")
        let distinct = Array(Set(ballots.map(\.serial))).sorted()
        let printed = try store.printBallotSerials(election: e.id, count: distinct.count + 2, actor: "test")
        let serialFor = Dictionary(uniqueKeysWithValues: zip(distinct, printed))
        for code in voters { #expect(try store.issueBallot(election: e.id, code: code, station: "Bàn phát phiếu", actor: "t") == .issued) }

        let stack = ballots.map { b in
            CongressStore.TypedBallot(serial: serialFor[b.serial] ?? b.serial, struckNumbers: b.struck.map { $0 + 1 }, marks: b.marks)
        }
        try store.enterBallots(election: e.id, operator: "Người nhập thứ nhất", stack, actor: "t")
        try store.enterBallots(election: e.id, operator: "Người nhập thứ hai", stack.reversed(), actor: "t")
        #expect(try store.reconcile(election: e.id).differences.isEmpty)

        let (election, entered) = try store.tallyInput(election: e.id)
        var result = Tally.count(election, entered)
        // the store numbers a list c1, c2, … ; a run-off file keeps round 1's ids
        let ids = Dictionary(uniqueKeysWithValues: zip(election.candidates.map(\.id), file.candidates.map(\.id)))
        for i in result.candidates.indices { result.candidates[i].id = ids[result.candidates[i].id] ?? "?" }
        result.elected = result.elected.map { ids[$0] ?? "?" }
        result.tied = result.tied.map { ids[$0] ?? "?" }
        #expect(result.json() + "\n" == expected, "\(name): the store's count is the fixture's")

        let pdf = congress.directory.appendingPathComponent("minutes.pdf").path
        try MinutesPrinter.pdf(try store.countingMinutes(election: e.id), to: pdf)
        let text = try Self.pdftotext(pdf)
        #expect(text.contains("BIÊN BẢN KIỂM PHIẾU"))
        for c in file.candidates { #expect(text.contains(c.name), "\(c.name) in the minutes") }
        #expect(text.contains("Phiếu thu về: \(ballots.count)"))

        _ = try store.publishElection(e.id, actor: "t")
        #expect(try store.election(e.id).status == .published)
    }

    static func pdftotext(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["pdftotext", "-layout", path, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
