import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdBcrypt

/// Signing in and out of the pages (a session cookie, bcrypt passwords, a throttle on
/// failures) and the language switch at the top of every page.
struct SignInPages {
    let store: StoreRunner
    let throttle = SignInThrottle()

    struct LoginForm: Decodable { var username: String; var password: String }

    func addRoutes(to router: Router<CongressRequestContext>) {
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
            var response = Web.redirect(back)
            response.headers[.setCookie] = "\(LanguageChoice.cookie)=\(language.rawValue); Path=/; SameSite=Lax; Max-Age=31536000"
            return response
        }
        router.get("login") { _, context in Web.html(Templates.render(LoginPage(user: context.person.map(UserView.init)), "login", context.language)) }
        router.post("login") { request, context -> Response in
            let form = try await Web.form(LoginForm.self, request, context)
            let key = form.username.lowercased()
            let found = try await store.run { try $0.personForSignIn(form.username) }
            let ok = try await store.run { _ in found.map { Bcrypt.verify(form.password, hash: $0.passwordHash) } ?? false }
            guard ok, let person = found?.person else {
                // Each failure in a row waits longer before the answer: guessing is slow.
                try await Task.sleep(for: await throttle.failed(key))
                return Web.html(Templates.render(LoginPage(flash: context.say("Sai tên đăng nhập hoặc mật khẩu.")), "login", context.language), status: .unauthorized)
            }
            await throttle.succeeded(key)
            let token = try await store.run { try $0.openSession(username: person.username) }
            var response = Web.redirect("/delegates")
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
