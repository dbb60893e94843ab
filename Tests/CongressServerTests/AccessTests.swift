import CongressCore
@testable import CongressServer
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

@Suite("Who may call what")
struct AccessTests {
    /// Each route and the roles allowed besides admin, made from the server's table (the
    /// same one APIRoleGate checks and the OpenAPI document is written from), and the hall
    /// screen's page.
    static let routes: [(HTTPRequest.Method, String, Set<Role>)] =
        Routes.table.compactMap { r in r.roles.map { (r.method, r.path.replacingOccurrences(of: "{id}", with: "1"), Set($0)) } }
        + [(.get, "/board", [.viewer, .credentials, .counting])]

    /// The same, written out by hand from RULES.md's who-does-what: the table may not change
    /// a role's rights without this changing too.
    static let written: [(HTTPRequest.Method, String, Set<Role>)] = [
        (.get, "/api/v1/quorum", [.viewer, .kiosk, .credentials, .counting]),
        (.post, "/api/v1/scans", [.kiosk]),
        (.get, "/api/v1/kiosk/bootstrap", [.kiosk]),
        (.get, "/api/v1/changes", [.kiosk]),
        (.get, "/api/v1/delegates", [.credentials, .kiosk]),
        (.post, "/api/v1/admissions", [.credentials, .kiosk]),
        (.post, "/api/v1/admissions/undo", [.credentials]),
        (.get, "/api/v1/sittings", [.viewer, .credentials, .kiosk, .counting]),
        (.post, "/api/v1/sittings", []),
        (.post, "/api/v1/sittings/close", []),
        (.post, "/api/v1/quorum/record", []),
        (.get, "/api/v1/substitutions", [.credentials]),
        (.post, "/api/v1/substitutions", [.credentials]),
        (.post, "/api/v1/substitutions/1/revert", [.credentials]),
        (.get, "/api/v1/board", [.viewer, .credentials, .counting]),
        (.get, "/api/v1/events", [.viewer, .credentials, .counting]),
        (.post, "/api/v1/elections/1/ballots", [.counting]),
        (.post, "/api/v1/elections/1/issues", [.kiosk, .counting]),
        (.get, "/api/v1/elections/1/result", [.counting, .viewer, .credentials]),
        (.get, "/board", [.viewer, .credentials, .counting]),
    ]

    @Test func theTableSaysWhatTheRulesSay() {
        func key(_ r: (HTTPRequest.Method, String, Set<Role>)) -> String { "\(r.0) \(r.1) \(r.2.map(\.rawValue).sorted())" }
        let table = Set(Self.routes.map(key)), rules = Set(Self.written.map(key))
        #expect(table == rules, "only in the table: \(table.subtracting(rules).sorted()); only in the rules: \(rules.subtracting(table).sorted())")
    }

    @Test func everyRouteRefusesMissingRevokedAndWrongTokensAndChangesNothing() async throws {
        let fixture = try ServerFixture()
        let before = try fixture.store.auditEntries().count
        let feedBefore = try fixture.store.feedCursor()
        try await fixture.application.test(.router) { client in
            for (method, path, allowed) in Self.routes {
                try await client.execute(uri: path, method: method, headers: fixture.headers(nil), body: ByteBuffer(string: "{}")) { r in
                    #expect(r.status == .unauthorized, "\(method) \(path) without a token")
                    if path.hasPrefix("/api/") {
                        #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
                        #expect(String(buffer: r.body).contains("\"code\":\"token_required\""), "\(String(buffer: r.body))")
                    } else {
                        // the hall screen opened in a browser without its token: a page that says so
                        #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
                        #expect(String(buffer: r.body).contains("Màn hình hội trường cần mã truy cập của màn hình"))
                    }
                }
                var revoked = HTTPFields()
                revoked[.authorization] = "Bearer \(fixture.revokedToken)"
                try await client.execute(uri: path, method: method, headers: revoked) { r in
                    #expect(r.status == .unauthorized, "\(method) \(path) with a revoked token")
                }
                var unknown = HTTPFields()
                unknown[.authorization] = "Bearer cg_notatoken"
                try await client.execute(uri: path, method: method, headers: unknown) { r in
                    #expect(r.status == .unauthorized, "\(method) \(path) with an unknown token")
                }
                for role in Role.allCases where role != .admin && !allowed.contains(role) {
                    try await client.execute(uri: path, method: method, headers: fixture.headers(role), body: ByteBuffer(string: "{}")) { r in
                        #expect(r.status == .forbidden, "\(method) \(path) as \(role)")
                    }
                }
            }
        }
        #expect(try fixture.store.auditEntries().count == before, "refused requests change nothing")
        #expect(try fixture.store.feedCursor() == feedBefore)
    }

