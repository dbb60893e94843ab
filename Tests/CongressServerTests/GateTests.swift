import CongressCore
@testable import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// The gate, tried as an attacker tries it: every route the router holds × every identity
/// that may not use it × the ways a path can be written that a router might read as the
/// same route. Made from the router's own registrations, not from a list written here.
@Suite("The gate denies by default")
struct GateTests {
    /// Every route the server registers, with its rule.
    static let registered = {
        let fixture = try? ServerFixture()
        return fixture.map { CongressApp.build(store: $0.store).routes.routes } ?? []
    }()

    @Test func everyRouteHasARuleAndEveryRuleARoute() throws {
        #expect(Self.registered.count > 60)
        let unruled = Self.registered.filter { $0.access == nil }.map { "\($0.method) \($0.path)" }
        #expect(unruled.isEmpty, "routes without a rule: \(unruled)")
        let routed = Set(Self.registered.map { Access.key($0.method, $0.path) })
        let dead = Set(Access.table.keys).subtracting(routed)
        #expect(dead.isEmpty, "rules of routes nobody registered: \(dead.sorted())")
    }

    /// A route registered without a rule answers nobody, admin included.
    @Test func aRouteWithoutARuleRefusesEveryone() async throws {
        let fixture = try ServerFixture()
        let router = Router(context: CongressRequestContext.self)
        router.add(middleware: Authentication(store: StoreRunner(store: fixture.store)))
        let gated = GatedRouter(router, tokens: Authentication(store: StoreRunner(store: fixture.store)))
        gated.get("secret/stuff") { _, _ in "the data" }
        #expect(gated.ledger.routes.map(\.path) == ["/secret/stuff"] && gated.ledger.routes[0].access == nil)
        try await Application(router: router).test(.router) { client in
            for role in Role.allCases {
                try await client.execute(uri: "/secret/stuff", method: .get, headers: fixture.headers(role)) { r in
                    #expect(r.status == .forbidden, "\(role) → \(r.status)")
                    #expect(!String(buffer: r.body).contains("the data"))
                }
            }
        }
    }

    /// The ways one path can be written: each may route to the same handler or to none;
    /// neither may let in someone the handler's rule refuses.
    static func variants(_ path: String) -> [String] {
        var segments = path.split(separator: "/").map(String.init)
        let last = segments.removeLast()
        let head = segments.isEmpty ? "" : "/" + segments.joined(separator: "/")
        var all = [
            path, path + "/", "/" + path, path + "//", head + "//" + last, path + "?", path + ";jsessionid=1", path + "/.",
            path.uppercased(), head + "/./" + last, head + "/x/../" + last, path + "%2F", path + "#x",
        ]
        if !segments.isEmpty {
            all.append(head + "%2F" + last)
            all.append("/" + segments.joined(separator: "//") + "/" + last)
            all.append(head.replacingOccurrences(of: "/", with: "%2f") + "/" + last)
        }
        return all
    }

