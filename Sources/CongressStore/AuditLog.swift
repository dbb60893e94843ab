import CongressCore
import Crypto
import Foundation
import GRDB

/// One entry of the append-only audit log (nhật ký): who did what, when, to what.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var subject: String
    /// JSON object with the details of the change.
    public var details: String
    public var previousHash: String
    public var hash: String
}

/// The result of checking the audit log's hash chain.
public enum AuditVerification: Sendable, Equatable, LocalizedMessage {
    case intact(entries: Int)
    /// The first entry found wrong, and how.
    case broken(seq: Int64, problem: Problem)

    public enum Problem: Sendable, Equatable {
        /// Its content no longer gives its hash: the row was edited.
        case edited
        /// Its previous-hash is not the hash of the entry before: something between was
        /// removed or edited.
        case chainBroken
        /// Entries are missing before this number (deleted rows).
        case missing(from: Int64)
        /// The log ends before the last entry that was written (newest entries deleted).
        case truncated(lastWritten: Int64)
    }

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .intact(let n):
            return vi ? "Nhật ký toàn vẹn: \(n) mục, chuỗi băm khớp." : "Audit log intact: \(n) entries, hash chain matches."
        case .broken(let seq, .edited):
            return vi ? "Nhật ký bị sửa: mục \(seq) đã bị thay đổi sau khi ghi (băm không khớp)."
                : "Audit log tampered with: entry \(seq) was changed after it was written (hash mismatch)."
        case .broken(let seq, .chainBroken):
            return vi ? "Nhật ký bị sửa: mục \(seq) không nối với mục trước nó (mục trước đã bị sửa hoặc xoá)."
                : "Audit log tampered with: entry \(seq) does not follow the entry before it (that one was changed or deleted)."
        case .broken(let seq, .missing(let from)):
            let range = from == seq - 1 ? "\(from)" : "\(from)–\(seq - 1)"
            return vi ? "Nhật ký bị xoá: thiếu mục \(range) (trước mục \(seq))."
                : "Audit log tampered with: entry \(range) is missing (before entry \(seq))."
        case .broken(let seq, .truncated(let last)):
            return vi ? "Nhật ký bị xoá: mục cuối đã ghi là \(last) nhưng nhật ký dừng ở mục \(seq)."
                : "Audit log tampered with: the last entry written was \(last) but the log ends at entry \(seq)."
        }
    }
}

enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)

    /// Appends an entry inside the caller's transaction, chained to the last one.
    @discardableResult
    static func append(_ db: Database, actor: String, action: String, subject: String,
                       details: some Encodable & Sendable) throws -> AuditEntry {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(details), as: UTF8.self)
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_head WHERE id = 1")
        let previous: String = head?["hash"] ?? genesis
        let seq: Int64 = (head?["seq"] ?? 0) + 1
        var entry = AuditEntry(seq: seq, at: Clock.now(), actor: actor, action: action, subject: subject,
                               details: json, previousHash: previous, hash: "")
        entry.hash = hash(of: entry)
        try db.execute(
            sql: """
                INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.details,
                        entry.previousHash, entry.hash])
        try db.execute(sql: "INSERT OR REPLACE INTO audit_head (id, seq, hash) VALUES (1, ?, ?)",
                       arguments: [entry.seq, entry.hash])
        return entry
    }

    /// SHA-256 over every field but the hash itself, separated by a character that cannot
    /// appear in them unescaped (JSON escapes control characters).
    static func hash(of entry: AuditEntry) -> String {
        let text = [String(entry.seq), entry.at, entry.actor, entry.action, entry.subject,
                    entry.details, entry.previousHash].joined(separator: "\u{1F}")
        return sha256Hex(text)
    }

    /// Lower-case hex SHA-256 of a text: audit entries, tokens and sessions are kept as this.
    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func entries(_ db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq").map { row in
            AuditEntry(seq: row["seq"], at: row["at"], actor: row["actor"], action: row["action"],
                       subject: row["subject"], details: row["details"], previousHash: row["prev_hash"],
                       hash: row["hash"])
        }
    }

    static func verify(_ db: Database) throws -> AuditVerification {
        let entries = try entries(db)
        var expectedSeq: Int64 = 1
        var previous = genesis
        for entry in entries {
            if entry.seq != expectedSeq { return .broken(seq: entry.seq, problem: .missing(from: expectedSeq)) }
            if hash(of: entry) != entry.hash { return .broken(seq: entry.seq, problem: .edited) }
            if entry.previousHash != previous { return .broken(seq: entry.seq, problem: .chainBroken) }
            previous = entry.hash
            expectedSeq += 1
        }
        if let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_head WHERE id = 1") {
            let lastWritten: Int64 = head["seq"]
            let lastHash: String = head["hash"]
            if lastWritten != expectedSeq - 1 || lastHash != previous {
                return .broken(seq: expectedSeq - 1, problem: .truncated(lastWritten: lastWritten))
            }
        }
        return .intact(entries: entries.count)
    }
}

extension CongressStore {
    public func auditEntries() throws(StoreError) -> [AuditEntry] {
        try read { db in try AuditLog.entries(db) }
    }

    public func verifyAudit() throws(StoreError) -> AuditVerification {
        try read { db in try AuditLog.verify(db) }
    }
}
