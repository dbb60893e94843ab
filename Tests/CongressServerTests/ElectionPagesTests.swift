import CongressCore
import CongressServer
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

@Suite("Counting committee pages")
struct ElectionPagesTests {
    /// Two operators enter on the web page, one mistake shows as a difference until taken
    /// back; the result is sealed (viewers are refused) until the committee publishes it,
    /// then it is on the hall screen and final.
    @Test func enterTwiceSealPublish() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        for (user, name) in [("kiemphieu1", "Người nhập 1"), ("kiemphieu2", "Người nhập 2")] {
            _ = try store.addPerson(username: user, name: name, role: .counting, passwordHash: Bcrypt.hash("mật khẩu \(user)", cost: 4), actor: "t")
        }
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "t")
        let e = try store.createElection(body: .inspectionCommittee, title: "Bầu Ủy ban Kiểm tra", seats: 1, actor: "t")
        for code in ["DB0001", "DB0002"] { try store.addCandidate(election: e.id, delegateCode: code, actor: "t") }
        let serials = try store.printBallotSerials(election: e.id, count: 4, actor: "t")
        for code in ["DB0004", "DB0005", "DB0006"] {
            try store.recordAdmission(code: code, station: "A", actor: "t")
            #expect(try store.issueBallot(election: e.id, code: code, station: "Bàn", actor: "t") == .issued)
        }
        try await fixture.application.test(.router) { client in
            let web = WebTests()
            var cookies: [String] = []
            for user in ["kiemphieu1", "kiemphieu2"] {
                cookies.append(try #require(try await web.signIn(client, user, "mật khẩu \(user)")))
            }
            func post(_ cookie: String, _ path: String, _ fields: [String: String] = [:]) async throws -> String {
                var headers = HTTPFields.fromOurPages
                headers[.cookie] = cookie
                headers[.contentType] = "application/x-www-form-urlencoded"
                return try await client.execute(uri: path, method: .post, headers: headers, body: WebTests.form(fields)) { String(buffer: $0.body) }
            }
            let lines = ["\(serials[0]) 2", "\(serials[1]) 2", "\(serials[2]) 1 d"]
            for line in lines { _ = try await post(cookies[0], "/elections/\(e.id)/enter", ["line": line]) }
            let typo = try await post(cookies[0], "/elections/\(e.id)/enter", ["line": "\(serials[3]) 7"])
            #expect(typo.contains("Chưa nhập") && typo.contains("số 7"), "a number not on the paper is refused, nothing entered")
            let bad = try await post(cookies[0], "/elections/\(e.id)/enter", ["line": "\(serials[3]) x"])
            #expect(bad.contains("không phải số thứ tự hay lý do"))
            _ = try await post(cookies[1], "/elections/\(e.id)/enter", ["line": lines[0]])
            _ = try await post(cookies[1], "/elections/\(e.id)/enter", ["line": "\(serials[1]) 1"])  // misread
            var page = try await post(cookies[1], "/elections/\(e.id)/enter", ["line": lines[2]])
            #expect(page.contains("1 phiếu hai người nhập khác nhau"))
            #expect(page.contains(serials[1]))
            #expect(!page.contains("TRÚNG CỬ"), "no result while entries differ")
            // the first one cannot publish alone: double entry is the default
            let alone = try await post(cookies[0], "/elections/\(e.id)/publish")
            #expect(alone.contains("Chưa công bố được") && alone.contains("hai nguồn"), "\(alone)")
            // the misread paper, put right where it is in the stack; typing it again is refused
            let again = try await post(cookies[1], "/elections/\(e.id)/enter", ["line": lines[1]])
            #expect(again.contains("Chưa nhập") && again.contains("đã nhập phiếu số sê-ri \(serials[1])"), "\(again)")
            let fixed = try await post(cookies[1], "/elections/\(e.id)/correct", ["line": lines[1]])
            #expect(fixed.contains("Đã sửa phiếu \(serials[1])"))
            page = try await post(cookies[1], "/elections/\(e.id)/enter", ["line": lines[2]])
            #expect(!page.contains("khác nhau"))
            #expect(page.contains("TRÚNG CỬ"), "the committee sees the count")

            // sealed: a viewer is refused the result until it is published
            let path = "/api/v1/elections/\(e.id)/result"
            try await client.execute(uri: path, method: .get, headers: fixture.headers(.viewer)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: path, method: .get, headers: fixture.headers(.counting)) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("\"ballots_collected\" : 3"))
            }
            try await client.execute(uri: "/api/v1/board", method: .get, headers: fixture.headers(.viewer)) { r in
                #expect(!String(buffer: r.body).contains("Bầu Ủy ban Kiểm tra"))
            }
            // publishing asks first, showing what will go up; nothing is published until confirmed
            let asked = try await post(cookies[0], "/elections/\(e.id)/publish")
            #expect(asked.contains("Xác nhận công bố") && asked.contains("không rút lại được"), "\(asked)")
            try await client.execute(uri: path, method: .get, headers: fixture.headers(.viewer)) { #expect($0.status == .forbidden) }
            // a ballot entered (by both) after the page was shown: the confirmation is of another
            // count, and is refused; the page shows the count as it is now
            for cookie in cookies { _ = try await post(cookie, "/elections/\(e.id)/enter", ["line": "\(serials[3]) 2"]) }
            let stale = try await post(cookies[0], "/elections/\(e.id)/publish", ["confirm": "yes", "count": Self.fingerprint(asked)])
            #expect(stale.contains("đã thay đổi") && stale.contains("Thu về 4"), "\(stale)")
            try await client.execute(uri: path, method: .get, headers: fixture.headers(.viewer)) { #expect($0.status == .forbidden) }
            _ = try await post(cookies[0], "/elections/\(e.id)/publish", ["confirm": "yes", "count": Self.fingerprint(stale)])
            try await client.execute(uri: path, method: .get, headers: fixture.headers(.viewer)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/board", method: .get, headers: fixture.headers(.viewer)) { r in
                let board = String(buffer: r.body)
                #expect(board.contains("Bầu Ủy ban Kiểm tra"))
                #expect(board.contains("3 phiếu, 75%") || board.contains("3 phiếu, 75,00%"), "the elected with votes and percent: \(board)")
            }
            let late = try await post(cookies[0], "/elections/\(e.id)/enter", ["line": "\(serials[3]) 2"])
            #expect(late.contains("đã công bố"), "published: final")
        }
    }

    /// A published count that filled no seat: the page offers the further round the rules
    /// call for; made once, it is linked from the count it follows, and a
    /// second is refused; a withdrawn candidate leaves a draft's list on the page.
    @Test func theNextRoundIsOfferedWhenTheRulesCallForOne() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        _ = try store.addPerson(username: "kiemphieu", name: "Ban kiểm phiếu", role: .counting, passwordHash: Bcrypt.hash("mật khẩu", cost: 4), actor: "t")
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "t")
        let e = try store.createElection(body: .inspectionCommittee, title: "Bầu Ủy ban Kiểm tra", seats: 1, entryMode: .single, actor: "t")
        for code in ["DB0001", "DB0002", "DB0003"] { try store.addCandidate(election: e.id, delegateCode: code, actor: "t") }
        let third = try #require(try store.candidates(election: e.id).last)
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "kiemphieu", "mật khẩu"))
            func send(_ method: HTTPRequest.Method, _ path: String, _ fields: [String: String] = [:]) async throws -> (HTTPResponse.Status, String, String?) {
                var headers = HTTPFields.fromOurPages
                headers[.cookie] = cookie
                if method == .post { headers[.contentType] = "application/x-www-form-urlencoded" }
                return try await client.execute(uri: path, method: method, headers: headers, body: method == .post ? WebTests.form(fields) : nil) {
                    ($0.status, String(buffer: $0.body), $0.headers[.location])
                }
            }
            // a refusal is said on the form that was sent, what was typed kept
            let unknown = try await send(.post, "/elections/\(e.id)/candidates", ["code": "DB9999", "nomination": "nominated"])
            #expect(unknown.0 == .badRequest && unknown.1.contains(#"id="candidate-error""#) && unknown.1.contains("DB9999")
                    && unknown.1.contains(#"value="DB9999" aria-invalid="true" aria-describedby="candidate-error""#), "\(unknown.1)")
            let standing = try await send(.post, "/elections/\(e.id)/committee", ["code": "DB0001", "role": "member"])
            #expect(standing.0 == .badRequest && standing.1.contains(#"id="committee-error""#) && !standing.1.contains(#"id="candidate-error""#),
                    "\(standing.1)")
            // rút tên: the third withdraws before printing
            var page = try await send(.get, "/elections/\(e.id)")
            #expect(page.1.contains("Rút tên"))
            let gone = try await send(.post, "/elections/\(e.id)/candidates/\(third.id)/withdraw", ["reason": "xin rút"])
            #expect(gone.0 == .seeOther)
            page = try await send(.get, "/elections/\(e.id)")
            #expect(!page.1.contains(third.name), "off the list")
            let serials = try store.printBallotSerials(election: e.id, count: 2, actor: "t")
            page = try await send(.get, "/elections/\(e.id)")
            #expect(!page.1.contains("Rút tên"), "printed: the list is fixed")
            // one vote each of two: neither has more than half, the seat stays open
            _ = try await send(.post, "/elections/\(e.id)/enter", ["line": "\(serials[0]) 1"])
            _ = try await send(.post, "/elections/\(e.id)/enter", ["line": "\(serials[1]) 2"])
            #expect(try await send(.get, "/elections/\(e.id)").1.contains("Lập vòng sau") == false, "not before the result is published")
            let asked = try await send(.post, "/elections/\(e.id)/publish")
            #expect(asked.1.contains("Chưa bầu đủ: còn 1 vị trí."), "the confirmation says what the count leaves open: \(asked.1)")
            _ = try await send(.post, "/elections/\(e.id)/publish", ["confirm": "yes", "count": Self.fingerprint(asked.1)])
            page = try await send(.get, "/elections/\(e.id)")
            #expect(page.1.contains("Lập vòng sau:") && page.1.contains("Bầu bổ sung 1 vị trí còn thiếu, trong 2 người chưa trúng cử"), "\(page.1)")
            let made = try await send(.post, "/elections/\(e.id)/next-round")
            let next = try #require(try store.elections().first { $0.parentID == e.id })
            #expect(made.0 == .seeOther && made.2 == "/elections/\(next.id)")
            #expect(try store.candidates(election: next.id).count == 2)
            page = try await send(.get, "/elections/\(e.id)")
            #expect(!page.1.contains("Lập vòng sau:") && page.1.contains("href=\"/elections/\(next.id)\""), "the one made is linked")
            let again = try await send(.post, "/elections/\(e.id)/next-round")
            #expect(again.0 == .conflict || again.0 == .badRequest, "\(again.0)")
            #expect(try store.elections().filter { $0.parentID == e.id }.count == 1)
        }
    }

    /// The count the confirmation page shows, as its form sends it back.
    static func fingerprint(_ page: String) -> String {
        guard let match = page.firstMatch(of: /name="count" value="([^"]*)"/) else { return "" }
        return String(match.1)
    }

    /// Entry through the API as a counting token's operator.
    /// The entry list shows the numbers as printed on the paper, as they were typed: the
    /// list's own ids differ once the ballot order (by given name) is not the order the
    /// candidates were added in (a new committee typed "1 2" and saw "3 4").
    @Test func theEntryListShowsTheNumbersAsPrinted() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        _ = try store.addPerson(username: "kiemphieu", name: "Người nhập", role: .counting, passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 4), actor: "t")
        let e = try store.createElection(body: .executiveCommittee, title: "Bầu Ban Chấp hành", seats: 2, actor: "t")
        for name in ["Vũ Ngọc Yến", "Đặng Quốc Việt", "Bùi Đức Cường", "Mai Quốc Hải"] { try store.addCandidate(election: e.id, name: name, actor: "t") }
        let serials = try store.printBallotSerials(election: e.id, count: 2, actor: "t")
        let ids = try store.candidates(election: e.id).map(\.id)
        #expect(ids != ids.sorted(), "the ballot order is not the order added (else this test proves nothing)")
        try await fixture.application.test(.router) { client in
            var headers = HTTPFields.fromOurPages
            let cookie: String = try #require(try await WebTests().signIn(client, "kiemphieu", "mật khẩu đúng"))
            headers[.cookie] = cookie
            headers[.contentType] = "application/x-www-form-urlencoded"
            let page = try await client.execute(uri: "/elections/\(e.id)/enter", method: .post, headers: headers,
                                                body: WebTests.form(["line": "\(serials[0]) 1 2"])) { String(buffer: $0.body) }
            #expect(page.contains("<tr><td>\(serials[0])</td><td>1 2</td>"), "\(page)")
        }
    }

    @Test func entryAPI() async throws {
        let fixture = try ServerFixture()
        let e = try fixture.store.createElection(body: .chair, title: "Bầu Chủ tịch", seats: 1, actor: "t")
        try fixture.store.addCandidate(election: e.id, delegateCode: "DB0001", actor: "t")
        let serials = try fixture.store.printBallotSerials(election: e.id, count: 2, actor: "t")
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/elections/\(e.id)/ballots", method: .post, headers: fixture.headers(.counting),
                                     body: try body(["serial": serials[0].lowercased(), "struck": [1], "marks": ["unstamped"]])) { r in
                #expect(r.status == .ok)
                let answer = try json(r)
                #expect(answer["serial"] as? String == serials[0])
                #expect(answer["entered"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/elections/\(e.id)/ballots", method: .post, headers: fixture.headers(.counting),
                                     body: try body(["serial": serials[1], "struck": [2]])) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/api/v1/elections/999/ballots", method: .post, headers: fixture.headers(.counting),
                                     body: try body(["serial": "X"])) { #expect($0.status == .notFound) }
        }
        let entries = try fixture.store.ballotEntries(election: e.id)
        #expect(entries.values.flatMap { $0 }.map(\.marks) == [[.unstamped]])
    }
}

