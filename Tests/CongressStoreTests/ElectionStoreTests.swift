import CongressCore
import CongressStore
import Documents
import Foundation
import Testing
import TestSupport

/// An election through the store as the counting committee runs it: define, print, issue
/// at the ballot desk, enter twice, reconcile, tally, archive, run-off, publish.
@Suite("Elections in the store")
struct ElectionStoreTests {
    @Test func defineIssueEnterTwiceReconcileTallyAndRunoff() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let list = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        try store.importDelegates(list, source: "fixture", actor: "test")
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "test")
        let officials = list.filter(\.kind.isOfficial).map(\.code)
        let present = Array(officials.prefix(10))
        for code in present + ["DB0049"] { try store.recordAdmission(code: code, station: "A", actor: "test") }

        // define: three delegates and an outsider; the committee is not on the list
        let e = try store.createElection(body: .higherCongress, title: "Bầu đại biểu dự Đại hội cấp trên", seats: 2,
                                         thresholdBase: .validBallots, surplusCapPercent: 30, actor: "test")
        for code in ["DB0004", "DB0001", "DB0002"] { try store.addCandidate(election: e.id, delegateCode: code, actor: "test") }
        try store.addCommitteeMember(election: e.id, name: "", role: .head, delegateCode: "DB0010", actor: "test")
        #expect(throws: StoreError.self) { try store.addCandidate(election: e.id, delegateCode: "DB0010", actor: "test") }
        #expect(throws: StoreError.self) { try store.addCommitteeMember(election: e.id, name: "", role: .member, delegateCode: "DB0001", actor: "test") }
        #expect(throws: StoreError.self) { try store.addCandidate(election: e.id, delegateCode: "DB0001", actor: "test") }
        let candidates = try store.candidates(election: e.id)
        let names = candidates.map(\.name)
        #expect(names == BallotOrder.sorted(names), "ballot order by given name, RULES.md §4.1")
        #expect(Surplus(candidates: 3, seats: 2, capPercent: 30).overCap, "1 over 2 seats is 50% > 30%")

        // print: the list is fixed
        let serials = try store.printBallotSerials(election: e.id, count: 12, actor: "test")
        #expect(Set(serials).count == 12)
        #expect(serials.allSatisfy { $0.count == 6 })
        #expect(throws: StoreError.self) { try store.addCandidate(election: e.id, name: "Người Ngoài", actor: "test") }

        // the ballot desk
        for code in present { #expect(try store.issueBallot(election: e.id, code: code, station: "Bàn 1", actor: "t") == .issued) }
        guard case .alreadyIssued = try store.issueBallot(election: e.id, code: present[0], station: "Bàn 2", actor: "t") else {
            Issue.record("a second ballot was issued")
            return
        }
        #expect(try store.issueBallot(election: e.id, code: "DB0049", station: "Bàn 1", actor: "t") == .notEligible, "a guest")
        #expect(try store.issueBallot(election: e.id, code: officials[20], station: "Bàn 1", actor: "t") == .notPresent)
        #expect(try store.ballotsIssued(election: e.id) == 10)

        // ten ballots: 4 strike #3, 4 strike #2, 1 strikes #1, 1 unstamped; one serial never printed
        var stack: [CongressStore.TypedBallot] = []
        for i in 0..<4 { stack.append(.init(serial: serials[i], struckNumbers: [3])) }
        for i in 4..<8 { stack.append(.init(serial: serials[i], struckNumbers: [2])) }
        stack.append(.init(serial: serials[8], struckNumbers: [1]))
        stack.append(.init(serial: serials[9], struckNumbers: [3], marks: [.unstamped]))
        // a serial never printed is a slip of the keys, refused with nothing entered (typed
        // as "ZZZZZZ 3", it was once accepted silently); said to be a foreign paper, it is entered
        #expect(throws: StoreError.election(.serialNotPrinted(place: 11, serial: "ZZZZZZ"))) {
            try store.enterBallots(election: e.id, operator: "Nguyễn Văn A", stack + [.init(serial: "ZZZZZZ", struckNumbers: [3])], actor: "t")
        }
        #expect(try store.ballotEntries(election: e.id).isEmpty)
        stack.append(.init(serial: "ZZZZZZ", struckNumbers: [3], marks: [.notIssued]))
        try store.enterBallots(election: e.id, operator: "Nguyễn Văn A", stack, actor: "t")
        var second = stack
        second[0].struckNumbers = [2]  // operator B misreads one ballot
        try store.enterBallots(election: e.id, operator: "Trần Thị B", second, actor: "t")
        let r = try store.reconcile(election: e.id)
        #expect(r.differences.map(\.serial) == [serials[0]])
        #expect(throws: StoreError.self) { try store.tallyInput(election: e.id) }
        // a wrong number is refused with nothing entered
        #expect(throws: StoreError.self) {
            try store.enterBallots(election: e.id, operator: "Trần Thị B", [.init(serial: "AAAAAA", struckNumbers: [1]),
                                                                              .init(serial: "BBBBBB", struckNumbers: [4])], actor: "t")
        }
        #expect(try store.ballotEntries(election: e.id)["Trần Thị B"]?.count == 11)

        // B takes back everything from the misread ballot on, and enters again
        for _ in 0..<11 { try store.undoLastEntry(election: e.id, operator: "Trần Thị B", actor: "t") }
        try store.enterBallots(election: e.id, operator: "Trần Thị B", stack.reversed(), actor: "t")
        #expect(try store.reconcile(election: e.id).differences.isEmpty, "the order of the stack does not matter")

        let (election, ballots) = try store.tallyInput(election: e.id)
        let result = Tally.count(election, ballots)
        #expect(result.ballotsIssued == 10, "issued: counted at the ballot desk")
        #expect(result.ballotsCollected == 11, "one more in the box than were issued: the minutes must show it")
        #expect(result.invalidByReason == [.unstamped: 1, .notIssued: 1])
        #expect(result.candidates.map(\.votes) == [8, 5, 5])
        #expect(result.status == .runoffNeeded)
        #expect(result.tied == [election.candidates[1].id, election.candidates[2].id])

        // the archive tallies the same
        let (read, readBallots) = try ElectionFile.read(ElectionFile.encode(election, ballots)).get()
        #expect(Tally.count(read, readBallots) == result)

        // not before the result is published
        #expect(throws: StoreError.election(.notPublished(title: e.title))) { try store.createNextRound(after: e.id, actor: "t") }
        // published: final
        let published = try store.publishElection(e.id, actor: "t")
        #expect(published == result)
        #expect(try store.election(e.id).status == .published)
        #expect(throws: StoreError.self) { try store.enterBallot(election: e.id, operator: "Nguyễn Văn A", serial: serials[11], struckNumbers: [], marks: [], actor: "t") }

        // the run-off: exactly the tied, for the tied seat
        let runoff = try store.createNextRound(after: e.id, actor: "t")
        #expect(runoff.seats == 1)
        #expect(runoff.round == 2)
        #expect(runoff.parentID == e.id)
        #expect(Set(try store.candidates(election: runoff.id).map(\.name)) == Set([candidates[1].name, candidates[2].name]))
        #expect(try store.committee(election: runoff.id).map(\.delegateCode) == ["DB0010"])
    }
}
