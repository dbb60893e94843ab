import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// The administrator makes a kiosk's token on the web: shown once with the command that
/// starts the kiosk, never cached; it works at once; revoked in one click, it is refused at
/// once. Nobody else may see or make one.
@Suite("Devices and their tokens")
struct DevicesPageTests {
    @Test func makeATokenSeeItOnceRevokeIt() async throws {
        let fixture = try ServerFixture()
        for (user, role) in [("bantochuc", Role.admin), ("thuky", .credentials)] {
            _ = try fixture.store.addPerson(username: user, name: "Người \(user)", role: role, passwordHash: Bcrypt.hash("mật khẩu \(user)", cost: 4), actor: "t")
        }
        try await fixture.application.test(.router) { client in
            let admin = try #require(try await WebTests().signIn(client, "bantochuc", "mật khẩu bantochuc"))
            let clerk = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            func post(_ cookie: String, _ path: String, _ fields: [String: String]) async throws -> (HTTPResponse.Status, String, HTTPFields) {
                var headers = WebTests.formHeaders
                headers[.cookie] = cookie
                return try await client.execute(uri: path, method: .post, headers: headers, body: WebTests.form(fields)) {
                    ($0.status, String(buffer: $0.body), $0.headers)
                }
            }
            func get(_ cookie: String, _ path: String) async throws -> (HTTPResponse.Status, String) {
                var headers = HTTPFields.fromOurPages
                headers[.cookie] = cookie
                return try await client.execute(uri: path, method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
            }
            #expect(try await get(clerk, "/devices").0 == .seeOther, "the secretariat is sent to sign in as admin")
            #expect(try await post(clerk, "/devices", ["name": "Cửa B", "role": "kiosk"]).0 == .forbidden)

            let (status, page, headers) = try await post(admin, "/devices", ["name": "Cửa A", "role": "kiosk"])
            #expect(status == .ok && headers[.cacheControl] == "no-store")
            let token = try #require(page.range(of: "cg_[a-z0-9]+", options: .regularExpression).map { String(page[$0]) })
            // the command to copy, with the server's address as the browser reached it
            #expect(page.range(of: "kiosk --server http://[^ ]+ --token \(token) --station (&#39;|')Cửa A(&#39;|')", options: .regularExpression) != nil,
                    "\(page)")
            var bearer = HTTPFields.fromOurPages
            bearer[.authorization] = "Bearer \(token)"
            #expect(try await client.execute(uri: "/api/v1/kiosk/bootstrap", method: .get, headers: bearer) { $0.status } == .ok, "it works at once")

            var list = try await get(admin, "/devices").1
            #expect(!list.contains(token), "shown once")
            #expect(list.contains("Cửa A") && list.contains("máy quét ở cửa") && list.contains("đang dùng"))
            let id = try #require(try fixture.store.tokens().first { $0.name == "Cửa A" }?.id)
            let (revoked, _, back) = try await post(admin, "/devices/\(id)/revoke", [:])
            #expect(revoked == .seeOther && back[.location] == "/devices")
            var cookie = admin
            if let flash = back[.setCookie] { cookie += "; " + String(flash.split(separator: ";")[0]) }
            list = try await get(cookie, "/devices").1
            #expect(list.contains("Đã thu hồi mã của «Cửa A»") && list.contains("thu hồi lúc"), "\(list)")
            #expect(try await client.execute(uri: "/api/v1/kiosk/bootstrap", method: .get, headers: bearer) { $0.status } == .unauthorized,
                    "refused at once")
        }
    }

    /// The administrator adds the people who sign in, each with a first password; they can
    /// sign in at once. A short password or a name already taken adds nobody.
    @Test func addThePeopleWhoSignIn() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.addPerson(username: "bantochuc", name: "Ban tổ chức", role: .admin,
                                        passwordHash: Bcrypt.hash("mật khẩu bantochuc", cost: 4), actor: "t")
        try await fixture.application.test(.router) { client in
            let admin = try #require(try await WebTests().signIn(client, "bantochuc", "mật khẩu bantochuc"))
            func post(_ fields: [String: String]) async throws -> (HTTPResponse.Status, String, String?) {
                var headers = WebTests.formHeaders
                headers[.cookie] = admin
                return try await client.execute(uri: "/devices/people", method: .post, headers: headers, body: WebTests.form(fields)) {
                    ($0.status, String(buffer: $0.body), $0.headers[.setCookie].map { String($0.split(separator: ";")[0]) })
                }
            }
            var (status, page, flash) = try await post(["username": "kiemphieu2", "name": "Lê Văn Kiểm", "role": "counting", "password": "ngắn"])
            #expect(status == .badRequest && page.contains("mật khẩu cần ít nhất 8 ký tự"))
            #expect(try fixture.store.people().map(\.username) == ["bantochuc"], "nobody added")
            (status, _, flash) = try await post(["username": "kiemphieu2", "name": "Lê Văn Kiểm", "role": "counting", "password": "mật khẩu dài"])
            #expect(status == .seeOther)
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = admin + "; " + (flash ?? "")
            let list = try await client.execute(uri: "/devices", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(list.contains("Đã thêm kiemphieu2 (ban kiểm phiếu)") && list.contains("<td>Lê Văn Kiểm</td>"), "\(list)")
            #expect(try await WebTests().signIn(client, "kiemphieu2", "mật khẩu dài") != nil, "signs in at once")
            (status, page, _) = try await post(["username": "kiemphieu2", "name": "Người khác", "role": "viewer", "password": "mật khẩu khác"])
            // said as what it is: the name is taken (not "the file exists", as an outside try found)
            #expect(status == .conflict && page.contains("Chưa thêm") && page.contains("Đã có người đăng nhập bằng tên «kiemphieu2»"), "\(status)")
            #expect(try fixture.store.people().count == 2)
        }
    }

    /// A clerk who leaves is disabled: signed out at once and cannot sign in again; a
    /// password someone saw is replaced: the old one and the sessions opened with it stop
    /// working. The administrator cannot disable themselves.
    @Test func disableAPersonAndSetANewPassword() async throws {
        let fixture = try ServerFixture()
        for (user, role) in [("bantochuc", Role.admin), ("thuky", .credentials), ("kiemphieu", .counting)] {
            _ = try fixture.store.addPerson(username: user, name: "Người \(user)", role: role, passwordHash: Bcrypt.hash("mật khẩu \(user)", cost: 4), actor: "t")
        }
        try await fixture.application.test(.router) { client in
            let web = WebTests()
            let admin = try #require(try await web.signIn(client, "bantochuc", "mật khẩu bantochuc"))
            let clerk = try #require(try await web.signIn(client, "thuky", "mật khẩu thuky"))
            let counter = try #require(try await web.signIn(client, "kiemphieu", "mật khẩu kiemphieu"))
            func post(_ path: String, _ fields: [String: String] = [:]) async throws -> (HTTPResponse.Status, String) {
                var headers = WebTests.formHeaders
                headers[.cookie] = admin
                return try await client.execute(uri: path, method: .post, headers: headers, body: WebTests.form(fields)) {
                    ($0.status, $0.headers[.setCookie].map { String($0.split(separator: ";")[0]) } ?? String(buffer: $0.body))
                }
            }
            func status(_ cookie: String, _ path: String) async throws -> HTTPResponse.Status {
                var headers = HTTPFields.fromOurPages
                headers[.cookie] = cookie
                return try await client.execute(uri: path, method: .get, headers: headers) { $0.status }
            }
            #expect(try await status(clerk, "/delegates") == .ok)

            let (disabled, flash) = try await post("/devices/people/thuky/disable")
            #expect(disabled == .seeOther)
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = admin + "; " + flash
            let page = try await client.execute(uri: "/devices", method: .get, headers: headers) { ImportPageTests.words(String(buffer: $0.body)) }
            #expect(page.contains("Đã vô hiệu hoá thuky: người đó không đăng nhập được nữa và đã bị đăng xuất."), "\(page.prefix(300))")
            #expect(!page.contains("Người thuky"), "no longer among the people who sign in")
            #expect(try await status(clerk, "/delegates") == .seeOther, "signed out at once")
            #expect(try await web.signIn(client, "thuky", "mật khẩu thuky") == nil, "cannot sign in again")

            let (short, _) = try await post("/devices/people/kiemphieu/password", ["password": "ngắn"])
            #expect(short == .badRequest)
            #expect(try await status(counter, "/elections") == .ok, "a refused change changes nothing")
            let (changed, _) = try await post("/devices/people/kiemphieu/password", ["password": "mật khẩu mới dài"])
            #expect(changed == .seeOther)
            #expect(try await status(counter, "/elections") == .seeOther, "the sessions opened with the old password are closed")
            #expect(try await web.signIn(client, "kiemphieu", "mật khẩu kiemphieu") == nil)
            #expect(try await web.signIn(client, "kiemphieu", "mật khẩu mới dài") != nil)

            let (itself, _) = try await post("/devices/people/bantochuc/disable")
            #expect(itself == .conflict, "nobody disables their own account")
            #expect(try await status(admin, "/devices") == .ok)
            let (nobody, _) = try await post("/devices/people/ai-do/disable")
            #expect(nobody == .notFound)
        }
        let actions = try fixture.store.auditEntries().map(\.action)
        #expect(actions.contains("person.disable") && actions.contains("person.password"))
    }
}
