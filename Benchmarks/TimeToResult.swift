import BallotMarking
import BallotReader
import CongressCore
import CongressStore
import Documents
import Foundation

/// Time to result (thời gian có kết quả): 1,100 ballots from the box to published, with one
/// scanner of 60 pages a minute, the committee deciding the sheets the machine asks about,
/// and the second source typing the stack. The machine's part is run for real on the
/// project's own store: each sheet read, recorded and entered as `ballots scan` does, each
/// decision and each typed ballot entered, the two sources reconciled and the count
/// published. The people's part is at the rates written below (docs/reader.md), and the
/// share the machine asks about is the one measured on the independent clean deck: a box
/// of real paper brings what that deck brings, not what the project's own generator does.
enum TimeToResult {
    /// Sheets a minute through the scanner (a common departmental duplex scanner).
    static let scannerPagesPerMinute = 60.0
    /// Seconds for a committee member to look at a flagged sheet on the review page and press
    /// Enter (or correct the reading): the page shows the line cut out beside the machine's reading.
    static let secondsPerDecision = 12.0
    /// Committee members at review pages at once, each shown a sheet nobody else has open
    /// (ReviewSharing): three of a provincial congress's counting committee.
    static let reviewers = 3.0
    /// The second source: typists at the entry page entering the stack as one source, paper
    /// in hand after the scanner, each ballot about six seconds (serial, numbers, Enter).
    static let typists = 5.0
    static let secondsPerTypedBallot = 6.0

    static func run(into report: inout Report, work: URL, reviewShare: Double) throws {
        let ballots = Int(ProcessInfo.processInfo.environment["BENCH_RESULT_BALLOTS"] ?? "") ?? 1_100
        let sampled = min(ballots, Int(ProcessInfo.processInfo.environment["BENCH_RESULT_SHEETS"] ?? "") ?? 120)
        let db = work.appendingPathComponent("time-to-result.db").path
        try? FileManager.default.removeItem(atPath: db)
        let store = try CongressStore.create(at: db, congress: Congress(name: "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI", term: "2023-2028"),
                                             actor: "bench")
        let delegates = SyntheticList.make(count: ballots)
        try store.importDelegates(delegates, source: "bench", actor: "bench")
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "bench")
        let e = try store.createElection(body: .executiveCommittee, title: "Bầu Ban Chấp hành Công đoàn tỉnh khóa XI", seats: 9, actor: "bench")
        for d in delegates.prefix(12) { try store.addCandidate(election: e.id, delegateCode: d.code, actor: "bench") }
        let key = CongressSigningKey()
        try store.registerSigningKey(PublicSigningKey(keyID: key.keyID, publicKey: key.publicKey), actor: "bench")
        let serials = try store.printBallotSerials(election: e.id, count: ballots, actor: "bench")
        for d in delegates {
            try store.recordAdmission(code: d.code, station: "Cửa A", actor: "bench")
            _ = try store.issueBallot(election: e.id, code: d.code, station: "Bàn phát phiếu", actor: "bench")
        }

        // the machine: a sample of the box read, kept, entered, as `ballots scan` does it
        let (paper, _) = try BallotPaper.printed(for: e.id, in: store)
        let pdf = work.appendingPathComponent("time-to-result.pdf").path
        try BallotPrinter.pdf(paper, codes: try serials.prefix(sampled).map { ($0, try BallotSerialCode.sign(election: e.id, serial: $0, with: key).text) },
                              size: .a5, to: pdf)
        let verifier = try store.signatureVerifier()
        let reader = SheetReader(paper: paper, size: .a5) { text in
            BallotSerialCode.parse(text).flatMap { $0.isGenuine(for: e.id, verifier: verifier) ? $0.serial : nil }
        }
        let marker = SheetMarker(layout: reader.layout, dpi: 200)
        var rng = SeededGenerator(seed: 11)
        let pages = try ScanFile.pages(pdf, pdfDPI: 200)
        let sheets = pages.enumerated().map { marker.sheet($0.element, number: $0.offset, rng: &rng, clean: true) }
        let file = try store.keepScanFile(name: "hop-phieu.pdf", content: try Data(contentsOf: URL(fileURLWithPath: pdf)))
        let encoder = JSONEncoder()
        var typed: [CongressStore.TypedBallot] = []
        let machineStart = ContinuousClock.now
        for (i, sheet) in sheets.enumerated() {
            let (reading, aligned) = reader.readSheet(sheet.scan)
            let recorded = try store.recordScannedSheet(
                election: e.id, file: file, fileName: "hop-phieu.pdf",
                .init(page: i + 1, serial: reading.serial, status: reading.status, struck: reading.struck, review: reading.review,
                      reason: reading.reason, readingJSON: String(decoding: try encoder.encode(reading), as: UTF8.self),
                      aligned: aligned?.jpeg(), paper: "a5"),
                operator: "Máy quét")
            // the committee's decision on what the machine asked about: the paper as marked
            if recorded.sheet.status == .review, let serial = reading.serial {
                try store.decideScannedSheet(election: e.id, .serial(serial), struck: sheet.struck, marks: [], actor: "Trưởng ban")
            }
            typed.append(.init(serial: serials[i], struckNumbers: sheet.struck))
        }
        // the second source's stack, and the papers the sample did not scan, for both sources
        for i in sampled..<ballots {
            let struck = Array(Set((0..<3).map { _ in Int.random(in: 1...12, using: &rng) })).sorted()
            typed.append(.init(serial: serials[i], struckNumbers: struck))
        }
        try store.enterBallots(election: e.id, operator: "Máy quét", Array(typed.dropFirst(sampled)), actor: "bench")
        let perSheet = (ContinuousClock.now - machineStart).seconds / Double(sampled)
        let typingStart = ContinuousClock.now
        try store.enterBallots(election: e.id, operator: "Tổ nhập phiếu", typed, actor: "bench")
        let published = try store.publishElection(e.id, actor: "bench")
        precondition(published.ballotsCollected == ballots, "every ballot in the published count")
        let closing = (ContinuousClock.now - typingStart).seconds

        // the hall's clock: the scanner sets the pace; the committee and the typists work
        // alongside it, and finish after its last sheet by what is left of their own work
        let n = Double(ballots)
        let scanning = n / scannerPagesPerMinute * 60
        let machine = n * perSheet + closing
        let reviewing = n * reviewShare * secondsPerDecision / reviewers
        let typing = n * secondsPerTypedBallot / typists
        // each queue ends no sooner than the scanner's last sheet plus the work on it
        let last = max(scanning + secondsPerDecision, reviewing, scanning + secondsPerTypedBallot / typists, typing)
        let total = max(last, scanning + machine / n) + closing
        report.add("time to result: \(ballots) ballots box to published, one \(Int(scannerPagesPerMinute))-ppm scanner, "
                   + "\(Int((reviewShare * 100).rounded())) % to review at \(Int(reviewers)) pages, \(Int(typists)) typists as the second source (≤ 25 min)",
                   target: 25, measured: total / 60, unit: "min")
        report.add("time to result: of which the machine's own work (read, keep, enter, reconcile, publish; a small part)",
                   target: 2.5, measured: machine / 60, unit: "min")
    }
}
