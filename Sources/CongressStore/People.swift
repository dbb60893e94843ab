import CongressCore
import Foundation
import GRDB

/// Someone who signs in to the web pages (secretariat, counting committee, presidium).
public struct Person: Sendable, Hashable, Codable {
    public var username: String
    public var name: String
    public var role: Role
    /// When too many wrong passwords locked the account (khoá đăng nhập), ISO 8601 as
    /// stored; nil when it may sign in.
    public var lockedAt: String?

    public init(username: String, name: String, role: Role, lockedAt: String? = nil) {
        (self.username, self.name, self.role, self.lockedAt) = (username, name, role, lockedAt)
    }

    init(_ row: Row) throws {
        self.init(username: row["username"], name: row["name"], role: try row.coded("role", of: "person"), lockedAt: row["locked_at"])
    }
}

extension CongressStore {
    /// Adds a person; `passwordHash` is a bcrypt hash made by the caller (the store never
    /// sees a password).
    public func addPerson(username: String, name: String, role: Role, passwordHash: String,
                          actor: String) throws(StoreError) -> Person {
        let username = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard !username.isEmpty, username.count <= 64 else { throw .invalidUsername(username) }
        // the scanner enters as "Máy quét": a person signed in under that name would be both
        // sources of a double entry
        guard !ScanDesk.isScannerName(username) else { throw .invalidUsername(username) }
        return try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE username = ?", arguments: [username]) == true {
                throw StoreError.personRefused(.usernameTaken(username))
            }
            try db.execute(sql: "INSERT INTO person (username, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [username, name, role.rawValue, passwordHash, Clock.now()])
            try AuditLog.append(db, actor: actor, action: "person.add", subject: username, details: ["role": role.rawValue])
            return Person(username: username, name: name, role: role)
        }
    }

    /// Stops a person signing in (their account is kept, for the audit log's names) and
    /// closes their open sessions at once. Nobody disables their own account: the last
    /// administrator could lock everyone out.
    public func disablePerson(_ username: String, actor: String) throws(StoreError) {
        let username = username.lowercased()
        guard actor != "web:\(username)" else { throw .personRefused(.disablingOneself) }
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE username = ? AND disabled_at IS NULL", arguments: [username]) == true else {
                throw StoreError.personRefused(.unknown(username))
            }
            try db.execute(sql: "UPDATE person SET disabled_at = ? WHERE username = ?", arguments: [Clock.now(), username])
            try db.execute(sql: "DELETE FROM session WHERE username = ?", arguments: [username])
            try AuditLog.append(db, actor: actor, action: "person.disable", subject: username, details: [String: String]())
        }
    }

    /// A new password (its bcrypt hash): the person's other sessions are closed, so a
    /// password someone else saw stops working everywhere.
    public func setPassword(_ username: String, passwordHash: String, actor: String) throws(StoreError) {
        let username = username.lowercased()
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE username = ? AND disabled_at IS NULL", arguments: [username]) == true else {
                throw StoreError.personRefused(.unknown(username))
            }
            try db.execute(sql: "UPDATE person SET password_hash = ? WHERE username = ?", arguments: [passwordHash, username])
            try db.execute(sql: "DELETE FROM session WHERE username = ?", arguments: [username])
            try AuditLog.append(db, actor: actor, action: "person.password", subject: username, details: [String: String]())
        }
    }

    /// Everyone who may sign in, by role then username.
    public func people() throws(StoreError) -> [Person] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM person WHERE disabled_at IS NULL ORDER BY role, username").map(Person.init)
        }
    }

    /// Locks an account after too many wrong passwords (the server's sign-in guard decides
    /// when): it cannot sign in, even with the right password, until an admin lifts the
    /// lock; its open sessions stay. Nothing happens for a name nobody has, or one locked already.
    public func lockPerson(_ username: String, failures: Int, actor: String) throws(StoreError) {
        let username = username.lowercased()
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE username = ? AND disabled_at IS NULL AND locked_at IS NULL",
                                    arguments: [username]) == true else { return }
            try db.execute(sql: "UPDATE person SET locked_at = ? WHERE username = ?", arguments: [Clock.now(), username])
            try AuditLog.append(db, actor: actor, action: "person.lock", subject: username, details: ["failures": String(failures)])
        }
    }

    /// Lifts a lock (an admin, on the devices page or with `congress user unlock`).
    public func unlockPerson(_ username: String, actor: String) throws(StoreError) {
        let username = username.lowercased()
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE username = ? AND disabled_at IS NULL AND locked_at IS NOT NULL",
                                    arguments: [username]) == true else {
                throw StoreError.personRefused(.unknown(username))
            }
            try db.execute(sql: "UPDATE person SET locked_at = NULL WHERE username = ?", arguments: [username])
            try AuditLog.append(db, actor: actor, action: "person.unlock", subject: username, details: [String: String]())
        }
    }

    /// The person and their password hash, for checking a sign-in.
    public func personForSignIn(_ username: String) throws(StoreError) -> (person: Person, passwordHash: String)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM person WHERE username = ? AND disabled_at IS NULL",
                             arguments: [username.trimmingCharacters(in: .whitespaces).lowercased()]).flatMap { row in
                Role(rawValue: row["role"]).map {
                    (Person(username: row["username"], name: row["name"], role: $0, lockedAt: row["locked_at"]), row["password_hash"] as String)
                }
            }
        }
    }

    /// Opens a session: a random cookie value, shown once, kept as its SHA-256.
    public func openSession(username: String, lifetime: TimeInterval = 12 * 3600) throws(StoreError) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = Base32.encode((0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }).lowercased()
        let expires = Date().addingTimeInterval(lifetime).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        try write { db in
            try db.execute(sql: "DELETE FROM session WHERE expires_at < ?", arguments: [Clock.now()])
            try db.execute(sql: "INSERT INTO session (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [Self.tokenHash(token), username, Clock.now(), expires])
            try AuditLog.append(db, actor: "web:\(username)", action: "session.open", subject: username, details: ["expires": expires])
        }
        return token
    }

    /// The person a session cookie belongs to, if it is open and not expired.
    public func person(forSession token: String) throws(StoreError) -> Person? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT p.* FROM session s JOIN person p ON p.username = s.username
                WHERE s.token_hash = ? AND s.expires_at > ? AND p.disabled_at IS NULL
                """, arguments: [Self.tokenHash(token), Clock.now()]).flatMap { row in
                Role(rawValue: row["role"]).map { Person(username: row["username"], name: row["name"], role: $0, lockedAt: row["locked_at"]) }
            }
        }
    }

    public func closeSession(_ token: String) throws(StoreError) {
        try write { db in try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [Self.tokenHash(token)]) }
    }
}
