import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

@Suite("Secretariat pages")
struct WebTests {
    static func form(_ fields: [String: String]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics
        return ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&"))
    }

    static var formHeaders: HTTPFields {
        var h = HTTPFields.fromOurPages
        h[.contentType] = "application/x-www-form-urlencoded"
        // a browser says where a form comes from (the socket-free and live test clients ask for localhost)
        h[.origin] = "http://localhost"
        return h
    }

    func signIn(_ client: some TestClientProtocol, _ username: String, _ password: String) async throws -> String? {
        try await client.execute(uri: "/login", method: .post, headers: Self.formHeaders,
                                 body: Self.form(["username": username, "password": password])) { r in
            guard r.status == .seeOther, let cookie = r.headers[.setCookie] else { return nil }
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            return String(cookie.split(separator: ";")[0])
        }
    }

    /// A role signed in as a person reads what the same role's token reads: the delegate
    /// list and each delegate's door history are the secretariat's, on the pages as on the
    /// API (an outside try found the viewer and counting people reading them).
    @Test func aPersonReadsWhatTheRolesTokenReads() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.openSitting(name: "Phiên trù bị", actor: "t")
        for (username, role) in [("xem", Role.viewer), ("kiem", .counting), ("thuky", .credentials)] {
            _ = try fixture.store.addPerson(username: username, name: username, role: role, passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 4), actor: "t")
        }
        try await fixture.application.test(.router) { client in
            // the address alone: signed out, the sign-in form; signed in, the page of one's role
            try await client.execute(uri: "/", method: .get) { #expect($0.status == .seeOther && $0.headers[.location] == "/login") }
            for (username, role) in [("xem", Role.viewer), ("kiem", .counting), ("thuky", .credentials)] {
                var headers = HTTPFields.fromOurPages
                let cookie: String = try #require(try await signIn(client, username, "mật khẩu đúng"))
                headers[.cookie] = cookie
                let home = ["xem": "/board", "kiem": "/elections", "thuky": "/delegates"][username]
                try await client.execute(uri: "/", method: .get, headers: headers) { #expect($0.headers[.location] == home, "\(username)") }
                try await client.execute(uri: home ?? "", method: .get, headers: headers) { #expect($0.status == .ok, "\(username)'s home") }
                let tokenReads = try await client.execute(uri: "/api/v1/delegates", method: .get, headers: fixture.headers(role)) { $0.status == .ok }
                // the downloads of the same list and of the door history too (a second outside
                // try downloaded them as the counting committee)
                for path in ["/delegates", "/delegates/DB0001", "/reports/danh-sach-dai-bieu.csv", "/reports/danh-sach-dai-bieu.xlsx",
                             "/reports/diem-danh.csv"] {
                    try await client.execute(uri: path, method: .get, headers: headers) { r in
                        #expect((r.status == .ok) == tokenReads, "\(role) \(path): \(r.status)")
                        if !path.hasSuffix(".xlsx") { #expect(String(buffer: r.body).contains("Hà Kim Nga") == tokenReads, "\(role) \(path)") }
                    }
                }
            }
        }
    }

    @Test func signInSearchAdmitReissueAndSittings() async throws {
        let fixture = try ServerFixture(signing: true)
        _ = try fixture.store.addPerson(username: "thuky", name: "Tổ thư ký", role: .credentials,
                                        passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 4), actor: "test")
        _ = try fixture.store.addPerson(username: "bantochuc", name: "Ban tổ chức", role: .admin,
                                        passwordHash: Bcrypt.hash("quản trị viên", cost: 4), actor: "test")
        try await fixture.application.test(.router) { client in
            // not signed in: the pages send you to sign in
            try await client.execute(uri: "/delegates", method: .get) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/login")
            }
            #expect(try await signIn(client, "thuky", "sai mật khẩu") == nil)
            let cookie = try #require(try await signIn(client, "THUKY", "mật khẩu đúng"))
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = cookie
            try await client.execute(uri: "/delegates?q=thi%20dao", method: .get, headers: headers) { r in
                #expect(r.status == .ok)
                let page = String(buffer: r.body)
                #expect(page.contains("Hà Thị Hồng Đào"))
                #expect(!page.contains("Trương Đức An"))
            }
            // manual admission from the delegate's page
            _ = try fixture.store.openSitting(name: "Phiên trù bị", actor: "test")
            var post = headers
            post[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/delegates/DB0023/admit", method: .post, headers: post,
                                     body: Self.form(["station": "Bàn thư ký", "reason": "Quên thẻ"])) { #expect($0.status == .seeOther) }
            #expect(try fixture.store.quorum().quorum.present == 1)
            // reissue, then download the new badge
            try await client.execute(uri: "/delegates/DB0023/reissue", method: .post, headers: post,
                                     body: Self.form(["reason": "Mất thẻ"])) { #expect($0.status == .seeOther) }
            #expect(try fixture.store.credentials().first { $0.code == "DB0023" }?.serial == 2)
            try await client.execute(uri: "/delegates/DB0023/badge.png", method: .get, headers: headers) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "image/png")
                #expect(Array(r.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            }
            try await client.execute(uri: "/delegates/DB0023", method: .get, headers: headers) { r in
                let page = String(buffer: r.body)
                #expect(page.contains("Thẻ số 2"))
                #expect(page.contains("Bàn thư ký"))
                #expect(page.contains("Quên thẻ"))
                #expect(page.contains("Phiên trù bị"))
            }
            // the secretariat may not open sittings; the organisers may
            try await client.execute(uri: "/sittings/close", method: .post, headers: post) { #expect($0.status == .forbidden) }
            let admin = try #require(try await signIn(client, "bantochuc", "quản trị viên"))
            var adminPost = HTTPFields.fromOurPages
            adminPost[.cookie] = admin
            adminPost[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/sittings/close", method: .post, headers: adminPost) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/sittings/open", method: .post, headers: adminPost,
                                     body: Self.form(["name": "Phiên chính thức"])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/sittings", method: .get, headers: adminPost) { r in
                let page = String(buffer: r.body)
                #expect(page.contains("Phiên chính thức"))
                #expect(page.contains("Phiên trù bị"))
            }
            // a form posted from another site is refused
            var foreign = adminPost
            foreign[.origin] = "http://evil.example"
            try await client.execute(uri: "/sittings/close", method: .post, headers: foreign) { #expect($0.status == .forbidden) }
            // signing out ends the session
            try await client.execute(uri: "/logout", method: .post, headers: headers) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/delegates", method: .get, headers: headers) { #expect($0.status == .seeOther) }
        }
    }

    /// Two doors offline admitted the same delegate: the second scan reaches the server as a
    /// duplicate, and the delegate's page flags it for the secretariat.
    @Test func duplicateScanIsFlaggedOnTheDelegatesPage() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.addPerson(username: "thuky", name: "Tổ thư ký", role: .credentials,
                                        passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 4), actor: "test")
        _ = try fixture.store.openSitting(name: "Phiên khai mạc", actor: "test")
        let payload = try #require(fixture.payloads["DB0020"])
        let results = try fixture.store.recordScans([
            ScanInput(id: UUID().uuidString, station: "Cửa Đông", payload: payload, scannedAt: "2026-11-21T07:58:00.000Z"),
            ScanInput(id: UUID().uuidString, station: "Cửa Tây", payload: payload, scannedAt: "2026-11-21T07:59:00.000Z"),
        ])
        #expect(results.map(\.verdict) == [.admitted, .alreadyAdmitted])
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await signIn(client, "thuky", "mật khẩu đúng"))
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = cookie
            try await client.execute(uri: "/delegates/DB0020", method: .get, headers: headers) { r in
                let page = String(buffer: r.body)
                #expect(page.components(separatedBy: "quét trùng").count == 2, "one scan flagged")
                #expect(page.contains("Cửa Tây"))
                #expect(page.contains("class=\"duplicate\""))
            }
        }
    }

    /// The secretariat records why a delegate is away from their page; the attendance
    /// download carries it; a delegate already in cannot be recorded absent.
    @Test func absenceReasonFromTheDelegatesPage() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.addPerson(username: "thuky", name: "Tổ thư ký", role: .credentials,
                                        passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 4), actor: "test")
        _ = try fixture.store.openSitting(name: "Phiên trù bị", actor: "test")
        try fixture.store.recordAdmission(code: "DB0023", station: "Cửa A", actor: "test")
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await signIn(client, "thuky", "mật khẩu đúng"))
            var post = Self.formHeaders
            post[.cookie] = cookie
            try await client.execute(uri: "/delegates/DB0024/absence", method: .post, headers: post,
                                     body: Self.form(["reason": "Ốm, có đơn xin phép"])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/delegates/DB0025/absence", method: .post, headers: post,
                                     body: Self.form(["reason": "Đi công tác", "whole": "1"])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/delegates/DB0023/absence", method: .post, headers: post,
                                     body: Self.form(["reason": "Ốm"])) { r in
                #expect(r.status == .conflict)
                #expect(String(buffer: r.body).contains("đã được điểm danh"))
            }
            let recorded = try fixture.store.absences()
            #expect(recorded.map(\.code) == ["DB0024", "DB0025"])
            #expect(recorded.map(\.scope) == [.sitting(1), .wholeCongress])
            #expect(recorded.allSatisfy { $0.actor == "web:thuky" })
            try await client.execute(uri: "/delegates/DB0024", method: .get, headers: post) { r in
                let page = String(buffer: r.body)
                #expect(page.contains("Vắng mặt có lý do"))
                #expect(page.contains("Ốm, có đơn xin phép"))
            }
            try await client.execute(uri: "/reports/diem-danh.csv", method: .get, headers: post) { r in
                #expect(r.status == .ok)
                let rows = String(buffer: r.body).split(whereSeparator: \.isNewline)
                #expect(rows.contains { $0.contains("DB0024") && $0.contains("Ốm, có đơn xin phép") })
                #expect(rows.contains { $0.contains("DB0025") && $0.contains("Đi công tác") })
            }
        }
    }
}