    /// What an identity that may not use a route sees: never the data, never a change.
    @Test func noPathVariantLetsInAnyoneTheRuleRefuses() async throws {
        let fixture = try ServerFixture()
        for role in Role.allCases {
            _ = try fixture.store.addPerson(username: "p-\(role.rawValue)", name: "Người \(role.rawValue)", role: role,
                                            passwordHash: Bcrypt.hash("mật khẩu \(role.rawValue)", cost: 4), actor: "t")
        }
        let election = try fixture.store.createElection(body: .inspectionCommittee, title: "Bầu Ủy ban Kiểm tra", seats: 1, actor: "t")
        _ = try fixture.store.addCandidate(election: election.id, delegateCode: "DB0001", actor: "t")
        _ = try fixture.store.openSitting(name: "Phiên thứ nhất", actor: "t")
        let app = Application(router: CongressApp.router(store: fixture.store, passwordCost: 4),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        // the real server, through NIO's own parsing of what the client writes
        try await app.test(.live) { client in
            var cookies: [Role: String] = [:]
            for role in Role.allCases {
                let cookie = try #require(try await WebTests().signIn(client, "p-\(role.rawValue)", "mật khẩu \(role.rawValue)"))
                cookies[role] = cookie
            }
            let before = try Self.state(fixture.store)
            // a delegate's name: an answer carrying it carries data (an error may repeat the path's code)
            let secret = try #require(try fixture.store.delegate(code: "DB0001")?.name)
            var (tried, closed) = (0, 0)
            let prober = Prober(port: try #require(client.port), timeout: .seconds(20))
            defer { prober.close() }
            for route in Self.registered {
                guard let access = route.access else { continue }
                let path = Self.filled(route.path)
                for (name, headers) in Self.refused(by: access, fixture: fixture, cookies: cookies) {
                    for uri in Self.variants(path) {
                        var h = headers
                        h[.origin] = "http://localhost"
                        let body = route.method == .post ? Self.body(for: route.path, json: h[.contentType] == "application/json") : nil
                        // nil: the server closed the connection without answering (a path it cannot parse)
                        tried += 1
                        guard let r = try await prober.execute(uri, route.method, h, body) else { closed += 1; continue }
                        do {
                            let text = String(buffer: r.body ?? ByteBuffer())
                            let redirectToSignIn = r.status == .seeOther && r.headers[.location] == "/login"
                            #expect(!(200..<300).contains(r.status.code) && (r.status.code / 100 != 3 || redirectToSignIn),
                                    "\(route.method) \(uri) as \(name) → \(r.status) \(text.prefix(200))")
                            #expect(!text.contains(secret) && !text.contains("Nguyễn"), "\(route.method) \(uri) as \(name): data in the answer")
                        }
                    }
                }
            }
            #expect(tried > 5_000, "\(tried) requests tried")
            #expect(closed < tried / 10, "\(closed) of \(tried) closed unanswered: the probe would prove little")
            #expect(try Self.state(fixture.store) == before, "refused requests changed the store")
            // and the gate is not shut for everyone: each route's own people get past it
            for route in Self.registered where route.method == .get {
                guard case let .page(rule)? = route.access, let role = rule.roles.first else { continue }
                var h = HTTPFields.fromOurPages
                h[.cookie] = cookies[role]
                if let r = try await prober.execute(Self.filled(route.path), .get, h, nil) {
                    // past the gate (a handler may still refuse: an unpublished count is sealed)
                    let gateSaidNo = String(buffer: r.body ?? ByteBuffer()).contains("không được làm việc này")
                    #expect(r.status != .unauthorized && !gateSaidNo && r.headers[.location] != "/login",
                            "\(route.path) as \(role) → \(r.status)")
                }
            }
        }
    }

    /// The identities a rule refuses: nobody, each role it does not name with the credential
    /// it takes, and every role with the credential it does not take.
    static func refused(by access: Access, fixture: ServerFixture, cookies: [Role: String]) -> [(String, HTTPFields)] {
        var out: [(String, HTTPFields)] = [("nobody", HTTPFields())]
        func bearer(_ role: Role) -> HTTPFields { fixture.headers(role) }
        func cookie(_ role: Role) -> HTTPFields {
            var h = WebTests.formHeaders
            h[.cookie] = cookies[role]
            return h
        }
        func query(_ role: Role) -> (String, HTTPFields) { ("?token= of \(role)", HTTPFields()) }
        switch access {
        case .anyone:
            return []
        case let .api(roles, _):
            for role in Role.allCases where role != .admin && !roles.contains(role) { out.append(("\(role) token", bearer(role))) }
            // the sign-in cookie is not a token, whoever holds it
            for role in Role.allCases { out.append(("\(role) cookie", cookie(role))) }
        case let .page(rule):
            for role in Role.allCases where !rule.allows(role) { out.append(("\(role) cookie", cookie(role))) }
            // the pages take the cookie only
            for role in Role.allCases { var h = bearer(role); h[.contentType] = "application/x-www-form-urlencoded"; out.append(("\(role) token", h)) }
        case let .hallScreen(roles):
            for role in Role.allCases where role != .admin && !roles.contains(role) {
                out.append(("\(role) cookie", cookie(role)))
                out.append(("\(role) token", bearer(role)))
            }
            // the screen's cookie with a token that is not the viewer's
            for role in Role.allCases where role != .viewer {
                var h = HTTPFields()
                h[.cookie] = "\(HallScreen.cookie)=\(fixture.tokens[role] ?? "")"
                out.append(("screen cookie of \(role)", h))
            }
        }
        return out
    }

