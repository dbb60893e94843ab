import CongressCore
import Foundation
import GRDB

/// A delegate's current badge credential.
public struct Credential: Sendable, Hashable {
    public var code: String
    public var serial: Int
    /// The signed text drawn in the QR code; nil until it is first signed.
    public var payload: String?
    /// When this badge was issued (stored form, UTC): a reissued badge's is the reissue's.
    public var issuedAt: String
}

/// A congress public key as kiosks receive it.
public struct PublicSigningKey: Sendable, Hashable, Codable {
    public var keyID: String
    public var publicKey: Data

    public init(keyID: String, publicKey: Data) {
        self.keyID = keyID
        self.publicKey = publicKey
    }
}

extension CongressStore {
    public func registerSigningKey(_ key: PublicSigningKey, actor: String) throws(StoreError) {
        try write { db in try Self.insertSigningKey(db, key, actor: actor) }
    }

    static func insertSigningKey(_ db: Database, _ key: PublicSigningKey, actor: String) throws {
        try db.execute(sql: "INSERT INTO signing_key (key_id, public_key, created_at) VALUES (?, ?, ?)",
                       arguments: [key.keyID, key.publicKey, Clock.now()])
        try AuditLog.append(db, actor: actor, action: "key.create", subject: key.keyID,
                            details: ["public_key": key.publicKey.base64EncodedString()])
    }

    public func signingKeys() throws(StoreError) -> [PublicSigningKey] {
        try read { db in try Self.signingKeys(db) }
    }

    static func signingKeys(_ db: Database) throws -> [PublicSigningKey] {
        try Row.fetchAll(db, sql: "SELECT key_id, public_key FROM signing_key ORDER BY created_at").map {
            PublicSigningKey(keyID: $0["key_id"], publicKey: $0["public_key"])
        }
    }

    /// A verifier holding this congress's public keys and revocations.
    public func credentialVerifier() throws(StoreError) -> CredentialVerifier {
        try read { db in try Self.credentialVerifier(db) }
    }

    /// The congress's public keys only, for checking signatures ahead of a transaction.
    public func signatureVerifier() throws(StoreError) -> CredentialVerifier {
        try read { db in try Self.credentialVerifier(db, withRevocations: false) }
    }

    /// Every delegate's current (newest, not revoked) credential, by code.
    public func credentials() throws(StoreError) -> [Credential] {
        try read { db in try Self.currentCredentials(db) }
    }

    static func currentCredentials(_ db: Database) throws -> [Credential] {
        try Row.fetchAll(db, sql: """
            SELECT c.code, c.serial, c.payload, c.issued_at FROM credential c JOIN delegate d ON d.code = c.code
            WHERE c.revoked_at IS NULL ORDER BY c.code
            """).map { Credential(code: $0["code"], serial: $0["serial"], payload: $0["payload"], issuedAt: $0["issued_at"]) }
    }

    /// Every credential withdrawn: what kiosks refuse.
    public func revokedCredentials() throws(StoreError) -> Set<CredentialID> {
        try read { db in try Self.revokedCredentials(db) }
    }

    static func revokedCredentials(_ db: Database) throws -> Set<CredentialID> {
        Set(try Row.fetchAll(db, sql: "SELECT code, serial FROM credential WHERE revoked_at IS NOT NULL").map {
            CredentialID(code: $0["code"], serial: $0["serial"])
        })
    }

    /// Signs the credentials that have no payload yet (new delegates), in one transaction.
    /// Returns how many were signed.
    @discardableResult
    public func signPendingCredentials(with key: CongressSigningKey) throws(StoreError) -> Int {
        try write { db in
            let pending = try Row.fetchAll(db, sql: "SELECT code, serial FROM credential WHERE payload IS NULL AND revoked_at IS NULL")
            let update = try db.cachedStatement(sql: "UPDATE credential SET payload = ? WHERE code = ? AND serial = ?")
            for row in pending {
                let code: String = row["code"], serial: Int = row["serial"]
                try update.execute(arguments: [try key.payload(code: code, serial: serial).text, code, serial])
            }
            return pending.count
        }
    }

    /// A new badge for one delegate: the current credential is revoked from this moment and
    /// the next serial is issued and signed, in one transaction, logged with who and why.
    public func reissueCredential(code: String, reason: String, actor: String,
                                  key: CongressSigningKey) throws(StoreError) -> Credential {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM delegate WHERE code = ?", arguments: [code]) == true else {
                throw StoreError.unknownDelegate(code: code)
            }
            let now = Clock.now()
            let old = try Int.fetchOne(db, sql: "SELECT serial FROM credential WHERE code = ? AND revoked_at IS NULL",
                                       arguments: [code])
            try db.execute(sql: """
                UPDATE credential SET revoked_at = ?, revoked_by = ?, revoke_reason = ?
                WHERE code = ? AND revoked_at IS NULL
                """, arguments: [now, actor, reason, code])
            let serial = try Self.nextSerial(db, code: code)
            let payload = try key.payload(code: code, serial: serial).text
            try db.execute(sql: "INSERT INTO credential (code, serial, payload, issued_at) VALUES (?, ?, ?, ?)",
                           arguments: [code, serial, payload, now])
            if let old { try Feed.append(db, kind: "revocation", data: CredentialID(code: code, serial: old), at: now) }
            try AuditLog.append(db, actor: actor, action: "credential.reissue", subject: code, details: [
                "reason": reason, "revoked_serial": old.map(String.init) ?? "", "new_serial": String(serial)])
            return Credential(code: code, serial: serial, payload: payload, issuedAt: now)
        }
    }

    static func nextSerial(_ db: Database, code: String) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT max(serial) FROM credential WHERE code = ?", arguments: [code]) ?? 0) + 1
    }

    /// Called by the delegate import inside its transaction.
    static func issueCredentials(_ db: Database, added: [Delegate], removed: [Delegate], at now: String) throws {
        for d in added {
            try db.execute(sql: "INSERT INTO credential (code, serial, issued_at) VALUES (?, ?, ?)",
                           arguments: [d.code, try nextSerial(db, code: d.code), now])
        }
        for d in removed {
            try db.execute(sql: """
                UPDATE credential SET revoked_at = ?, revoked_by = 'import', revoke_reason = 'removed from the list'
                WHERE code = ? AND revoked_at IS NULL
                """, arguments: [now, d.code])
        }
    }
}
