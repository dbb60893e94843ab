import CongressCore
import CongressServer
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// Every page, for every role that may see it, in a bare congress (no sitting, no
/// substitution, no election, no flash) and a full one (a sitting open, an alternate in
/// force, a replaced delegate, an unreplaced alternate, absences, scans, elections in each
/// state, a flash after an action): what a person reads never says `nil`, `Optional(`,
/// names nobody, or shows a stored UTC time.
@Suite("Every page as people see it")
struct PageRenderingTests {
    static let roles: [Role] = [.admin, .credentials, .counting, .viewer]

    /// Problems a person would see on `page`.
    static func defects(_ page: String) -> [String] {
        var found: [String] = []
        let text = page.replacingOccurrences(of: "<script[\\s\\S]*?</script>", with: "", options: .regularExpression)
            // a datetime-local field holds its value in the browser's machine form; the browser shows it as a date
            .replacingOccurrences(of: "type=\"datetime-local\"[^>]*value=\"[^\"]*\"", with: "", options: .regularExpression)
        if text.range(of: "\\bnil\\b", options: .regularExpression) != nil { found.append("says nil") }
        if text.contains("Optional(") { found.append("says Optional(") }
        if text.range(of: "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}", options: .regularExpression) != nil { found.append("a raw ISO time") }
        if text.contains("<a href=\"/delegates/\">") || text.range(of: "<a href=\"[^\"]*\">\\s*</a>", options: .regularExpression) != nil {
            found.append("a link to nobody")
        }
        if text.contains("()") { found.append("empty brackets") }
        if text.contains("template ") && text.contains(" missing") { found.append("a missing template") }
        return found
    }

    static func pages(_ store: CongressStore) throws -> [String] {
        var paths = ["/login", "/delegates", "/delegates?q=nga", "/sittings", "/elections", "/elections/new", "/reports", "/devices", "/delegates/import", "/badges"]
        for code in ["DB0001", "DB0029", "DB0051", "DB0049", "DB0015"] { paths.append("/delegates/\(code)") }
        for e in try store.elections() { paths += ["/elections/\(e.id)", "/elections/\(e.id)/desk", "/elections/\(e.id)/review"] }
        return paths
    }

    /// Signs in one person per role and checks every page in the fixture's state.
    func checkEveryPage(_ fixture: ServerFixture, state: String) async throws {
        try await fixture.application.test(.router) { client in
            for role in Self.roles {
                let cookie = try #require(try await WebTests().signIn(client, "p-\(role.rawValue)", "mật khẩu \(role.rawValue)"))
                // in Vietnamese, and in English as a browser asking for it gets every page
                for language in Language.allCases {
                var headers = HTTPFields.fromOurPages
                headers[.cookie] = cookie
                headers[.acceptLanguage] = language == .en ? "en-GB,en;q=0.9" : "vi-VN,vi;q=0.9,en;q=0.5"
                for path in try Self.pages(fixture.store) {
                    try await client.execute(uri: path, method: .get, headers: headers) { r in
                        // a role that may not see a page is sent to sign in; others get the page
                        guard r.status != .seeOther else { return }
                        let where_ = "\(state), \(role.rawValue), \(language.rawValue): \(path)"
                        #expect(r.status == .ok, "\(where_) answered \(r.status)")
                        let page = String(buffer: r.body)
                        #expect(Self.defects(page).isEmpty, "\(where_) \(Self.defects(page))")
                        #expect(page.contains("<h1>"), "\(where_) has a heading")
                        #expect(page.contains("<html lang=\"\(language.rawValue)\">"), "\(where_) says its language")
                        let nav = language == .en ? ">Delegates</a><a href=\"/sittings\">Sittings</a>" : ">Đại biểu</a><a href=\"/sittings\">Phiên họp</a>"
                        #expect(page.contains(nav), "\(where_) in its language")
                    }
                }
                }
                // the hall screen takes the viewer's token
                try await client.execute(uri: "/board", method: .get, headers: [.cookie: "congress_screen=\(fixture.tokens[.viewer] ?? "")"]) { r in
                    #expect(r.status == .ok)
                    #expect(Self.defects(String(buffer: r.body)).isEmpty, "\(state): /board \(Self.defects(String(buffer: r.body)))")
                }
            }
        }
    }

    static func people(_ store: CongressStore) throws {
        for role in roles {
            _ = try store.addPerson(username: "p-\(role.rawValue)", name: "Người \(role.rawValue)", role: role,
                                    passwordHash: Bcrypt.hash("mật khẩu \(role.rawValue)", cost: 4), actor: "t")
        }
    }