@Suite("Setting an election up on the web")
struct ElectionSetupPagesTests {
    /// Create, list, committee, print (a PDF of signed ballots), the desk with a scanned
    /// badge, the minutes — all from the counting committee's pages.
    @Test func createPrintIssueMinutes() async throws {
        let fixture = try ServerFixture(signing: true)
        let store = fixture.store
        _ = try store.addPerson(username: "kiemphieu", name: "Trưởng ban kiểm phiếu", role: .counting,
                                passwordHash: Bcrypt.hash("mật khẩu", cost: 4), actor: "t")
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "t")
        try store.recordAdmission(code: "DB0004", station: "A", actor: "t")
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "kiemphieu", "mật khẩu"))
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = cookie
            headers[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/elections", method: .post, headers: headers, body: WebTests.form(
                ["title": "Bầu Ban Chấp hành nhiệm kỳ 2023-2028", "seats": "2", "body": "executive_committee",
                 "threshold_base": "valid_ballots", "absent": "0"])) { #expect($0.status == .seeOther) }
            let e = try #require(try store.elections().first)
            #expect(e.thresholdBase == .validBallots && e.seats == 2)
            // the form as a browser sends it, the optional fields left empty: an election is
            // made (it was refused, naming nothing); a required field left empty is named
            try await client.execute(uri: "/elections", method: .post, headers: headers, body: WebTests.form(
                ["title": "Bầu Ủy ban Kiểm tra", "seats": "3", "body": "inspection_committee", "threshold_base": "ballots_collected",
                 "absent": "", "surplus_cap": ""])) { #expect($0.status == .seeOther) }
            #expect(try store.elections().contains { $0.title == "Bầu Ủy ban Kiểm tra" && $0.surplusCapPercent == nil })
            // a wrong field is said beside it, on the form, with what was typed kept
            try await client.execute(uri: "/elections", method: .post, headers: headers, body: WebTests.form(
                ["title": "Bầu thiếu", "seats": "", "body": "inspection_committee", "surplus_cap": "ba mươi"])) { r in
                let form = String(buffer: r.body)
                #expect(r.status == .badRequest)
                #expect(form.contains(#"name="seats" type="number" min="1" value="" required aria-invalid="true" aria-describedby="seats-error""#), "\(form)")
                #expect(form.contains(#"<span class="no" id="seats-error">Số lượng cần bầu phải là một số nguyên từ 1 trở lên"#))
                #expect(form.contains(#"value="ba mươi" aria-invalid="true" aria-describedby="surplus-error""#))
                #expect(form.contains(#"value="Bầu thiếu""#), "what was typed is kept")
                #expect(form.contains("Chưa lập: hãy sửa các trường được đánh dấu bên dưới."), "and said at the top of the form")
                #expect(!form.contains(#"aria-describedby="title-error""#), "a right field is not marked")
            }
            #expect(try store.elections().count == 2, "nothing made of a form with a required field empty")
            for code in ["DB0001", "DB0002", "DB0005"] {
                try await client.execute(uri: "/elections/\(e.id)/candidates", method: .post, headers: headers,
                                         body: WebTests.form(["code": code, "nomination": "nominated"])) { #expect($0.status == .seeOther) }
            }
            try await client.execute(uri: "/elections/\(e.id)/candidates", method: .post, headers: headers,
                                     body: WebTests.form(["name": "Nguyễn Văn Ngoài", "details": "Phó Chủ tịch LĐLĐ huyện", "nomination": "self"])) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/elections/\(e.id)/committee", method: .post, headers: headers,
                                     body: WebTests.form(["code": "DB0010", "role": "head"])) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/elections/\(e.id)/committee", method: .post, headers: headers,
                                     body: WebTests.form(["code": "DB0001", "role": "member"])) {
                #expect($0.status == .badRequest && String(buffer: $0.body).contains(#"id="committee-error""#), "a candidate, said on the form")
            }
            #expect(try store.candidates(election: e.id).count == 4)
            #expect(try store.candidates(election: e.id).contains { $0.delegateCode == nil && $0.nomination == .selfNominated })

            try await client.execute(uri: "/elections/\(e.id)/ballots.pdf", method: .post, headers: headers,
                                     body: WebTests.form(["count": "5", "paper": "a5"])) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/pdf")
                #expect(Array(r.body.readableBytesView.prefix(5)) == Array("%PDF-".utf8))
            }
            #expect(try store.printedSerials(election: e.id).count == 5)
            #expect(try store.election(e.id).status == .printed)

            // the desk: a scanned badge, then the same again, then a typed code not present
            let payload = try #require(fixture.payloads["DB0004"])
            for (badge, words) in [(payload, "PHÁT PHIẾU"), (payload, "ĐÃ NHẬN PHIẾU"), ("DB0006", "CHƯA ĐIỂM DANH")] {
                try await client.execute(uri: "/elections/\(e.id)/desk", method: .post, headers: headers,
                                         body: WebTests.form(["badge": badge])) { r in
                    #expect(String(buffer: r.body).contains(words), "\(badge.prefix(12)): \(words)")
                }
            }
            try await client.execute(uri: "/api/v1/elections/\(e.id)/issues", method: .post, headers: fixture.headers(.kiosk),
                                     body: try body(["badge": "DB0049"])) { r in
                #expect(r.status == .ok)
                let answer = try json(r)
                #expect(answer["decision"] as? String == "not_eligible")
            }
            #expect(try store.ballotsIssued(election: e.id) == 1)

            try await client.execute(uri: "/elections/\(e.id)/minutes.pdf", method: .get, headers: headers) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/pdf")
            }
        }
    }
}

