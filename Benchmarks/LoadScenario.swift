import AsyncHTTPClient
import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The morning of a congress, compressed: 20 stations admit 1,100 delegates who arrive over
/// 10 minutes, run at 100× speed, while 20 hall screens follow the board and two operators
/// of the counting committee enter ballots. Every request must succeed; the latencies are
/// reported. `make test` runs a smaller one through the same code (LOAD_* variables).
enum LoadScenario {
    struct Size {
        var delegates = 1_100
        var stations = 20
        var screens = 20
        var ballots = 300
        var simulatedSeconds = 600.0
        var speed = 100.0
        /// How long past the last arrival the screens may take to show everyone, and how
        /// long one request may take (the test of a short run on a loaded machine gives more).
        var graceSeconds = 10.0

        static func fromEnvironment() -> Size {
            let env = ProcessInfo.processInfo.environment
            var s = Size()
            if let v = env["LOAD_DELEGATES"].flatMap(Int.init) { s.delegates = v }
            if let v = env["LOAD_STATIONS"].flatMap(Int.init) { s.stations = v }
            if let v = env["LOAD_SCREENS"].flatMap(Int.init) { s.screens = v }
            if let v = env["LOAD_BALLOTS"].flatMap(Int.init) { s.ballots = v }
            if let v = env["LOAD_SECONDS"].flatMap(Double.init) { s.simulatedSeconds = v }
            if let v = env["LOAD_GRACE"].flatMap(Double.init) { s.graceSeconds = v }
            return s
        }
    }

    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var scanLatencies: [Double] = []
        private(set) var entryLatencies: [Double] = []
        private(set) var errors: [String] = []
        func scan(_ ms: Double) { lock.withLock { scanLatencies.append(ms) } }
        func entry(_ ms: Double) { lock.withLock { entryLatencies.append(ms) } }
        func error(_ e: String) { lock.withLock { errors.append(e) } }
    }

    static func run(into report: inout Report, work: URL, size: Size = .fromEnvironment()) async throws {
        let dir = work.appendingPathComponent("load")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let setup = try ServerBenchmark.prepare(work: dir, delegates: size.delegates)
        let store = setup.store
        let operators = try (1...2).map { try store.createToken(role: .counting, name: "Người nhập \($0)", actor: "load").token }
        let e = try store.createElection(body: .executiveCommittee, title: "Bầu Ban Chấp hành", seats: 15, actor: "load")
        for i in 0..<20 { try store.addCandidate(election: e.id, name: "Ứng cử viên \(i + 1)", actor: "load") }
        let serials = try store.printBallotSerials(election: e.id, count: size.ballots, actor: "load")
        let port = 15_000 + Int(ProcessInfo.processInfo.processIdentifier % 1_000)
        let base = "http://127.0.0.1:\(port)"
        var logger = Logger(label: "load")
        logger.logLevel = .critical
        let app = Application(router: CongressApp.router(store: store),
                              configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)))
        let tally = Tally()
        let wall = size.simulatedSeconds / size.speed
        var finalPresent: [Int] = []
        do {
            try await ServerBenchmark.waitForServer(client, base)
            // the hall screens connect first and follow the board to the end
            var screens: [HTTPClientResponse] = []
            for _ in 0..<size.screens {
                screens.append(try await client.execute(HTTPClientRequest(url: base + "/board/events?token=\(setup.viewer)"),
                                                        timeout: .seconds(600)))
            }
            let start = ContinuousClock.now
            let arrivals = (0..<size.delegates).map { _ in Double.random(in: 0..<wall) }
            finalPresent = try await withThrowingTaskGroup(of: Int?.self) { group in
                for screen in screens {
                    group.addTask { try await lastPresent(screen, expecting: size.delegates, until: start + .seconds(wall + size.graceSeconds)) }
                }
                for station in 0..<size.stations {
                    group.addTask {
                        let mine = stride(from: station, to: size.delegates, by: size.stations).sorted { arrivals[$0] < arrivals[$1] }
                        for i in mine {
                            let due = start + .milliseconds(Int(arrivals[i] * 1000))
                            if ContinuousClock.now < due { try await Task.sleep(until: due) }
                            let body = "{\"scans\":[{\"id\":\"\(UUID().uuidString)\",\"station\":\"Cửa \(station + 1)\",\"payload\":\"\(setup.payloads[i])\"}]}"
                            await post(client, base + "/api/v1/scans", token: setup.kiosk, body: body, tally: tally, isScan: true, timeout: size.graceSeconds)
                        }
                        return nil
                    }
                }
                for (n, token) in operators.enumerated() {
                    group.addTask {
                        for (i, serial) in serials.enumerated() {
                            let due = start + .milliseconds(Int(Double(i) / Double(serials.count) * wall * 1000))
                            if ContinuousClock.now < due { try await Task.sleep(until: due) }
                            let body = "{\"id\":\"\(UUID().uuidString)\",\"serial\":\"\(serial)\",\"struck\":[\((i + n) % 20 + 1)]}"
                            await post(client, base + "/api/v1/elections/\(e.id)/ballots", token: token, body: body, tally: tally, isScan: false, timeout: size.graceSeconds)
                        }
                        return nil
                    }
                }
                var presents: [Int] = []
                for try await p in group { if let p { presents.append(p) } }
                return presents
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()

        let admitted = try store.quorum().quorum.present
        if admitted != size.delegates { tally.error("admitted \(admitted) of \(size.delegates)") }
        let behind = finalPresent.filter { $0 != size.delegates }
        if !behind.isEmpty || finalPresent.count != size.screens {
            tally.error("screens that did not reach \(size.delegates): \(behind.count + size.screens - finalPresent.count)")
        }
        let entered = try store.ballotEntries(election: e.id).values.map(\.count).reduce(0, +)
        if entered != 2 * serials.count { tally.error("ballots entered \(entered) of \(2 * serials.count)") }
        let scans = tally.scanLatencies.sorted(), entries = tally.entryLatencies.sorted()
        let label = "\(size.stations) stations, \(size.delegates) delegates in \(Int(size.simulatedSeconds)) s at \(Int(size.speed))×"
        report.add("load: \(label), scan p99", target: 50, measured: percentile(scans, 0.99), unit: "ms")
        report.add("load: with \(size.screens) screens, 2 operators, ballot entry p99", target: 50, measured: percentile(entries, 0.99), unit: "ms")
        report.add("load: requests that failed, screens behind, anything lost", target: 0, measured: Double(tally.errors.count), unit: "")
        for e in tally.errors.prefix(10) { FileHandle.standardError.write(Data(("load: " + e + "\n").utf8)) }
    }

    static func post(_ client: HTTPClient, _ url: String, token: String, body: String, tally: Tally, isScan: Bool,
                     timeout: Double) async {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let t0 = ContinuousClock.now
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            _ = try await response.body.collect(upTo: 1 << 20)
            let ms = (ContinuousClock.now - t0).seconds * 1000
            guard response.status == .ok else { return tally.error("\(url): \(response.status)") }
            if isScan { tally.scan(ms) } else { tally.entry(ms) }
        } catch {
            tally.error("\(url): \(error)")
        }
    }

    /// Follows one screen's stream; returns the last "present" seen once it reaches
    /// `expecting` (or when the time is up).
    static func lastPresent(_ stream: HTTPClientResponse, expecting: Int, until deadline: ContinuousClock.Instant) async throws -> Int {
        var last = -1
        var text = ""
        var iterator = stream.body.makeAsyncIterator()
        while last < expecting, ContinuousClock.now < deadline {
            guard let chunk = try await iterator.next() else { break }
            text += String(buffer: chunk)
            while let range = text.range(of: "\"present\":") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                last = Int(digits) ?? last
                text = String(text[range.upperBound...].dropFirst(digits.count))
            }
        }
        return last
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}
