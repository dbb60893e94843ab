import CongressCore
import CongressStore
import Documents
import Foundation
import Testing
import TestSupport

/// The counting desk as the committee uses it: double entry unless the election chose a
/// single one, one entry per serial per operator, a ballot corrected anywhere in the stack
/// (and the audit log saying what it was and what it became).
@Suite("The counting desk")
struct CountingDeskTests {
    /// An election of three candidates with `ballots` printed, in a congress with a sitting open.
    static func printed(_ store: CongressStore, ballots: Int, entry: EntryMode = .double) throws -> (ElectionRecord, [String]) {
        try store.importDelegates(try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated(), source: "f", actor: "t")
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "t")
        let e = try store.createElection(body: .executiveCommittee, title: "Bầu Ban Chấp hành", seats: 2, entryMode: entry, actor: "t")
        for code in ["DB0001", "DB0002", "DB0003"] { try store.addCandidate(election: e.id, delegateCode: code, actor: "t") }
        return (e, try store.printBallotSerials(election: e.id, count: ballots, actor: "t"))
    }

    static func stack(_ serials: [String]) -> [CongressStore.TypedBallot] {
        serials.enumerated().map { .init(serial: $0.element, struckNumbers: $0.offset % 2 == 0 ? [1] : [2, 3]) }
    }

    @Test func byDefaultOneSourceIsNotEnoughToPublish() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 6)
        #expect(e.entryMode == .double)
        try store.enterBallots(election: e.id, operator: "Lan", Self.stack(serials), actor: "t")
        let before = try congress.dump()
        #expect(throws: StoreError.election(.secondSourceMissing(title: e.title, source: "Lan"))) { try store.publishElection(e.id, actor: "t") }
        #expect(try congress.dump() == before, "a refused publish writes nothing")
        // the second source, the same papers: agreed, and published; the minutes say how
        try store.enterBallots(election: e.id, operator: "Minh", Array(Self.stack(serials).reversed()), actor: "t")
        let result = try store.publishElection(e.id, actor: "t")
        #expect(result.ballotsCollected == 6)
        #expect(try store.countRecord(election: e.id)?.minutes.entryMode == .double)
    }

    @Test func aSecondSourceThatDiffersHoldsThePublishing() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 4)
        try store.enterBallots(election: e.id, operator: "Lan", Self.stack(serials), actor: "t")
        var other = Self.stack(serials)
        other[2].struckNumbers = [3]
        // and one paper the second source has not reached yet
        try store.enterBallots(election: e.id, operator: "Minh", Array(other.prefix(3)), actor: "t")
        // what the two saw differently is said first, apart from what one has not typed yet
        #expect(throws: StoreError.election(.entriesDiffer(count: 1, serials: [serials[2]]))) {
            try store.publishElection(e.id, actor: "t")
        }
        try store.correctEntry(election: e.id, operator: "Minh", serial: serials[2], struckNumbers: Self.stack(serials)[2].struckNumbers,
                               marks: Self.stack(serials)[2].marks, actor: "t")
        // then only the paper the second source has not reached (the second outside try: it
        // was called "differing", as if the two had seen it differently)
        #expect(throws: StoreError.election(.enteredByOneOnly(count: 1, serials: [serials[3]]))) {
            try store.publishElection(e.id, actor: "t")
        }
        let said = StoreError.election(.enteredByOneOnly(count: 1, serials: [serials[3]])).message(.vi)
        #expect(said.contains("mới một người nhập") && !said.contains("khác nhau"), "\(said)")
    }

    @Test func aSingleEntryElectionPublishesFromOneSourceAndSaysSo() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 3, entry: .single)
        try store.enterBallots(election: e.id, operator: "Lan", Self.stack(serials), actor: "t")
        _ = try store.publishElection(e.id, actor: "t")
        let minutes = try #require(try store.countRecord(election: e.id)).minutes
        #expect(minutes.entryMode == .single)
        // the printed minutes say it, in words a person reads
        let pdf = congress.directory.appendingPathComponent("bien-ban.pdf").path
        try MinutesPrinter.pdf(minutes, to: pdf)
        let text = try PDFText.read(pdf)
        #expect(text.contains("Nhập phiếu một lần"), "\(text)")
    }

    @Test func aSerialTypedTwiceIsNotASecondBallot() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 3)
        try store.enterBallot(election: e.id, operator: "Lan", serial: serials[0], struckNumbers: [1], marks: [], actor: "t")
        let before = try congress.dump()
        #expect(throws: StoreError.election(.serialAlreadyEntered(place: nil, serial: serials[0], operator: "Lan"))) {
            try store.enterBallot(election: e.id, operator: "Lan", serial: serials[0].lowercased(), struckNumbers: [2], marks: [], actor: "t")
        }
        // in one stack, the second of the same serial is refused and nothing of the stack is entered
        #expect(throws: StoreError.election(.serialAlreadyEntered(place: 3, serial: serials[1], operator: "Lan"))) {
            try store.enterBallots(election: e.id, operator: "Lan", Self.stack([serials[1], serials[2], serials[1]]), actor: "t")
        }
        #expect(try congress.dump() == before)
        // another operator enters it as their own; a copy of the paper is entered as not issued
        try store.enterBallot(election: e.id, operator: "Minh", serial: serials[0], struckNumbers: [1], marks: [], actor: "t")
        try store.enterBallot(election: e.id, operator: "Lan", serial: serials[0], struckNumbers: [], marks: [.notIssued], actor: "t")
        #expect(try store.ballotEntries(election: e.id)["Lan"]?.count == 2)
    }

    @Test func aBallotIsCorrectedAnywhereInTheStackAndTheLogSaysWhat() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 5)
        try store.enterBallots(election: e.id, operator: "Lan", Self.stack(serials), actor: "t")
        // the third of five, entered "1", was in fact "2 3" and set aside for a private mark
        let corrected = try store.correctEntry(election: e.id, operator: "Lan", serial: serials[2], struckNumbers: [3, 2],
                                               marks: [.privateMark], actor: "cli:to-truong")
        let candidates = try store.candidates(election: e.id)
        #expect(corrected.struck == [candidates[1].id, candidates[2].id].sorted())
        let entries = try #require(try store.ballotEntries(election: e.id)["Lan"])
        #expect(entries.count == 5, "a correction replaces, it does not add")
        #expect(entries.filter { $0.serial == serials[2] }.map(\.marks) == [[.privateMark]])
        let log = try store.auditEntries().filter { $0.action == "election.entry.correct" }
        #expect(log.count == 1)
        #expect(log.first?.actor == "cli:to-truong")
        let details = try JSONSerialization.jsonObject(with: Data((log.first?.details ?? "{}").utf8)) as? [String: String]
        #expect(details?["was"] == "1")
        #expect(details?["now"] == "2 3 private_mark")
        #expect(details?["serial"] == serials[2])
        // a serial this operator never entered, and a number not on the paper: refused, nothing written
        let before = try congress.dump()
        #expect(throws: StoreError.election(.noEntryToCorrect(serial: serials[0], operator: "Minh"))) {
            try store.correctEntry(election: e.id, operator: "Minh", serial: serials[0], struckNumbers: [], marks: [], actor: "t")
        }
        #expect(throws: StoreError.election(.noSuchNumber(place: nil, number: 4, listCount: 3))) {
            try store.correctEntry(election: e.id, operator: "Lan", serial: serials[0], struckNumbers: [4], marks: [], actor: "t")
        }
        #expect(try congress.dump() == before)
    }

    /// Found by an outside try: the desk handed out more ballots than were printed, and a
    /// title of 4,000 characters, or with control characters, was printed over the list.
    @Test func noMoreBallotsIssuedThanPrintedAndATitleAPaperCarries() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, _) = try Self.printed(store, ballots: 2)
        #expect(try store.election(e.id).paper == nil, "no size said: none recorded")
        for code in ["DB0011", "DB0012", "DB0013"] { try store.recordAdmission(code: code, station: "A", actor: "t") }
        #expect(try store.issueBallot(election: e.id, code: "DB0011", station: "Bàn", actor: "t") == .issued)
        #expect(try store.issueBallot(election: e.id, code: "DB0012", station: "Bàn", actor: "t") == .issued)
        #expect(throws: StoreError.election(.allBallotsIssued(title: e.title, printed: 2))) {
            try store.issueBallot(election: e.id, code: "DB0013", station: "Bàn", actor: "t")
        }
        _ = try store.printBallotSerials(election: e.id, count: 1, paper: "a4", actor: "t")
        #expect(try store.issueBallot(election: e.id, code: "DB0013", station: "Bàn", actor: "t") == .issued)
        #expect(try store.election(e.id).paper == "a4", "the size printed, for the reader")
        for bad in [String(repeating: "Bầu ", count: 60), "Bầu\nBan Chấp hành", "Bầu \u{07}Ban", "Bầu \u{FFFD}"] {
            #expect(throws: StoreError.election(.titleUnprintable(maximum: ElectionRules.maximumTitle))) {
                try store.createElection(body: .other, title: bad, seats: 1, actor: "t")
            }
        }
    }

    /// Found by an outside try: a copy scanned while the genuine paper waited for the
    /// committee was counted, and the genuine one then set aside as the copy.
    @Test func aSecondPaperOfASerialWaitingForTheCommitteeWaitsToo() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 2)
        let file = try store.keepScanFile(name: "hop.pdf", content: Data("hop".utf8))
        func read(_ page: Int, _ status: ScanStatus, _ struck: [Int]) -> CongressStore.SheetRead {
            .init(page: page, serial: serials[0], status: status, struck: struck,
                  review: status == .review ? [.init(line: 2, why: "unclear")] : [], reason: nil, readingJSON: "{}", aligned: nil, paper: "a5")
        }
        _ = try store.recordScannedSheet(election: e.id, file: file, fileName: "hop.pdf", read(1, .review, [1]), operator: "Máy quét")
        let copy = try store.recordScannedSheet(election: e.id, file: file, fileName: "hop.pdf", read(2, .counted, [3]), operator: "Máy quét")
        #expect(copy.sheet.status == .review && copy.sheet.review.contains { $0.why == ScanReviewReason.serialSeen }, "\(copy.sheet)")
        #expect(try store.ballotEntries(election: e.id).isEmpty, "nothing entered until the committee has seen both")
        // the serial alone does not say which paper the committee looked at (a third outside
        // try decided one of two without being asked which): refused, naming both
        let waiting = try store.reviewQueue(election: e.id).map(\.id)
        #expect(waiting.count == 2)
        #expect(throws: StoreError.election(.severalSheetsInReview(serial: serials[0], sheets: waiting))) {
            try store.decideScannedSheet(election: e.id, .serial(serials[0]), struck: [1], marks: [], actor: "t")
        }
        #expect(ElectionRefusal.severalSheetsInReview(serial: serials[0], sheets: waiting).message(.vi).contains("--sheet"))
        #expect(try store.ballotEntries(election: e.id).isEmpty, "nothing decided")
        // a sheet's number said with another serial (a number mistyped): refused, nothing changes
        #expect(throws: StoreError.election(.sheetIsAnotherSerial(sheet: waiting[0], serial: serials[1], actual: serials[0]))) {
            try store.decideScannedSheet(election: e.id, .sheet(waiting[0], serial: serials[1]), struck: [1], marks: [], actor: "t")
        }
        #expect(try store.reviewQueue(election: e.id).count == 2)
        try store.decideScannedSheet(election: e.id, .sheet(waiting[0], serial: serials[0].lowercased()), struck: [1], marks: [], actor: "t")
        #expect(try store.reviewQueue(election: e.id).map(\.id) == [waiting[1]], "by its number, the one meant")
    }

    /// The machine counted a sheet with a tick it did not see; the typist saw it (a third
    /// outside try could only make the typist's stack agree with the machine's miss). The
    /// committee takes the sheet back: the machine's ballot is withdrawn, the sheet waits,
    /// and the committee's decision is entered in its place.
    @Test func theCommitteeTakesBackASheetTheMachineCounted() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 2)
        let file = try store.keepScanFile(name: "hop.pdf", content: Data("hop".utf8))
        let read = CongressStore.SheetRead(page: 1, serial: serials[0], status: .counted, struck: [2], review: [], reason: nil,
                                           readingJSON: "{}", aligned: nil, paper: "a5")
        _ = try store.recordScannedSheet(election: e.id, file: file, fileName: "hop.pdf", read, operator: "Máy quét")
        #expect(try store.ballotEntries(election: e.id)["Máy quét"]?.count == 1)
        // the scanner's ballots are not undone by name (an outside try stranded a paper so):
        // the committee takes a sheet back instead
        #expect(throws: StoreError.election(.scannerNameReserved("Máy quét"))) {
            try store.undoLastEntry(election: e.id, operator: "máy  quét", actor: "t")
        }
        #expect(try store.ballotEntries(election: e.id)["Máy quét"]?.count == 1)
        #expect(throws: StoreError.election(.noCountedSheet(serial: serials[1]))) {
            try store.reopenScannedSheet(election: e.id, .serial(serials[1]), why: "x", actor: "t")
        }
        let reopened = try store.reopenScannedSheet(election: e.id, .serial(serials[0].lowercased()), why: "dấu tích cạnh dòng 2", actor: "Trưởng ban")
        #expect(reopened.status == .review && reopened.review == [ScanReviewReason(why: ScanReviewReason.reopened)])
        #expect(try store.ballotEntries(election: e.id)["Máy quét"] ?? [] == [], "the machine's ballot withdrawn")
        #expect(try store.reviewQueue(election: e.id).map(\.id) == [reopened.id])
        let audit = try #require(try store.auditEntries().last { $0.action == "election.scan.reopen" })
        let details = try JSONSerialization.jsonObject(with: Data(audit.details.utf8)) as? [String: String]
        #expect(audit.actor == "Trưởng ban" && details?["why"] == "dấu tích cạnh dòng 2" && details?["machine"] == "2", "\(audit.details)")
        try store.decideScannedSheet(election: e.id, .serial(serials[0]), struck: [2], marks: [.privateMark], actor: "Trưởng ban")
        let entries = try store.ballotEntries(election: e.id)["Máy quét"] ?? []
        #expect(entries.count == 1 && entries[0].marks == [.privateMark], "the committee's decision in the machine's place")
        // a decision mistyped is taken back too, and the one taken back is written down
        let again = try store.reopenScannedSheet(election: e.id, .serial(serials[0]), why: "gõ nhầm", actor: "t")
        let left = try store.ballotEntries(election: e.id)["Máy quét"] ?? []
        #expect(again.decision == nil && left.isEmpty)
        let takenBack = try #require(try store.auditEntries().last { $0.action == "election.scan.reopen" })
        #expect(takenBack.details.contains("\"decided\":\"2 private_mark\""), "\(takenBack.details)")
        // a sheet waiting is decided, not reopened
        #expect(throws: StoreError.election(.noCountedSheet(serial: serials[0]))) {
            try store.reopenScannedSheet(election: e.id, .serial(serials[0]), why: "again", actor: "t")
        }
        try store.decideScannedSheet(election: e.id, .serial(serials[0]), struck: [2], marks: [], actor: "Trưởng ban")
        let anew = try store.ballotEntries(election: e.id)["Máy quét"] ?? []
        #expect(anew.map(\.marks) == [[]], "decided anew, one entry in force")
    }

    /// Two papers with one serial: the first counted, the second decided and so set aside
    /// (not issued). The committee reopens the first and decides it again: it is still the
    /// paper standing, not a second copy (an outside try found both set aside, a valid vote
    /// lost by the order of the committee's steps).
    @Test func theFirstPaperReopenedAndDecidedAgainStillStands() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 1)
        let file = try store.keepScanFile(name: "hop.pdf", content: Data("hop".utf8))
        func read(_ page: Int, _ struck: [Int]) -> CongressStore.SheetRead {
            .init(page: page, serial: serials[0], status: .counted, struck: struck, review: [], reason: nil, readingJSON: "{}", aligned: nil, paper: "a5")
        }
        let first = try store.recordScannedSheet(election: e.id, file: file, fileName: "hop.pdf", read(1, [2]), operator: "Máy quét")
        let second = try store.recordScannedSheet(election: e.id, file: file, fileName: "hop.pdf", read(2, [3]), operator: "Máy quét")
        #expect(first.sheet.status == .counted && second.sheet.status == .review)
        try store.decideScannedSheet(election: e.id, .sheet(second.sheet.id, serial: serials[0]), struck: [3], marks: [], actor: "Trưởng ban")
        try store.reopenScannedSheet(election: e.id, .sheet(first.sheet.id, serial: serials[0]), why: "xem lại", actor: "Trưởng ban")
        try store.decideScannedSheet(election: e.id, .sheet(first.sheet.id, serial: serials[0]), struck: [2], marks: [], actor: "Trưởng ban")
        let entries = (try store.ballotEntries(election: e.id)["Máy quét"] ?? []).map { ($0.marks.contains(.notIssued), $0.struck.count) }
        #expect(entries.count == 2)
        #expect(entries.filter { !$0.0 }.count == 1, "one paper of the serial stands: \(entries)")
    }

    /// A page sent back (read as the wrong paper size, a second outside try) is read again
    /// when the same file is scanned again and now reads; a page that read stays as it was.
    @Test func aPageSentBackIsReadAgainWhenItNowReads() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 1)
        let file = try store.keepScanFile(name: "hop.jpg", content: Data("hop".utf8))
        let lost = CongressStore.SheetRead(page: 1, serial: nil, status: .rejected, struck: [], review: [], reason: "marks_not_found",
                                           readingJSON: "{}", aligned: nil, paper: nil)
        let first = try store.recordScannedSheet(election: e.id, file: file, fileName: "hop.jpg", lost, operator: "Máy quét")
        #expect(first.sheet.status == .rejected)
        let read = CongressStore.SheetRead(page: 1, serial: serials[0], status: .counted, struck: [2], review: [], reason: nil,
                                           readingJSON: "{}", aligned: nil, paper: "a4")
        let again = try store.recordScannedSheet(election: e.id, file: file, fileName: "hop.jpg", read, operator: "Máy quét")
        #expect(!again.duplicate && again.sheet.id == first.sheet.id && again.sheet.status == .counted)
        #expect(try store.scannedSheets(election: e.id).count == 1, "in its place, not beside it")
        #expect(try store.ballotEntries(election: e.id)["Máy quét"]?.count == 1)
        let third = try store.recordScannedSheet(election: e.id, file: file, fileName: "hop.jpg", read, operator: "Máy quét")
        #expect(third.duplicate)
        #expect(try store.ballotEntries(election: e.id)["Máy quét"]?.count == 1, "read once")
    }

    @Test func theScannerAndOneOperatorAreTwoSources() throws {
        let congress = try TemporaryCongress()
        let store = congress.store
        let (e, serials) = try Self.printed(store, ballots: 2)
        try store.enterBallots(election: e.id, operator: "Máy quét", Self.stack(serials), actor: "t")
        try store.enterBallots(election: e.id, operator: "Lan", Self.stack(serials), actor: "t")
        #expect(try store.publishElection(e.id, actor: "t").ballotsCollected == 2)
    }
}
