import CongressCore
import CongressStore
import Documents
import Foundation
import GRDB
import Testing
import TestSupport

/// What the store does with each sheet the scanner reads, and with the committee's
/// decisions: a sure reading is entered once per paper, the same paper seen again enters
/// nothing, a second paper with an entered serial goes to review; a decision is entered
/// unless it is the same paper as an entry; every refusal changes nothing.
@Suite("Scanned sheets in the store")
struct ScannedSheetStoreTests {
    static func read(_ page: Int, _ serial: String?, _ status: ScanStatus, struck: [Int] = [], review: [ScanReviewReason] = [],
                     reason: String? = nil) -> CongressStore.SheetRead {
        .init(page: page, serial: serial, status: status, struck: struck, review: review, reason: reason, readingJSON: "{\"lines\":[]}",
              aligned: Data([0xFF, 0xD8, 0xFF, 0xD9]), paper: "a5")
    }

    @Test func eachPaperIsEnteredOnceAndTheRestAsked() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try PublishingTests.printedElection(store, ballots: 4)
        let box = try store.keepScanFile(name: "hop-1.pdf", content: Data("scan one".utf8))
        #expect(try store.keepScanFile(name: "again.pdf", content: Data("scan one".utf8)) == box, "a file is kept once, by its content")

        var r = try store.recordScannedSheet(election: e.id, file: box, fileName: "hop-1.pdf", Self.read(1, serials[0], .counted, struck: [2]),
                                             operator: "Máy quét")
        #expect(r.sheet.status == .counted && !r.duplicate)
        // the same page of the same file again: nothing new
        r = try store.recordScannedSheet(election: e.id, file: box, fileName: "hop-1.pdf", Self.read(1, serials[0], .counted, struck: [2]),
                                         operator: "Máy quét")
        #expect(r.duplicate)
        // the same paper in another file, read alike: a duplicate; read otherwise: two papers, one serial
        let second = try store.keepScanFile(name: "hop-2.pdf", content: Data("scan two".utf8))
        r = try store.recordScannedSheet(election: e.id, file: second, fileName: "hop-2.pdf", Self.read(1, serials[0], .counted, struck: [2]),
                                         operator: "Máy quét")
        #expect(r.duplicate && r.sheet.status == .counted)
        r = try store.recordScannedSheet(election: e.id, file: second, fileName: "hop-2.pdf", Self.read(2, serials[0], .counted, struck: [1]),
                                         operator: "Máy quét")
        #expect(r.sheet.status == .review && r.sheet.review == [ScanReviewReason(why: "serial_seen")])
        _ = try store.recordScannedSheet(election: e.id, file: second, fileName: "hop-2.pdf",
                                         Self.read(3, serials[1], .review, struck: [1], review: [.init(line: 2, why: "unclear")]), operator: "Máy quét")
        _ = try store.recordScannedSheet(election: e.id, file: second, fileName: "hop-2.pdf", Self.read(4, nil, .rejected, reason: "qr_unreadable"),
                                         operator: "Máy quét")
        #expect(try store.ballotEntries(election: e.id)["Máy quét"]?.map(\.serial) == [serials[0]])
        #expect(try store.reviewQueue(election: e.id).map(\.serial) == [serials[0], serials[1]])
        #expect(try store.scannedSheets(election: e.id).count == 5)

        // refusals change nothing
        let before = try congress.dump()
        #expect(throws: StoreError.election(.noSheetInReview(serial: "ZZZZZZ"))) {
            try store.decideScannedSheet(election: e.id, .serial("ZZZZZZ"), struck: [], marks: [], actor: "t")
        }
        #expect(throws: StoreError.election(.notAReasonSeenOnPaper("over_seats"))) {
            try store.decideScannedSheet(election: e.id, .serial(serials[1]), struck: [], marks: [.overSeats], actor: "t")
        }
        #expect(throws: StoreError.election(.noSuchNumber(place: nil, number: 9, listCount: 2))) {
            try store.decideScannedSheet(election: e.id, .serial(serials[1]), struck: [9], marks: [], actor: "t")
        }
        #expect(try congress.dump() == before)

        // the second paper of serials[0], read as the entry is: the same paper, not entered again
        let same = try store.decideScannedSheet(election: e.id, .serial(serials[0]), struck: [2], marks: [], actor: "Trưởng ban")
        #expect(same.decision?.entered == false && same.decision?.by == "Trưởng ban")
        let decided = try store.decideScannedSheet(election: e.id, .serial(serials[1].lowercased()), struck: [1, 2], marks: [.unclear], actor: "t")
        #expect(decided.decision?.entered == true && decided.decision?.struck == [1, 2] && decided.decision?.marks == [.unclear])
        #expect(throws: StoreError.election(.noSheetInReview(serial: serials[1]))) {
            try store.decideScannedSheet(election: e.id, .serial(serials[1]), struck: [], marks: [], actor: "t")
        }
        #expect(try store.reviewQueue(election: e.id).isEmpty)
        // a person types the same stack: it reconciles with the machine's
        try store.enterBallot(election: e.id, operator: "Lan", serial: serials[0], struckNumbers: [2], marks: [], actor: "t")
        try store.enterBallot(election: e.id, operator: "Lan", serial: serials[1], struckNumbers: [1, 2], marks: [.unclear], actor: "t")

        // the minutes say how each was entered
        let minutes = try store.countingMinutes(election: e.id)
        #expect(minutes.sources == BallotSources(machine: 1, review: 1, typed: 2))
        #expect(minutes.result.ballotsCollected == 2)
        #expect(try store.auditEntries().filter { $0.action == "election.scan.decide" }.count == 2)
    }

    @Test func aPublishedCountTakesNoMoreSheets() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try PublishingTests.printedElection(store, ballots: 2)
        try store.enterBallot(election: e.id, operator: "A", serial: serials[0], struckNumbers: [1], marks: [], actor: "t")
        _ = try store.publishElection(e.id, actor: "t")
        let file = try store.keepScanFile(name: "late.pdf", content: Data("late".utf8))
        let before = try congress.dump()
        #expect(throws: StoreError.self) {
            try store.recordScannedSheet(election: e.id, file: file, fileName: "late.pdf", Self.read(1, serials[1], .counted), operator: "Máy quét")
        }
        #expect(try congress.dump() == before)
    }
}
