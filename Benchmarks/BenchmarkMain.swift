import CongressCore
import Crypto
import CongressStore
import Documents
import Foundation

/// `make bench`: every figure beside the limit it is measured against, on this machine, in
/// one run (release build). Results also go to .build/bench-results.json for comparison.
@main
struct BenchmarkMain {
    static func main() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("congress-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        var report = Report()
        // BENCH_SERVER_ONLY=1: the server figures alone.
        if ProcessInfo.processInfo.environment["BENCH_SERVER_ONLY"] != nil {
            try await ServerBenchmark.run(into: &report, work: work)
            report.print()
            return
        }
        // BENCH_LOAD_ONLY=1: the hall-morning load alone (sizes from LOAD_*); exit 1 if
        // anything failed, so that `make test` can run a small one.
        if ProcessInfo.processInfo.environment["BENCH_LOAD_ONLY"] != nil {
            try await LoadScenario.run(into: &report, work: work)
            report.print()
            if report.rows.contains(where: { $0.target == 0 && $0.measured > 0 }) { exit(1) }
            return
        }
        // BENCH_SCAN_ONLY=1: reading scanned ballots alone (BENCH_SCAN_SHEETS=N generated sheets).
        if ProcessInfo.processInfo.environment["BENCH_SCAN_ONLY"] != nil {
            try ScanBenchmark.run(into: &report, work: work)
            try ScanMemoryBenchmark.run(into: &report, work: work)
            report.print()
            return
        }
        // BENCH_TALLY_ONLY=1: the counting figures alone.
        if ProcessInfo.processInfo.environment["BENCH_TALLY_ONLY"] != nil {
            TallyBenchmark.run(into: &report)
            try BallotPrintBenchmark.run(into: &report, work: work)
            try await BallotEntryBenchmark.run(into: &report, work: work)
            try ScanBenchmark.run(into: &report, work: work)
            report.print()
            return
        }
        // BENCH_KIOSK_ONLY=1: the scan station's figures alone.
        if ProcessInfo.processInfo.environment["BENCH_KIOSK_ONLY"] != nil {
            try await KioskBenchmark.run(into: &report, work: work)
            report.print()
            return
        }
        // BENCH_BADGES_ONLY=1: the badge figures alone (for profiling the PDF path).
        if ProcessInfo.processInfo.environment["BENCH_BADGES_ONLY"] != nil {
            try badgeBenchmarks(into: &report, work: work)
            report.print()
            return
        }
        // BENCH_PHASES=1: time the import's phases (file → table → delegates → store) instead.
        if ProcessInfo.processInfo.environment["BENCH_PHASES"] != nil {
            let list = SyntheticList.make(count: 10_000)
            for format in DelegateListFile.Format.allCases {
                let file = work.appendingPathComponent("p.\(format.rawValue)")
                try DelegateListFile.export(list, format: format).write(to: file)
                var t = ContinuousClock.now
                let table = try TableFile.read(path: file.path)
                Swift.print(format, "table", (ContinuousClock.now - t).seconds); t = ContinuousClock.now
                let reading = DelegateListReader.read(table)
                Swift.print(format, "reader", (ContinuousClock.now - t).seconds); t = ContinuousClock.now
                let store = try CongressStore.create(at: work.appendingPathComponent("p\(format.rawValue).db").path, congress: Congress(name: "B"), actor: "b")
                _ = try store.importDelegates(reading.delegates, source: "x", actor: "b")
                Swift.print(format, "store", (ContinuousClock.now - t).seconds)
            }
            return
        }
        let delegates = SyntheticList.make(count: 10_000)
        for format in DelegateListFile.Format.allCases {
            let file = work.appendingPathComponent("delegates-10000.\(format.rawValue)")
            try DelegateListFile.export(delegates, format: format).write(to: file)
            var seconds: [Double] = []
            for run in 0..<5 {
                let db = work.appendingPathComponent("import-\(format.rawValue)-\(run).db").path
                let store = try CongressStore.create(at: db, congress: Congress(name: "Benchmark"), actor: "bench")
                let start = ContinuousClock.now
                let outcome = DelegateListImport.run(path: file.path, into: store, actor: "bench")
                seconds.append((ContinuousClock.now - start).seconds)
                guard case .applied(_, let changes) = outcome, changes.added.count == 10_000 else {
                    throw BenchmarkFailure.importFailed("\(format.rawValue): \(outcome)")
                }
            }
            seconds.sort()
            report.add("import 10,000 delegates from \(format.rawValue.uppercased()) (median of 5)",
                       target: 1.0, measured: seconds[2], unit: "s")
        }

        let index = DelegateSearchIndex(delegates)
        var queries: [String] = []
        var rng = SplitMix64(seed: 7)
        for i in 0..<10_000 {
            let d = delegates[Int(rng.next() % UInt64(delegates.count))]
            switch i % 4 {
            case 0: queries.append(VietnameseText.foldedKey(d.name))                       // "nguyen thi dao"
            case 1: queries.append(PersonName(d.name).given)                                // "Đào"
            case 2: queries.append(String(VietnameseText.foldedKey(d.name).suffix(4)))      // a fragment
            default: queries.append(d.code.lowercased())
            }
        }
        var latencies: [Double] = []
        latencies.reserveCapacity(queries.count)
        var hits = 0
        for query in queries {
            let start = ContinuousClock.now
            hits &+= index.matches(query, limit: 50).count
            latencies.append((ContinuousClock.now - start).seconds * 1000)
        }
        latencies.sort()
        report.add("search 10,000 delegates, p50 (\(queries.count) queries)", target: 1.0,
                   measured: latencies[latencies.count / 2], unit: "ms")
        report.add("search 10,000 delegates, p99", target: 1.0,
                   measured: latencies[latencies.count * 99 / 100], unit: "ms")
        if hits == 0 { throw BenchmarkFailure.searchFoundNothing }

        try badgeBenchmarks(into: &report, work: work)
        verificationBenchmark(into: &report)
        try await ServerBenchmark.run(into: &report, work: work)
        try await KioskBenchmark.run(into: &report, work: work)
        TallyBenchmark.run(into: &report)
        try BallotPrintBenchmark.run(into: &report, work: work)
        try await BallotEntryBenchmark.run(into: &report, work: work)
        try ScanBenchmark.run(into: &report, work: work)
        try ScanMemoryBenchmark.run(into: &report, work: work)
        try await LoadScenario.run(into: &report, work: work)

        report.print()
        let out = URL(fileURLWithPath: ".build/bench-results.json")
        try? report.json().write(to: out)
    }
}

