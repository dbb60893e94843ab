import CongressCore
import Foundation
import Hummingbird

/// Who may use a route (quyền truy cập): the rule of one route, found when the route is
/// registered (`GatedRouter`) and checked in front of its handler. The rule travels with
/// the handler, not with the request's path: however a path is written (`/x/`, `//x`,
/// `%2F`, upper case), whatever handler the router picks runs behind that handler's own
/// rule, and a route registered without a rule refuses everyone.
enum Access: Sendable {
    /// Anyone, signed in or not: sign-in, the language switch, style sheets, the API's document.
    case anyone
    /// The API: a bearer token of one of these roles (admin may do everything). The sign-in
    /// cookie is not a token; a route that reads a body reads JSON only.
    case api(roles: Set<Role>, takesBody: Bool)
    /// A page: a person signed in with the session cookie, as `PageAccess` says.
    case page(PageAccess.Rule)
    /// The hall screen and its stream: the viewer token given once in `?token=` (kept in a
    /// cookie of the screen's own), or a bearer token or a person signed in with one of these roles.
    case hallScreen(Set<Role>)

    /// The rule of a route as the router holds it (`:name` parameters), from the API's
    /// table, the pages' table and the open routes; nil where none is written.
    static func of(_ method: HTTPRequest.Method, _ path: String) -> Access? { table[key(method, path)] }

    /// Every route that has a rule, by the key `of` looks up.
    static let table: [String: Access] = {
        var all: [String: Access] = [:]
        for route in Routes.table {
            all[key(route.method, route.path)] = route.roles.map { .api(roles: Set($0), takesBody: route.request != nil) } ?? .anyone
        }
        for rule in PageAccess.table { all[key(rule.method, rule.pattern)] = .page(rule) }
        for (method, path) in PageAccess.open { all[key(method, path)] = .anyone }
        for (method, path) in PageAccess.hallScreen { all[key(method, path)] = .hallScreen(PageAccess.readers) }
        return all
    }()

    /// `GET /a/:x/b` and `GET /a/{id}/b` alike: a parameter is a parameter whatever its name.
    static func key(_ method: HTTPRequest.Method, _ path: String) -> String {
        let segments = path.split(separator: "/").map { $0.hasPrefix(":") || $0.hasPrefix("{") ? ":" : String($0) }
        return "\(method.rawValue) /\(segments.joined(separator: "/"))"
    }

    /// Lets the request through (nil), answers it instead of the handler (a page opened
    /// signed out is sent to sign in), or throws the refusal.
    func admit(_ request: Request, _ context: inout CongressRequestContext, tokens: Authentication) async throws -> Response? {
        switch self {
        case .anyone:
            if request.method == .post, request.uri.path.split(separator: "/").first?.lowercased() != "api" {
                try SameOrigin.require(request, scheme: context.scheme)
            }
            return nil
        case let .api(roles, takesBody):
            _ = try context.require(Array(roles))
            if takesBody, !Self.isJSON(request.headers[.contentType]) {
                throw Refusal(.unsupportedMediaType, code: "json_only", vi: "Chỉ nhận nội dung JSON (Content-Type: application/json).",
                              en: "Only JSON bodies are accepted (Content-Type: application/json).")
            }
            return nil
        case let .page(rule):
            let path = request.uri.path
            let isFile = path.split(separator: "/").last?.contains(".") == true || path.hasSuffix("/print") || path.contains("/lines/")
            guard let person = context.person else {
                if request.method == .get { return Web.signIn(context) }
                throw Refusal(.unauthorized, code: "sign_in", vi: "Cần đăng nhập.", en: "Sign in first.")
            }
            guard rule.allows(person.role) else {
                if request.method == .get && !isFile { return Web.signIn(context) }
                throw Refusal(.forbidden, code: "role_forbidden", vi: "Vai trò \(person.role.rawValue) không được làm việc này.",
                              en: "The \(person.role.rawValue) role may not do this.")
            }
            if request.method == .post { try SameOrigin.require(request, scheme: context.scheme) }
            return nil
        case let .hallScreen(roles):
            if let person = context.person, person.role == .admin || roles.contains(person.role) { return nil }
            if context.identity != nil {
                _ = try context.require(Array(roles))
                return nil
            }
            let given = request.uri.queryParameters.get("token")
            if let token = given ?? Web.cookieValue(HallScreen.cookie, request), !token.isEmpty,
               let identity = try await tokens.identity(forToken: token), identity.role == .viewer {
                context.screen = HallScreen.Pass(token: token, fromQuery: given != nil)
                return nil
            }
            throw Refusal(.unauthorized, code: "screen_token_required",
                          vi: "Màn hình hội trường cần mã truy cập của màn hình (vai trò viewer), do quản trị cấp ở trang Thiết bị.",
                          en: "The hall screen needs its screen token (viewer role), made by the admin on the Devices page.")
        }
    }

