import CongressCore
import CongressStore
import Hummingbird

/// Who is asking: the role and name of a valid token.
public struct Identity: Sendable, Hashable {
    public var role: Role
    public var name: String
}

/// The request context of every route: Hummingbird's core storage and the caller.
public struct CongressRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// Set when the caller signed in to the web pages (session cookie).
    public var person: Person?
    /// Set on the hall screen's routes when its viewer token let it in.
    var screen: HallScreen.Pass?
    /// What the last action did, carried across its redirect (a cookie read once).
    public var flash: String?
    /// The asker's language (LanguageChoice): pages, messages and refusals are in it.
    public var language: Language = .vi

    /// The client's IP address as the connection shows it ("unknown" in socket-free tests):
    /// the sign-in guard counts failures per address. No forwarded-for header is believed.
    public var clientAddress: String
    /// The scheme this server answers on ("https" when served over TLS): a form's Origin must name it.
    public var scheme = "http"

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Bodies larger than this are answered 413: the largest legitimate one is a batch of
    /// scans (500 × ~200 bytes).
    public var maxUploadSize: Int { 512 * 1024 }

    /// Refuses the request unless the caller has one of `roles`: 401 without a valid
    /// token, 403 with the wrong role.
    public func require(_ roles: Role...) throws -> Identity { try require(roles) }

    public func require(_ roles: [Role]) throws -> Identity {
        guard let identity else {
            throw Refusal(.unauthorized, code: "token_required", vi: "Cần mã truy cập hợp lệ (Authorization: Bearer …).", en: "A valid token is required (Authorization: Bearer …).")
        }
        guard identity.role == .admin || roles.contains(identity.role) else {
            throw Refusal(.forbidden, code: "role_forbidden", vi: "Vai trò \(identity.role.rawValue) không được làm việc này.", en: "The \(identity.role.rawValue) role may not do this.")
        }
        return identity
    }

    /// The caller of an API route, whom APIRoleGate has already let in.
    public func caller() throws -> Identity {
        guard let identity else {
            throw Refusal(.unauthorized, code: "token_required", vi: "Cần mã truy cập hợp lệ (Authorization: Bearer …).", en: "A valid token is required (Authorization: Bearer …).")
        }
        return identity
    }

    /// A phrase in the asker's language (the `Catalogue`), `{name}` placeholders filled.
    public func say(_ vietnamese: String, _ values: [String: String] = [:]) -> String {
        Catalogue.say(vietnamese, language, values)
    }

    /// Who did it, for the audit log.
    public var actor: String {
        if let identity { return "token:\(identity.name)" }
        if let person { return "token:web:\(person.username)" }
        return "anonymous"
    }
}
