import AsyncHTTPClient
import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOCore

/// The server under load on loopback: stations posting scans (every payload verified,
/// every write durable), and the hall screen's events.
enum ServerBenchmark {
    struct Setup {
        let store: CongressStore
        let kiosk: String
        let viewer: String
        let payloads: [String]
        /// A person who signs in (bcrypt cost 12, as `congress user add` makes).
        var username = "thuky"
        var password = "mat-khau-cua-thu-ky"
    }

    static func prepare(work: URL, delegates count: Int) throws -> Setup {
        let key = CongressSigningKey()
        let store = try CongressStore.create(at: work.appendingPathComponent("server.db").path,
                                             congress: Congress(name: "Benchmark", term: "2023-2028"),
                                             signingKey: PublicSigningKey(keyID: key.keyID, publicKey: key.publicKey), actor: "bench")
        var list = SyntheticList.make(count: count)
        for i in list.indices { list[i].kind = .elected }
        try store.importDelegates(list, source: "bench", actor: "bench")
        try store.signPendingCredentials(with: key)
        _ = try store.openSitting(name: "Phiên chính thức", actor: "bench")
        _ = try store.addPerson(username: "thuky", name: "Tổ thư ký", role: .credentials,
                                passwordHash: Bcrypt.hash("mat-khau-cua-thu-ky", cost: 12), actor: "bench")
        return Setup(store: store, kiosk: try store.createToken(role: .kiosk, name: "k", actor: "b").token,
                     viewer: try store.createToken(role: .viewer, name: "v", actor: "b").token,
                     payloads: try store.credentials().compactMap(\.payload))
    }