    @Test func aBareCongress() async throws {
        let fixture = try ServerFixture()
        try Self.people(fixture.store)
        try await checkEveryPage(fixture, state: "bare")
    }

    @Test func aFullCongress() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        try Self.people(store)
        _ = try store.openSitting(name: "Phiên trù bị", actor: "t")
        // DB0051, an alternate, replaces DB0015; DB0029 is an alternate not in force
        _ = try store.substitute(alternate: "DB0051", replaced: "DB0015", decision: "QĐ 12/QĐ-LĐLĐ", actor: "t")
        _ = try store.recordScans([ScanInput(id: UUID().uuidString, station: "Cửa A", payload: fixture.payloads["DB0001"] ?? "",
                                             scannedAt: "2026-11-21T07:58:00.000Z")])
        try store.recordAdmission(code: "DB0051", station: "Bàn thư ký", actor: "t")
        _ = try store.recordAbsence(code: "DB0002", reason: "Ốm", scope: nil, actor: "t")
        _ = try store.recordQuorum(reason: "Đoàn Chủ tịch yêu cầu", actor: "t")
        _ = try store.closeSitting(actor: "t")
        _ = try store.openSitting(name: "Phiên chính thức", actor: "t")
        try store.recordAdmission(code: "DB0001", station: "Cửa A", actor: "t")
        // elections: a draft, one printed and counted, one published
        _ = try store.createElection(body: .executiveCommittee, title: "Bầu Ban Chấp hành", seats: 2, surplusCapPercent: 10, actor: "t")
        for title in ["Bầu Ủy ban Kiểm tra", "Bầu đại biểu đi dự Đại hội cấp trên"] {
            let e = try store.createElection(body: .inspectionCommittee, title: title, seats: 1, entryMode: .single, actor: "t")
            for code in ["DB0003", "DB0004"] { try store.addCandidate(election: e.id, delegateCode: code, actor: "t") }
            try store.addCommitteeMember(election: e.id, name: "Nguyễn Văn Kiểm", role: .head, actor: "t")
            let serials = try store.printBallotSerials(election: e.id, count: 2, actor: "t")
            #expect(try store.issueBallot(election: e.id, code: "DB0001", station: "Bàn", actor: "t") == .issued)
            try store.enterBallot(election: e.id, operator: "p-counting", serial: serials[0], struckNumbers: [2], marks: [], actor: "t")
        }
        _ = try store.publishElection(try store.elections().last?.id ?? 0, actor: "t")
        try await checkEveryPage(fixture, state: "full")