    /// A route's path with the fixture's values in its parameters.
    static func filled(_ path: String) -> String {
        path.split(separator: "/").map { segment -> String in
            switch segment {
            case ":code": "DB0001"
            case ":username": "p-viewer"
            case ":file": "tham-tra-tu-cach.json"
            case ":line": "1.jpg"
            case ":sheet", ":id": "1"
            default: String(segment)
            }
        }.reduce("") { $0 + "/" + $1 }
    }

    /// A body that would do something if it were let in.
    static func body(for path: String, json: Bool) -> ByteBuffer {
        let fields: [String: String] = [
            "name": "Phiên lạ", "reason": "thử", "station": "A", "code": "DB0001", "alternate": "DB0290", "replaced": "DB0001",
            "decision": "QĐ 1", "line": "000001 1", "serial": "000001", "username": "ke-gian", "password": "mat-khau-dai-du",
            "role": "admin", "badge": "DB0001", "title": "Bầu lạ", "seats": "3", "whole": "on",
        ]
        if json {
            var object: [String: Any] = fields
            object["scans"] = [["id": UUID().uuidString, "station": "A", "payload": "x", "code": "DB0002", "reason": "thử"]]
            object["struck"] = [1]
            return ByteBuffer(data: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
        }
        return ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&"))
    }

    /// What a refused request must not change: the audit log, the feed, the sittings, the
    /// elections and their ballots, the people and the tokens.
    static func state(_ store: CongressStore) throws -> [String] {
        [String(try store.auditEntries().count), String(try store.feedCursor()), "\(try store.sittings())",
         "\(try store.elections())", "\(try store.people())", "\(try store.tokens().count)", "\(try store.substitutions())"]
    }
}

/// A client of the live server that writes each path exactly as given, and opens a new
/// connection when the server has closed the last one.
final class Prober: @unchecked Sendable {
    let port: Int
    let timeout: Duration
    private var client: TestClient?

    init(port: Int, timeout: Duration = .seconds(5)) { (self.port, self.timeout) = (port, timeout) }

    /// The answer, or nil when the server closed the connection instead of answering.
    func execute(_ uri: String, _ method: HTTPRequest.Method, _ headers: HTTPFields, _ body: ByteBuffer?) async throws -> TestClient.Response? {
        let client = self.client ?? {
            let made = TestClient(host: "localhost", port: port, configuration: .init(timeout: timeout))
            made.connect()
            return made
        }()
        self.client = client
        do {
            return try await client.execute(.init(uri, method: method, authority: "localhost", headers: headers, body: body))
        } catch TestClient.Error.readTimeout {
            Issue.record("\(method) \(uri): no whole answer within \(timeout) (a stream let through?)")
            try? await client.shutdown()  // the connection is given up; a failure to close it changes nothing
            self.client = nil
            return nil
        } catch {
            // the server hung up (a request it would not read): the next one on a new connection
            try? await client.shutdown()  // already closed by the server; nothing else to do
            self.client = nil
            return nil
        }
    }

    func close() {
        let client = self.client
        Task { try? await client?.shutdown() }  // the test is over; a close that fails leaves nothing behind
    }
}
