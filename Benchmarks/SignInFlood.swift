import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sixty-four clients signing in at once, each from an address of its own (127.0.0.2 …
/// 127.0.0.65, all the loopback's): what the desk sees at 7:30, or an attacker with many
/// machines. Each client posts the sign-in form again as soon as it is answered, on a
/// thread of its own with a bare socket, until told to stop.
final class SignInFlood: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var answers: [Int: Int] = [:]
    private var threads: [Thread] = []

    init(port: Int, clients: Int = 64, username: String, password: String) {
        let form = "username=\(username)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        let request = "POST /login HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nOrigin: http://127.0.0.1:\(port)\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\nConnection: close\r\n\r\n" + form
        for n in 0..<clients {
            let thread = Thread { [self] in
                while !isStopped {
                    let status = Self.post(request, from: "127.0.0.\(n + 2)", port: port)
                    lock.withLock { answers[status, default: 0] += 1 }
                }
            }
            threads.append(thread)
            thread.start()
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Stops the clients; answers how many answers of each status they had.
    func stop() -> [Int: Int] {
        lock.withLock { stopped = true }
        while threads.contains(where: { $0.isExecuting }) { usleep(10_000) }
        return lock.withLock { answers }
    }

    /// One request on a new connection from `source`; the status, or 0 when it failed.
    static func post(_ request: String, from source: String, port: Int) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        let connected = withUnsafePointer(to: &remote) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, connected == 0 else { return 0 }
        _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var head = [UInt8](repeating: 0, count: 64)
        let n = recv(fd, &head, head.count, 0)
        guard n >= 12 else { return 0 }
        // "HTTP/1.1 303 ..."
        return Int(String(decoding: head[9..<12], as: UTF8.self)) ?? 0
    }
}
