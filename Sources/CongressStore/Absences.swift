import CongressCore
import Foundation
import GRDB

/// Absence reasons (RULES.md §3: absent with reason / without reason where recorded). The
/// secretariat records why a delegate is away, for the open (or a named) sitting or for the
/// whole congress; the attendance and credentials reports print it.
extension CongressStore {
    /// Records (or replaces) why `code` is absent. Refused for someone who holds no seat, for
    /// an empty reason, and for a delegate already admitted to that sitting (or, for the
    /// whole congress, to any sitting).
    @discardableResult
    public func recordAbsence(code: String, reason: String, scope requested: Absence.Scope?,
                              actor: String) throws(StoreError) -> Absence {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try write { db in
            let roster = try Self.roster(db)
            guard let delegate = roster.delegates[code] else { throw StoreError.unknownDelegate(code: code) }
            guard roster.counts(code) else {
                throw StoreError.absenceRefused(
                    vi: "\(code) \(delegate.name) không giữ ghế đại biểu chính thức (khách mời, dự khuyết chưa thay thế, hoặc đã được thay thế); không cần ghi lý do vắng.",
                    en: "\(code) \(delegate.name) holds no seat (a guest, an alternate not replacing anyone, or replaced); no absence reason is needed.")
            }
            guard !reason.isEmpty else {
                throw StoreError.absenceRefused(vi: "Cần ghi lý do vắng mặt (--reason).", en: "An absence needs a reason (--reason).")
            }
            let scope = try Self.scope(requested, db)
            let sitting: Int64?
            switch scope {
            case .sitting(let id):
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sitting WHERE id = ?", arguments: [id]) != nil else {
                    throw StoreError.unknownSitting(id: id)
                }
                if let a = try Self.admissions(db, sitting: id)[code] {
                    throw StoreError.absenceRefused(
                        vi: "\(code) \(delegate.name) đã được điểm danh có mặt ở phiên này lúc \(a.at) (cửa \(a.station)); không ghi vắng. Nếu điểm danh nhầm, hãy huỷ điểm danh trước.",
                        en: "\(code) \(delegate.name) was admitted to this sitting at \(a.at) (door \(a.station)); not recorded as absent. If the admission was a mistake, undo it first.")
                }
                sitting = id
            case .wholeCongress:
                if let name = try String.fetchOne(db, sql: """
                    SELECT s.name FROM attendance_event e JOIN sitting s ON s.id = e.sitting_id
                    WHERE e.delegate_code = ? AND e.kind IN ('admission', 'manual') LIMIT 1
                    """, arguments: [code]) {
                    throw StoreError.absenceRefused(
                        vi: "\(code) \(delegate.name) đã có mặt ở phiên «\(name)»; không ghi vắng cả đại hội. Hãy ghi lý do vắng cho từng phiên.",
                        en: "\(code) \(delegate.name) attended the sitting «\(name)»; not recorded as absent from the whole congress. Record the absence per sitting.")
                }
                sitting = nil
            }
            let at = Clock.now()
            try Self.deleteAbsence(code, sitting: sitting, db)
            try db.execute(sql: """
                INSERT INTO absence (sitting_id, delegate_code, reason, recorded_at, actor) VALUES (?, ?, ?, ?, ?)
                """, arguments: [sitting, code, reason, at, actor])
            try AuditLog.append(db, actor: actor, action: "attendance.absence", subject: code,
                                details: ["sitting": sitting.map(String.init) ?? "whole congress", "reason": reason])
            return Absence(code: code, scope: scope, reason: reason, recordedAt: at, actor: actor)
        }
    }

    /// Takes a recorded reason back (it was recorded for the wrong delegate or sitting).
    public func clearAbsence(code: String, scope requested: Absence.Scope?, actor: String) throws(StoreError) {
        try write { db in
            let sitting: Int64? = if case .sitting(let id) = try Self.scope(requested, db) { id } else { nil }
            try Self.deleteAbsence(code, sitting: sitting, db)
            guard db.changesCount > 0 else {
                throw StoreError.absenceRefused(vi: "Chưa ghi lý do vắng nào của \(code) ở đó.", en: "No absence reason of \(code) is recorded there.")
            }
            try AuditLog.append(db, actor: actor, action: "attendance.absence.clear", subject: code,
                                details: ["sitting": sitting.map(String.init) ?? "whole congress"])
        }
    }

    /// Every recorded reason, oldest first.
    public func absences() throws(StoreError) -> [Absence] {
        try read { db in try Self.absences(db) }
    }

    /// How many seats are recorded absent from the whole congress (the elections' default).
    public func absentWholeCongress() throws(StoreError) -> Int {
        try read { db in try Self.absentWholeCongress(db) }
    }

    /// Seats whose delegate is recorded absent from the whole congress (RULES.md §4.3: the
    /// convened base leaves them out; one replaced by an alternate no longer holds a seat).
    static func absentWholeCongress(_ db: Database) throws -> Int {
        let roster = try Self.roster(db)
        return try String.fetchAll(db, sql: "SELECT delegate_code FROM absence WHERE sitting_id IS NULL")
            .filter { roster.counts($0) }.count
    }

    /// The scope asked for, or the open sitting when none was.
    static func scope(_ requested: Absence.Scope?, _ db: Database) throws -> Absence.Scope {
        guard let scope = try requested ?? Self.openSitting(db).map({ .sitting($0.id) }) else { throw StoreError.noOpenSitting }
        return scope
    }

    /// At most one reason per delegate and scope (the unique index says so too).
    static func deleteAbsence(_ code: String, sitting: Int64?, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM absence WHERE ifnull(sitting_id, 0) = ? AND delegate_code = ?", arguments: [sitting ?? 0, code])
    }

    static func absences(_ db: Database) throws -> [Absence] {
        try Row.fetchAll(db, sql: "SELECT * FROM absence ORDER BY id").map { row in
            let sitting: Int64? = row["sitting_id"]
            return Absence(code: row["delegate_code"], scope: sitting.map { .sitting($0) } ?? .wholeCongress,
                           reason: row["reason"], recordedAt: row["recorded_at"], actor: row["actor"])
        }
    }
}
