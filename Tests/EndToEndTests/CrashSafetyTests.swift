import CongressCore
import CongressStore
import Foundation
import GRDB
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Power-cord safety: `congress serve` is killed with SIGKILL at random moments while 4
/// stations post scans and 2 operators enter ballots, then started again; every scan and
/// ballot the server acknowledged is there exactly once and the audit log verifies.
/// Short here (CONGRESS_CRASH_ROUNDS, default 4 kills); `make crash-test` runs 20.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    /// Posts JSON and says whether the server answered 200 (anything else, or no answer,
    /// is "not acknowledged": the sender tries the same id again).
    static func post(_ url: String, token: String, body: String) -> Bool {
        guard let u = URL(string: url) else { return false }
        var request = URLRequest(url: u, timeoutInterval: 3)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let done = DispatchSemaphore(value: 0)
        let ok = LockedFlag()
        URLSession.shared.dataTask(with: request) { _, response, error in
            ok.set(error == nil && (response as? HTTPURLResponse)?.statusCode == 200)
            done.signal()
        }.resume()
        done.wait()
        return ok.value
    }

    final class LockedFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var flag = false
        func set(_ v: Bool) { lock.withLock { flag = v } }
        var value: Bool { lock.withLock { flag } }
    }

    /// Acknowledged ids, from every sender thread.
    final class Acks: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: [String] = []
        func add(_ id: String) { lock.withLock { ids.append(id) } }
        var all: [String] { lock.withLock { ids } }
    }

    @Test func killedAtRandomMomentsLosesNothingAcknowledged() throws {
        let rounds = Int(ProcessInfo.processInfo.environment["CONGRESS_CRASH_ROUNDS"] ?? "") ?? 4
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        #expect(try cli.run(["sitting", "open", "Phiên chính thức"]).status == 0)
        let kiosk = try cli.run(["token", "create", "--role", "kiosk", "--name", "Cửa"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let operators = try ["Người nhập 1", "Người nhập 2"].map {
            try cli.run(["token", "create", "--role", "counting", "--name", $0]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let e = try cli.run(["election", "create", "--title", "Bầu Ban Chấp hành", "--seats", "3"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        for code in ["DB0001", "DB0002", "DB0004", "DB0005"] { #expect(try cli.run(["election", "candidate", e, "--code", code]).status == 0) }
        let store = try CongressStore.open(at: cli.db)
        let serials = try store.printBallotSerials(election: Int64(e) ?? 0, count: 60, actor: "test")
        let payloads = Array(try KioskEndToEndTests.Hall.payloads(cli).values)  // signs the badges first
        try #require(!payloads.isEmpty)

        let server = try ServerProcess(cli: cli)
        try server.start()
        let base = server.url
        let scans = Acks(), ballots = Acks()
        let group = DispatchGroup()
        let sent = Acks()
        // 4 stations, one scan a request, each tried again until acknowledged, until the
        // server has been killed `rounds` times (and 40 scans each at least)
        let killing = LockedFlag()
        killing.set(true)
        for station in 0..<4 {
            group.enter()
            Thread {
                var i = 0
                while killing.value || i < 40 {
                    defer { i += 1 }
                    let id = UUID().uuidString
                    sent.add(id)
                    let payload = payloads[(station * 50 + i) % payloads.count]
                    let body = "{\"scans\":[{\"id\":\"\(id)\",\"station\":\"S\(station)\",\"payload\":\"\(payload)\"}]}"
                    while !Self.post(base + "/api/v1/scans", token: kiosk, body: body) { usleep(30_000) }
                    scans.add(id)
                }
                group.leave()
            }.start()
        }
        // 2 operators, each the whole stack of 60 ballots
        for (n, token) in operators.enumerated() {
            group.enter()
            Thread {
                for (i, serial) in serials.enumerated() {
                    let id = UUID().uuidString
                    let body = "{\"id\":\"\(id)\",\"serial\":\"\(serial)\",\"struck\":[\((i + n) % 4 + 1)]}"
                    while !Self.post(base + "/api/v1/elections/\(e)/ballots", token: token, body: body) { usleep(30_000) }
                    ballots.add(id)
                }
                group.leave()
            }.start()
        }
        var kills = 0
        while kills < rounds {
            usleep(UInt32.random(in: 80_000...300_000))
            server.kill()
            kills += 1
            usleep(UInt32.random(in: 0...100_000))
            try server.start()
        }
        killing.set(false)
        #expect(group.wait(timeout: .now() + 120) == .success, "every sender finished")
        server.stop()

        let records = try ServerRecords(path: cli.db)
        let stored = try records.scanIDs()
        #expect(stored.count == Set(stored).count)
        #expect(Set(stored) == Set(scans.all), "every acknowledged scan, once (\(kills) kills)")
        #expect(Set(scans.all) == Set(sent.all))
        let entries = try records.db.read { try String.fetchAll($0, sql: "SELECT client_id FROM ballot_entry WHERE withdrawn_at IS NULL") }
        #expect(entries.count == 2 * serials.count)
        #expect(Set(entries) == Set(ballots.all), "every acknowledged ballot, once")
        let admitted = try records.admitted()
        #expect(admitted.count == Set(admitted).count, "no one admitted twice")
        #expect(try store.reconcile(election: Int64(e) ?? 0).differences.count == serials.count,
                "the operators entered different strikes on purpose: every ballot differs, none lost")
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }
}

/// The hall-morning load, small: the benchmark's own scenario (Benchmarks/LoadScenario)
/// with 200 delegates, 5 stations, 5 screens and 40 ballots each for two operators, over
/// 2 seconds; it exits 1 if any request failed or anything is missing.
@Suite("Load, short form")
struct LoadShortTests {
    @Test func aSmallMorningHasNoErrors() throws {
        let bench = CLI.binary.deletingLastPathComponent().appendingPathComponent("congress-bench")
        try #require(FileManager.default.isExecutableFile(atPath: bench.path), "built by swift build --build-tests")
        let p = Process()
        p.executableURL = bench
        var env = ProcessInfo.processInfo.environment
        for (k, v) in ["BENCH_LOAD_ONLY": "1", "LOAD_DELEGATES": "200", "LOAD_STATIONS": "5", "LOAD_SCREENS": "5",
                       "LOAD_BALLOTS": "40", "LOAD_SECONDS": "200", "LOAD_GRACE": "60"] { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)\n\(errors.suffix(2000))")
        #expect(text.contains("load: 5 stations, 200 delegates"))
        #expect(text.contains("scan p99"))
    }
}
