import CongressCore
import CongressServer
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing
import TestSupport

/// What an attacker in the hall would try (the routes × tokens matrix is in AccessTests;
/// cookie flags and headers in WebTests).
@Suite("Security")
struct SecurityTests {
    /// Names and searches with markup and SQL in them are stored as written and shown as
    /// text, never run.
    @Test func hostileTextIsKeptAndEscaped() async throws {
        let hostile = [
            ("DB9001", "<script>alert(1)</script> Nguyễn Văn Độc"),
            ("DB9002", "'; DROP TABLE delegate; -- Trần Thị Hại"),
            ("DB9003", "\u{202E}Lê Văn Ngược \"quoted\" & <b>"),
        ]
        var list = try TestSupportList.fixture()
        for (code, name) in hostile {
            list.append(Delegate(code: code, name: name, sex: .male, delegation: "<i>Đoàn</i>", kind: .elected))
        }
        let fixture = try ServerFixture(delegates: list)
        _ = try fixture.store.addPerson(username: "thuky", name: "<Thư ký>", role: .credentials, passwordHash: Bcrypt.hash("mk", cost: 4), actor: "t")
        #expect(try fixture.store.delegate(code: "DB9002")?.name == hostile[1].1, "stored exactly as written")
        #expect(try fixture.store.delegates().count == list.count, "the table is still there")
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mk"))
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = cookie
            let search = "%3Cscript%3Ealert(2)%3C%2Fscript%3E"
            let page = try await client.execute(uri: "/delegates?q=\(search)", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(!page.contains("<script>alert(2)</script>"))
            #expect(page.contains("&lt;script&gt;alert(2)&lt;&#x2F;script&gt;") || page.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
            let all = try await client.execute(uri: "/delegates?q=doc", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(all.contains("&lt;script&gt;alert(1)&lt;"), "a name with markup shown as text")
            #expect(!all.contains("<script>alert(1)"))
            let one = try await client.execute(uri: "/delegates/DB9003", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(one.contains("Ngược &quot;quoted&quot; &amp; &lt;b&gt;"), "the name shown as text")
            #expect(one.contains("&lt;i&gt;Đoàn&lt;"), "the delegation shown as text")
            #expect(!one.contains("<i>Đoàn"))
            try await client.execute(uri: "/api/v1/delegates?search=drop%20table", method: .get, headers: fixture.headers(.credentials)) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("DB9002"))
            }
        }
    }

    /// Downloads take names from a fixed list: a path in the name finds nothing.
    @Test func noPathTraversalInDownloads() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.addPerson(username: "thuky", name: "Thư ký", role: .credentials, passwordHash: Bcrypt.hash("mk", cost: 4), actor: "t")
        _ = try fixture.store.openSitting(name: "P", actor: "t")
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mk"))
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = cookie
            for uri in ["/reports/..%2F..%2F..%2Fetc%2Fpasswd", "/reports/%2Fetc%2Fpasswd", "/reports/..%2Fc.db",
                        "/reports/elections/1/..%2F..%2Fc.db.key", "/delegates/..%2F..%2Fetc%2Fpasswd/badge.png"] {
                try await client.execute(uri: uri, method: .get, headers: headers) { r in
                    #expect(r.status == .notFound || r.status == .badRequest, "\(uri) → \(r.status)")
                    #expect(!String(buffer: r.body).contains("root:"))
                }
            }
        }
    }

    /// The private key is in its own file and nowhere else: not in any answer, not in the
    /// database (so not in a copy of it), not in an export.
    @Test func privateKeyAppearsNowhere() async throws {
        let fixture = try ServerFixture(signing: true)
        _ = try fixture.store.openSitting(name: "P", actor: "t")
        let raw = fixture.key.rawRepresentation
        let needles = [raw.base64EncodedString(), raw.map { String(format: "%02x", $0) }.joined(),
                       Base32.encode(Array(raw)), String(decoding: raw, as: UTF8.self)].filter { $0.count >= 16 }
        var seen = try await fixture.application.test(.router) { client -> [String] in
            var bodies: [String] = []
            for (path, role) in [("/api/v1/kiosk/bootstrap", Role.kiosk), ("/api/v1/board", .viewer), ("/api/v1/delegates", .credentials),
                                 ("/api/v1/sittings", .viewer), ("/api/v1/openapi.json", .viewer), ("/board", .viewer),
                                 ("/api/v1/changes?since=0", .kiosk), ("/api/v1/quorum", .kiosk)] {
                bodies.append(try await client.execute(uri: path, method: .get, headers: fixture.headers(role)) { String(buffer: $0.body) })
            }
            return bodies
        }
        let database = try Data(contentsOf: fixture.directory.appendingPathComponent("c.db"))
        seen.append(String(decoding: database, as: UTF8.self))
        seen.append(String(decoding: try DelegateListFileExport.csv(fixture.store), as: UTF8.self))
        for text in seen {
            for needle in needles { #expect(!text.contains(needle)) }
        }
        #expect(!database.range(of: raw).map { _ in true }.isSome, "the raw key bytes are not in the database file")
    }

    /// Bodies over the limit are refused before they are read, on the API and on the pages.
    @Test func oversizedBodiesAreRefusedEverywhere() async throws {
        let fixture = try ServerFixture()
        let big = ByteBuffer(string: String(repeating: "x", count: 600_000))
        try await fixture.application.test(.router) { client in
            for (path, role) in [("/api/v1/admissions", Role.credentials), ("/api/v1/elections/1/ballots", .counting),
                                 ("/login", nil), ("/elections/1/enter", .counting)] {
                var headers = fixture.headers(role)
                headers[.contentType] = path.hasPrefix("/api") ? "application/json" : "application/x-www-form-urlencoded"
                headers[.origin] = "http://localhost"
                try await client.execute(uri: path, method: .post, headers: headers, body: big) { r in
                    #expect(r.status == .contentTooLarge || r.status == .unauthorized, "\(path) → \(r.status)")
                }
            }
        }
    }
}

extension Optional {
    var isSome: Bool { self != nil }
}

/// The fixture list, for tests that add to it.
enum TestSupportList {
    static func fixture() throws -> [Delegate] {
        try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
    }
}

/// The delegate list as the secretariat exports it.
enum DelegateListFileExport {
    static func csv(_ store: CongressStore) throws -> Data {
        try DelegateListFile.export(try store.delegates(), format: .csv)
    }
}
