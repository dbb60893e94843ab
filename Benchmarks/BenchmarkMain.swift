import CongressCore
import CongressStore
import Documents
import Foundation

/// `make bench`: every figure beside the limit it is measured against, on this machine, in
/// one run (release build). Results also go to .build/bench-results.json for comparison.
@main
struct BenchmarkMain {
    static func main() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("congress-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        var report = Report()
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

        report.print()
        let out = URL(fileURLWithPath: ".build/bench-results.json")
        try? report.json().write(to: out)
    }
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
        var ratio: Double { measured / target }
        var met: Bool { measured <= target }
    }
    var rows: [Row] = []

    mutating func add(_ figure: String, target: Double, measured: Double, unit: String) {
        rows.append(Row(figure: figure, target: target, measured: measured, unit: unit))
    }

    func print() {
        let width = rows.map(\.figure.count).max() ?? 10
        Swift.print("figure".padding(toLength: width, withPad: " ", startingAt: 0) + "   target      measured    ratio")
        for r in rows {
            let target = "≤ " + String(format: "%.3f", r.target) + " " + r.unit
            let measured = String(format: "%.3f", r.measured) + " " + r.unit
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