    @Test func kioskCannotChangeDelegatesOrSittings() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/sittings", method: .post, headers: fixture.headers(.kiosk),
                                     body: try body(["name": "Phiên 1"])) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/substitutions", method: .post, headers: fixture.headers(.kiosk),
                                     body: try body(["alternate": "DB0001", "replaced": "DB0002", "decision": "x"])) { #expect($0.status == .forbidden) }
        }
        #expect(try fixture.store.sittings().isEmpty)
        #expect(try fixture.store.substitutions().isEmpty)
    }

    @Test func openAPIDocumentListsEveryRoute() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get) { try json($0) }
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for route in Routes.table {
                #expect(paths[route.path]?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(route.path) documented")
            }
            // the API's routes (the hall screen's page, /board, is a page, not the API's)
            for (method, path, _) in Self.routes where path.hasPrefix("/api/") {
                let templated = path.replacingOccurrences(of: "/1/", with: "/{id}/")
                #expect(paths[templated]?[method.rawValue.lowercased()] != nil, "\(method) \(path) in the document")
            }
            // and every documented route exists: as admin it is never 404
            for route in Routes.table where route.path != "/api/v1/events" {
                let uri = route.path.replacingOccurrences(of: "{id}", with: "999")
                try await client.execute(uri: uri, method: route.method, headers: fixture.headers(.admin), body: ByteBuffer(string: "{}")) { r in
                    #expect(r.status != .notFound || uri.contains("999"), "\(route.method) \(uri) → \(r.status)")
                }
            }
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            let big = ByteBuffer(string: "{\"scans\":[" + String(repeating: " ", count: 600_000) + "]}")
            try await client.execute(uri: "/api/v1/scans", method: .post, headers: fixture.headers(.kiosk), body: big) { r in
                #expect(r.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/v1/scans", method: .post, headers: fixture.headers(.kiosk),
                                     body: ByteBuffer(string: "{\"scans\": 5}")) { r in
                #expect(r.status == .badRequest)
            }
        }
    }

    @Test func pagesCarrySecurityHeaders() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            // the token in the address goes into the screen's cookie, and the address is cleaned of it
            try await client.execute(uri: "/board?token=\(fixture.tokens[.viewer] ?? "")", method: .get) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/board")
                #expect(r.headers[.setCookie]?.hasPrefix("congress_screen=\(fixture.tokens[.viewer] ?? "")") == true)
                #expect(r.headers[.setCookie]?.contains("HttpOnly; SameSite=Strict") == true)
            }
            try await client.execute(uri: "/board", method: .get, headers: [.cookie: "\(HallScreen.cookie)=\(fixture.tokens[.viewer] ?? "")"]) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
                #expect(r.headers[.contentSecurityPolicy] != nil)
                // not no-referrer: under it a browser posts every form with `Origin: null`,
                // which the pages' same-origin check refuses (seen in the browser test)
                #expect(HTTPFields.Element.Name("Referrer-Policy").map { r.headers[$0] } == "same-origin")
                // the hall screen shows the figures before any JavaScript runs
                let page = String(buffer: r.body)
                #expect(page.contains("<span id=\"present\">0</span>"))
                #expect(page.contains("<span id=\"convened\">282</span>"))
                #expect(page.contains("CHƯA ĐỦ điều kiện tiến hành đại hội"))
                #expect(page.contains("Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI — nhiệm kỳ 2023-2028"))
                // the screen's token is kept in a cookie of the screen's own, never written into the page
                #expect(page.contains("data-events=\"/board/events\""))
                #expect(!page.contains(fixture.tokens[.viewer] ?? "-"))
            }
            try await client.execute(uri: "/api/v1/quorum", method: .get) { r in
                #expect(r.headers[.xContentTypeOptions] == "nosniff", "errors too")
            }
        }
    }
}

