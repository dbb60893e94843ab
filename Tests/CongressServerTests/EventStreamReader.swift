import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 client for one Server-Sent Events stream on 127.0.0.1: Foundation on
/// Linux has no streaming URLSession, and the test wants to see events as they come.
final class EventStreamReader: @unchecked Sendable {
    private let fd: Int32
    private var buffer = [UInt8]()

    init(port: Int, path: String, headers: [String: String] = [:]) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\(extra)\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { close(fd) }

    private var raw = [UInt8]()
    private var headersDone = false
    private var chunked = false

    /// Reads from the socket into `raw`; false when nothing came before the deadline.
    private func fill(until deadline: Date) -> Bool {
        let left = deadline.timeIntervalSinceNow
        guard left > 0 else { return false }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(left * 1000)) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &chunk, chunk.count, 0)
        if n == 0 { closed = true }
        guard n > 0 else { return false }
        raw.append(contentsOf: chunk[..<n])
        return true
    }

    /// Moves what has arrived of the body into `buffer`, undoing chunked transfer coding.
    private func decode() {
        let crlf: [UInt8] = [0x0D, 0x0A]
        if !headersDone {
            guard let end = raw.firstRange(of: crlf + crlf) else { return }
            let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self).lowercased()
            chunked = head.contains("transfer-encoding: chunked")
            raw.removeSubrange(..<end.upperBound)
            headersDone = true
        }
        guard chunked else { buffer += raw; raw.removeAll(); return }
        while let lineEnd = raw.firstRange(of: crlf),
              let size = Int(String(decoding: raw[..<lineEnd.lowerBound], as: UTF8.self), radix: 16),
              raw.count >= lineEnd.upperBound + size + 2 {
            // the last chunk: the server ended the stream (the connection may stay open)
            if size == 0 { closed = true }
            buffer += raw[lineEnd.upperBound..<(lineEnd.upperBound + size)]
            raw.removeSubrange(..<(lineEnd.upperBound + size + 2))
        }
    }

    /// The next line of the body, or nil when nothing arrives within `timeout` seconds.
    func line(timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            decode()
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self).trimmingCharacters(in: .init(charactersIn: "\r"))
                buffer.removeSubrange(...newline)
                return line
            }
            guard !closed, fill(until: deadline) else { return nil }
        }
    }

    /// The server ended the stream, or closed the connection.
    private(set) var closed = false

    /// Whether the server ends the stream within `timeout` seconds (whatever it sends first).
    func ends(within timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !closed, Date() < deadline {
            decode()
            if closed { break }
            _ = line(timeout: deadline.timeIntervalSinceNow)
        }
        return closed
    }

    /// The data of the next event named `event`.
    func next(event: String, timeout: Double) -> Data? {
        let deadline = Date().addingTimeInterval(timeout)
        var name = ""
        while let line = line(timeout: deadline.timeIntervalSinceNow) {
            if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
            if line.hasPrefix("data: "), name == event {
                return Data(line.dropFirst(6).utf8)
            }
        }
        return nil
    }
}
