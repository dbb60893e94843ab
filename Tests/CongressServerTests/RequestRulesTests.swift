import CongressCore
@testable import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// Each credential where it belongs: the API takes bearer tokens and JSON, the pages take
/// the cookie and forms from their own pages, the hall screen its token once, and every
/// redirect stays on this server. Each case fails on the main before issue 21.
@Suite("Each credential where it belongs")
struct RequestRulesTests {
    static func signedInAdmin(_ fixture: ServerFixture, _ client: some TestClientProtocol) async throws -> String {
        _ = try fixture.store.addPerson(username: "bantochuc", name: "Ban tổ chức", role: .admin, passwordHash: Bcrypt.hash("quản trị viên", cost: 4), actor: "t")
        return try #require(try await WebTests().signIn(client, "bantochuc", "quản trị viên"))
    }

    @Test func theAPIDoesNotTakeTheSignInCookie() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            let cookie = try await Self.signedInAdmin(fixture, client)
            var h = HTTPFields.fromOurPages
            h[.cookie] = cookie
            h[.contentType] = "application/json"
            try await client.execute(uri: "/api/v1/delegates", method: .get, headers: h) { r in
                #expect(r.status == .unauthorized)
                #expect(!String(buffer: r.body).contains("DB0001"))
            }
            try await client.execute(uri: "/api/v1/sittings", method: .post, headers: h, body: try body(["name": "Phiên lạ"])) { #expect($0.status == .unauthorized) }
        }
        #expect(try fixture.store.sittings().isEmpty)
    }

    @Test func theAPIReadsJSONBodiesOnly() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", nil] {
                var h = fixture.headers(.admin)
                h[.contentType] = type
                try await client.execute(uri: "/api/v1/sittings", method: .post, headers: h, body: ByteBuffer(string: #"{"name": "Phiên lạ"}"#)) { r in
                    #expect(r.status == .unsupportedMediaType, "\(type ?? "no type") → \(r.status)")
                    #expect(String(buffer: r.body).contains("\"code\":\"json_only\""))
                }
            }
            var h = fixture.headers(.admin)
            h[.contentType] = "application/json; charset=utf-8"
            try await client.execute(uri: "/api/v1/sittings", method: .post, headers: h, body: ByteBuffer(string: #"{"name": "Phiên thật"}"#)) { #expect($0.status == .ok) }
        }
        #expect(try fixture.store.sittings().map(\.name) == ["Phiên thật"])
    }

    /// `?token=` opens the hall screen, with the viewer's token only, and nothing else.
    @Test func aTokenInTheAddressOpensTheHallScreenOnly() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            for role in Role.allCases {
                let token = fixture.tokens[role] ?? ""
                try await client.execute(uri: "/api/v1/quorum?token=\(token)", method: .get) { #expect($0.status == .unauthorized, "API with ?token= of \(role)") }
                try await client.execute(uri: "/api/v1/events?token=\(token)", method: .get) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: "/api/v1/sittings?token=\(token)", method: .post, headers: [.contentType: "application/json"],
                                         body: try body(["name": "Phiên lạ"])) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: "/board?token=\(token)", method: .get) { r in
                    #expect(r.status == (role == .viewer ? .seeOther : .unauthorized), "the board with ?token= of \(role) → \(r.status)")
                    if role == .viewer { #expect(r.headers[.location] == "/board", "the address cleaned of the token") }
                    #expect(!String(buffer: r.body).contains(token), "a token is never written into the page")
                }
            }
            // the cookie the board set opens its stream and its page, and nothing else
            let viewer = fixture.tokens[.viewer] ?? ""
            try await client.execute(uri: "/board", method: .get, headers: [.cookie: "\(HallScreen.cookie)=\(viewer)"]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/quorum", method: .get, headers: [.cookie: "\(HallScreen.cookie)=\(viewer)"]) { #expect($0.status == .unauthorized) }
        }
        #expect(try fixture.store.sittings().isEmpty)
    }

    /// A form posted without saying where it comes from, or from elsewhere, does nothing:
    /// the sign-in form too.
    @Test func formsFromElsewhereOrNowhereAreRefused() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            let cookie = try await Self.signedInAdmin(fixture, client)
            // https://localhost: another origin than this plain-HTTP server (found by an outside try)
            for origin in [nil, "http://evil.example", "null", "http://localhost.evil.example", "https://evil.example/http://localhost", "https://localhost"] {
                var h = HTTPFields()
                h[.contentType] = "application/x-www-form-urlencoded"
                h[.cookie] = cookie
                h[.origin] = origin
                try await client.execute(uri: "/sittings/open", method: .post, headers: h, body: WebTests.form(["name": "Phiên lạ"])) { r in
                    #expect(r.status == .forbidden, "Origin \(origin ?? "none") → \(r.status)")
                }
                h[.cookie] = nil
                try await client.execute(uri: "/login", method: .post, headers: h, body: WebTests.form(["username": "bantochuc", "password": "quản trị viên"])) { r in
                    #expect(r.status == .forbidden, "sign-in from Origin \(origin ?? "none") → \(r.status)")
                    #expect(r.headers[.setCookie] == nil)
                }
            }
            // a Referer of ours stands for a missing Origin
            var h = HTTPFields()
            h[.contentType] = "application/x-www-form-urlencoded"
            h[.cookie] = cookie
            h[.referer] = "http://localhost/sittings"
            try await client.execute(uri: "/sittings/open", method: .post, headers: h, body: WebTests.form(["name": "Phiên thật"])) { #expect($0.status == .seeOther) }
        }
        #expect(try fixture.store.sittings().map(\.name) == ["Phiên thật"])
    }

    /// The language switch goes back to the page it was pressed on, and only to a page of ours.
    @Test func theLanguageSwitchStaysOnThisServer() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            for referer in ["http://localhost/\\evil.example", "http://localhost//evil.example", "http://localhost/%5Cevil.example",
                            "http://evil.example/delegates", "http://localhost/\\/evil.example", "javascript:alert(1)", "http://localhost/%0d%0aSet-Cookie:x=1"] {
                try await client.execute(uri: "/language/en", method: .get, headers: [.referer: referer]) { r in
                    #expect(r.status == .seeOther)
                    #expect(r.headers[.location] == "/delegates", "\(referer) → \(r.headers[.location] ?? "")")
                }
            }
            try await client.execute(uri: "/language/en", method: .get, headers: [.referer: "http://localhost/delegates?q=nguyen&page=2"]) { r in
                #expect(r.headers[.location] == "/delegates?q=nguyen&page=2")
            }
        }
    }
}
