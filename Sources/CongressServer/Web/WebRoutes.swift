import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdBcrypt

/// The secretariat's pages: sign-in, delegates (search, a delegate's page with attendance,
/// manual admission, substitution, badge reissue and download), sittings. Server-rendered
/// with mustache; plain forms, no JavaScript needed.
struct WebRoutes {
    let store: StoreRunner
    let live: LiveEvents
    let signingKey: CongressSigningKey?
    let throttle = SignInThrottle()
    static let cookie = "congress_session"

    struct LoginForm: Decodable { var username: String; var password: String }
    struct AdmitForm: Decodable { var station: String; var reason: String }
    struct ReasonForm: Decodable { var reason: String }
    struct AbsenceForm: Decodable { var reason: String; var whole: String? }
    struct NameForm: Decodable { var name: String }
    struct SubstitutionForm: Decodable { var alternate: String; var replaced: String; var decision: String }

    func add(to router: Router<CongressRequestContext>) {
        // the language switch at the top of every page: kept in a cookie for a year, back to
        // the page it was pressed on (the Referer, our own pages only)
        router.get("language/:code") { request, context -> Response in
            let language = Language(rawValue: try context.parameters.require("code")) ?? .vi
            var back = "/delegates"
            if let referer = request.headers[.referer], let url = URL(string: referer),
               url.host.map({ "\($0)\(url.port.map { ":\($0)" } ?? "")" }) == request.head.authority,
               url.path.hasPrefix("/"), !url.path.hasPrefix("//"), !url.path.hasPrefix("/language/") {
                back = url.path + (url.query.map { "?" + $0 } ?? "")
            }
            var response = Self.redirect(back)
            response.headers[.setCookie] = "\(LanguageChoice.cookie)=\(language.rawValue); Path=/; SameSite=Lax; Max-Age=31536000"
            return response
        }
        router.get("login") { _, context in Self.html(Templates.render(LoginPage(user: Self.user(context).map(UserView.init)), "login", context.language)) }
        router.post("login") { request, context -> Response in
            let form = try await Self.form(LoginForm.self, request, context)
            let key = form.username.lowercased()
            let found = try await store.run { try $0.personForSignIn(form.username) }
            let ok = try await store.run { _ in found.map { Bcrypt.verify(form.password, hash: $0.passwordHash) } ?? false }
            guard ok, let person = found?.person else {
                // Each failure in a row waits longer before the answer: guessing is slow.
                try await Task.sleep(for: await throttle.failed(key))
                return Self.html(Templates.render(LoginPage(flash: context.say("Sai tên đăng nhập hoặc mật khẩu.")), "login", context.language), status: .unauthorized)
            }
            await throttle.succeeded(key)
            let token = try await store.run { try $0.openSession(username: person.username) }
            var response = Self.redirect("/delegates")
            response.headers[.setCookie] = "\(Self.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"
            return response
        }
        router.post("logout") { request, _ -> Response in
            if let token = Self.sessionToken(request) { try await store.run { try $0.closeSession(token) } }
            var response = Self.redirect("/login")
            response.headers[.setCookie] = "\(Self.cookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
            return response
        }
        router.get("delegates") { request, context -> Response in
            let flash = context.flash
            guard let user = Self.user(context), [.admin, .credentials, .viewer, .counting].contains(user.role) else { return Self.signIn(context) }
            let form = FormQuery(request)
            let query = form.get("q") ?? ""
            let pageNumber = max(1, form.get("page", as: Int.self) ?? 1)
            let page = try await store.run { store -> String in
                let roster = try store.roster()
                let sitting = try store.openSittingNow()
                let present = try sitting.map { try store.admissions(sittingID: $0.id) } ?? [:]
                var list = try store.delegates()
                if !query.isEmpty { list = DelegateSearchIndex(list).search(query, limit: 300) }
                let paging = Paging.of(count: list.count, page: pageNumber, language: context.language) { n in
                    "/delegates?" + (query.isEmpty ? "" : "q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&") + "page=\(n)"
                }
                let shown = min(max(pageNumber, 1), max(1, (list.count + Paging.size - 1) / Paging.size))
                let rows = list.count > Paging.size ? Array(list.dropFirst((shown - 1) * Paging.size).prefix(Paging.size)) : list
                return Templates.render(DelegatesPage(
                    user: UserView(user), flash: flash, query: query, count: list.count, sitting: sitting?.name,
                    delegates: rows.map { d in
                        DelegatesPage.Row(code: d.code, name: d.name, delegation: d.delegation, kind: context.say(d.kind.vietnamese),
                                          present: present[d.code] != nil && roster.counts(d.code))
                    }, canImport: [.admin, .credentials].contains(user.role), paging: paging), "delegates", context.language)
            }
            return Self.html(page)
        }
        router.get("delegates/:code") { _, context -> Response in
            let flash = context.flash
            guard let user = Self.user(context), [.admin, .credentials, .viewer, .counting].contains(user.role) else { return Self.signIn(context) }
            let code = try context.parameters.require("code").uppercased()
            let canEdit = user.role == .admin || user.role == .credentials
            let canSign = signingKey != nil
            let page = try await store.run { store -> String? in
                guard let d = try store.delegate(code: code) else { return nil }
                let time = try store.congress().time
                let roster = try store.roster()
                let serial = try store.credentials().first { $0.code == code }?.serial ?? 0
                // A badge scanned again after its admission (two doors offline, a second pass)
                // is flagged for the secretariat.
                let language = context.language
                let scans = try store.scans(code: code).map {
                    DelegatePage.Scan(at: time.dateTime(stored: $0.at, language), station: $0.station, verdict: context.say($0.verdict.vietnamese),
                                      duplicate: $0.verdict == .alreadyAdmitted)
                }
                let kinds = ["admission": context.say("Quét thẻ"), "manual": context.say("Thủ công"), "undo": context.say("Huỷ điểm danh")]
                let attendance = try store.attendance(code: code).map {
                    DelegatePage.AttendanceRow(sitting: $0.sitting, kind: kinds[$0.kind] ?? $0.kind, at: time.dateTime(stored: $0.at, language),
                                               station: $0.station, reason: $0.reason ?? "")
                }
                let sittings = Dictionary(uniqueKeysWithValues: try store.sittings().map { ($0.id, $0.name) })
                let absences = try store.absences().filter { $0.code == code }.map { a in
                    let scope = switch a.scope {
                    case .wholeCongress: context.say("Cả đại hội")
                    case .sitting(let id): sittings[id] ?? "#\(id)"
                    }
                    return DelegatePage.AbsenceRow(scope: scope, reason: a.reason, at: time.dateTime(stored: a.recordedAt, language), actor: a.actor)
                }
                func link(_ other: String?) -> DelegateLink? {
                    other.map { DelegateLink(code: $0, name: roster.delegates[$0]?.name ?? $0) }
                }
                let page = DelegatePage(
                    title: d.name, user: UserView(user), flash: flash, code: d.code, name: d.name, delegation: d.delegation,
                    kind: context.say(d.kind.vietnamese), seat: d.seat.flatMap { $0.isEmpty ? nil : $0 }, counts: roster.counts(code),
                    replacedBy: link(roster.replacedBy[code]), replacing: link(roster.replacing[code]), serial: serial,
                    scans: scans, attendance: attendance, absences: absences, hasAbsences: !absences.isEmpty,
                    canAdmit: canEdit, canAbsent: canEdit && roster.counts(code), canReissue: canEdit && canSign,
                    canSubstitute: canEdit && d.kind == .alternate && roster.replacing[code] == nil)
                return Templates.render(page, "delegate", language)
            }
            guard let page else { throw Refusal(.notFound, code: "unknown_delegate", vi: "Không có đại biểu \(code).", en: "There is no delegate \(code).") }
            return Self.html(page)
        }
        router.post("delegates/:code/admit") { request, context -> Response in
            let user = try Self.requireUser(context, request, [.credentials])
            let code = try context.parameters.require("code").uppercased()
            let form = try await Self.form(AdmitForm.self, request, context)
            let decision = try await store.run {
                try $0.admitManually(code: code, station: form.station, reason: form.reason, actor: "web:\(user.username)")
            }
            if decision.verdict == .admitted { await live.changed() }
            let said = decision.verdict == .admitted ? context.say("Đã điểm danh thủ công {code} ({reason}).", ["code": code, "reason": form.reason])
                : context.say("Chưa điểm danh {code}: {verdict}.", ["code": code, "verdict": context.say(decision.verdict.vietnamese).lowercased()
                                                                        + (decision.first.map { context.say(" (từ {station})", ["station": $0.station]) } ?? "")])
            return Self.redirect("/delegates/\(code)", flash: said)
        }
        router.post("delegates/:code/absence") { request, context -> Response in
            let user = try Self.requireUser(context, request, [.credentials])
            let code = try context.parameters.require("code").uppercased()
            let form = try await Self.form(AbsenceForm.self, request, context)
            _ = try await store.run {
                try $0.recordAbsence(code: code, reason: form.reason, scope: form.whole == nil ? nil : .wholeCongress,
                                     actor: "web:\(user.username)")
            }
            return Self.redirect("/delegates/\(code)", flash: context.say(form.whole == nil ? "Đã ghi {code} vắng có lý do: {reason}." : "Đã ghi {code} vắng có lý do cả đại hội: {reason}.",
                                                                                  ["code": code, "reason": form.reason]))
        }
        router.post("delegates/:code/reissue") { request, context -> Response in
            let user = try Self.requireUser(context, request, [.credentials])
            let code = try context.parameters.require("code").uppercased()
            let form = try await Self.form(ReasonForm.self, request, context)
            guard let key = signingKey else { throw Refusal(.conflict, code: "no_signing_key", vi: "Máy chủ không có khoá ký.", en: "No signing key on this server.") }
            _ = try await store.run { try $0.reissueCredential(code: code, reason: form.reason, actor: "web:\(user.username)", key: key) }
            return Self.redirect("/delegates/\(code)", flash: context.say("Đã cấp lại thẻ cho {code}; thẻ cũ bị từ chối từ nay. Tải thẻ mới để in.", ["code": code]))
        }
        router.get("delegates/:code/badge.png") { request, context -> Response in
            _ = try Self.requireUser(context, request, [.credentials])
            let code = try context.parameters.require("code").uppercased()
            let png = try await store.run { store -> Data? in
                guard let d = try store.delegate(code: code),
                      let payload = try store.credentials().first(where: { $0.code == code })?.payload else { return nil }
                let badge = Badge(congress: try store.congress(), delegate: d, payload: payload)
                return try Download.rendered("png") { path in try BadgePrinter.single(badge, layout: .card, to: path) }
            }
            guard let png else { throw Refusal(.notFound, code: "no_badge", vi: "Chưa có thẻ cho \(code) (hãy chạy congress credentials).", en: "No badge yet for \(code) (run congress credentials).") }
            return Download.response(png, name: "\(code).png")
        }
        router.post("substitutions") { request, context -> Response in
            let user = try Self.requireUser(context, request, [.credentials])
            let form = try await Self.form(SubstitutionForm.self, request, context)
            _ = try await store.run {
                try $0.substitute(alternate: form.alternate.uppercased(), replaced: form.replaced.uppercased(),
                                  decision: form.decision, actor: "web:\(user.username)")
            }
            await live.changed()
            return Self.redirect("/delegates/\(form.alternate.uppercased())",
                                 flash: context.say("Đã ghi nhận {alternate} thay cho {replaced} theo {decision}.",
                                                    ["alternate": form.alternate.uppercased(), "replaced": form.replaced.uppercased(), "decision": form.decision]))
        }
        router.get("sittings") { _, context -> Response in
            let flash = context.flash
            let language = context.language
            guard let user = Self.user(context) else { return Self.signIn(context) }
            let page = try await store.run { store -> String in
                let records = try store.quorumRecords()
                let time = try store.congress().time
                let open = try store.openSittingNow()
                return Templates.render(SittingsPage(
                    user: UserView(user), flash: flash, canManage: user.role == .admin,
                    open: open.map { .init(name: $0.name, openedAt: time.dateTime(stored: $0.openedAt, language)) },
                    sittings: try store.sittings().map { s in
                        SittingsPage.Row(
                            name: s.name, openedAt: time.dateTime(stored: s.openedAt, language),
                            closedAt: s.closedAt.map { time.dateTime(stored: $0, language) } ?? context.say("đang mở"),
                            records: records.filter { $0.sittingID == s.id }.map {
                                .init(at: time.dateTime(stored: $0.at, language), present: $0.present, convened: $0.convened, holds: $0.holds,
                                      reason: $0.reason)
                            })
                    }), "sittings", language)
            }
            return Self.html(page)
        }
        router.post("sittings/open") { request, context -> Response in
            let user = try Self.requireUser(context, request, [])
            let form = try await Self.form(NameForm.self, request, context)
            let sitting = try await store.run { try $0.openSitting(name: form.name, actor: "web:\(user.username)") }
            await live.changed()
            return Self.redirect("/sittings", flash: context.say("Đã mở phiên «{name}»; các cửa điểm danh vào phiên này từ bây giờ.", ["name": sitting.name]))
        }
        router.post("sittings/close") { request, context -> Response in
            let user = try Self.requireUser(context, request, [])
            let sitting = try await store.run { try $0.closeSitting(actor: "web:\(user.username)") }
            await live.changed()
            return Self.redirect("/sittings", flash: context.say("Đã đóng phiên «{name}».", ["name": sitting.name]))
        }
        router.post("sittings/quorum") { request, context -> Response in
            let user = try Self.requireUser(context, request, [])
            let form = try await Self.form(ReasonForm.self, request, context)
            let record = try await store.run { try $0.recordQuorum(reason: form.reason, actor: "web:\(user.username)") }
            return Self.redirect("/sittings", flash: context.say(record.holds ? "Đã ghi túc số: {present}/{convened}, đủ." : "Đã ghi túc số: {present}/{convened}, chưa đủ.",
                                                                 ["present": String(record.present), "convened": String(record.convened)]))
        }
    }