        // a flash after an action, and the delegates of the substitution named on their pages
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "p-counting", "mật khẩu counting"))
            var headers = HTTPFields.fromOurPages
            headers[.cookie] = cookie
            headers[.contentType] = "application/x-www-form-urlencoded"
            let printed = try #require(try store.elections().first { $0.status == .printed })
            let flashed = try await client.execute(uri: "/elections/\(printed.id)/enter", method: .post, headers: headers,
                                                   body: WebTests.form(["line": "ZZZZZZ 9"])) { String(buffer: $0.body) }
            #expect(flashed.contains("class=\"flash\"") && flashed.contains("Chưa nhập"))
            #expect(Self.defects(flashed).isEmpty, "the election page after a refused line: \(Self.defects(flashed))")
            let secretariat = try #require(try await WebTests().signIn(client, "p-credentials", "mật khẩu credentials"))
            var h = HTTPFields.fromOurPages
            h[.cookie] = secretariat
            let replaced = try await client.execute(uri: "/delegates/DB0015", method: .get, headers: h) { String(buffer: $0.body) }
            #expect(replaced.contains("đã được thay bởi") && replaced.contains("Dương Hoài Quang (DB0051)"))
            let alternate = try await client.execute(uri: "/delegates/DB0051", method: .get, headers: h) { String(buffer: $0.body) }
            #expect(alternate.contains("thay cho") && alternate.contains("(DB0015)"))
            #expect(!alternate.contains("action=\"/substitutions\""), "an alternate in force replaces no one else")
            let plain = try await client.execute(uri: "/delegates/DB0003", method: .get, headers: h) { String(buffer: $0.body) }
            #expect(!plain.contains("đã được thay bởi") && !plain.contains("thay cho"), "an ordinary delegate replaces no one")
            // the scan, received moments ago, reads in Vietnam's time whatever the machine's zone
            let scanned = try await client.execute(uri: "/delegates/DB0001", method: .get, headers: h) { String(buffer: $0.body) }
            let now = Date()
            let vietnam = [0.0, -60, -120].map { CongressTime.vietnam.dateTime(now.addingTimeInterval($0)) }
            #expect(vietnam.contains { scanned.contains($0) }, "one of \(vietnam)")
            let delegates = try await client.execute(uri: "/delegates", method: .get, headers: h) { String(buffer: $0.body) }
            #expect(delegates.contains("phiên đang mở: Phiên chính thức"))
        }
    }

    /// With no sitting open, the delegate list says nothing of one (it used to say "nil").
    @Test func noSittingSaysNothingOfOne() async throws {
        let fixture = try ServerFixture()
        try Self.people(fixture.store)
        try await fixture.application.test(.router) { client in
            let cookie = try #require(try await WebTests().signIn(client, "p-credentials", "mật khẩu credentials"))
            var h = HTTPFields.fromOurPages
            h[.cookie] = cookie
            let page = try await client.execute(uri: "/delegates", method: .get, headers: h) { String(buffer: $0.body) }
            #expect(!page.contains("phiên đang mở"))
        }
    }

    /// The substitution form is the secretariat's whether or not this server can sign
    /// badges (it was nested in the reissue form, which needs the key).
    @Test func substitutionFormWithoutTheSigningKey() async throws {
        for signing in [false, true] {
            let fixture = try ServerFixture(signing: signing)
            try Self.people(fixture.store)
            try await fixture.application.test(.router) { client in
                for role in [Role.credentials, .admin, .viewer] {
                    let cookie = try #require(try await WebTests().signIn(client, "p-\(role.rawValue)", "mật khẩu \(role.rawValue)"))
                    var h = HTTPFields.fromOurPages
                    h[.cookie] = cookie
                    let page = try await client.execute(uri: "/delegates/DB0029", method: .get, headers: h) { String(buffer: $0.body) }
                    #expect(page.contains("action=\"/substitutions\"") == (role != .viewer), "signing \(signing), \(role.rawValue)")
                    #expect(page.contains("/reissue\"") == (signing && role != .viewer), "signing \(signing), \(role.rawValue)")
                }
            }
        }
    }

    /// Sealing is decided once (ResultSeal): before publishing, only the counting role sees
    /// the count, on the election page, the minutes and the reports alike; after, everyone
    /// who may open the page.
    @Test func aSealedCountIsTheCommitteesOnly() async throws {
        let fixture = try ServerFixture()
        let store = fixture.store
        try Self.people(store)
        _ = try store.openSitting(name: "Phiên bầu cử", actor: "t")
        let e = try store.createElection(body: .inspectionCommittee, title: "Bầu Ủy ban Kiểm tra", seats: 1, entryMode: .single, actor: "t")
        for code in ["DB0003", "DB0004"] { try store.addCandidate(election: e.id, delegateCode: code, actor: "t") }
        let serials = try store.printBallotSerials(election: e.id, count: 2, actor: "t")
        try store.recordAdmission(code: "DB0001", station: "A", actor: "t")
        _ = try store.issueBallot(election: e.id, code: "DB0001", station: "Bàn", actor: "t")
        try store.enterBallot(election: e.id, operator: "x", serial: serials[0], struckNumbers: [2], marks: [], actor: "t")
        try await fixture.application.test(.router) { client in
            var cookies: [Role: String] = [:]
            for role in [Role.admin, .counting] {
                let cookie = try #require(try await WebTests().signIn(client, "p-\(role.rawValue)", "mật khẩu \(role.rawValue)"))
                cookies[role] = cookie
            }
            func get(_ role: Role, _ path: String) async throws -> (HTTPResponse.Status, String) {
                var h = HTTPFields.fromOurPages
                h[.cookie] = cookies[role]
                return try await client.execute(uri: path, method: .get, headers: h) { ($0.status, String(buffer: $0.body)) }
            }
            let (_, admin) = try await get(.admin, "/elections/\(e.id)")
            #expect(!admin.contains("TRÚNG CỬ") && !admin.contains("Thu về"), "the admin does not see a sealed count")
            #expect(!admin.contains("minutes.pdf"))
            let (_, counting) = try await get(.counting, "/elections/\(e.id)")
            #expect(counting.contains("TRÚNG CỬ"))
            #expect(try await get(.admin, "/elections/\(e.id)/minutes.pdf").0 == .forbidden)
            #expect(try await get(.admin, "/reports/elections/\(e.id)/bien-ban.pdf").0 == .forbidden)
            #expect(try await get(.counting, "/elections/\(e.id)/minutes.pdf").0 == .ok)
            _ = try store.publishElection(e.id, actor: "t")
            let (_, published) = try await get(.admin, "/elections/\(e.id)")
            #expect(published.contains("TRÚNG CỬ") && published.contains("đã công bố"))
            #expect(try await get(.admin, "/elections/\(e.id)/minutes.pdf").0 == .ok)
        }
    }
}
