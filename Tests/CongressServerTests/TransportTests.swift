import CongressCore
@testable import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import KioskStation
import NIOSSL
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A bare socket to 127.0.0.1, to behave as no HTTP library would: open and say nothing,
/// send a request a byte at a time, hold a connection.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func write(_ text: String) { _ = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }

    /// True when the server has closed the connection within `seconds` (a read finds its end).
    func closedByServer(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0 {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(deadline.timeIntervalSinceNow * 1000) + 1) > 0 else { return false }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return true }
        }
        return false
    }
}

/// Runs blocking socket work on a thread of its own, not one of Swift's few shared ones.
func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { done in DispatchQueue.global().async { done.resume(returning: work()) } }
}

@Suite("HTTPS, and what one client may hold of the server")
struct TransportTests {
    /// A certificate for this machine, written where the server reads it.
    static func certificateFiles() throws -> (certificate: String, key: String, directory: URL) {
        let made = try HallCertificate.make(hosts: ["localhost", "127.0.0.1"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("congress-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cert = directory.appendingPathComponent("cert.pem"), key = directory.appendingPathComponent("key.pem")
        try Data(made.certificate.utf8).write(to: cert)
        try Data(made.key.utf8).write(to: key)
        return (cert.path, key.path, directory)
    }

    @Test func overHTTPSCookiesAreSecureAndOnlyThePinnedCertificateIsBelieved() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.addPerson(username: "thuky", name: "Tổ thư ký", role: .credentials, passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 4), actor: "t")
        let files = try Self.certificateFiles()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let app = try CongressApp.application(store: fixture.store, listening: .init(host: "127.0.0.1", port: 0, tls: (files.certificate, files.key)))
        try await app.test(.live) { plain in
            let port = try #require(plain.port)
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(files.certificate))
            let client = TestClient(host: "localhost", port: port, configuration: .init(tlsConfiguration: tls, serverName: "localhost"))
            client.connect()
            defer { Task { try? await client.shutdown() } }  // the test is over; a failed close leaves nothing behind
            let login = try await client.execute(.init("/login", method: .get, authority: "localhost:\(port)"))
            #expect(login.status == .ok)
            #expect(login.headers[.strictTransportSecurity] == "max-age=31536000")
            var form = WebTests.formHeaders
            form[.origin] = "https://localhost:\(port)"
            let signedIn = try await client.execute(.init("/login", method: .post, authority: "localhost:\(port)", headers: form,
                                                          body: WebTests.form(["username": "thuky", "password": "mật khẩu đúng"])))
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.setCookie]?.contains("; Secure") == true, "\(signedIn.headers[.setCookie] ?? "")")
            // a client that trusts only the system's authorities does not believe the hall's certificate
            let stranger = TestClient(host: "localhost", port: port, configuration: .init(tlsConfiguration: .makeClientConfiguration(), serverName: "localhost"))
            stranger.connect()
            await #expect(throws: (any Error).self) { _ = try await stranger.execute(.init("/login", method: .get, authority: "localhost")) }
            try? await stranger.shutdown()  // its handshake failed; nothing to close
            // TLS 1.0 and 1.1 are refused (an outside try connected with both)
            for old in [TLSVersion.tlsv1, .tlsv11] {
                var weak = tls
                weak.minimumTLSVersion = old
                weak.maximumTLSVersion = old
                let legacy = TestClient(host: "localhost", port: port, configuration: .init(tlsConfiguration: weak, serverName: "localhost"))
                legacy.connect()
                await #expect(throws: (any Error).self, "\(old)") { _ = try await legacy.execute(.init("/login", method: .get, authority: "localhost")) }
                try? await legacy.shutdown()  // its handshake failed; nothing to close
            }
            // the kiosk's link: with the pinned certificate it works; without it, it does not
            let pinned = try ServerLink(server: "https://localhost:\(port)", token: fixture.tokens[.kiosk] ?? "", trusting: files.certificate)
            let bootstrap = try await pinned.bootstrap()
            #expect(bootstrap.roster.count == 300)
            await pinned.shutdown()
            let unpinned = try ServerLink(server: "https://localhost:\(port)", token: fixture.tokens[.kiosk] ?? "")
            do {
                _ = try await unpinned.bootstrap()
                Issue.record("a kiosk without the hall's certificate trusted the server")
            } catch {
                // said as what it is, not as a server that does not answer (an outside try)
                guard case LinkError.untrusted = error else { Issue.record("\(error)"); return }
                #expect("\(error)".contains("--ca"), "the operator is told what to give")
            }
        }
    }

    /// Plain HTTP says nothing of HTTPS: no Secure cookie it could not keep, no HSTS.
    @Test func overPlainHTTPNoHSTS() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/login", method: .get) { r in
                #expect(r.headers[.strictTransportSecurity] == nil)
            }
        }
    }

    /// One address holds at most its share of connections; a connection that says nothing,
    /// or sends its request a byte at a time, is closed at the deadline; an event stream the
    /// server is answering stays open.
    @Test func slowAndSilentConnectionsAreClosedAndOneAddressHoldsItsShare() async throws {
        let fixture = try ServerFixture()
        var listening = CongressApp.Listening(host: "127.0.0.1", port: 0)
        let limits = ConnectionLimits(perAddress: 4, timeout: .seconds(3))
        listening.limits = limits
        let app = try CongressApp.application(store: fixture.store, listening: listening)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // the test client's own connection (open since the start) is one of the four; a stream is a second
            let stream = try EventStreamReader(port: port, path: "/board/events?token=\(fixture.tokens[.viewer] ?? "")")
            #expect(await offThread { stream.line(timeout: 30) } == ": connected")
            let silent = try RawConnection(port: port)
            let slow = try RawConnection(port: port)
            slow.write("GET /login HTTP/1.1\r\nHost: localhost\r\n")
            let dripping = Task.detached {
                for character in "X-Slow: one byte at a time, for ever\r\n" {
                    slow.write(String(character))
                    try? await Task.sleep(for: .milliseconds(200))  // a cancelled test stops dripping
                }
            }
            // fill this address's share (the test client's own connection may hold a place too)
            var held: [RawConnection] = []
            for _ in 0..<4 where limits.count("127.0.0.1") < 4 {
                let before = limits.count("127.0.0.1")
                held.append(try RawConnection(port: port))
                for _ in 0..<100 where limits.count("127.0.0.1") == before { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(limits.count("127.0.0.1") == 4)
            let fifth = try RawConnection(port: port)
            #expect(await offThread { fifth.closedByServer(within: 1) }, "one more connection from the address is closed at once")
            #expect(limits.count("127.0.0.1") <= 4)
            held.removeAll()
            #expect(await offThread { silent.closedByServer(within: 8) }, "a connection that says nothing is closed at the deadline")
            #expect(await offThread { slow.closedByServer(within: 8) }, "a request sent a byte at a time is closed at the deadline")
            dripping.cancel()
            // the stream, answered all along, is still there: an admission reaches it
            _ = try fixture.store.openSitting(name: "Phiên thứ nhất", actor: "t")
            let payload = try #require(fixture.payloads["DB0001"])
            let scan = try body(["scans": [["id": UUID().uuidString, "station": "A", "payload": payload]]])
            // (the test client's own connection sat idle past the deadline too: a new one)
            let kiosk = Prober(port: port, timeout: .seconds(30))
            defer { kiosk.close() }
            #expect(try await kiosk.execute("/api/v1/scans", .post, fixture.headers(.kiosk), scan)?.status == .ok)
            #expect(await offThread { stream.next(event: "board", timeout: 30) } != nil, "the hall screen's stream outlives the deadline")
            // closed connections give their places back
            let again = try RawConnection(port: port)
            again.write("GET /login HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await offThread { !again.closedByServer(within: 0.3) })
        }
    }
}
