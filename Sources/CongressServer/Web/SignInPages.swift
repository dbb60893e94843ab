import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdBcrypt

/// Signing in and out of the pages (a session cookie, bcrypt passwords checked by the
/// sign-in guard) and the language switch at the top of every page.
struct SignInPages {
    let store: StoreRunner
    let guardian: SignInGuard

    struct LoginForm: Decodable { var username: String; var password: String }

    /// Where each role starts: the page of its work (a viewer's is the hall screen).
    static func home(_ role: Role) -> String {
        switch role {
        case .admin, .credentials: "/delegates"
        case .counting: "/elections"
        case .viewer: "/board"
        case .kiosk: "/sittings"
        }
    }

    func addRoutes(to router: GatedRouter) {
        // the language switch at the top of every page: kept in a cookie for a year, back to
        // the page it was pressed on (the Referer, our own pages only)
        router.get("language/:code") { request, context -> Response in
            let language = Language(rawValue: try context.parameters.require("code")) ?? .vi
            var back = "/delegates"
            if let referer = request.headers[.referer], let url = URL(string: referer),
               url.host.map({ "\($0)\(url.port.map { ":\($0)" } ?? "")" }) == request.head.authority,
               let path = Web.localPath(url.path + (url.query.map { "?" + $0 } ?? "")), !path.hasPrefix("/language/") {
                back = path
            }
            var response = Web.redirect(back)
            response.headers[.setCookie] = "\(LanguageChoice.cookie)=\(language.rawValue); Path=/; SameSite=Lax; Max-Age=31536000"
            return response
        }
        // the address alone: the page of one's role, or the sign-in form
        router.get("/") { _, context in Web.redirect(context.person.map { Self.home($0.role) } ?? "/login") }
        router.get("login") { _, context in Web.html(Templates.render(LoginPage(user: context.person.map(UserView.init)), "login", context.language)) }
        router.post("login") { request, context -> Response in
            let form = try await Web.form(LoginForm.self, request, context)
            let account = SignInThrottle.account(form.username)
            let address = context.clientAddress
            func refused(_ phrase: String, _ status: HTTPResponse.Status, _ values: [String: String] = [:], retryAfter: Int? = nil) -> Response {
                var response = Web.html(Templates.render(LoginPage(flash: context.say(phrase, values)), "login", context.language), status: status)
                if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
                return response
            }
            switch await guardian.throttle.begin(account: account, address: address) {
            case .go: break
            case let .wait(seconds):
                return refused("Đã thử sai nhiều lần; hãy thử lại sau {seconds} giây.", .tooManyRequests, ["seconds": String(seconds)], retryAfter: seconds)
            case .busy:
                return refused("Nhiều người đang đăng nhập cùng lúc; hãy thử lại sau {seconds} giây.", .tooManyRequests, ["seconds": "1"], retryAfter: 1)
            }
            let found = try await store.run { try $0.personForSignIn(account) }
            guard let verified = await guardian.verify(form.password, hash: found?.passwordHash) else {
                await guardian.throttle.cancelled(address: address)
                return refused("Nhiều người đang đăng nhập cùng lúc; hãy thử lại sau {seconds} giây.", .tooManyRequests,
                               ["seconds": String(guardian.retryAfter)], retryAfter: guardian.retryAfter)
            }
            let person = found?.person
            let ok = verified && person?.lockedAt == nil
            let failures = await guardian.throttle.finished(account: account, address: address, succeeded: ok)
            guard ok, let person else {
                if failures >= SignInThrottle.lockAfter, let person, person.lockedAt == nil {
                    try await store.run { try $0.lockPerson(person.username, failures: failures, actor: "sign-in guard (\(address))") }
                }
                // the same words whether the name exists, the password is wrong or the account is locked
                return refused(failures >= SignInThrottle.lockAfter
                               ? "Sai tên đăng nhập hoặc mật khẩu. Đã sai quá nhiều lần: nếu tài khoản có thật, nó đã bị khoá; hãy nhờ quản trị mở khoá."
                               : "Sai tên đăng nhập hoặc mật khẩu.", .unauthorized)
            }
            let token = try await store.run { try $0.openSession(username: person.username) }
            var response = Web.redirect(Self.home(person.role))
            response.headers[.setCookie] = "\(Web.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"
            return response
        }
        router.post("logout") { request, _ -> Response in
            if let token = Web.sessionToken(request) { try await store.run { try $0.closeSession(token) } }
            var response = Web.redirect("/login")
            response.headers[.setCookie] = "\(Web.cookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
            return response
        }
    }
}
