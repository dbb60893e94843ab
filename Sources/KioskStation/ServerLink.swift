import AsyncHTTPClient
import CongressCore
import Foundation
import NIOCore
import NIOSSL

/// Why the server could not be used just now. Every case means "try again later" to the
/// sender and the feed follower, except `refused` and `untrusted`, which need the operator.
public enum LinkError: Error, Sendable, CustomStringConvertible {
    /// Could not connect, timed out, or the connection broke.
    case unreachable(String)
    /// 401 / 403: the token is wrong, revoked, or not a kiosk token.
    case refused(status: Int, message: String)
    /// Any other answer that was not what the contract says.
    case unexpected(status: Int, message: String)
    /// The server's certificate is not the one this kiosk trusts (another `--ca`, or none):
    /// nothing is sent; the operator must give the hall's certificate.
    case untrusted(String)

    public var description: String {
        switch self {
        case .unreachable(let why): "máy chủ không trả lời / server unreachable: \(why)"
        case .refused(let status, let message): "máy chủ từ chối mã truy cập (\(status)) / token refused: \(message)"
        case .unexpected(let status, let message): "máy chủ trả lời bất thường (\(status)) / unexpected answer: \(message)"
        case .untrusted(let why):
            "chứng chỉ của máy chủ không phải chứng chỉ đã cho bằng --ca; hãy chép đúng tệp hall-cert.pem từ máy chủ / the server's certificate is not the one given with --ca; copy the hall's hall-cert.pem: \(why)"
        }
    }
}

/// The kiosk's side of the HTTP API: bootstrap, the change feed, and scan batches.
public final class ServerLink: Sendable {
    public let base: String
    let token: String
    let client: HTTPClient

    /// Whether this link made its own client (to trust a pinned certificate), which it shuts down.
    let ownsClient: Bool

    /// The process-wide client (it needs no shutdown) trusting the system's authorities; each
    /// request carries its own time limit, so a server that has gone away is found out within
    /// seconds. With `trusting`, the PEM file of the hall's certificate (`congress tls
    /// certificate`): HTTPS answers are believed only from a server that shows it.
    public init(server: String, token: String, trusting certificateFile: String? = nil) throws {
        base = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.token = token
        if let certificateFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificateFile))
            var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
            configuration.httpVersion = .http1Only
            client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            ownsClient = true
        } else {
            client = HTTPClient.shared
            ownsClient = false
        }
    }

    /// Closes a client of its own (the shared one needs nothing).
    public func shutdown() async {
        // a client already shut down has nothing left to close
        if ownsClient { try? await client.shutdown() }
    }

    public func bootstrap() async throws(LinkError) -> KioskBootstrap {
        try await get("/api/v1/kiosk/bootstrap", timeout: .seconds(10))
    }

    /// Changes after `cursor`, waiting up to `wait` seconds for one.
    public func changes(since cursor: Int64, wait: Int) async throws(LinkError) -> FeedChanges {
        try await get("/api/v1/changes?since=\(cursor)&wait=\(wait)", timeout: .seconds(Int64(wait) + 10))
    }

    public func post(_ batch: ScanBatch) async throws(LinkError) -> [ScanResult] {
        var batch = batch
        batch.sent_at = KioskClock.format(Date())  // lets the server correct for this machine's clock
        var request = HTTPClientRequest(url: base + "/api/v1/scans")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        do {
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(batch)))
        } catch {
            throw .unexpected(status: 0, message: "\(error)")
        }
        let answer: ScanResults = try await send(request, timeout: .seconds(5))
        return answer.results
    }

    private func get<T: Decodable>(_ path: String, timeout: TimeAmount) async throws(LinkError) -> T {
        try await send(HTTPClientRequest(url: base + path), timeout: timeout)
    }

    private func send<T: Decodable>(_ request: HTTPClientRequest, timeout: TimeAmount) async throws(LinkError) -> T {
        var request = request
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let status: Int
        let body: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: timeout)
            status = Int(response.status.code)
            body = try await response.body.collect(upTo: 64 << 20)
        } catch let error as NIOSSLError {
            throw .untrusted(String(describing: error))
        } catch let error as BoringSSLError {
            throw .untrusted(String(describing: error))
        } catch {
            throw .unreachable(String(describing: error))
        }
        let text = String(buffer: body)
        switch status {
        case 200:
            do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
                throw .unexpected(status: status, message: "\(error)")
            }
        case 401, 403: throw .refused(status: status, message: String(text.prefix(200)))
        case 502, 503, 504: throw .unreachable("HTTP \(status)")
        default: throw .unexpected(status: status, message: String(text.prefix(200)))
        }
    }
}
