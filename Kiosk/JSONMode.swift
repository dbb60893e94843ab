import CongressCore
import Foundation
import KioskStation

/// `kiosk --json`: one scanned payload per line on standard input, one JSON object per scan
/// on standard output, written before the next line is read; corrections from the server
/// are extra objects with `"correction": true`. At the end of the input the outbox is
/// given `--drain-timeout` to reach the server; what is left waits for the next start.
struct JSONMode {
    let station: Station
    let drainTimeout: Duration

    func run() async -> Int32 {
        let out = LineWriter()
        let station = self.station
        let corrections = Task {
            for await event in station.events {
                switch event {
                case .correction(let c): out.write(c.json)
                case .connection(.refused(let why)): Log.error(why)
                case .connection: break
                }
            }
        }
        // The very first start needs the server once, for the keys and the list.
        while !(await station.waitForCopy(timeout: .seconds(2))) {
            // A token the server refuses will not get better by waiting.
            if case .refused(let why) = station.status().connection {
                Log.error(why)
                return 1
            }
            Log.error("Đang chờ dữ liệu từ máy chủ (lần đầu cần kết nối) / waiting for the server's data (the first start needs it)…")
        }
        let ok: Bool = await withCheckedContinuation { done in
            // Standard input is read on a thread of its own: a blocking read must not hold one
            // of the few threads the sender and the feed follower run on.
            let reader = Thread {
                var splitter = ScanLineSplitter()
                var buffer = [UInt8](repeating: 0, count: 4096)
                var ok = true
                func handle(_ line: String, at readAt: ContinuousClock.Instant) {
                    do {
                        if let outcome = try station.scan(line, readAt: readAt) { out.write(outcome.json) }
                    } catch {
                        // Not written to the outbox: not admitted, and said so.
                        Log.error("Không ghi được lần quét / could not record the scan: \(error)")
                        out.write("{\"verdict\": \"error\", \"error\": \(ScanOutcomeText.quoted("\(error)"))}")
                        ok = false
                    }
                }
                while true {
                    let n = read(0, &buffer, buffer.count)
                    if n <= 0 { break }
                    let readAt = ContinuousClock.now
                    for line in splitter.feed(buffer[0..<n]) { handle(line, at: readAt) }
                }
                if let last = splitter.finish() { handle(last, at: .now) }
                done.resume(returning: ok)
            }
            reader.stackSize = 1 << 20
            reader.start()
        }
        if !(await station.drain(timeout: drainTimeout)) {
            let left = station.status().unsent
            Log.error("Còn \(left) lần quét chưa gửi được; sẽ gửi khi trạm chạy lại / \(left) scans not sent yet; they go at the next start.")
        }
        station.finishEvents()
        await corrections.value  // every correction written before the kiosk exits
        return ok ? 0 : 1
    }
}

/// Standard output, one whole line at a time, flushed at once (the contract says each
/// object is written before the next line is read), from any thread.
final class LineWriter: Sendable {
    private let lock = NSLock()
    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

enum Log {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("kiosk: " + message + "\n").utf8))
    }
}

enum ScanOutcomeText {
    static func quoted(_ s: String) -> String {
        (try? JSONEncoder().encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
