import CongressCore
import CongressStore
import Foundation

/// `congress ballots scan` on long files, through the binary built beside this one: its
/// peak memory (VmHWM, read while it runs) for a file of 50 pages and one of 500. A page is
/// decoded, read, kept and let go, so the two should be alike, and both under 300 MB.
enum ScanMemoryBenchmark {
    static func run(into report: inout Report, work: URL) throws {
        let congress = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("congress")
        guard FileManager.default.isExecutableFile(atPath: congress.path) else { return }
        let db = work.appendingPathComponent("scan-memory.db").path
        let key = CongressSigningKey()
        let store = try CongressStore.create(at: db, congress: Congress(name: "Benchmark", term: "2023-2028"),
                                             signingKey: PublicSigningKey(keyID: key.keyID, publicKey: key.publicKey), actor: "bench")
        let e = try store.createElection(body: .executiveCommittee, title: "Bầu Ban Chấp hành", seats: 1, actor: "bench")
        for name in ["Hà Kim Nga", "Lương Bích Mai"] { _ = try store.addCandidate(election: e.id, name: name, actor: "bench") }
        _ = try store.printBallotSerials(election: e.id, count: 10, actor: "bench")
        var peaks: [Int: Double] = [:]
        for pages in [50, 500] {
            let pdf = work.appendingPathComponent("trang-trang-\(pages).pdf")
            try blankPDF(pages: pages).write(to: pdf)
            let process = Process()
            process.executableURL = congress
            process.arguments = ["ballots", "scan", "--db", db, String(e.id), pdf.path, "--json"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            var peak = 0.0
            while process.isRunning {
                let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""  // gone between the check and the read: the last reading stands
                if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                   let kB = Double(line.split(separator: " ").dropFirst().first ?? "") { peak = max(peak, kB / 1024) }
                usleep(20_000)
            }
            peaks[pages] = peak
            report.add("ballots scan, \(pages)-page PDF: peak memory", target: 300, measured: peak, unit: "MB")
        }
        if let small = peaks[50], let large = peaks[500], small > 0 {
            report.add("  peak memory, 500 pages ÷ 50 pages (independent of length)", target: 1.25, measured: large / small, unit: "×")
        }
    }

    /// Blank A5 pages, as a scanner's PDF of the backs of sheets would be.
    static func blankPDF(pages: Int) -> Data {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>",
                       "<< /Type /Pages /Count \(pages) /Kids [\((0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " "))] >>"]
        objects += Array(repeating: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] >>", count: pages)
        var out = "%PDF-1.7\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n" + offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }
}