/// The pages, signed in with a cookie as each role: who may open or post what. Written out
/// apart from the server's checks, so that a change of either is noticed.
@Suite("Who may open which page")
struct PageAccessTests {
    static let signedIn: Set<Role> = [.admin, .credentials, .kiosk, .counting, .viewer]
    /// Every page rule of the server's table (the one PageGate checks), with a path of the fixture.
    static let routes: [(HTTPRequest.Method, String, Set<Role>)] = PageAccess.table.map { rule in
        let path = rule.pattern.replacingOccurrences(of: ":code", with: "DB0001").replacingOccurrences(of: ":username", with: "p-viewer").replacingOccurrences(of: ":sheet", with: "1")
            .replacingOccurrences(of: ":candidate", with: "1")
            .replacingOccurrences(of: ":line", with: "3.jpg").replacingOccurrences(of: ":file", with: rule.pattern.hasPrefix("/reports/elections") ? "bien-ban.pdf" : "tham-tra-tu-cach.json")
            .replacingOccurrences(of: ":id", with: "1")
        return (rule.method, path, rule.roles)
    }

    /// The same, written out by hand: the table may not change a role's rights unnoticed.
    static let written: [(HTTPRequest.Method, String, Set<Role>)] = [
        (.get, "/delegates", [.credentials]),
        (.get, "/delegates/DB0001", [.credentials]),
        (.post, "/delegates/DB0001/admit", [.credentials]),
        (.post, "/delegates/DB0001/absence", [.credentials]),
        (.post, "/delegates/DB0001/reissue", [.credentials]),
        (.get, "/delegates/DB0001/badge.png", [.credentials]),
        (.post, "/substitutions", [.credentials]),
        (.get, "/delegates/import", [.credentials]),
        (.post, "/delegates/import", [.credentials]),
        (.post, "/delegates/import/confirm", [.credentials]),
        (.get, "/badges", [.credentials]),
        (.get, "/badges/print", [.credentials]),
        (.get, "/sittings", [.credentials, .kiosk, .viewer, .counting]),
        (.post, "/sittings/open", []),
        (.post, "/sittings/close", []),
        (.post, "/sittings/quorum", []),
        (.get, "/elections", [.counting]),
        (.get, "/elections/new", [.counting]),
        (.post, "/elections", [.counting]),
        (.get, "/elections/1", [.counting]),
        (.post, "/elections/1/enter", [.counting]),
        (.post, "/elections/1/undo", [.counting]),
        (.post, "/elections/1/correct", [.counting]),
        (.post, "/elections/1/next-round", [.counting]),
        (.post, "/elections/1/candidates/1/withdraw", [.counting]),
        (.post, "/elections/1/publish", [.counting]),
        (.post, "/elections/1/candidates", [.counting]),
        (.post, "/elections/1/committee", [.counting]),
        (.post, "/elections/1/ballots.pdf", [.counting]),
        (.get, "/elections/1/minutes.pdf", [.counting]),
        (.get, "/elections/1/review", [.counting]),
        (.get, "/elections/1/scans.json", [.counting]),
        (.post, "/elections/1/review/1", [.counting]),
        (.get, "/elections/1/scans/1/page.jpg", [.counting]),
        (.get, "/elections/1/scans/1/lines/3.jpg", [.counting]),
        (.get, "/elections/1/desk", [.counting, .credentials]),
        (.post, "/elections/1/desk", [.counting, .credentials]),
        (.get, "/devices", []),
        (.post, "/devices", []),
        (.post, "/devices/1/revoke", []),
        (.post, "/devices/people", []),
        (.post, "/devices/people/p-viewer/disable", []),
        (.post, "/devices/people/p-viewer/password", []),
        (.post, "/devices/people/p-viewer/unlock", []),
        (.get, "/reports", [.credentials, .counting]),
        (.get, "/reports/tham-tra-tu-cach.json", [.credentials, .counting]),
        (.get, "/reports/elections/1/bien-ban.pdf", [.credentials, .counting]),
    ]

