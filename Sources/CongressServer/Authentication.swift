import CongressCore
import CongressStore
import Foundation
import Hummingbird

/// Reads the bearer token (the API's only credential) or the sign-in cookie (the pages'
/// only credential) and sets who is asking. A token that is presented but unknown or
/// revoked is answered 401 at once; each route's own rule (`Access`) decides the rest.
/// `?token=` is not read here: only the hall screen's rule reads it, for its own route.
struct Authentication: RouterMiddleware {
    typealias Context = CongressRequestContext
    let store: StoreRunner
    var tokens = TokenCache()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer ") else {
                throw Refusal(.unauthorized, code: "bearer_only", vi: "Chỉ nhận Authorization: Bearer.", en: "Only bearer tokens are accepted.")
            }
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty, let identity = try await identity(forToken: token) else {
                throw Refusal(.unauthorized, code: "unknown_token", vi: "Mã truy cập không đúng hoặc đã bị thu hồi.", en: "Unknown or revoked token.")
            }
            context.identity = identity
        } else if let session = Web.sessionToken(request),
                  let person = try await store.run({ try $0.person(forSession: session) }) {
            context.person = person
        }
        context.flash = Web.flashMessage(request)
        var response = try await next(request, context)
        // the message is shown once: cleared by the page that showed it
        if context.flash != nil, response.status == .ok {
            response.headers.append(HTTPFields.Element(name: .setCookie, value: "\(Web.flashCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"))
        }
        return response
    }

    /// The holder of a token, or nil for an unknown or revoked one.
    func identity(forToken token: String) async throws -> Identity? {
        guard token.utf8.count <= 200 else { return nil }
        var found = tokens.lookup(token)
        if found == nil {
            found = try await store.run { try $0.role(forToken: token) }
            if let found { tokens.remember(token, found) }
        }
        return found.map { Identity(role: $0.role, name: $0.name) }
    }
}

/// Security headers on every answer.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = CongressRequestContext
    /// Served over HTTPS: cookies are `Secure` and browsers are told to keep to HTTPS.
    var tls = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        var context = context
        context.scheme = tls ? "https" : "http"
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            var refusal = Refusal(error)
            // a route that is there, asked with a method it does not take: 405, saying which it takes
            if error.status == .notFound, case let allow = Self.methods(for: request.uri.path), !allow.isEmpty {
                refusal = Refusal(HTTPError(.methodNotAllowed))
                refusal.allow = allow
            }
            response = try refusal.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if let frame = Self.frameOptions { response.headers[frame] = "DENY" }
        // same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with
        // every form it posts, and the same-origin check below the pages refused them all
        if let referrer = Self.referrerPolicy { response.headers[referrer] = "same-origin" }
        // nothing inline: the pages' style and the hall screen's script are files (StaticFiles)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        if tls {
            response.headers[.strictTransportSecurity] = "max-age=31536000"
            // every cookie the answer sets, whoever set it, travels over HTTPS only
            let cookies = response.headers[values: .setCookie]
            if !cookies.isEmpty {
                response.headers[.setCookie] = nil
                for cookie in cookies {
                    response.headers.append(.init(name: .setCookie, value: cookie.lowercased().contains("; secure") ? cookie : cookie + "; Secure"))
                }
            }
        }
        return response
    }

    /// The methods the API's route table takes at this path ({id} matching a number).
    static func methods(for path: String) -> [String] {
        let asked = PathPattern.split(path)
        return Routes.table.filter { $0.pattern.matches(asked) }.map(\.method.rawValue)
    }

    static let frameOptions = HTTPFields.Element.Name("X-Frame-Options")
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")
}

/// Tokens already checked, for two seconds: a kiosk posting scans every few milliseconds
/// does not cost a database read each time, and a revoked token stops working within two
/// seconds (unknown tokens are never cached).
final class TokenCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (role: Role, name: String, until: ContinuousClock.Instant)] = [:]
    static let lifetime = Duration.seconds(2)

    func lookup(_ token: String) -> (role: Role, name: String)? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[token], entry.until > ContinuousClock.now else { return nil }
        return (entry.role, entry.name)
    }

    func remember(_ token: String, _ found: (role: Role, name: String)) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count > 10_000 { entries.removeAll() }
        entries[token] = (found.role, found.name, ContinuousClock.now + Self.lifetime)
    }

    /// Forgets every token looked up: after a revocation in this server, refused at once
    /// (a revocation by the CLI, another process, takes at most `lifetime`).
    func forgetAll() {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll()
    }
}
