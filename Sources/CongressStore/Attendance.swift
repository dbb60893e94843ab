import CongressCore
import GRDB

/// Quorum as recorded at a moment: when a sitting opens, and whenever the presidium asks.
public struct QuorumRecord: Sendable, Hashable, Codable {
    public var sittingID: Int64
    public var at: String
    public var present: Int
    public var convened: Int
    public var holds: Bool
    public var reason: String
}

/// Sittings, attendance and quorum. Attendance is a list of events per sitting (admission,
/// manual admission, undo), never a flag that toggles; who is present is worked out from it.
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
            try Feed.append(db, kind: "sitting_opened", data: sitting, at: at)
            _ = try Self.insertQuorumRecord(db, sitting: sitting, reason: "opened")
            return sitting
        }
    }

    public func closeSitting(actor: String) throws(StoreError) -> Sitting {
        try write { db in
            guard var sitting = try Self.openSitting(db) else { throw StoreError.noOpenSitting }
            let at = Clock.now()
            try db.execute(sql: "UPDATE sitting SET closed_at = ? WHERE id = ?", arguments: [at, sitting.id])
            sitting.closedAt = at
            try AuditLog.append(db, actor: actor, action: "sitting.close", subject: sitting.name, details: ["id": sitting.id])
            try Feed.append(db, kind: "sitting_closed", data: sitting, at: at)
            return sitting
        }
    }

    public func openSittingNow() throws(StoreError) -> Sitting? {
        try read { db in try Self.openSitting(db) }
    }

    public func sittings() throws(StoreError) -> [Sitting] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM sitting ORDER BY id").map(Self.sitting(from:)) }
    }

    static func openSitting(_ db: Database) throws -> Sitting? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM sitting WHERE closed_at IS NULL")).map(sitting(from:))
    }

    static func sitting(from row: Row) -> Sitting {
        Sitting(id: row["id"], name: row["name"], openedAt: row["opened_at"], closedAt: row["closed_at"])
    }

    // MARK: Roster and presence

    /// Delegates with the substitutions in force.
    public func roster() throws(StoreError) -> Roster {
        try read { db in try Self.roster(db) }
    }

    static func roster(_ db: Database) throws -> Roster {
        let substitutions = try Row.fetchAll(db, sql: """
            SELECT alternate_code, replaced_code FROM substitution WHERE reverted_at IS NULL ORDER BY id
            """).map { (alternate: $0["alternate_code"] as String, replaced: $0["replaced_code"] as String) }
        return Roster(delegates: try DelegateRows.all(db), substitutions: substitutions)
    }

    /// The first admission of each delegate present in a sitting (undone ones left out).
    static func admissions(_ db: Database, sitting: Int64) throws -> [String: Admission] {
        var present: [String: Admission] = [:]
        _ = try applyAttendanceEvents(db, sitting: sitting, after: 0, to: &present)
        return present
    }

    /// Folds a sitting's attendance events after `eventID` into `present`: the first
    /// admission counts, an undo takes it back. Returns the last event id read.
    static func applyAttendanceEvents(_ db: Database, sitting: Int64, after eventID: Int64,
                                      to present: inout [String: Admission]) throws -> Int64 {
        var last = eventID
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, delegate_code, kind, at, station FROM attendance_event WHERE sitting_id = ? AND id > ? ORDER BY id
            """), arguments: [sitting, eventID]) {
            let code: String = row["delegate_code"]
            if row["kind"] as String == "undo" {
                present[code] = nil
            } else if present[code] == nil {
                present[code] = Admission(at: row["at"], station: row["station"] ?? "")
            }
            last = row["id"]
        }
        return last
    }

    public func admissions(sittingID: Int64) throws(StoreError) -> [String: Admission] {
        try read { db in try Self.admissions(db, sitting: sittingID) }
    }

    /// Quorum for the open sitting (present 0 when none is open).
    public func quorum() throws(StoreError) -> (sitting: Sitting?, quorum: Quorum) {
        try read { db in try Self.quorum(db) }
    }

    static func quorum(_ db: Database) throws -> (sitting: Sitting?, quorum: Quorum) {
        let roster = try roster(db)
        guard let sitting = try openSitting(db) else { return (nil, Quorum(present: 0, convened: roster.convened)) }
        return (sitting, roster.quorum(admitted: Set(try admissions(db, sitting: sitting.id).keys)))
    }

    /// Records the quorum of the open sitting now (the presidium asks for it).
    public func recordQuorum(reason: String, actor: String) throws(StoreError) -> QuorumRecord {
        try write { db in
            guard let sitting = try Self.openSitting(db) else { throw StoreError.noOpenSitting }
            let record = try Self.insertQuorumRecord(db, sitting: sitting, reason: reason)
            try AuditLog.append(db, actor: actor, action: "quorum.record", subject: sitting.name,
                                details: ["present": String(record.present), "convened": String(record.convened), "reason": reason])
            return record
        }
    }

    public func quorumRecords() throws(StoreError) -> [QuorumRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM quorum_record ORDER BY id").map {
                QuorumRecord(sittingID: $0["sitting_id"], at: $0["at"], present: $0["present"], convened: $0["convened"],
                             holds: $0["holds"], reason: $0["reason"])
            }
        }
    }

    static func insertQuorumRecord(_ db: Database, sitting: Sitting, reason: String) throws -> QuorumRecord {
        let q = try roster(db).quorum(admitted: Set(try admissions(db, sitting: sitting.id).keys))
        let record = QuorumRecord(sittingID: sitting.id, at: Clock.now(), present: q.present, convened: q.convened,
                                  holds: q.holds, reason: reason)
        try db.execute(sql: """
            INSERT INTO quorum_record (sitting_id, at, present, convened, holds, reason) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [record.sittingID, record.at, record.present, record.convened, record.holds, record.reason])
        return record
    }

    // MARK: Manual admission and undo

    /// Admits a delegate by hand (a forgotten badge), with the station and the reason.
    /// Answers like a scan: already_admitted, not_eligible and no_open_sitting included.
    public func admitManually(code: String, station: String, reason: String, actor: String,
                              entrance: Entrance = .delegates) throws(StoreError) -> AdmissionRule.Decision {
        try write { db in
            let roster = try Self.roster(db)
            guard roster.delegates[code] != nil else { throw StoreError.unknownDelegate(code: code) }
            let sitting = try Self.openSitting(db)
            let admitted = try sitting.map { try Self.admissions(db, sitting: $0.id) } ?? [:]
            let decision = AdmissionRule.decide(code: code, roster: roster,
                                                sittingOpen: sitting != nil, entrance: entrance,
                                                firstAdmission: { admitted[$0] })
            guard decision.verdict == .admitted, let sitting else { return decision }
            let at = Clock.now()
            try db.execute(sql: """
                INSERT INTO attendance_event (sitting_id, delegate_code, kind, at, station, reason)
                VALUES (?, ?, 'manual', ?, ?, ?)
                """, arguments: [sitting.id, code, at, station, reason])
            try AuditLog.append(db, actor: actor, action: "attendance.manual", subject: code,
                                details: ["sitting": String(sitting.id), "station": station, "reason": reason])
            try Feed.append(db, kind: "admission", data: ["code": code, "station": station, "at": at, "sitting": String(sitting.id)], at: at)
            return decision
        }
    }

    /// Records an admission as a scan would, without a payload: kept for tests and tools.
    public func recordAdmission(code: String, station: String, actor: String) throws(StoreError) {
        let decision = try admitManually(code: code, station: station, reason: "recorded", actor: actor, entrance: .all)
        if decision.verdict == .noOpenSitting { throw StoreError.noOpenSitting }
    }

    /// Takes back an admission made by mistake, with the reason.
    public func undoAdmission(code: String, reason: String, actor: String) throws(StoreError) {
        try write { db in
            guard let sitting = try Self.openSitting(db) else { throw StoreError.noOpenSitting }
            guard try Self.admissions(db, sitting: sitting.id)[code] != nil else { throw StoreError.notAdmitted(code: code) }
            let at = Clock.now()
            try db.execute(sql: """
                INSERT INTO attendance_event (sitting_id, delegate_code, kind, at, station, reason) VALUES (?, ?, 'undo', ?, '', ?)
                """, arguments: [sitting.id, code, at, reason])
            try AuditLog.append(db, actor: actor, action: "attendance.undo", subject: code,
                                details: ["sitting": String(sitting.id), "reason": reason])
            try Feed.append(db, kind: "undo", data: ["code": code, "at": at, "sitting": String(sitting.id)], at: at)
        }
    }
}

/// One attendance event of a delegate, for their page.
public struct AttendanceEntry: Sendable, Hashable {
    public var sitting: String
    /// admission, manual or undo.
    public var kind: String
    public var at: String
    public var station: String
    public var reason: String?
}

extension CongressStore {
    /// A delegate's attendance events in every sitting, oldest first.
    public func attendance(code: String) throws(StoreError) -> [AttendanceEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.name AS sitting, e.kind, e.at, e.station, e.reason FROM attendance_event e
                JOIN sitting s ON s.id = e.sitting_id WHERE e.delegate_code = ? ORDER BY e.id
                """, arguments: [code]).map {
                AttendanceEntry(sitting: $0["sitting"], kind: $0["kind"], at: $0["at"], station: $0["station"] ?? "", reason: $0["reason"])
            }
        }
    }
}
