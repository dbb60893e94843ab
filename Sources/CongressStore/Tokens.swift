import CongressCore
import Foundation
import GRDB

/// An API token as listed (never the token itself).
public struct APIToken: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var createdAt: String
    public var revokedAt: String?
}

extension CongressStore {
    /// Makes a token: 160 random bits, shown once; only its SHA-256 is kept.
    public func createToken(role: Role, name: String, actor: String) throws(StoreError) -> (token: String, record: APIToken) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "cg_" + Base32.encode(bytes).lowercased()
        let hash = Self.tokenHash(token)
        let record = try write { db in
            let now = Clock.now()
            try db.execute(sql: "INSERT INTO api_token (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role.rawValue, hash, now])
            let record = APIToken(id: db.lastInsertedRowID, name: name, role: role, createdAt: now, revokedAt: nil)
            try AuditLog.append(db, actor: actor, action: "token.create", subject: name,
                                details: ["id": String(record.id), "role": role.rawValue])
            return record
        }
        return (token, record)
    }

    public func tokens() throws(StoreError) -> [APIToken] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY id").map {
                APIToken(id: $0["id"], name: $0["name"], role: try $0.coded("role", of: "api_token"),
                         createdAt: $0["created_at"], revokedAt: $0["revoked_at"])
            }
        }
    }

    /// Revokes by id or by name; returns how many were revoked.
    @discardableResult
    public func revokeToken(_ idOrName: String, actor: String) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: """
                UPDATE api_token SET revoked_at = ? WHERE revoked_at IS NULL AND (CAST(id AS TEXT) = ? OR name = ?)
                """, arguments: [Clock.now(), idOrName, idOrName])
            let changed = db.changesCount
            if changed > 0 {
                try AuditLog.append(db, actor: actor, action: "token.revoke", subject: idOrName, details: ["count": String(changed)])
            }
            return changed
        }
    }

    /// The role of a presented token, if it is known and not revoked.
    public func role(forToken token: String) throws(StoreError) -> (role: Role, name: String)? {
        let hash = Self.tokenHash(token)
        return try read { db in
            try Row.fetchOne(db, sql: "SELECT role, name FROM api_token WHERE token_hash = ? AND revoked_at IS NULL",
                             arguments: [hash]).flatMap { row in
                Role(rawValue: row["role"]).map { ($0, row["name"] as String) }
            }
        }
    }

    static func tokenHash(_ token: String) -> String {
        AuditLog.sha256Hex(token)
    }
}
