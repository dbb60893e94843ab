import AsyncHTTPClient
import CongressCore
import CongressServer
import Documents
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The counting committee's figures: the tally, printing ballots, entering them.

/// The count of the largest election there is: 1,000,000 ballots × 60 candidates (the
/// ballots made before the clock starts; the tally alone is timed, as `congress tally`'s
/// core and the live count both run it).
enum TallyBenchmark {
    static func run(into report: inout Report) {
        let candidates = (0..<60).map { Election.Candidate(id: "c\($0 + 1)", name: "Ứng cử viên \($0 + 1)") }
        let election = Election(title: "Bầu Ban Chấp hành", seats: 46, candidates: candidates, ballotsIssued: 1_000_000)
        var rng = SystemRandomNumberGenerator()
        let order = Array(0..<60)
        let ballots = (0..<1_000_000).map { i -> EnteredBallot in
            // mostly valid (14 or more struck), some over the seats, a few marked
            let struck = Array(order.shuffled(using: &rng).prefix(Int.random(in: 12...30, using: &rng)))
            return EnteredBallot(serial: String(i), struck: struck, marks: i % 500 == 0 ? [.unstamped] : [])
        }
        var seconds: [Double] = []
        var result: TallyResult?
        for _ in 0..<3 {
            let start = ContinuousClock.now
            result = Tally.count(election, ballots)
            seconds.append((ContinuousClock.now - start).seconds)
        }
        seconds.sort()
        precondition(result?.ballotsCollected == 1_000_000)
        report.add("tally of 1,000,000 ballots × 60 candidates (median of 3)", target: 1.0, measured: seconds[1], unit: "s")
    }
}

/// Printing the ballots of a large election: 1,200 papers, 60 candidates, each serial signed.
enum BallotPrintBenchmark {
    static func run(into report: inout Report, work: URL) throws {
        let key = CongressSigningKey()
        let paper = BallotPaper(congressName: "Đại hội Công đoàn Việt Nam lần thứ XIII", term: "2023-2028",
                                title: "Bầu Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam khóa XIII, nhiệm kỳ 2023-2028", seats: 46,
                                candidates: SyntheticList.make(count: 60).map(\.name))
        var seconds: [Double] = []
        var bytes = 0
        for run in 0..<3 {
            let path = work.appendingPathComponent("ballots-\(run).pdf").path
            let start = ContinuousClock.now
            let codes = try (0..<1_200).map { i -> (serial: String, qr: String) in
                let serial = String(format: "%06d", i)
                return (serial, try BallotSerialCode.sign(election: 1, serial: serial, with: key).text)
            }
            try BallotPrinter.pdf(paper, codes: codes, to: path)
            seconds.append((ContinuousClock.now - start).seconds)
            bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        seconds.sort()
        report.add("ballot PDF, 1,200 ballots × 60 candidates, serials signed (median of 3)", target: 2.0, measured: seconds[1], unit: "s")
        report.add("  its size", target: 10, measured: Double(bytes) / 1_000_000, unit: "MB")
    }
}

/// One ballot's entry as the committee's page sends it: the POST answered once the entry is
/// stored (synchronous FULL), one operator after another, 1,000 ballots.
enum BallotEntryBenchmark {
    static func run(into report: inout Report, work: URL) async throws {
        let setup = try ServerBenchmark.prepare(work: work.appendingPathComponent("entry").creatingDirectory(), delegates: 50)
        let store = setup.store
        let token = try store.createToken(role: .counting, name: "Người nhập", actor: "bench").token
        let e = try store.createElection(body: .executiveCommittee, title: "Bầu Ban Chấp hành", seats: 15, actor: "bench")
        for i in 0..<20 { try store.addCandidate(election: e.id, name: "Ứng cử viên \(i + 1)", actor: "bench") }
        let serials = try store.printBallotSerials(election: e.id, count: 1_000, actor: "bench")
        let port = 16_000 + Int(ProcessInfo.processInfo.processIdentifier % 1_000)
        var logger = Logger(label: "entry-bench")
        logger.logLevel = .critical
        let app = Application(router: CongressApp.router(store: store),
                              configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var latencies: [Double] = []
        do {
            try await ServerBenchmark.waitForServer(client, "http://127.0.0.1:\(port)")
            for serial in serials {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/elections/\(e.id)/ballots")
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: "{\"serial\":\"\(serial)\",\"struck\":[3,5,11,17,19]}"))
                let start = ContinuousClock.now
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 16)
                latencies.append((ContinuousClock.now - start).seconds * 1000)
                guard response.status == .ok else { throw BenchmarkFailure.importFailed("entry status \(response.status)") }
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        latencies.sort()
        report.add("ballot entry, request to stored and answered, 1,000 ballots, p50", target: 20, measured: latencies[latencies.count / 2], unit: "ms")
        report.add("ballot entry, p99", target: 20, measured: latencies[latencies.count * 99 / 100], unit: "ms")
    }
}

extension URL {
    func creatingDirectory() throws -> URL {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return self
    }
}