    static func run(into report: inout Report, work: URL) async throws {
        let setup = try prepare(work: work, delegates: 2_000)
        // As a hall has it: `congress serve` in a process of its own, driven by wrk in another
        // (when both are there: `make bench` builds the one, `make setup` installs the other).
        let wrkRate = try wrkAgainstServeProcess(setup: setup)
        let port = 18_000 + Int(ProcessInfo.processInfo.processIdentifier % 2_000)
        let app = Application(router: CongressApp.router(store: setup.store),
                              configuration: .init(address: .hostname("127.0.0.1", port: port)))
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)))
        do {
            try await measure(into: &report, client: client, base: "http://127.0.0.1:\(port)", setup: setup, wrkRate: wrkRate)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    static func measure(into report: inout Report, client: HTTPClient, base: String, setup: Setup, wrkRate: Double?) async throws {
        try await waitForServer(client, base)

        // Single scans, 8 stations at once.
        let single = try await stations(8, seconds: 3, client: client, base: base, setup: setup, batch: 1)
        if let wrkRate {
            report.add("single-scan requests/s, 8 stations: serve + wrk, own processes (floor 5,000)", target: 1 / 5_000,
                       measured: 1 / wrkRate, unit: "s/request", display: wrkRate)
        }
        report.add("single-scan requests/s, 8 stations, client in this process (floor 5,000)", target: 1 / 5_000,
                   measured: 1 / single.rate, unit: "s/request", display: single.rate)
        report.add("  single-scan latency p50", target: 50, measured: single.p50, unit: "ms")
        report.add("  single-scan latency p99", target: 50, measured: single.p99, unit: "ms")
        // Batches of 50.
        let batched = try await stations(8, seconds: 3, client: client, base: base, setup: setup, batch: 50)
        report.add("scans per second in batches of 50, 8 stations (floor 15,000)", target: 1 / 15_000,
                   measured: 1 / (batched.rate * 50), unit: "s/scan", display: batched.rate * 50)

        // Batches while 64 clients sign in at once from 64 addresses: with the right password
        // (a desk at 7:30), and with wrong ones (guessing); the checks have a thread of their own.
        let quiet = try await stations(8, seconds: 3, client: client, base: base, setup: setup, batch: 50)
        for (label, password) in [("right", setup.password), ("wrong", "đoán-mò-mật-khẩu")] {
            let flood = SignInFlood(port: Int(base.split(separator: ":").last ?? "") ?? 0, username: setup.username, password: password)
            try await Task.sleep(for: .milliseconds(300))
            let loaded = try await stations(8, seconds: 3, client: client, base: base, setup: setup, batch: 50)
            let answers = flood.stop()
            let shown = answers.sorted { $0.key < $1.key }.map { "\($0.key == 0 ? "failed" : String($0.key)) ×\($0.value)" }.joined(separator: ", ")
            report.add("kiosk batch p99 with 64 sign-ins (\(label) password) ÷ quiet (\(String(format: "%.1f", quiet.p99)) ms); answers: \(shown)",
                       target: 3, measured: loaded.p99 / max(quiet.p99, 0.001), unit: "×")
        }

        // Scan to hall-screen event, and memory with 20 screens watching.
        let (sse, rss) = try await boardLatency(client: client, base: base, setup: setup)
        report.add("scan-to-SSE-event latency p99", target: 50, measured: sse, unit: "ms")
        report.add("resident memory, 2,000 delegates, 20 SSE clients", target: 150, measured: rss, unit: "MB")
    }

    /// Starts the `congress` binary built beside this one on the bench congress, and loads it
    /// with wrk; nil when either is missing.
    static func wrkAgainstServeProcess(setup: Setup) throws -> Double? {
        let congress = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("congress")
        guard FileManager.default.isExecutableFile(atPath: congress.path) else { return nil }
        let port = 19_000 + Int(ProcessInfo.processInfo.processIdentifier % 2_000)
        let server = Process()
        server.executableURL = congress
        server.arguments = ["serve", "--db", setup.store.path, "--port", String(port)]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        Thread.sleep(forTimeInterval: 1.0)
        return try wrkSingleScans(base: "http://127.0.0.1:\(port)", setup: setup)
    }

    /// Single scans from wrk (Debian's package), 8 connections for 5 s; nil without wrk.
    static func wrkSingleScans(base: String, setup: Setup) throws -> Double? {
        let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let wrk else { return nil }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("congress-wrk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let payloads = dir.appendingPathComponent("payloads.txt")
        try setup.payloads.joined(separator: "\n").write(to: payloads, atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("scan.lua")
        try """
            local payloads = {}
            for line in io.lines("\(payloads.path)") do payloads[#payloads + 1] = line end
            local n = 0
            math.randomseed(os.time())
            request = function()
              n = n + 1
              local id = string.format("%08x-0000-4000-8000-%012x", math.random(0, 0x7fffffff), n)
              local body = '{"scans":[{"id":"' .. id .. '","station":"W","payload":"' .. payloads[(n % #payloads) + 1] .. '"}]}'
              return wrk.format("POST", "/api/v1/scans", {["Authorization"] = "Bearer \(setup.kiosk)", ["Content-Type"] = "application/json"}, body)
            end
            """.write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t2", "-c8", "-d5s", "-s", script.path, base + "/"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }) else { return nil }
        return Double(line.split(separator: " ").last ?? "")
    }

    static func waitForServer(_ client: HTTPClient, _ base: String) async throws {
        for _ in 0..<100 {
            if let r = try? await client.execute(HTTPClientRequest(url: base + "/api/v1/openapi.json"), timeout: .seconds(1)), r.status == .ok { return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    struct Throughput { var rate: Double; var p50: Double; var p99: Double }

    static func stations(_ n: Int, seconds: Double, client: HTTPClient, base: String, setup: Setup, batch: Int) async throws -> Throughput {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for station in 0..<n {
                group.addTask {
                    var mine: [Double] = []
                    var i = station * 997
                    while ContinuousClock.now < deadline {
                        var scans: [String] = []
                        for _ in 0..<batch {
                            let payload = setup.payloads[i % setup.payloads.count]
                            scans.append("{\"id\":\"\(UUID().uuidString)\",\"station\":\"S\(station)\",\"payload\":\"\(payload)\"}")
                            i += 1
                        }
                        var request = HTTPClientRequest(url: base + "/api/v1/scans")
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(setup.kiosk)")
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.body = .bytes(ByteBuffer(string: "{\"scans\":[\(scans.joined(separator: ","))]}"))
                        let t0 = ContinuousClock.now
                        let response = try await client.execute(request, timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 1 << 24)
                        guard response.status == .ok else { throw BenchmarkFailure.importFailed("scan status \(response.status)") }
                        mine.append((ContinuousClock.now - t0).seconds * 1000)
                    }
                    return mine
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all.sorted()
        }
        let elapsed = (ContinuousClock.now - start).seconds
        guard !latencies.isEmpty else { return Throughput(rate: 0, p50: 0, p99: 0) }
        return Throughput(rate: Double(latencies.count) / elapsed, p50: latencies[latencies.count / 2],
                          p99: latencies[min(latencies.count - 1, latencies.count * 99 / 100)])
    }

    /// Opens 20 event streams, then admits delegates one by one and times each until the
    /// first stream shows the new count.
    static func boardLatency(client: HTTPClient, base: String, setup: Setup) async throws -> (p99: Double, rssMB: Double) {
        var streams: [HTTPClientResponse] = []
        for _ in 0..<20 {
            let request = HTTPClientRequest(url: base + "/board/events?token=\(setup.viewer)")
            streams.append(try await client.execute(request, timeout: .seconds(600)))
        }
        var iterator = streams[0].body.makeAsyncIterator()
        var text = ""
        func nextPresent() async throws -> Int? {
            while true {
                if let range = text.range(of: "\"present\":") {
                    let digits = text[range.upperBound...].prefix { $0.isNumber }
                    text = String(text[range.upperBound...].dropFirst(digits.count))
                    return Int(digits)
                }
                guard let chunk = try await iterator.next() else { return nil }
                text += String(buffer: chunk)
            }
        }
        _ = try await nextPresent()  // the board sent on connecting
        // a fresh sitting, so that every scan below admits someone
        _ = try setup.store.closeSitting(actor: "bench")
        _ = try setup.store.openSitting(name: "Phiên hai", actor: "bench")
        var latencies: [Double] = []
        for i in 0..<60 {
            try await Task.sleep(for: .milliseconds(120))  // past the screen's 100 ms interval
            var request = HTTPClientRequest(url: base + "/api/v1/scans")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(setup.kiosk)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: "{\"scans\":[{\"id\":\"\(UUID().uuidString)\",\"station\":\"L\",\"payload\":\"\(setup.payloads[i])\"}]}"))
            let t0 = ContinuousClock.now
            _ = try await client.execute(request, timeout: .seconds(10)).body.collect(upTo: 1 << 20)
            while let present = try await nextPresent(), present < i + 1 {}
            latencies.append((ContinuousClock.now - t0).seconds * 1000)
        }
        latencies.sort()
        let rss = residentMegabytes()
        return (latencies[latencies.count * 99 / 100], rss)
    }

    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
