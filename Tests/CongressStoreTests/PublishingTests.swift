import CongressCore
import CongressStore
import Documents
import Foundation
import GRDB
import Testing
import TestSupport

/// Publishing freezes the record in one transaction: whatever is entered while it runs is
/// either in the published count or refused, never stored and left out; the frozen record
/// cannot be written over; a second next round for the same count is refused, and a failed
/// one leaves nothing behind.
@Suite("Publishing a count")
struct PublishingTests {
    static func printedElection(_ store: CongressStore, ballots: Int) throws -> (ElectionRecord, [String]) {
        try store.importDelegates(try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated(), source: "f", actor: "t")
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "t")
        // one operator's entries are the count here (what is tried is the freezing, not the double entry)
        let e = try store.createElection(body: .executiveCommittee, title: "Bầu Ban Chấp hành", seats: 1, entryMode: .single, actor: "t")
        for code in ["DB0001", "DB0002"] { try store.addCandidate(election: e.id, delegateCode: code, actor: "t") }
        return (e, try store.printBallotSerials(election: e.id, count: ballots, actor: "t"))
    }

    @Test func aBallotEnteredWhilePublishingIsCountedOrRefused() async throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printedElection(store, ballots: 400)
        try store.enterBallot(election: e.id, operator: "A", serial: serials[0], struckNumbers: [], marks: [], actor: "t")
        // one operator keeps entering while another publishes
        let entering = Task.detached { () -> Int in
            var accepted = 1
            for serial in serials.dropFirst() {
                do {
                    try store.enterBallot(election: e.id, operator: "A", serial: serial, struckNumbers: [1], marks: [], actor: "t")
                    accepted += 1
                } catch { break }
            }
            return accepted
        }
        try await Task.sleep(for: .milliseconds(30))
        let published = try store.publishElection(e.id, actor: "t")
        let accepted = await entering.value
        #expect(published.ballotsCollected == accepted, "every acknowledged entry is in the published count")
        #expect(try store.ballotEntries(election: e.id)["A"]?.count == accepted)
        let record = try #require(try store.countRecord(election: e.id))
        #expect(record.minutes.result == published)
        #expect(!record.minutes.draft)
    }

    @Test func theFrozenRecordCannotBeWrittenOver() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printedElection(store, ballots: 2)
        try store.enterBallot(election: e.id, operator: "A", serial: serials[0], struckNumbers: [2], marks: [], actor: "t")
        _ = try store.publishElection(e.id, actor: "t")
        #expect(throws: (any Error).self) { try congress.tamper("UPDATE election SET count_record = '{}' WHERE id = \(e.id)") }
        #expect(throws: (any Error).self) { try congress.tamper("UPDATE election SET status = 'printed' WHERE id = \(e.id)") }
        #expect(try store.countRecord(election: e.id)?.minutes.result.ballotsCollected == 1)
    }

    @Test func aSecondNextRoundIsRefusedAndAFailedOneLeavesNothing() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printedElection(store, ballots: 2)
        // complete: no next round, and nothing is written
        try store.enterBallot(election: e.id, operator: "A", serial: serials[0], struckNumbers: [2], marks: [], actor: "t")
        // not before the count is published, whatever it says
        #expect(throws: StoreError.election(.notPublished(title: e.title))) { try store.createNextRound(after: e.id, actor: "t") }
        let (other, more) = try Self.secondElection(store)
        try store.enterBallot(election: other.id, operator: "A", serial: more[0], struckNumbers: [2], marks: [], actor: "t")
        _ = try store.publishElection(other.id, actor: "t")
        let before = try congress.dump()
        #expect(throws: StoreError.election(.noFurtherRoundNeeded(title: other.title))) { try store.createNextRound(after: other.id, actor: "t") }
        #expect(try congress.dump() == before)
        // a tie at the cut-off, published: one run-off, a second request refused
        try store.enterBallot(election: e.id, operator: "A", serial: serials[1], struckNumbers: [1], marks: [], actor: "t")
        _ = try store.publishElection(e.id, actor: "t")
        let runoff = try store.createNextRound(after: e.id, actor: "t")
        #expect(throws: StoreError.election(.nextRoundExists(title: e.title, next: runoff.id))) { try store.createNextRound(after: e.id, actor: "t") }
        #expect(try store.elections().count == 3)
    }

    /// A second election of the same two candidates, printed, in the same congress.
    static func secondElection(_ store: CongressStore) throws -> (ElectionRecord, [String]) {
        let e = try store.createElection(body: .inspectionCommittee, title: "Bầu Ủy ban Kiểm tra", seats: 1, entryMode: .single, actor: "t")
        for code in ["DB0001", "DB0002"] { try store.addCandidate(election: e.id, delegateCode: code, actor: "t") }
        return (e, try store.printBallotSerials(election: e.id, count: 2, actor: "t"))
    }

    /// A coded column holding a value this version does not know is refused by name, never
    /// read as a default (a status read as "draft" would reopen a published election).
    @Test func anUnknownCodedValueIsRefused() throws {
        let congress = try TemporaryCongress()
        let (e, _) = try Self.printedElection(congress.store, ballots: 1)
        try congress.tamper("UPDATE election SET status = 'archived' WHERE id = \(e.id)")
        #expect(throws: StoreError.unreadableValue(table: "election", column: "status", value: "archived")) {
            try congress.store.election(e.id)
        }
    }
}
