import CongressCore
import GRDB

/// A sitting (phiên họp) of the congress.
public struct Sitting: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var openedAt: String
    public var closedAt: String?
}

/// Sittings and admissions: the part the delegate list needs now (an admitted delegate is
/// never silently removed). The server and kiosks build on it.
extension CongressStore {
    public func openSitting(name: String, actor: String) throws(StoreError) -> Sitting {
        try write { db in
            if let open = try String.fetchOne(db, sql: "SELECT name FROM sitting WHERE closed_at IS NULL") {
                throw StoreError.sittingAlreadyOpen(name: open)
            }
            let at = Clock.now()
            try db.execute(sql: "INSERT INTO sitting (name, opened_at) VALUES (?, ?)", arguments: [name, at])
            let sitting = Sitting(id: db.lastInsertedRowID, name: name, openedAt: at, closedAt: nil)
            try AuditLog.append(db, actor: actor, action: "sitting.open", subject: name, details: ["id": sitting.id])
            return sitting
        }
    }

    public func openSittingNow() throws(StoreError) -> Sitting? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sitting WHERE closed_at IS NULL").map {
                Sitting(id: $0["id"], name: $0["name"], openedAt: $0["opened_at"], closedAt: $0["closed_at"])
            }
        }
    }

    /// Records that a delegate was admitted to the open sitting at a station.
    public func recordAdmission(code: String, station: String, actor: String) throws(StoreError) {
        try write { db in
            guard let sitting = try Int64.fetchOne(db, sql: "SELECT id FROM sitting WHERE closed_at IS NULL") else {
                throw StoreError.noOpenSitting
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM delegate WHERE code = ?", arguments: [code]) == true else {
                throw StoreError.unknownDelegate(code: code)
            }
            try db.execute(sql: """
                INSERT INTO attendance_event (sitting_id, delegate_code, kind, at, station)
                VALUES (?, ?, 'admission', ?, ?)
                """, arguments: [sitting, code, Clock.now(), station])
            try AuditLog.append(db, actor: actor, action: "attendance.admit", subject: code,
                                details: ["sitting": "\(sitting)", "station": station])
        }
    }
}
