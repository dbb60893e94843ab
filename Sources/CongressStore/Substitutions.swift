import CongressCore
import GRDB

/// An alternate replacing an official delegate (RULES.md §2), by a recorded decision.
public struct Substitution: Sendable, Hashable, Codable {
    public var id: Int64
    public var alternate: String
    public var replaced: String
    /// The decision's reference, e.g. "Quyết định số 12/QĐ-LĐLĐ ngày 20/11/2026".
    public var decision: String
    public var recordedAt: String
    public var recordedBy: String
    public var revertedAt: String?
    public var revertReason: String?
}

extension CongressStore {
    /// Records that `alternate` replaces `replaced`. From now on the replaced delegate's badge
    /// is not eligible and the alternate counts; the number convened does not change.
    public func substitute(alternate: String, replaced: String, decision: String,
                           actor: String) throws(StoreError) -> Substitution {
        try write { db in
            let roster = try Self.roster(db)
            guard let a = roster.delegates[alternate] else { throw StoreError.unknownDelegate(code: alternate) }
            guard let r = roster.delegates[replaced] else { throw StoreError.unknownDelegate(code: replaced) }
            guard a.kind == .alternate else {
                throw StoreError.substitutionRefused("\(alternate) không phải đại biểu dự khuyết / is not an alternate")
            }
            guard r.kind.isOfficial else {
                throw StoreError.substitutionRefused("\(replaced) không phải đại biểu chính thức / is not an official delegate")
            }
            guard roster.replacedBy[replaced] == nil else {
                throw StoreError.substitutionRefused("\(replaced) đã được thay thế / is already replaced")
            }
            guard roster.replacing[alternate] == nil else {
                throw StoreError.substitutionRefused("\(alternate) đang thay thế người khác / already replaces someone")
            }
            guard a.delegation == r.delegation else {
                throw StoreError.substitutionRefused("hai người khác đoàn (\(a.delegation) / \(r.delegation)); người dự khuyết thay cho đại biểu cùng đoàn / an alternate replaces a delegate of the same delegation")
            }
            guard !decision.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StoreError.substitutionRefused("cần số quyết định / the decision's reference is required")
            }
            let at = Clock.now()
            try db.execute(sql: """
                INSERT INTO substitution (alternate_code, replaced_code, decision, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [alternate, replaced, decision, at, actor])
            let s = Substitution(id: db.lastInsertedRowID, alternate: alternate, replaced: replaced, decision: decision,
                                 recordedAt: at, recordedBy: actor)
            try AuditLog.append(db, actor: actor, action: "substitution.record", subject: "\(alternate) → \(replaced)",
                                details: ["id": String(s.id), "decision": decision])
            try Feed.append(db, kind: "substitution", data: s, at: at)
            return s
        }
    }

    /// Takes a substitution back; only with a reason.
    public func revertSubstitution(id: Int64, reason: String, actor: String) throws(StoreError) {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM substitution WHERE id = ? AND reverted_at IS NULL",
                                    arguments: [id]) == true else {
                throw StoreError.unknownSubstitution(id: id)
            }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StoreError.substitutionRefused("cần lý do / a reason is required")
            }
            let at = Clock.now()
            try db.execute(sql: "UPDATE substitution SET reverted_at = ?, revert_reason = ? WHERE id = ?",
                           arguments: [at, reason, id])
            try AuditLog.append(db, actor: actor, action: "substitution.revert", subject: String(id), details: ["reason": reason])
            try Feed.append(db, kind: "substitution_reverted", data: ["id": String(id), "reason": reason], at: at)
        }
    }

    public func substitutions() throws(StoreError) -> [Substitution] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM substitution ORDER BY id").map {
                Substitution(id: $0["id"], alternate: $0["alternate_code"], replaced: $0["replaced_code"],
                             decision: $0["decision"], recordedAt: $0["recorded_at"], recordedBy: $0["recorded_by"],
                             revertedAt: $0["reverted_at"], revertReason: $0["revert_reason"])
            }
        }
    }
}
