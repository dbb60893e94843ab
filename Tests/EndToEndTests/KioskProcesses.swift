import Foundation
import GRDB
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `congress serve` as a process of its own, which a test can kill and start again on the
/// same port.
final class ServerProcess {
    let cli: CLI
    let port: Int
    private var process: Process?

    init(cli: CLI) throws {
        self.cli = cli
        port = try Self.freePort()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func start() throws {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["serve", "--db", cli.db, "--port", String(port)]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        try #require(Self.waitForPort(port, open: true), "the server listens on \(port)")
    }

    /// SIGKILL: the power cord, not a polite stop.
    func kill() {
        guard let p = process else { return }
        Glibc.kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    func stop() {
        guard let p = process, p.isRunning else { return }
        p.terminate()
        p.waitUntilExit()
        process = nil
    }

    deinit { stop() }

    /// A port the kernel just handed out (bound to 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitForPort(_ port: Int, open: Bool, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected == open { return true }
            usleep(50_000)
        }
        return false
    }
}

/// The built `kiosk --json` as a process: lines in, one JSON object per scan out.
final class KioskProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var lines: [[String: Any]] = []
    private let arrived = DispatchSemaphore(value: 0)
    /// Left by each reader thread at the end of its stream.
    private let readers = DispatchGroup()
    private var consumed = 0
    private(set) var stderr = ""

    static var binary: URL { CLI.binary.deletingLastPathComponent().appendingPathComponent("kiosk") }

    init(server: String, token: String, station: String, data: URL, drainTimeout: Int = 120) throws {
        process.executableURL = Self.binary
        process.arguments = ["--server", server, "--token", token, "--station", station, "--json",
                             "--data", data.path, "--drain-timeout", String(drainTimeout)]
        let out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        readers.enter()
        readers.enter()
        Thread { [self] in
            defer { readers.leave() }
            var pending = Data()
            while true {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = pending[pending.startIndex..<newline]
                    pending = Data(pending[(newline + 1)...])
                    let object = (try? JSONSerialization.jsonObject(with: line) as? [String: Any]) ?? ["unparsed": String(decoding: line, as: UTF8.self)]
                    lock.withLock { lines.append(object) }
                    arrived.signal()
                }
            }
            arrived.signal()
        }.start()
        Thread { [self] in
            defer { readers.leave() }
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            lock.withLock { stderr = text }
        }.start()
    }

    /// Writes one scanned line and returns the object written for it (corrections that come
    /// first are kept aside).
    func scan(_ payload: String) throws -> [String: Any] {
        input.fileHandleForWriting.write(Data((payload + "\r\n").utf8))
        let deadline = DispatchTime.now() + .seconds(60)
        while true {
            if let next = lock.withLock({ () -> [String: Any]? in
                while consumed < lines.count {
                    let line = lines[consumed]
                    consumed += 1
                    if line["correction"] as? Bool != true { return line }
                }
                return nil
            }) { return next }
            try #require(arrived.wait(timeout: deadline) == .success, "kiosk answered \(payload.prefix(30))")
        }
    }

    /// Every object written so far.
    var output: [[String: Any]] { lock.withLock { lines } }
    var corrections: [[String: Any]] { output.filter { $0["correction"] as? Bool == true } }

    /// Ends the input and waits for the kiosk to drain its outbox and exit.
    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        _ = readers.wait(timeout: .now() + .seconds(60))  // every line read to the end of both streams
        return process.terminationStatus
    }

    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Reads the server's database beside a running server (WAL lets a reader in).
struct ServerRecords {
    let db: DatabaseQueue

    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        db = try DatabaseQueue(path: path, configuration: config)
    }

    func scanIDs() throws -> [String] {
        try db.read { try String.fetchAll($0, sql: "SELECT id FROM scan") }
    }

    func admitted() throws -> [String] {
        try db.read {
            try String.fetchAll($0, sql: "SELECT delegate_code FROM attendance_event WHERE kind IN ('admission', 'manual') ORDER BY id")
        }
    }

    func scans(code: String) throws -> [(station: String, verdict: String)] {
        try db.read {
            try Row.fetchAll($0, sql: "SELECT station, verdict FROM scan WHERE code = ? ORDER BY received_at", arguments: [code])
                .map { (station: $0["station"], verdict: $0["verdict"]) }
        }
    }
}
