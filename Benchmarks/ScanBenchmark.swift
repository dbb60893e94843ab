import BallotReader
import CongressCore
import Documents
import Foundation

/// Reading scanned ballots: ms per sheet on one core at 200 and 300 dpi (a 100-page-a-minute
/// scanner brings 1.7 sheets a second), and sheets per second on two cores. The sheets are
/// the project's own ballots rasterised by poppler, as a scanner's PDF would be.
enum ScanBenchmark {
    static func run(into report: inout Report, work: URL) throws {
        let names = ["Hà Kim Nga", "Lương Bích Mai", "Mai Quốc Hải", "Trần Thanh Thịnh", "Đinh Đức Hải", "Nguyễn Thị Hồng Thúy",
                     "Phạm Văn Đồng", "Lê Thị Lan", "Võ Minh Khánh", "Bùi Đức Cường", "Đỗ Ngọc Hạnh", "Huỳnh Hữu Phúc"]
        let paper = BallotPaper(congressName: "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI", term: "2023-2028",
                                title: "Bầu Ban Chấp hành Công đoàn tỉnh khóa XI", seats: 9, candidates: names)
        let key = CongressSigningKey()
        let code = try BallotSerialCode.sign(election: 1, serial: "K7QX2M", with: key).text
        let pdf = work.appendingPathComponent("scan-bench.pdf").path
        try BallotPrinter.pdf(paper, codes: [("K7QX2M", code)], size: .a5, to: pdf)
        let verifier = CredentialVerifier(publicKeys: [key.keyID: key.publicKey])
        let reader = SheetReader(paper: paper, size: .a5) { text in
            BallotSerialCode.parse(text).flatMap { $0.isGenuine(for: 1, verifier: verifier) ? $0.serial : nil }
        }
        var page200: ScanImage?
        for dpi in [200.0, 300.0] {
            let page = try ScanFile.pages(pdf, pdfDPI: dpi)[0]
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
    }
}