    @Test func theTableSaysWhatTheRulesSay() {
        func key(_ r: (HTTPRequest.Method, String, Set<Role>)) -> String { "\(r.0) \(r.1) \(r.2.map(\.rawValue).sorted())" }
        let table = Set(Self.routes.map(key)), rules = Set(Self.written.map(key))
        #expect(table == rules, "only in the table: \(table.subtracting(rules).sorted()); only in the rules: \(rules.subtracting(table).sorted())")
    }

    @Test func everyPageForEveryRole() async throws {
        let fixture = try ServerFixture()
        for role in Role.allCases {
            _ = try fixture.store.addPerson(username: "p-\(role.rawValue)", name: "Người \(role.rawValue)", role: role,
                                            passwordHash: Bcrypt.hash("mật khẩu \(role.rawValue)", cost: 4), actor: "t")
        }
        _ = try fixture.store.createElection(body: .inspectionCommittee, title: "Bầu Ủy ban Kiểm tra", seats: 1, actor: "t")
        try await fixture.application.test(.router) { client in
            var cookies: [Role: String] = [:]
            for role in Role.allCases {
                let cookie = try #require(try await WebTests().signIn(client, "p-\(role.rawValue)", "mật khẩu \(role.rawValue)"))
                cookies[role] = cookie
            }
            let before = try fixture.store.auditEntries().count
            // first every refusal (nothing may change), then the allowed requests
            for (method, path, allowed) in Self.routes {
                try await client.execute(uri: path, method: method, headers: WebTests.formHeaders) { r in
                    if method == .get {
                        // a page sends you to sign in; a download says 401
                        #expect(r.status == .seeOther && r.headers[.location] == "/login" || r.status == .unauthorized,
                                "\(method) \(path) signed out → \(r.status)")
                    } else {
                        #expect(r.status == .unauthorized, "\(method) \(path) signed out → \(r.status)")
                    }
                }
                for role in Role.allCases where role != .admin && !allowed.contains(role) {
                    var h = WebTests.formHeaders
                    h[.cookie] = cookies[role]
                    try await client.execute(uri: path, method: method, headers: h) { r in
                        if method == .get {
                            #expect(r.status == .seeOther || r.status == .forbidden, "\(method) \(path) as \(role) → \(r.status)")
                        } else {
                            #expect(r.status == .forbidden, "\(method) \(path) as \(role) → \(r.status)")
                        }
                    }
                }
            }
            #expect(try fixture.store.auditEntries().count == before, "refused requests change nothing")
            for (method, path, allowed) in Self.routes where method == .get {
                for role in allowed.union([.admin]) {
                    var h = WebTests.formHeaders
                    h[.cookie] = cookies[role]
                    try await client.execute(uri: path, method: method, headers: h) { r in
                        // a scanned sheet shows a vote: the committee's alone, like a sealed count
                        let sealed = path.contains("/elections/1/minutes") || path.contains("/reports/elections/1/") || path.contains("/review")
                            || path.contains("/scans/")
                        var expected: Set<HTTPResponse.Status> = sealed && role != .counting ? [.forbidden] : [.ok]
                        if path.contains("/scans/"), role == .counting { expected = [.notFound] }  // no sheet scanned here
                        if path.hasSuffix("/review"), role != .counting { expected = [.seeOther] }  // sent to sign in as the committee
                        #expect(expected.contains(r.status), "\(method) \(path) as \(role) → \(r.status)")
                    }
                }
            }
        }
    }
}
