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
        let printed = try store.printBallotSerials(election: e.id, count: max(distinct.count + 2, file.ballotsIssued), actor: "test")
        let serialFor = Dictionary(uniqueKeysWithValues: zip(distinct, printed))
        // the papers themselves, read back
        let key = CongressSigningKey()
        let ballotsPDF = congress.directory.appendingPathComponent("ballots.pdf").path
        try BallotPrinter.pdf(BallotPaper(congressName: "Đại hội Công đoàn", term: "2023-2028", title: file.title, seats: file.seats,
                                          candidates: try store.candidates(election: e.id).map(\.name)),
                              codes: try printed.map { ($0, try BallotSerialCode.sign(election: e.id, serial: $0, with: key).text) },
                              to: ballotsPDF)
        let papers = try PDFText.read(ballotsPDF)
        for (i, c) in file.candidates.enumerated() { #expect(papers.contains("\(i + 1). \(c.name)"), "\(c.name) numbered on the paper") }
        #expect(papers.components(separatedBy: "PHIẾU BẦU CỬ").count == printed.count + 1, "one paper a serial")
        for code in voters { #expect(try store.issueBallot(election: e.id, code: code, station: "Bàn phát phiếu", actor: "t") == .issued) }

        // a second paper with a serial already typed is a copy: the operator says so (p)
        var typed = Set<String>()
        let stack = ballots.map { b in
            let copy = !typed.insert(b.serial).inserted && !b.marks.contains(.notIssued)
            return CongressStore.TypedBallot(serial: serialFor[b.serial] ?? b.serial, struckNumbers: b.struck.map { $0 + 1 },
                                             marks: b.marks + (copy ? [.notIssued] : []))
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
        let text = try PDFText.read(pdf)
        #expect(text.contains("BIÊN BẢN KIỂM PHIẾU"))
        for c in file.candidates { #expect(text.contains(c.name), "\(c.name) in the minutes") }
        #expect(text.contains("Phiếu thu về: \(ballots.count)"))

        _ = try store.publishElection(e.id, actor: "t")
        #expect(try store.election(e.id).status == .published)
    }

    /// Chair mode 2 on one combined paper: one serial a paper, recorded for both
    /// elections; each part entered into its own election (the committee part by the
    /// scanned QR, which carries the chair election, the paper's first); each counted as
    /// its own election, equal to the two fixtures kept.
    @Test func chairModeTwoOnOneCombinedPaper() throws {
        let read = { (name: String) throws -> (Election, [EnteredBallot]) in
            try ElectionFile.read(Data(contentsOf: URL(fileURLWithPath: Fixtures.path("elections/\(name).json")))).get()
        }
        let (chairFile, chairBallots) = try read("chair-mode2-chair")
        let (committeeFile, committeeBallots) = try read("chair-mode2-committee")
        let congress = try TemporaryCongress()
        let store = congress.store
        var list = DelegateGen.fixedList(count: chairFile.ballotsIssued)
        for i in list.indices { list[i].kind = .elected }
        try store.importDelegates(list, source: "fixture", actor: "test")
        _ = try store.openSitting(name: "Đại hội toàn thể", actor: "test")
        for d in list { try store.recordAdmission(code: d.code, station: "Cửa", actor: "test") }
        let chair = try store.createElection(body: .chair, title: chairFile.title, seats: 1, actor: "t")
        let committee = try store.createElection(body: .executiveCommittee, title: committeeFile.title, seats: committeeFile.seats, actor: "t")
        try store.addCandidate(election: chair.id, name: chairFile.candidates[0].name, actor: "t")
        for c in committeeFile.candidates { try store.addCandidate(election: committee.id, name: c.name, actor: "t") }
        try store.setManualOrder(election: committee.id, candidateIDs: Array(1...committeeFile.candidates.count), actor: "t")
        // the chair candidate may not stand for the committee on the same paper
        let other = try store.createElection(body: .executiveCommittee, title: "Thử", seats: 2, actor: "t")
        try store.addCandidate(election: other.id, name: chairFile.candidates[0].name, actor: "t")
        #expect(throws: StoreError.self) { try store.printBallotSerials(elections: [chair.id, other.id], count: 2, actor: "t") }

        let serials = try store.printBallotSerials(elections: [chair.id, committee.id], count: 8, actor: "t")
        #expect(try store.printedSerials(election: chair.id) == Set(serials))
        #expect(try store.printedSerials(election: committee.id) == Set(serials))
        #expect(try store.election(committee.id).paperGroup == chair.id)
        for d in list {
            #expect(try store.issueBallot(election: chair.id, code: d.code, station: "Bàn", actor: "t") == .issued)
            #expect(try store.issueBallot(election: committee.id, code: d.code, station: "Bàn", actor: "t") == .issued)
        }
        let map = Dictionary(uniqueKeysWithValues: zip(chairBallots.map(\.serial), serials))
        func stack(_ ballots: [EnteredBallot]) -> [CongressStore.TypedBallot] {
            ballots.map { .init(serial: map[$0.serial] ?? $0.serial, struckNumbers: $0.struck.map { $0 + 1 }, marks: $0.marks) }
        }
        for (id, ballots) in [(chair.id, chairBallots), (committee.id, committeeBallots)] {
            try store.enterBallots(election: id, operator: "A", stack(ballots), actor: "t")
            try store.enterBallots(election: id, operator: "B", stack(ballots).reversed(), actor: "t")
        }
        for (id, name) in [(chair.id, "chair-mode2-chair"), (committee.id, "chair-mode2-committee")] {
            let (election, entered) = try store.tallyInput(election: id)
            let expected = try String(contentsOfFile: Fixtures.path("elections/\(name).expected.json"), encoding: .utf8)
            #expect(Tally.count(election, entered).json() + "\n" == expected, "\(name) from the combined paper")
        }
    }
}