    /// `application/json`, with or without parameters, or a `+json` type.
    static func isJSON(_ type: String?) -> Bool {
        guard let type else { return false }
        let bare = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return bare == "application/json" || (bare.hasPrefix("application/") && bare.hasSuffix("+json"))
    }
}

/// A form posted to the pages comes from the pages: its `Origin`, or failing that its
/// `Referer`, names this server. SameSite=Strict already keeps other sites' cookies out;
/// this also covers the sign-in form, which has no cookie yet, and browsers that send no
/// SameSite. A post that says where it comes from neither way is refused.
enum SameOrigin {
    static func require(_ request: Request, scheme: String) throws {
        let authority = request.head.authority ?? ""
        let from = request.headers[.origin] ?? request.headers[.referer]
        // an IPv6 literal is bracketed in Host, and may come back from URL without them; the
        // scheme is this server's own (an https page posting to plain http is another origin)
        guard let from, let url = URL(string: from), let bare = url.host, url.scheme?.lowercased() == scheme,
              case let host = bare.contains(":") && !bare.hasPrefix("[") ? "[\(bare)]" : bare,
              !authority.isEmpty, "\(host)\(url.port.map { ":\($0)" } ?? "")".lowercased() == authority.lowercased() else {
            throw Refusal(.forbidden, code: "cross_site", vi: "Yêu cầu không đến từ trang của hệ thống này nên bị từ chối.",
                          en: "The request did not come from this system's pages and was refused.")
        }
    }
}

/// The router every controller adds its routes through: each route is registered behind
/// its rule (`Access.of`), so the check is the handler's own. A route without a rule is
/// registered as a refusal (deny by default) and noted in `unruled`, which a test reads.
final class GatedRouter {
    let router: Router<CongressRequestContext>
    let prefix: String
    let tokens: Authentication
    let ledger: Ledger

    /// Every route registered, with whether it had a rule.
    final class Ledger {
        var routes: [(method: HTTPRequest.Method, path: String, access: Access?)] = []
    }

    init(_ router: Router<CongressRequestContext>, tokens: Authentication, prefix: String = "", ledger: Ledger = Ledger()) {
        (self.router, self.tokens, self.prefix, self.ledger) = (router, tokens, prefix, ledger)
    }

    /// Routes under `path` (`api/v1`).
    func group(_ path: String) -> GatedRouter { GatedRouter(router, tokens: tokens, prefix: join(prefix, path), ledger: ledger) }

    @discardableResult
    func get<Output: ResponseGenerator>(_ path: String, use handler: @escaping @Sendable (Request, CongressRequestContext) async throws -> Output) -> Self {
        on(path, method: .get, use: handler)
    }

    @discardableResult
    func post<Output: ResponseGenerator>(_ path: String, use handler: @escaping @Sendable (Request, CongressRequestContext) async throws -> Output) -> Self {
        on(path, method: .post, use: handler)
    }

    @discardableResult
    func on<Output: ResponseGenerator>(_ path: String, method: HTTPRequest.Method,
                                       use handler: @escaping @Sendable (Request, CongressRequestContext) async throws -> Output) -> Self {
        let full = "/" + join(prefix, path)
        let access = Access.of(method, full)
        ledger.routes.append((method, full, access))
        let tokens = self.tokens
        router.on(RouterPath(full), method: method) { request, context -> Response in
            guard let access else {
                throw Refusal(.forbidden, code: "no_rule", vi: "Địa chỉ này chưa có quy định ai được dùng nên bị từ chối.",
                              en: "No rule says who may use this address, so it is refused.")
            }
            var context = context
            if let answer = try await access.admit(request, &context, tokens: tokens) { return answer }
            return try await handler(request, context).response(from: request, context: context)
        }
        return self
    }

    private func join(_ a: String, _ b: String) -> String {
        (a.split(separator: "/") + b.split(separator: "/")).joined(separator: "/")
    }
}