@Suite("Reports page")
struct ReportPagesTests {
    /// Every download of /reports answers with its file; the attendance spreadsheet reads
    /// back; a count not published is refused to the secretariat; the board carries the
    /// credentials summary.
    @Test func downloads() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        _ = try store.addPerson(username: "thuky", name: "Tổ thư ký", role: .credentials, passwordHash: Bcrypt.hash("mật khẩu", cost: 4), actor: "t")
        _ = try store.openSitting(name: "Phiên chính thức", actor: "t")
        for code in ["DB0001", "DB0002", "DB0004"] { try store.recordAdmission(code: code, station: "Cửa A", actor: "t") }
        let e = try store.createElection(body: .chair, title: "Bầu Chủ tịch", seats: 1, entryMode: .single, actor: "t")
        try store.addCandidate(election: e.id, delegateCode: "DB0001", actor: "t")
        let serial = try #require(try store.printBallotSerials(election: e.id, count: 1, actor: "t").first)
        try store.enterBallot(election: e.id, operator: "A", serial: serial, struckNumbers: [], marks: [], actor: "t")
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "thuky", "mật khẩu"))
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = cookie
            let page = try await client.execute(uri: "/reports", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(page.contains("có mặt 3"))
            for (file, type) in [("tham-tra-tu-cach.pdf", "application/pdf"), ("tham-tra-tu-cach.json", "application/json"),
                                 ("diem-danh.pdf", "application/pdf"), ("diem-danh.csv", "text/csv"),
                                 ("danh-sach-dai-bieu.xlsx", "application/vnd.openxmlformats")] {
                try await client.execute(uri: "/reports/\(file)", method: .get, headers: headers) { r in
                    #expect(r.status == .ok, "\(file)")
                    #expect(r.headers[.contentType]?.hasPrefix(type) == true, "\(file)")
                }
            }
            let xlsx = try await client.execute(uri: "/reports/diem-danh.xlsx", method: .get, headers: headers) { Data(buffer: $0.body) }
            let table = try TableFile.read(xlsx, source: "diem-danh.xlsx", fileExtension: "xlsx")
            let present = table.rows.dropFirst().filter { $0.cells.count > 4 && $0.cells[4] == "Có mặt" }.map { $0.cells[1] }
            #expect(Set(present) == ["DB0001", "DB0002", "DB0004"])
            try await client.execute(uri: "/reports/elections/\(e.id)/trich-ngang.pdf", method: .get, headers: headers) {
                #expect($0.status == .forbidden, "not published: sealed")
            }
            _ = try store.publishElection(e.id, actor: "t")
            try await client.execute(uri: "/reports/elections/\(e.id)/trich-ngang.xlsx", method: .get, headers: headers) { #expect($0.status == .ok) }
            try await client.execute(uri: "/reports/nothing.pdf", method: .get, headers: headers) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/board", method: .get, headers: fixture.headers(.viewer)) { r in
                #expect(String(buffer: r.body).contains("Đủ tư cách: "))
            }
        }
    }
}
