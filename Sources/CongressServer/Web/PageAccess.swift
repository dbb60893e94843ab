import CongressCore
import Hummingbird

/// Who may open or post each page (RULES.md's who-does-what), checked by `PageGate` before
/// the page's handler runs; the page access test is made from the same table. A path the
/// table does not name is open to anyone (sign-in, the language switch, the style sheet;
/// the hall screen checks its token itself).
enum PageAccess {
    struct Rule: Sendable {
        var method: HTTPRequest.Method
        /// Segments; `:name` matches any one.
        var pattern: String
        /// The roles allowed besides admin.
        var roles: Set<Role>
        /// Admin may do everything, except look at a ballot: a scanned sheet shows a vote.
        var adminToo: Bool
        /// `pattern`, split once.
        let path: PathPattern

        init(method: HTTPRequest.Method, pattern: String, roles: Set<Role>, adminToo: Bool = true) {
            (self.method, self.pattern, self.roles, self.adminToo, self.path) = (method, pattern, roles, adminToo, PathPattern(pattern))
        }


        func allows(_ role: Role) -> Bool { roles.contains(role) || (adminToo && role == .admin) }
    }

    static let readers: Set<Role> = [.credentials, .viewer, .counting]

    static let table: [Rule] = [
        .init(method: .get, pattern: "/delegates", roles: readers),
        .init(method: .get, pattern: "/delegates/:code", roles: readers),
        .init(method: .post, pattern: "/delegates/:code/admit", roles: [.credentials]),
        .init(method: .post, pattern: "/delegates/:code/absence", roles: [.credentials]),
        .init(method: .post, pattern: "/delegates/:code/reissue", roles: [.credentials]),
        .init(method: .get, pattern: "/delegates/:code/badge.png", roles: [.credentials]),
        .init(method: .post, pattern: "/substitutions", roles: [.credentials]),
        .init(method: .get, pattern: "/delegates/import", roles: [.credentials]),
        .init(method: .post, pattern: "/delegates/import", roles: [.credentials]),
        .init(method: .post, pattern: "/delegates/import/confirm", roles: [.credentials]),
        .init(method: .get, pattern: "/badges", roles: [.credentials]),
        .init(method: .get, pattern: "/badges/print", roles: [.credentials]),
        .init(method: .get, pattern: "/sittings", roles: [.credentials, .kiosk, .viewer, .counting]),
        .init(method: .post, pattern: "/sittings/open", roles: []),
        .init(method: .post, pattern: "/sittings/close", roles: []),
        .init(method: .post, pattern: "/sittings/quorum", roles: []),
        .init(method: .get, pattern: "/elections", roles: [.counting]),
        .init(method: .get, pattern: "/elections/new", roles: [.counting]),
        .init(method: .post, pattern: "/elections", roles: [.counting]),
        .init(method: .get, pattern: "/elections/:id", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/enter", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/undo", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/publish", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/candidates", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/committee", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/ballots.pdf", roles: [.counting]),
        .init(method: .get, pattern: "/elections/:id/minutes.pdf", roles: [.counting]),
        .init(method: .get, pattern: "/elections/:id/review", roles: [.counting], adminToo: false),
        .init(method: .post, pattern: "/elections/:id/review/:sheet", roles: [.counting], adminToo: false),
        .init(method: .get, pattern: "/elections/:id/scans/:sheet/page.jpg", roles: [.counting], adminToo: false),
        .init(method: .get, pattern: "/elections/:id/scans/:sheet/lines/:line", roles: [.counting], adminToo: false),
        .init(method: .get, pattern: "/elections/:id/desk", roles: [.counting, .credentials]),
        .init(method: .post, pattern: "/elections/:id/desk", roles: [.counting, .credentials]),
        .init(method: .get, pattern: "/devices", roles: []),
        .init(method: .post, pattern: "/devices", roles: []),
        .init(method: .post, pattern: "/devices/:id/revoke", roles: []),
        .init(method: .post, pattern: "/devices/people", roles: []),
        .init(method: .post, pattern: "/devices/people/:username/disable", roles: []),
        .init(method: .post, pattern: "/devices/people/:username/password", roles: []),
        .init(method: .get, pattern: "/reports", roles: [.credentials, .counting]),
        .init(method: .get, pattern: "/reports/:file", roles: [.credentials, .counting]),
        .init(method: .get, pattern: "/reports/elections/:id/:file", roles: [.credentials, .counting]),
    ]

    /// The most specific rule for a request: a fixed segment beats a `:name`
    /// (/delegates/import before /delegates/:code).
    static func rule(_ method: HTTPRequest.Method, _ path: String) -> Rule? {
        let asked = PathPattern.split(path)
        return table.filter { $0.method == method && $0.path.matches(asked) }.max { $0.path.fixedCount < $1.path.fixedCount }
    }
}

/// Checks `PageAccess` before a page's handler: a page opened signed out, or by a role it is
/// not for, sends the person to sign in (a file — a PDF, an image — is refused 403 to a role
/// it is not for); a form posted signed out is 401, by the wrong role or from another site 403.
struct PageGate: RouterMiddleware {
    typealias Context = CongressRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !path.hasPrefix("/api/"), let rule = PageAccess.rule(request.method, path) else { return try await next(request, context) }
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
        // SameSite=Strict already keeps other sites' forms out; an Origin that is not ours is refused too
        if request.method == .post, let origin = request.headers[.origin], !origin.hasSuffix("//\(request.head.authority ?? "")") {
            throw Refusal(.forbidden, code: "cross_site", vi: "Yêu cầu từ trang khác bị từ chối.", en: "Cross-site request refused.")
        }
        return try await next(request, context)
    }
}
