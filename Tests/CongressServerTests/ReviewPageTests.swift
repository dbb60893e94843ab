import BallotMarking
import BallotReader
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

/// The committee's review page, as a person sees it: the queued sheets one at a time with
/// the whole page and the flagged lines cut out, the machine's reading typed in; a
/// decision typed as on the entry page enters the ballot and is audit-logged with who
/// made it; a wrong line is refused and changes nothing; only the counting role sees a
/// sheet or its image.
@Suite("Scanned sheets on review")
struct ReviewPageTests {
    /// Three printed ballots of a five-name election read by the machine: the first
    /// without the seal (review), the second with writing outside the lines (review), the
    /// third clean (counted).
    static func scannedElection(_ fixture: ServerFixture) throws -> (id: Int64, serials: [String], struck: [[Int]]) {
        let store = fixture.store
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "t")
        let e = try store.createElection(body: .executiveCommittee, title: "Bầu Ban Chấp hành", seats: 3, actor: "t")
        for code in ["DB0001", "DB0002", "DB0003", "DB0004", "DB0005"] { try store.addCandidate(election: e.id, delegateCode: code, actor: "t") }
        let serials = try store.printBallotSerials(election: e.id, count: 3, actor: "t")
        let congress = try store.congress()
        let paper = BallotPaper(congressName: congress.name, term: congress.term, title: e.title, seats: 3,
                                candidates: try store.candidates(election: e.id).map(\.name))
        let pdf = fixture.directory.appendingPathComponent("ballots.pdf").path
        try BallotPrinter.pdf(paper, codes: try serials.map { ($0, try BallotSerialCode.sign(election: e.id, serial: $0, with: fixture.key).text) },
                              size: .a5, to: pdf)
        let verifier = try store.signatureVerifier()
        let reader = SheetReader(paper: paper, size: .a5) { BallotSerialCode.parse($0).flatMap { $0.isGenuine(for: e.id, verifier: verifier) ? $0.serial : nil } }
        let marker = SheetMarker(layout: reader.layout, dpi: 200)
        let sha = try store.keepScanFile(name: "hop-1.pdf", content: try Data(contentsOf: URL(fileURLWithPath: pdf)))
        var struck: [[Int]] = []
        for (i, page) in try ScanFile.pages(pdf, pdfDPI: 200).enumerated() {
            var marked = page
            let perMM = 200 / 25.4
            if i > 0 { Marking.stamp(reader.layout, page: &marked, perMM: perMM) }
            for n in [2, 4] { Marking.draw(.straight, on: reader.layout.lines[n - 1], pen: Pen(width: 0.8, grey: 30), page: &marked, perMM: perMM) }
            if i == 1 { Marking.writeOutside(reader.layout, page: &marked, perMM: perMM) }
            struck.append([2, 4])
            var (reading, aligned) = reader.readSheet(marked)
            #expect(reading.status == (i == 2 ? .counted : .review), "sheet \(i): \(reading.review)")
            // as though the machine had been unsure of line 3 on the first sheet: its crop is shown
            if i == 0 { reading.review.insert(.init(line: 3, why: "unclear"), at: 0) }
            _ = try store.recordScannedSheet(
                election: e.id, file: sha, fileName: "hop-1.pdf",
                .init(page: i + 1, serial: reading.serial, status: reading.status, struck: reading.struck, review: reading.review,
                      reason: reading.reason, readingJSON: String(decoding: try JSONEncoder().encode(reading), as: UTF8.self),
                      aligned: aligned?.jpeg(), paper: "a5"),
                operator: "Máy quét")
            _ = marker
        }
        return (e.id, serials, struck)
    }

    @Test func theCommitteeDecidesEachSheetTheMachineAsksAbout() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        for (user, role) in [("kiemphieu", Role.counting), ("thuky", .credentials), ("bantochuc", .admin), ("khach", .viewer)] {
            _ = try store.addPerson(username: user, name: "Người \(user)", role: role, passwordHash: Bcrypt.hash("mật khẩu \(user)", cost: 4), actor: "t")
        }
        let (e, serials, _) = try Self.scannedElection(fixture)
        let queued = try store.reviewQueue(election: e)
        #expect(queued.map(\.serial) == [serials[0], serials[1]])
        try await fixture.application.test(.router) { client in
            let web = WebTests()
            var cookie: [String: String] = [:]
            for user in ["kiemphieu", "thuky", "bantochuc", "khach"] {
                let signedIn: String = try #require(try await web.signIn(client, user, "mật khẩu \(user)"))
                cookie[user] = signedIn
            }
            func get(_ user: String, _ path: String) async throws -> (HTTPResponse.Status, String, HTTPFields, Data) {
                var headers = HTTPFields.fromOurPages
                headers[.cookie] = cookie[user]
                return try await client.execute(uri: path, method: .get, headers: headers) {
                    ($0.status, String(buffer: $0.body), $0.headers, Data(buffer: $0.body))
                }
            }
            // a post, and where it redirects followed as a browser does (with the flash cookie it sets)
            func post(_ user: String, _ path: String, _ line: String) async throws -> (HTTPResponse.Status, String) {
                var headers = WebTests.formHeaders
                headers[.cookie] = cookie[user]
                let (status, body, answer) = try await client.execute(uri: path, method: .post, headers: headers, body: WebTests.form(["line": line])) {
                    ($0.status, String(buffer: $0.body), $0.headers)
                }
                guard status == .seeOther, let location = answer[.location] else { return (status, body) }
                var next = HTTPFields.fromOurPages
                next[.cookie] = [cookie[user], answer[.setCookie]?.split(separator: ";").first.map(String.init)].compactMap { $0 }.joined(separator: "; ")
                let page = try await client.execute(uri: location, method: .get, headers: next) { String(buffer: $0.body) }
                return (status, page)
            }

            // the election page leads there
            let election = try await get("kiemphieu", "/elections/\(e)")
            #expect(election.1.contains("Phiếu quét") && election.1.contains(#"<span data-field="read">3</span> tờ"#)
                    && election.1.contains(#"chờ Ban kiểm phiếu quyết định: <span data-field="waiting">2</span>"#), "\(election.1)")
            // the figures the page follows while the scanner reads (congress.js asks every 3 s)
            #expect(election.1.contains(#"data-follow="/elections/\#(e)/scans.json""#) && election.1.contains(#"<script src="/congress.js" defer>"#))
            let figures = try await get("kiemphieu", "/elections/\(e)/scans.json")
            #expect(figures.0 == .ok && figures.1 == #"{"read":3,"counted":1,"waiting":2,"rejected":0}"#, "\(figures.1)")
            #expect(try await get("thuky", "/elections/\(e)/scans.json").0 == .forbidden)

            // the first sheet: why, the whole page, the machine's reading typed in
            var (status, page, _, _) = try await get("kiemphieu", "/elections/\(e)/review")
            #expect(status == .ok)
            #expect(page.contains("Phiếu \(serials[0])") && page.contains("không thấy dấu"), "why it is here")
            #expect(page.contains("Chờ quyết định: <b>2</b>"))
            #expect(page.contains("value=\"2 4\" autofocus data-caret=\"end\""), "the machine's reading, the caret after it, for the person to correct")
            let names = try store.candidates(election: e).map(\.name)
            #expect(page.contains("<s>\(names[1])</s>") && page.contains("<s>\(names[3])</s>") && !page.contains("<s>\(names[0])</s>"),
                    "the names the machine read struck are shown struck")
            #expect(page.contains("src=\"/elections/\(e)/scans/\(queued[0].id)/page.jpg\""))
            // the flagged line cut out of the page, where the layout puts line 3 (8 px a millimetre)
            let line3 = BallotLayout.make(BallotPaper(congressName: try store.congress().name, term: "2023-2028", title: "Bầu Ban Chấp hành", seats: 3,
                                                      candidates: try store.candidates(election: e).map(\.name)), size: .a5).lines[2].row
            #expect(page.contains("<b>Dòng 3: \(try store.candidates(election: e)[2].name)</b> — máy đọc: máy không chắc"), "\(page)")
            // cut out on the server (no inline style: the page's CSP allows none), the line's band and 3 mm / 1 mm of paper around it
            let crop = "/elections/\(e)/scans/\(queued[0].id)/lines/3.jpg"
            #expect(page.contains("<img class=\"crop\" src=\"\(crop)\""))
            let cut = try await get("kiemphieu", crop)
            #expect(cut.0 == .ok && cut.2[.contentType] == "image/jpeg")
            let band = try ScanFile.decodeJPEG(cut.3)
            #expect(band.width == Int((line3.width + 6) * 8) && band.height == Int((line3.height + 2) * 8), "\(band.width)×\(band.height)")
            // the band holds the line's ink: darker than blank paper somewhere
            #expect(band.pixels.min() ?? 255 < 128)
            #expect(try await get("thuky", crop).0 == .forbidden, "a line of a ballot is the committee's alone")
            #expect(page.contains("dòng 3: máy không chắc"))
            for bad in ["nil", "Optional(", "{{"] { #expect(!page.contains(bad), "\(bad) on the page") }

            // the image: counting role only, a JPEG of the page on the paper
            let image = try await get("kiemphieu", "/elections/\(e)/scans/\(queued[0].id)/page.jpg")
            #expect(image.0 == .ok && image.2[.contentType] == "image/jpeg")
            let decoded = try ScanFile.decodeJPEG(image.3)
            #expect(decoded.width == Int(148 * ScannedSheet.alignedPixelsPerMillimetre), "the A5 page at 8 px/mm: \(decoded.width)")
            for other in ["thuky", "bantochuc", "khach"] {
                #expect(try await get(other, "/elections/\(e)/scans/\(queued[0].id)/page.jpg").0 == .forbidden, "\(other) sees no ballot")
                #expect(try await get(other, "/elections/\(e)/review").0 != .ok, "\(other) has no review page")
            }

            // a wrong line: refused, nothing changes
            (status, page) = try await post("kiemphieu", "/elections/\(e)/review/\(queued[0].id)", "2 zz")
            #expect(status == .badRequest && page.contains("Chưa quyết định") && page.contains("zz"))
            #expect(try store.reviewQueue(election: e).count == 2)
            #expect(try store.ballotEntries(election: e)["Máy quét"]?.count == 1)

            // decided: unstamped; the next sheet comes up, with its flagged writing
            (status, page) = try await post("kiemphieu", "/elections/\(e)/review/\(queued[0].id)", "2 4 d")
            #expect(status == .seeOther && page.contains("Đã quyết định phiếu \(serials[0])"), "post, redirect, get")
            #expect(page.contains("Phiếu \(serials[1])") && page.contains("có chữ hoặc ký hiệu ngoài danh sách"))
            // reloading the page the decision led to sends nothing again, and says it once
            let reloaded = try await get("kiemphieu", "/elections/\(e)/review")
            #expect(reloaded.0 == .ok && reloaded.1.contains("Phiếu \(serials[1])") && !reloaded.1.contains("Đã quyết định phiếu"))
            #expect(try store.reviewQueue(election: e).count == 1)
            // decided twice: refused
            (status, page) = try await post("kiemphieu", "/elections/\(e)/review/\(queued[0].id)", "2 4")
            #expect(status == .conflict && page.contains("Chưa quyết định"))
            (status, page) = try await post("kiemphieu", "/elections/\(e)/review/\(queued[1].id)", "2 4 k")
            #expect(page.contains("Không còn tờ nào chờ quyết định"))
            let after = try await get("kiemphieu", "/elections/\(e)/scans.json")
            #expect(after.1 == #"{"read":3,"counted":1,"waiting":0,"rejected":0}"#, "the figures follow the decisions: \(after.1)")
        }
        let entries = try store.ballotEntries(election: e)["Máy quét"] ?? []
        #expect(entries.count == 3)
        #expect(entries.first { $0.serial == serials[0] }?.marks == [.unstamped])
        #expect(entries.first { $0.serial == serials[1] }?.marks == [.privateMark])
        let audit = try store.auditEntries().filter { $0.action == "election.scan.decide" }
        #expect(audit.map(\.actor) == ["web:kiemphieu", "web:kiemphieu"], "who decided each")
    }

    /// Two members of the committee at two review pages: each is shown a different sheet,
    /// and after deciding, the next nobody has open; a member asking for the other's sheet
    /// by its number is told who has it open.
    @Test func twoMembersWorkTheQueueApart() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        for user in ["kiemphieu", "kiemphieu2"] {
            _ = try store.addPerson(username: user, name: user == "kiemphieu" ? "Lê Văn An" : "Trần Thị Bình", role: .counting,
                                    passwordHash: Bcrypt.hash("mật khẩu \(user)", cost: 4), actor: "t")
        }
        let (e, serials, _) = try Self.scannedElection(fixture)
        let queued = try store.reviewQueue(election: e)
        try await fixture.application.test(.router) { client in
            let web = WebTests()
            var cookie: [String: String] = [:]
            for user in ["kiemphieu", "kiemphieu2"] {
                let signedIn: String = try #require(try await web.signIn(client, user, "mật khẩu \(user)"))
                cookie[user] = signedIn
            }
            func get(_ user: String, _ path: String) async throws -> String {
                var headers = HTTPFields.fromOurPages
                headers[.cookie] = cookie[user]
                return try await client.execute(uri: path, method: .get, headers: headers) { String(buffer: $0.body) }
            }
            let first = try await get("kiemphieu", "/elections/\(e)/review")
            let second = try await get("kiemphieu2", "/elections/\(e)/review")
            #expect(first.contains("Phiếu \(serials[0])") && second.contains("Phiếu \(serials[1])"), "two members, two sheets")
            #expect(second.contains("đang mở ở trang của thành viên khác: 1"), "\(second)")
            // reloading keeps each their own
            #expect(try await get("kiemphieu", "/elections/\(e)/review").contains("Phiếu \(serials[0])"))
            // asked for by number: shown, with who else has it
            let asked = try await get("kiemphieu2", "/elections/\(e)/review?sheet=\(queued[0].id)")
            #expect(asked.contains("Phiếu \(serials[0])") && asked.contains("Lê Văn An cũng đang mở tờ này"), "\(asked)")
            #expect(!asked.contains("các tờ khác đều có người đang xem"), "another sheet is free: the page must not say none is")
            // the first decides: the sheet leaves the queue and nobody holds it
            var headers = WebTests.formHeaders
            headers[.cookie] = cookie["kiemphieu"]
            let status = try await client.execute(uri: "/elections/\(e)/review/\(queued[0].id)", method: .post, headers: headers,
                                                  body: WebTests.form(["line": "2 4 d"])) { $0.status }
            #expect(status == .seeOther)
            let after = try await get("kiemphieu", "/elections/\(e)/review")
            #expect(after.contains("Phiếu \(serials[1])") && after.contains("Trần Thị Bình cũng đang mở tờ này") == false,
                    "kiemphieu2 asked for the other sheet, so theirs is free again")
            // the line left empty, as the page says, when nobody is struck: decided so
            headers[.cookie] = cookie["kiemphieu"]
            let blank = try await client.execute(uri: "/elections/\(e)/review/\(queued[1].id)", method: .post, headers: headers,
                                                 body: WebTests.form(["line": ""])) { ($0.status, String(buffer: $0.body)) }
            #expect(blank.0 == .seeOther, "\(blank.1)")
            #expect(try store.ballotEntries(election: e)["Máy quét"]?.first { $0.serial == serials[1] }?.struck == [])
        }
    }
}
