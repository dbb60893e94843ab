import CongressCore
import Hummingbird

/// Who may open or post each page (RULES.md's who-does-what), checked in front of the
/// page's handler (`Access`, `GatedRouter`); the page access test is made from the same
/// table. A page no list here names refuses everyone.
enum PageAccess {
    struct Rule: Sendable {
        var method: HTTPRequest.Method
        /// Segments; `:name` matches any one.
        var pattern: String
        /// The roles allowed besides admin.
        var roles: Set<Role>
        /// Admin may do everything, except look at a ballot: a scanned sheet shows a vote.
        var adminToo: Bool
        init(method: HTTPRequest.Method, pattern: String, roles: Set<Role>, adminToo: Bool = true) {
            (self.method, self.pattern, self.roles, self.adminToo) = (method, pattern, roles, adminToo)
        }


        func allows(_ role: Role) -> Bool { roles.contains(role) || (adminToo && role == .admin) }
    }

    static let readers: Set<Role> = [.credentials, .viewer, .counting]

    static let table: [Rule] = [
        // the list and each delegate's attendance and door history: the secretariat's, as
        // the API's /delegates is (a viewer or the counting committee reads neither)
        .init(method: .get, pattern: "/delegates", roles: [.credentials]),
        .init(method: .get, pattern: "/delegates/:code", roles: [.credentials]),
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
        .init(method: .post, pattern: "/elections/:id/correct", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/next-round", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/publish", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/candidates", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/committee", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/candidates/:candidate/withdraw", roles: [.counting]),
        .init(method: .post, pattern: "/elections/:id/ballots.pdf", roles: [.counting]),
        .init(method: .get, pattern: "/elections/:id/minutes.pdf", roles: [.counting]),
        .init(method: .get, pattern: "/elections/:id/review", roles: [.counting], adminToo: false),
        .init(method: .get, pattern: "/elections/:id/scans.json", roles: [.counting]),
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
        .init(method: .post, pattern: "/devices/people/:username/unlock", roles: []),
        .init(method: .get, pattern: "/reports", roles: [.credentials, .counting]),
        .init(method: .get, pattern: "/reports/:file", roles: [.credentials, .counting]),
        .init(method: .get, pattern: "/reports/elections/:id/:file", roles: [.credentials, .counting]),
    ]

    /// Open to anyone: signing in and out, the language switch, the style sheets and icon.
    static let open: [(HTTPRequest.Method, String)] = [
        (.get, "/"), (.get, "/login"), (.post, "/login"), (.post, "/logout"), (.get, "/language/:code"),
        (.get, "/favicon.svg"), (.get, "/congress.css"), (.get, "/board.css"), (.get, "/board.js"), (.get, "/congress.js"),
    ]

    /// The hall screen and its live stream: its viewer token, or a person signed in as a reader.
    static let hallScreen: [(HTTPRequest.Method, String)] = [(.get, "/board"), (.get, "/board/events")]
}
