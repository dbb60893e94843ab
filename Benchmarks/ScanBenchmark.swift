import BallotMarking
import BallotReader
import CongressCore
import Documents
import Foundation

/// Reading scanned ballots: ms per sheet on one core at 200 and 300 dpi (a 100-page-a-minute
/// scanner brings 1.7 sheets a second), sheets per second on two cores, and over generated
/// clean sheets (stamped, nothing outside the lines; marked and distorted as BallotMarking
/// does, JPEG 40–90) the share sent to review and the wrong readings among those counted.
/// The sheets are the project's own ballots rasterised by poppler, as a scanner's PDF would be.
enum ScanBenchmark {
    static func run(into report: inout Report, work: URL) throws {
        let names = ["Hà Kim Nga", "Lương Bích Mai", "Mai Quốc Hải", "Trần Thanh Thịnh", "Đinh Đức Hải", "Nguyễn Thị Hồng Thúy",
                     "Phạm Văn Đồng", "Lê Thị Lan", "Võ Minh Khánh", "Bùi Đức Cường", "Đỗ Ngọc Hạnh", "Huỳnh Hữu Phúc"]
        let (pdf, reader) = try printed(names, serials: ["K7QX2M"], election: 1, to: work.appendingPathComponent("scan-bench.pdf").path)
        var page200: ScanImage?
        for dpi in [200.0, 300.0] {
            var page = try ScanFile.pages(pdf, pdfDPI: dpi)[0]
            Marking.stamp(reader.layout, page: &page, perMM: dpi / 25.4)
            if dpi == 200 { page200 = page }
            var times: [Double] = []
            for _ in 0..<15 {
                let start = ContinuousClock.now
                let reading = reader.read(page)
                times.append((ContinuousClock.now - start).seconds * 1000)
                precondition(reading.status == .counted, "the bench sheet must read: \(reading)")
            }
            times.sort()
            report.add("scanned ballot read, one sheet at \(Int(dpi)) dpi, one core (median of 15)", target: dpi == 200 ? 50 : 100,
                       measured: times[times.count / 2], unit: "ms")
        }
        guard let page = page200 else { return }
        let sheets = 40
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            for _ in 0..<(sheets / 2) { _ = reader.read(page) }
        }
        let elapsed = (ContinuousClock.now - start).seconds
        // a rate against a floor, as the other rates: seconds a sheet, shown per second
        report.add("scanned ballots read per second, 200 dpi, two cores (floor 2)", target: 1 / 2.0,
                   measured: elapsed / Double(sheets), unit: "s/sheet", display: Double(sheets) / elapsed)

        // the clean sheets of a generated box: how many the committee must still look at
        let count = Int(ProcessInfo.processInfo.environment["BENCH_SCAN_SHEETS"] ?? "") ?? 300
        let straight = try ScanFile.pages(pdf, pdfDPI: 200)[0]
        let marker = SheetMarker(layout: reader.layout, dpi: 200)
        var rng = SeededGenerator(seed: 7)
        let generated = (0..<count).map { marker.sheet(straight, number: $0, rng: &rng, clean: true) }
        var outcomes = [(counted: Bool, wrong: Bool)](repeating: (false, false), count: count)
        outcomes.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: count) { i in
                let reading = reader.read(generated[i].scan)
                out[i] = (reading.status == .counted, reading.status == .counted && reading.struck != generated[i].struck)
            }
        }
        let toReview = Double(outcomes.filter { !$0.counted }.count) / Double(count) * 100
        report.add("clean generated sheets sent to review, of \(count) (≥ 95 % counted)", target: 5, measured: toReview, unit: "%")
        report.add("wrong readings among the counted sheets (never)", target: 0, measured: Double(outcomes.filter(\.wrong).count),
                   unit: "sheets")
        let cleanReview = try independentDecks(into: &report, work: work)
        try TimeToResult.run(into: &report, work: work, reviewShare: cleanReview)
    }

    /// An election's ballots printed with `serials`, each QR signed with a key of its own,
    /// and the reader that takes only this election's signed serials.
    static func printed(_ names: [String], serials: [String], election: Int64, to pdf: String) throws -> (pdf: String, reader: SheetReader) {
        let paper = BallotPaper(congressName: "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI", term: "2023-2028",
                                title: "Bầu Ban Chấp hành Công đoàn tỉnh khóa XI", seats: 9, candidates: names)
        let key = CongressSigningKey()
        let codes = try serials.map { ($0, try BallotSerialCode.sign(election: election, serial: $0, with: key).text) }
        try BallotPrinter.pdf(paper, codes: codes, size: .a5, to: pdf)
        let verifier = CredentialVerifier(publicKeys: [key.keyID: key.publicKey])
        let reader = SheetReader(paper: paper, size: .a5) { text in
            BallotSerialCode.parse(text).flatMap { $0.isGenuine(for: election, verifier: verifier) ? $0.serial : nil }
        }
        return (pdf, reader)
    }

    /// The second generator's decks (scripts/sheetgen, written from a description of voters
    /// and scanners, not from the reader) on seeds never used while tuning the reader
    /// (`IndependentDeck.heldOut`): the share counted of the sheets that need nobody, and
    /// never a sheet counted wrong nor a line decided against the key.
    /// Returns the share of the clean deck's sheets the machine asks the committee about.
    @discardableResult
    static func independentDecks(into report: inout Report, work: URL) throws -> Double {
        let names = ["Bùi Đức Cường", "Mai Quốc Hải", "Đỗ Ngọc Hạnh", "Lê Thị Hạnh", "Trịnh Hồng Lan", "Lương Bích Mai",
                     "Phạm Quý Ngọc", "Nguyễn Thị Oanh", "Huỳnh Hữu Phúc", "Hoàng Thị Thủy", "Đặng Quốc Việt", "Vũ Ngọc Yến"]
        let (pdf, reader) = try printed(names, serials: (1...100).map { String(format: "B%05d", $0) }, election: 3,
                                        to: work.appendingPathComponent("independent-ballots.pdf").path)
        let count = Int(ProcessInfo.processInfo.environment["BENCH_DECK_SHEETS"] ?? "") ?? 100
        var silent = 0, wrong = 0, cleanReview = 0.0
        for (deck, seed, target) in [("clean", IndependentDeck.heldOut.clean, 5.0), ("hard", IndependentDeck.heldOut.hard, 20.0)] {
            let sheets = try IndependentDeck.generate(ballots: pdf, deck: deck, seed: seed, count: count,
                                                      into: work.appendingPathComponent("deck-\(deck)"))
            let score = try sheets.score(reader)
            if deck == "clean" {
                let all = score.plain + score.forTheCommittee
                cleanReview = all == 0 ? 0 : Double(all - score.plainCounted - score.committeeCounted) / Double(all)
            }
            silent += score.silentErrors
            wrong += score.wrongLines
            report.add("second generator, \(deck) deck (seed \(seed), held out): of \(score.plain) sheets needing nobody, not counted",
                       target: target, measured: (1 - score.countedShare) * 100, unit: "%")
            if !score.failures.isEmpty { print("second generator, \(deck):\n\(score)") }
        }
        report.add("second generator: sheets counted wrong (never)", target: 0, measured: Double(silent), unit: "sheets")
        report.add("second generator: lines decided against the key, review included (never)", target: 0, measured: Double(wrong), unit: "lines")
        return cleanReview
    }
}
