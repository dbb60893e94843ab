import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import Logging
import KioskStation

/// The scan station: how long a door takes from a line read to its verdict (verified,
/// decided and durably in the outbox), and how fast the outbox drains to the server after
/// the network comes back.
enum KioskBenchmark {
    static func run(into report: inout Report, work: URL) async throws {
        let dir = work.appendingPathComponent("kiosk")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let setup = try ServerBenchmark.prepare(work: dir, delegates: 10_000)
        let port = 17_000 + Int(ProcessInfo.processInfo.processIdentifier % 1_000)
        let base = "http://127.0.0.1:\(port)"

        // The door takes its copy while the server is there…
        let station = try Station(name: "Bench", entrance: .delegates,
                                  store: try StationStore(directory: dir.appendingPathComponent("station").path),
                                  link: try ServerLink(server: base, token: setup.kiosk))
        try await withServer(setup.store, port: port) {
            let exchange = Task { await station.run() }
            defer { exchange.cancel() }
            guard await station.waitForCopy(timeout: .seconds(60)) else { throw BenchmarkFailure.importFailed("kiosk bootstrap") }
        }
        // …then scans 10,000 badges with the server gone.
        var splitter = ScanLineSplitter()
        var latencies: [Double] = []
        latencies.reserveCapacity(setup.payloads.count)
        for payload in setup.payloads {
            let bytes = Array((payload + "\r\n").utf8)
            let readAt = ContinuousClock.now
            for line in splitter.feed(bytes) {
                guard let outcome = try station.scan(line, readAt: readAt), outcome.verdict == .admitted else {
                    throw BenchmarkFailure.importFailed("kiosk verdict")
                }
                latencies.append(outcome.ms)
            }
        }
        latencies.sort()
        report.add("kiosk: line read to verdict, \(latencies.count) scans offline, p50", target: 2, measured: percentile(latencies, 0.50), unit: "ms")
        report.add("kiosk: line read to verdict, p99", target: 2, measured: percentile(latencies, 0.99), unit: "ms")

        // The server is back: the outbox drains.
        let waiting = station.status().unsent
        var seconds = 0.0
        try await withServer(setup.store, port: port) {
            let start = ContinuousClock.now
            let exchange = Task { await station.run() }
            defer { exchange.cancel() }
            guard await station.drain(timeout: .seconds(120)) else { throw BenchmarkFailure.importFailed("kiosk drain") }
            seconds = (ContinuousClock.now - start).seconds
        }
        let rate = Double(waiting) / seconds
        report.add("kiosk: outbox drain after \(waiting) offline scans (floor 5,000)", target: 1 / 5_000,
                   measured: 1 / rate, unit: "s/scan", display: rate)
    }

    /// Runs `body` with the congress server listening on loopback, then stops it.
    static func withServer(_ store: CongressStore, port: Int, _ body: () async throws -> Void) async throws {
        // Stopping by cancellation makes Hummingbird log errors that mean nothing here.
        var logger = Logger(label: "kiosk-bench")
        logger.logLevel = .critical
        let app = Application(router: CongressApp.router(store: store),
                              configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        try await Task.sleep(for: .milliseconds(300))
        try await body()
        server.cancel()
        _ = await server.result
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}