/// Badges for the largest congress (1,100 official delegates), A4 layout: time and size.
func badgeBenchmarks(into report: inout Report, work: URL) throws {
    let key = CongressSigningKey()
    let congress = Congress(name: "Đại hội Công đoàn Việt Nam lần thứ XIII", term: "2023-2028", level: .national)
    let delegates = SyntheticList.make(count: 1_100)
    let badges = try delegates.map { Badge(congress: congress, delegate: $0, payload: try key.payload(code: $0.code, serial: 1).text) }
    let path = work.appendingPathComponent("badges-1100.pdf").path
    if ProcessInfo.processInfo.environment["BENCH_BADGE_PHASES"] != nil {
        var t = ContinuousClock.now
        let matrices = try badges.map { try QRMatrix.encode($0.payload) }
        print("qr encode", (ContinuousClock.now - t).seconds); t = ContinuousClock.now
        var corners = 0
        for m in matrices { corners += m.outline.reduce(0) { $0 + $1.count } }
        print("outline", (ContinuousClock.now - t).seconds, corners / matrices.count, "corners per code")
    }
    var seconds: [Double] = []
    for _ in 0..<3 {
        let start = ContinuousClock.now
        try BadgePrinter.pdf(badges, layout: .a4, to: path)
        seconds.append((ContinuousClock.now - start).seconds)
    }
    seconds.sort()
    let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    report.add("badges for 1,100 delegates, A4 PDF (median of 3)", target: 1.0, measured: seconds[1], unit: "s")
    report.add("badges for 1,100 delegates, A4 PDF size", target: 3.0, measured: Double(bytes) / 1_000_000, unit: "MB")
}

