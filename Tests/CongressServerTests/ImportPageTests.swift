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

/// The delegate list uploaded on the web: every error named by row and column, or a
/// preview; nothing changes until the person confirms, and then exactly what was previewed.
@Suite("Importing the delegate list on the web")
struct ImportPageTests {
    /// A browser's multipart/form-data upload of one file in the field `file`.
    static func upload(_ data: Data, name: String, cookie: String) -> (HTTPFields, ByteBuffer) {
        let boundary = "----congressTestBoundary7MA4YWxkTrZu0gW"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = HTTPFields.fromOurPages
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        headers[.cookie] = cookie
        return (headers, ByteBuffer(data: body))
    }

    static func clerk(_ fixture: ServerFixture, _ username: String = "thuky", role: Role = .credentials) throws {
        _ = try fixture.store.addPerson(username: username, name: "Tổ thư ký", role: role,
                                        passwordHash: Bcrypt.hash("mật khẩu \(username)", cost: 4), actor: "test")
    }

    struct Page { var status: HTTPResponse.Status; var text: String; var headers: HTTPFields }

    static func post(_ client: some TestClientProtocol, file: String, as name: String? = nil, cookie: String) async throws -> Page {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(file)))
        let (headers, body) = upload(data, name: name ?? (file as NSString).lastPathComponent, cookie: cookie)
        return try await client.execute(uri: "/delegates/import", method: .post, headers: headers, body: body) {
            Page(status: $0.status, text: String(buffer: $0.body), headers: $0.headers)
        }
    }

    static func confirm(_ client: some TestClientProtocol, _ page: Page, cookie: String, extra: [String: String] = [:]) async throws -> Page {
        let id = try #require(page.text.range(of: #"name="preview" value="([0-9a-f]{32})""#, options: .regularExpression)
            .map { String(page.text[$0].dropFirst(#"name="preview" value=""#.count).prefix(32)) })
        var headers = WebTests.formHeaders
        headers[.cookie] = cookie
        return try await client.execute(uri: "/delegates/import/confirm", method: .post, headers: headers,
                                        body: WebTests.form(["preview": id].merging(extra) { a, _ in a })) {
            Page(status: $0.status, text: String(buffer: $0.body), headers: $0.headers)
        }
    }

    /// The page's text as a person reads it: tags gone, entities decoded, spaces folded.
    static func words(_ html: String) -> String {
        // inline elements run on with the words around them; the rest break the text
        var text = html.replacingOccurrences(of: "</?(b|i|a|span|del|ins|code|small|label|abbr)( [^>]*)?>", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, char) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            text = text.replacingOccurrences(of: entity, with: char)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func everyErrorIsNamedByRowAndColumnAndNothingChanges() async throws {
        let fixture = try ServerFixture()
        try Self.clerk(fixture)
        let before = try fixture.store.delegates()
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let page = try await Self.post(client, file: "bad/many-errors.csv", cookie: cookie)
            #expect(page.status == .unprocessableContent)
            let text = Self.words(page.text)
            // every error the CLI reports, each in a row of the table: row, column letter, header
            let expected = DelegateListFile.read(path: Fixtures.path("bad/many-errors.csv")).errors
            #expect(expected.count >= 2)
            #expect(text.contains("\(expected.count) lỗi trong many-errors.csv — chưa nhập gì"), "\(text.prefix(600))")
            for error in expected {
                let row = [error.source, error.row.map(String.init) ?? "—", error.column ?? "—", error.header ?? "",
                           error.wrong(.vi), error.remedy(.vi) ?? ""].joined(separator: " ")
                #expect(text.contains(Self.words(row)), "missing row: \(row)")
            }
            #expect(!page.text.contains("name=\"preview\""), "nothing to confirm")
        }
        #expect(try fixture.store.delegates() == before)
    }

    @Test func previewThenConfirmAppliesExactlyWhatWasShown() async throws {
        let fixture = try ServerFixture(signing: true)
        try Self.clerk(fixture)
        let before = try fixture.store.delegates()
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let page = try await Self.post(client, file: "delegates-updated.csv", cookie: cookie)
            #expect(page.status == .ok && page.headers[.cacheControl] == "no-store")
            let text = Self.words(page.text)
            #expect(text.contains("Xem trước: delegates-updated.csv, 301 đại biểu"), "\(text.prefix(800))")
            #expect(text.contains("Nếu xác nhận: thêm 2, sửa 4, xoá 1, giữ nguyên 295. Chưa có gì thay đổi."))
            // who is added, removed, and each changed field before → after
            for code in ["DB0301", "DB0302", "DB0121", "DB0004", "DB0011", "DB0043", "DB0100"] { #expect(text.contains(code), "\(code)") }
            let updated = try DelegateListFile.read(path: Fixtures.path("delegates-updated.csv")).validated()
            let change = try #require(DelegateListChanges(from: before, to: updated).changed.first)
            let field = try #require(change.fields.first)
            #expect(text.contains("\(field.vietnameseHeader): \(DelegateListExport.value(of: field, in: change.before)) → \(DelegateListExport.value(of: field, in: change.after))"))
            #expect(try fixture.store.delegates() == before, "an upload changes nothing")

            let done = try await Self.confirm(client, page, cookie: cookie)
            #expect(done.status == .seeOther && done.headers[.location] == "/delegates")
            #expect(try fixture.store.delegates() == updated)
            // the list it leads back to says what was done
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = cookie + "; " + String(try #require(done.headers[.setCookie]).split(separator: ";")[0])
            let list = try await client.execute(uri: "/delegates", method: .get, headers: headers) { Self.words(String(buffer: $0.body)) }
            #expect(list.contains("Đã nhập 301 đại biểu từ delegates-updated.csv: thêm 2, sửa 4, xoá 1, giữ nguyên 295."), "\(list.prefix(500))")
            // the server holds the key: the two new badges are signed, ready to print
            #expect(list.contains("Đã ký 2 thẻ mới; in được ngay"))
            #expect(try fixture.store.credentials().filter { $0.payload == nil }.isEmpty)
            // the same preview cannot be confirmed twice
            let again = try await Self.confirm(client, page, cookie: cookie)
            #expect(again.status == .conflict && Self.words(again.text).contains("Bản xem trước này không còn"))
        }
        let audit = try fixture.store.auditEntries().filter { $0.action == "delegates.import" }
        #expect(audit.last?.actor == "web:thuky")
    }

    @Test func aListChangedAfterThePreviewIsRefused() async throws {
        let fixture = try ServerFixture()
        try Self.clerk(fixture)
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let page = try await Self.post(client, file: "delegates-updated.csv", cookie: cookie)
            // meanwhile someone at the command line imports a list with one more delegate changed
            var other = try fixture.store.delegates()
            other[0].name = "Hà Kim Ngân"
            try fixture.store.importDelegates(other, source: "cli", actor: "cli")
            let refused = try await Self.confirm(client, page, cookie: cookie)
            #expect(refused.status == .conflict)
            #expect(Self.words(refused.text).contains("Danh sách đại biểu đã thay đổi từ lúc xem trước"), "\(Self.words(refused.text).prefix(400))")
            #expect(try fixture.store.delegates() == other, "nothing of the preview applied")
        }
    }

    @Test func anAdmittedDelegateIsNeverRemovedAndAPartialListAsksFirst() async throws {
        let fixture = try ServerFixture()
        try Self.clerk(fixture)
        _ = try fixture.store.openSitting(name: "Phiên chính thức", actor: "test")
        _ = try fixture.store.admitManually(code: "DB0121", station: "Bàn", reason: "Quên thẻ", actor: "test")
        let before = try fixture.store.delegates()
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let page = try await Self.post(client, file: "delegates-updated.csv", cookie: cookie)
            let text = Self.words(page.text)
            #expect(text.contains("Chưa nhập: Danh sách mới thiếu 1 đại biểu đã được điểm danh"), "\(text.prefix(600))")
            #expect(!page.text.contains("name=\"preview\""), "no confirmation offered")

            // ten delegates for a list of 300: most would go, the confirmation asks for a tick
            let ten = Array(before.filter { $0.code != "DB0121" }.prefix(10)) + before.filter { $0.code == "DB0121" }
            let data = try DelegateListFile.export(ten, format: .xlsx)
            let (headers, body) = Self.upload(data, name: "mot-doan.xlsx", cookie: cookie)
            let partial = try await client.execute(uri: "/delegates/import", method: .post, headers: headers, body: body) {
                Page(status: $0.status, text: String(buffer: $0.body), headers: $0.headers)
            }
            #expect(Self.words(partial.text).contains("Danh sách mới xoá 289 trong số 300 đại biểu hiện có"))
            #expect(partial.text.contains(#"name="replace_all" value="1" required"#))
            let unticked = try await Self.confirm(client, partial, cookie: cookie)
            #expect(unticked.status == .conflict && Self.words(unticked.text).contains("Danh sách mới sẽ xoá 289 trong số 300"))
            #expect(try fixture.store.delegates() == before)
        }
    }

    @Test func tooLargeWrongFormatOtherPeople() async throws {
        let fixture = try ServerFixture()
        try Self.clerk(fixture)
        try Self.clerk(fixture, "thuky2")
        try Self.clerk(fixture, "xem", role: .viewer)
        let before = try fixture.store.delegates()
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let (headers, body) = Self.upload(Data(repeating: 0x41, count: 5 * 1024 * 1024), name: "to.csv", cookie: cookie)
            let big = try await client.execute(uri: "/delegates/import", method: .post, headers: headers, body: body) {
                Page(status: $0.status, text: String(buffer: $0.body), headers: $0.headers)
            }
            #expect(big.status == .contentTooLarge && Self.words(big.text).contains("giới hạn tải lên là 4 MB"))

            let xls = try await Self.post(client, file: "bad/old-excel.xls", cookie: cookie)
            #expect(xls.status == .unprocessableContent && Self.words(xls.text).contains("Sổ làm việc Excel (*.xlsx)"))

            // the same list as .xlsx: nothing to confirm
            let same = try await Self.post(client, file: "delegates.xlsx", cookie: cookie)
            #expect(Self.words(same.text).contains("Danh sách không có gì thay đổi; không cần nhập."))

            // another clerk cannot confirm this clerk's preview; a viewer cannot upload
            let page = try await Self.post(client, file: "delegates-updated.csv", cookie: cookie)
            let other = try #require(try await WebTests().signIn(client, "thuky2", "mật khẩu thuky2"))
            #expect(try await Self.confirm(client, page, cookie: other).status == .conflict)
            let viewer = try #require(try await WebTests().signIn(client, "xem", "mật khẩu xem"))
            #expect(try await Self.post(client, file: "delegates-updated.csv", cookie: viewer).status == .forbidden)
            var get = HTTPFields.fromOurPages
            get[.cookie] = viewer
            #expect(try await client.execute(uri: "/delegates/import", method: .get, headers: get) { $0.status } == .seeOther)
        }
        #expect(try fixture.store.delegates() == before)
    }
}