    // MARK: helpers

    static func user(_ context: CongressRequestContext) -> Person? { context.person }

    /// A signed-in person with one of `roles` (admin always), on a same-origin POST.
    static func requireUser(_ context: CongressRequestContext, _ request: Request, _ roles: [Role]) throws -> Person {
        guard let person = context.person else { throw Refusal(.unauthorized, code: "sign_in", vi: "Cần đăng nhập.", en: "Sign in first.") }
        guard person.role == .admin || roles.contains(person.role) else {
            throw Refusal(.forbidden, code: "role_forbidden", vi: "Vai trò \(person.role.rawValue) không được làm việc này.", en: "The \(person.role.rawValue) role may not do this.")
        }
        // SameSite=Strict already keeps other sites' forms out; an Origin that is not ours is refused too.
        if let origin = request.headers[.origin], !origin.hasSuffix("//\(request.head.authority ?? "")") {
            throw Refusal(.forbidden, code: "cross_site", vi: "Yêu cầu từ trang khác bị từ chối.", en: "Cross-site request refused.")
        }
        return person
    }

    static func form<T: Decodable>(_ type: T.Type, _ request: Request, _ context: CongressRequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw Refusal(.badRequest, code: "form_incomplete", vi: "Biểu mẫu thiếu hoặc sai trường.", en: "The form is missing a field, or one is wrong.")
        }
    }

    static func sessionToken(_ request: Request) -> String? { cookieValue(cookie, request) }

    static func cookieValue(_ name: String, _ request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, pair[0] == name, !pair[1].isEmpty { return pair[1] }
        }
        return nil
    }

    /// What an action did, said on the page it redirects to (post, redirect, get): a cookie
    /// of its own, read by the next page and cleared by it.
    static let flashCookie = "congress_flash"

    static func flashMessage(_ request: Request) -> String? {
        cookieValue(flashCookie, request).flatMap { $0.removingPercentEncoding }.map { String($0.prefix(300)) }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String, flash: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        if let flash, let value = flash.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            headers[.setCookie] = "\(flashCookie)=\(value); Path=/; HttpOnly; SameSite=Strict; Max-Age=60"
        }
        return Response(status: .seeOther, headers: headers)
    }

    static func signIn(_ context: CongressRequestContext) -> Response { redirect("/login") }
}


/// Failed sign-ins per username: each failure in a row makes the next answer wait longer,
/// up to 8 s; a success clears it.
actor SignInThrottle {
    private var failures: [String: Int] = [:]

    func failed(_ key: String) -> Duration {
        let n = (failures[key] ?? 0) + 1
        failures[key] = n
        return .milliseconds(min(8_000, 250 << min(n - 1, 6)))
    }

    func succeeded(_ key: String) { failures[key] = nil }
}
