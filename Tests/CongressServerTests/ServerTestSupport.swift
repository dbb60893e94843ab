import CongressCore
import CongressServer
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport

/// A congress with the fixture delegates, a signing key, and a token per role.
final class ServerFixture: @unchecked Sendable {
    let directory: URL
    let store: CongressStore
    let key = CongressSigningKey()
    var tokens: [Role: String] = [:]
    var revokedToken = ""
    var payloads: [String: String] = [:]

    /// `signing`: the server holds the signing key (the secretariat's pages can reissue).
    let signing: Bool

    init(delegates: [Delegate]? = nil, signing: Bool = false) throws {
        self.signing = signing
        directory = try Fixtures.temporaryDirectory()
        store = try CongressStore.create(at: directory.appendingPathComponent("c.db").path,
                                         congress: Congress(name: "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI", term: "2023-2028"),
                                         signingKey: PublicSigningKey(keyID: key.keyID, publicKey: key.publicKey), actor: "test")
        let list = try delegates ?? DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        try store.importDelegates(list, source: "fixture", actor: "test")
        try store.signPendingCredentials(with: key)
        for c in try store.credentials() { payloads[c.code] = c.payload }
        for role in Role.allCases { tokens[role] = try store.createToken(role: role, name: "test \(role.rawValue)", actor: "test").token }
        revokedToken = try store.createToken(role: .admin, name: "old", actor: "test").token
        try store.revokeToken("old", actor: "test")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var application: some ApplicationProtocol {
        Application(router: CongressApp.router(store: store, signingKey: signing ? key : nil, passwordCost: 4))
    }

    func headers(_ role: Role?) -> HTTPFields {
        var h = HTTPFields()
        if let role, let token = tokens[role] { h[.authorization] = "Bearer \(token)" }
        h[.contentType] = "application/json"
        return h
    }
}

func json(_ response: TestResponse) throws -> [String: Any] {
    (try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:]
}

func body(_ object: Any) throws -> ByteBuffer {
    ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
}

extension HTTPFields {
    /// What a browser sends with a form posted from the server's own pages: its origin (the
    /// socket-free and the live test clients both ask for localhost).
    static var fromOurPages: HTTPFields {
        var h = HTTPFields()
        h[.origin] = "http://localhost"
        return h
    }
}
