import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// The pages follow the language switch (kept in a cookie), else the browser's
/// Accept-Language, else Vietnamese; the API's refusals carry a stable code and a message
/// in the asker's language.
@Suite("Vietnamese and English")
struct LanguageTests {
    static func page(_ client: some TestClientProtocol, _ path: String, cookie: String, accept: String? = nil) async throws -> String {
        var headers = HTTPFields.fromOurPages
        headers[.cookie] = cookie
        if let accept { headers[.acceptLanguage] = accept }
        return try await client.execute(uri: path, method: .get, headers: headers) { ImportPageTests.words(String(buffer: $0.body)) }
    }

    @Test func theSwitchTheBrowserAndTheDefault() async throws {
        let fixture = try ServerFixture()
        try ImportPageTests.clerk(fixture)
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let vietnamese = try await Self.page(client, "/delegates/DB0001", cookie: cookie)
            #expect(vietnamese.contains("Được tính vào túc số") && vietnamese.contains("English"), "Vietnamese by default, with the switch")
            let asked = try await Self.page(client, "/delegates/DB0001", cookie: cookie, accept: "fr-FR, en-US;q=0.8, vi;q=0.5")
            #expect(asked.contains("Counts towards the quorum") && asked.contains("Tiếng Việt"), "the browser's first language we have")
            #expect(asked.contains("Ex officio") && asked.contains("Hà Kim Nga"), "the kind translated, the name as it is")

            // the switch, pressed on a delegate's page: back to the same page, in English from now on
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = cookie
            headers[.referer] = "http://localhost/delegates/DB0001"
            let (status, location, set) = try await client.execute(uri: "/language/en", method: .get, headers: headers) {
                ($0.status, $0.headers[.location], $0.headers[.setCookie] ?? "")
            }
            #expect(status == .seeOther && location == "/delegates/DB0001", "\(String(describing: location))")
            #expect(set.hasPrefix("congress_lang=en;") && set.contains("Max-Age=31536000"))
            let switched = cookie + "; congress_lang=en"
            let english = try await Self.page(client, "/delegates?q=nga", cookie: switched, accept: "vi")
            #expect(english.contains("Find a delegate") && english.contains("1 delegates"), "the cookie wins over the browser: \(english.prefix(300))")
            // and back
            headers[.referer] = "http://evil.example/delegates"
            let back = try await client.execute(uri: "/language/vi", method: .get, headers: headers) { $0.headers[.location] }
            #expect(back == "/delegates", "another site's page is not a way back")
            let again = try await Self.page(client, "/sittings", cookie: cookie + "; congress_lang=vi", accept: "en")
            #expect(again.contains("Phiên họp") && !again.contains("Sittings "))
        }
    }

    /// A flash after an action is said in the language of the person who acted.
    @Test func whatAnActionDidIsSaidInTheirLanguage() async throws {
        let fixture = try ServerFixture()
        try ImportPageTests.clerk(fixture)
        _ = try fixture.store.openSitting(name: "Phiên chính thức", actor: "t")
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky")) + "; congress_lang=en"
            var headers = WebTests.formHeaders
            headers[.cookie] = cookie
            let flash = try await client.execute(uri: "/delegates/DB0007/admit", method: .post, headers: headers,
                                                 body: WebTests.form(["station": "Desk", "reason": "Badge forgotten"])) {
                String(try #require($0.headers[.setCookie]).split(separator: ";")[0])
            }
            let page = try await Self.page(client, "/delegates/DB0007", cookie: cookie + "; " + flash)
            #expect(page.contains("DB0007 admitted by hand (Badge forgotten)."), "\(page.prefix(400))")
            let refused = try await Self.page(client, "/delegates/NOPE", cookie: cookie)
            #expect(refused.contains("Could not be done") && refused.contains("There is no delegate NOPE."), "a refused page, in English: \(refused.prefix(300))")
        }
    }

    /// The API's refusals: a stable code for programs, the message in the asker's language.
    @Test func apiRefusalsCarryACodeAndAMessage() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.openSitting(name: "Phiên chính thức", actor: "t")
        try await fixture.application.test(.router) { client in
            func error(_ path: String, _ method: HTTPRequest.Method, role: Role?, language: String?, body: String = "{}") async throws
                -> (HTTPResponse.Status, String?, String?) {
                var headers = fixture.headers(role)
                if let language { headers[.acceptLanguage] = language }
                return try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: body)) { r in
                    let detail = (try? json(r))?["error"] as? [String: Any]
                    return (r.status, detail?["code"] as? String, detail?["message"] as? String)
                }
            }
            var (status, code, message) = try await error("/api/v1/admissions", .post, role: .credentials, language: "en",
                                                          body: #"{"code":"NOPE","station":"A","reason":"Badge forgotten"}"#)
            #expect(status == .notFound && code == "unknown_delegate" && message == "There is no delegate with code NOPE.", "\(String(describing: message))")
            (status, code, message) = try await error("/api/v1/admissions", .post, role: .credentials, language: nil,
                                                      body: #"{"code":"NOPE","station":"A","reason":"Quên thẻ"}"#)
            #expect(code == "unknown_delegate" && message == "Không có đại biểu mã NOPE.", "Vietnamese by default")
            (status, code, message) = try await error("/api/v1/sittings", .post, role: .viewer, language: "en")
            #expect(status == .forbidden && code == "role_forbidden" && message == "The viewer role may not do this.")
            (status, code, message) = try await error("/api/v1/quorum", .get, role: nil, language: "vi")
            #expect(status == .unauthorized && code == "token_required" && message?.hasPrefix("Cần mã truy cập hợp lệ") == true)
            // the framework's own refusals are said too: a body that is not JSON, a route that is not there
            (status, code, message) = try await error("/api/v1/admissions", .post, role: .credentials, language: "en", body: "not json")
            #expect(status == .badRequest && code == "bad_request" && message?.hasPrefix("The request is not well formed.") == true, "\(String(describing: message))")
            (status, code, message) = try await error("/api/v1/nothing-here", .get, role: .viewer, language: "vi")
            #expect(status == .notFound && code == "not_found" && message?.hasPrefix("Không có trang hoặc mục này.") == true)
        }
    }

    @Test func acceptLanguageIsReadAsBrowsersWriteIt() {
        for (header, expected) in [("", Language.vi), ("en", .en), ("en-US,en;q=0.9", .en), ("vi-VN,vi;q=0.9,en-US;q=0.8", .vi),
                                   ("fr;q=1, en;q=0.2, vi;q=0.7", .vi), ("de, fr", .vi), ("en;q=0", .vi), ("EN-gb", .en), ("eng", .vi)] {
            #expect(LanguageChoice.accepted(header) == expected, "«\(header)»")
        }
    }
}