/// Payload verifications per second on one core (parse, key lookup, Ed25519).
func verificationBenchmark(into report: inout Report) {
    let key = CongressSigningKey()
    let verifier = CredentialVerifier(publicKeys: [key.keyID: key.publicKey],
                                      revoked: Set((0..<50).map { CredentialID(code: "DB\($0)", serial: 1) }))
    let payloads = (0..<2_000).compactMap { try? key.payload(code: String(format: "DB%04d", $0), serial: 1).text }
    var verified = 0
    let start = ContinuousClock.now
    var elapsed = 0.0
    while elapsed < 1.5 {
        for payload in payloads {
            if case .valid = verifier.check(payload) { verified += 1 }
        }
        elapsed = (ContinuousClock.now - start).seconds
    }
    // Ed25519 alone, for reference: what the parsing around it costs is the difference.
    let message = Data("DH1.AAAAA.DB0001.1".utf8)
    let privateKey = Curve25519.Signing.PrivateKey()
    let signature = (try? privateKey.signature(for: message)) ?? Data()
    var raw = 0
    let rawStart = ContinuousClock.now
    while (ContinuousClock.now - rawStart).seconds < 1.0 {
        for _ in 0..<500 where privateKey.publicKey.isValidSignature(signature, for: message) { raw += 1 }
    }
    let rawRate = Double(raw) / (ContinuousClock.now - rawStart).seconds
    // shown as a rate against a floor: the ratio is floor / measured, ≤ 1 is good
    report.add("payload verifications per second, one core (floor 15,000)", target: 1 / 15_000,
               measured: elapsed / Double(verified), unit: "s/verification", display: Double(verified) / elapsed)
    report.add("  of which Ed25519 alone (swift-crypto), for reference", target: 1 / 15_000,
               measured: 1 / rawRate, unit: "s/verification", display: rawRate)
}

enum BenchmarkFailure: Error {
    case importFailed(String)
    case searchFoundNothing
}

struct Report {
    struct Row: Encodable {
        var figure: String
        var target: Double
        var measured: Double
        var unit: String
        /// For rates: the figure people read (per second) instead of time per item.
        var display: Double?
        var ratio: Double { target == 0 ? (measured == 0 ? 0 : .infinity) : measured / target }
        var met: Bool { measured <= target }
    }
    var rows: [Row] = []

    mutating func add(_ figure: String, target: Double, measured: Double, unit: String, display: Double? = nil) {
        rows.append(Row(figure: figure, target: target, measured: measured, unit: unit, display: display))
    }

    func print() {
        let width = rows.map(\.figure.count).max() ?? 10
        Swift.print("figure".padding(toLength: width, withPad: " ", startingAt: 0) + "   target      measured    ratio")
        for r in rows {
            var target = "≤ " + String(format: "%.3f", r.target) + " " + r.unit
            var measured = String(format: "%.3f", r.measured) + " " + r.unit
            if let display = r.display {
                target = "≥ " + String(format: "%.0f", 1 / r.target) + " /s"
                measured = String(format: "%.0f", display) + " /s"
            }
            Swift.print(r.figure.padding(toLength: width, withPad: " ", startingAt: 0) + "   "
                        + target.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + measured.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + String(format: "%.2f", r.ratio) + (r.met ? "  ok" : "  OVER"))
        }
    }

    func json() throws -> Data {
        struct Out: Encodable { var date: String; var rows: [Row] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Out(date: Date().formatted(.iso8601), rows: rows))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
