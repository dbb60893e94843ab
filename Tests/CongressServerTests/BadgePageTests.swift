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

/// Badges printed from the web, read back as a person and a door's scanner read them:
/// the PDF's pages and text (pdftotext), its QR codes (pdftoppm, zbarimg).
@Suite("Printing badges on the web")
struct BadgePageTests {
    struct Download { var status: HTTPResponse.Status; var headers: HTTPFields; var data: Data }

    static func get(_ client: some TestClientProtocol, _ path: String, cookie: String) async throws -> Download {
        var headers = HTTPFields.fromOurPages
        headers[.cookie] = cookie
        return try await client.execute(uri: path, method: .get, headers: headers) {
            Download(status: $0.status, headers: $0.headers, data: Data(buffer: $0.body))
        }
    }

    /// The QR payloads a scanner reads off the PDF's pages (or off a PNG).
    static func scanned(_ data: Data, ext: String) throws -> Set<String> {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("badges.\(ext)").path
        try data.write(to: URL(fileURLWithPath: file))
        var images = [file]
        if ext == "pdf" {
            // vector anti-aliasing off: modules crisp, as printed (BadgeTests does the same)
            _ = try ExternalTool.output("pdftoppm", ["-r", "200", "-gray", "-aaVector", "no", "-png", file, directory.appendingPathComponent("page").path])
            images = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("page") }
                .map { directory.appendingPathComponent($0).path }
        }
        return Set(try ExternalTool.output("zbarimg", ["-q", "--raw"] + images).split(separator: "\n").map(String.init))
    }

    /// A value as a browser writes it in a GET form's query: spaces as `+`, the rest escaped.
    static func formEncoded(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }.joined(separator: "+")
    }

    /// A two-word search typed in the box reaches the search as two words.
    @Test func aSearchOfTwoWords() async throws {
        let fixture = try ServerFixture()
        try ImportPageTests.clerk(fixture)
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let page = try await Self.get(client, "/delegates?q=\(Self.formEncoded("kim nga"))", cookie: cookie)
            let words = ImportPageTests.words(String(decoding: page.data, as: UTF8.self))
            #expect(words.contains("Hà Kim Nga"), "\(words.prefix(300))")
            #expect(page.data.range(of: Data("value=\"kim nga\"".utf8)) != nil, "the box shows what was typed")
        }
    }

    static func pdf(_ data: Data) throws -> (pages: Int, text: String) {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("b.pdf").path
        try data.write(to: URL(fileURLWithPath: file))
        return (try PDFText.pageCount(file), try PDFText.read(file, layout: false))
    }

    @Test func oneDelegationsBadgesReadBack() async throws {
        let fixture = try ServerFixture()
        try ImportPageTests.clerk(fixture)
        let delegates = try fixture.store.delegates()
        let delegation = try #require(try fixture.store.delegations().first?.name)
        let members = delegates.filter { $0.delegation == delegation }
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let page = try await Self.get(client, "/badges", cookie: cookie)
            let words = ImportPageTests.words(String(decoding: page.data, as: UTF8.self))
            #expect(words.contains("\(delegation) (\(members.count))"), "each delegation with its count: \(words.prefix(400))")
            #expect(words.contains("Chưa có thẻ nào được cấp lại."))

            // as a browser sends a GET form: spaces as +
            let query = "scope=delegation&delegation=\(Self.formEncoded(delegation))&layout=a4"
            let download = try await Self.get(client, "/badges/print?\(query)", cookie: cookie)
            #expect(download.status == .ok && download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.contains("the-doan.pdf") == true)
            let (pages, text) = try Self.pdf(download.data)
            #expect(pages == (members.count + 7) / 8, "8 badges a sheet")
            for d in members { #expect(text.contains(d.name), "\(d.name)") }
            let outsider = try #require(delegates.first { $0.delegation != delegation })
            #expect(!text.contains(outsider.code), "no badge of another delegation")
            let payloads = Set(members.compactMap { fixture.payloads[$0.code] })
            #expect(try Self.scanned(download.data, ext: "pdf") == payloads, "every QR reads back as its delegate's payload")
        }
    }

    @Test func chosenAsPNGAndAnUnknownCode() async throws {
        let fixture = try ServerFixture()
        try ImportPageTests.clerk(fixture)
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let png = try await Self.get(client, "/badges/print?scope=codes&codes=db0007&format=png", cookie: cookie)
            #expect(png.status == .ok && png.headers[.contentType] == "image/png")
            #expect(try Self.scanned(png.data, ext: "png") == [try #require(fixture.payloads["DB0007"])])

            let two = try await Self.get(client, "/badges/print?scope=codes&codes=DB0007,%20DB0008&layout=card", cookie: cookie)
            #expect(try Self.pdf(two.data).pages == 2, "a CR80 card a page")

            let unknown = try await Self.get(client, "/badges/print?scope=codes&codes=DB0007,NOPE", cookie: cookie)
            #expect(unknown.status == .notFound)
            #expect(ImportPageTests.words(String(decoding: unknown.data, as: UTF8.self)).contains("Chưa in: Không có đại biểu mã: NOPE. Chưa in gì."))
            let many = try await Self.get(client, "/badges/print?scope=codes&codes=DB0007,DB0008&format=png", cookie: cookie)
            #expect(many.status == .badRequest)
        }
    }

    /// A badge reissued (lost at the door) is reprinted with those reissued since a time;
    /// its new QR is the one that reads back, the old one never again.
    @Test func reprintThoseReissuedSince() async throws {
        let fixture = try ServerFixture()
        try ImportPageTests.clerk(fixture)
        try ImportPageTests.clerk(fixture, "xem", role: .viewer)
        let time = try fixture.store.congress().time
        let before = time.wallClock(Date().addingTimeInterval(-60))
        let new = try fixture.store.reissueCredential(code: "DB0011", reason: "Mất thẻ", actor: "test", key: fixture.key)
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu thuky"))
            let page = ImportPageTests.words(String(decoding: try await Self.get(client, "/badges", cookie: cookie).data, as: UTF8.self))
            let at = time.dateTime(stored: new.issuedAt)
            #expect(page.contains("DB0011 Đặng Bá Nam 2 \(at)"), "the reissue listed with its time in the congress's zone: \(page.suffix(300))")

            let reprint = try await Self.get(client, "/badges/print?scope=reissued&since=\(before)&layout=a4", cookie: cookie)
            #expect(reprint.status == .ok)
            #expect(try Self.pdf(reprint.data).pages == 1)
            #expect(try Self.scanned(reprint.data, ext: "pdf") == [try #require(new.payload)])

            let later = time.wallClock(Date().addingTimeInterval(3600))
            let none = try await Self.get(client, "/badges/print?scope=reissued&since=\(later)", cookie: cookie)
            #expect(none.status == .notFound && String(decoding: none.data, as: UTF8.self).contains("Không có thẻ nào được cấp lại từ"))
            let bad = try await Self.get(client, "/badges/print?scope=reissued&since=31/02", cookie: cookie)
            #expect(bad.status == .badRequest)

            let viewer = try #require(try await WebTests().signIn(client, "xem", "mật khẩu xem"))
            #expect(try await Self.get(client, "/badges/print?scope=all", cookie: viewer).status == .forbidden)
            #expect(try await Self.get(client, "/badges", cookie: viewer).status == .seeOther)
        }
    }
}
