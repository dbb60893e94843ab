import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// Every action says what it did, on the page it leads back to (post, redirect, get): the
/// message is announced (role="status"), shown once, and says a refusal as plainly as a
/// success.
@Suite("What an action did")
struct ActionMessageTests {
    @Test func theDelegatesPageSaysWhatTheActionDid() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.addPerson(username: "thuky", name: "Tổ thư ký", role: .credentials,
                                        passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 4), actor: "t")
        _ = try fixture.store.openSitting(name: "Phiên chính thức", actor: "t")
        try await fixture.application.test(.router) { client in
            let session = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu đúng"))
            func post(_ path: String, _ fields: [String: String], cookie: String) async throws -> (String?, String?) {
                var headers = WebTests.formHeaders
                headers[.cookie] = cookie
                return try await client.execute(uri: path, method: .post, headers: headers, body: WebTests.form(fields)) { r in
                    #expect(r.status == .seeOther)
                    return (r.headers[.location], r.headers[.setCookie].map { String($0.split(separator: ";")[0]) })
                }
            }
            func get(_ path: String, cookie: String) async throws -> (String, [String]) {
                var headers = HTTPFields.fromOurPages
                headers[.cookie] = cookie
                return try await client.execute(uri: path, method: .get, headers: headers) { r in
                    (String(buffer: r.body), r.headers[values: .setCookie])
                }
            }
            var (location, flash) = try await post("/delegates/DB0001/admit", ["station": "Bàn thư ký", "reason": "Quên thẻ"], cookie: session)
            #expect(location == "/delegates/DB0001")
            var (page, cleared) = try await get("/delegates/DB0001", cookie: "\(session); \(try #require(flash))")
            #expect(page.contains("<p class=\"flash\" role=\"status\">Đã điểm danh thủ công DB0001 (Quên thẻ).</p>"), "\(page)")
            #expect(cleared.contains { $0.hasPrefix("congress_flash=;") && $0.contains("Max-Age=0") }, "shown once")
            (page, _) = try await get("/delegates/DB0001", cookie: session)
            #expect(!page.contains("role=\"status\""), "not shown again")

            // the same again: said as plainly
            (_, flash) = try await post("/delegates/DB0001/admit", ["station": "Bàn thư ký", "reason": "Quên thẻ"], cookie: session)
            (page, _) = try await get("/delegates/DB0001", cookie: "\(session); \(try #require(flash))")
            #expect(page.contains("Chưa điểm danh DB0001: đã điểm danh (từ Bàn thư ký)."), "\(page)")

            (_, flash) = try await post("/delegates/DB0002/absence", ["reason": "Ốm, có đơn"], cookie: session)
            (page, _) = try await get("/delegates/DB0002", cookie: "\(session); \(try #require(flash))")
            #expect(page.contains("Đã ghi DB0002 vắng có lý do: Ốm, có đơn."))
        }
    }
}
