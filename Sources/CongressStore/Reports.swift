import CongressCore
import Foundation
import GRDB

extension CongressStore {
    /// The credentials report now (the open sitting), or as things stood at `date` (the
    /// sitting open then, and the admissions made by then).
    public func credentialsReport(at date: Date? = nil) throws(StoreError) -> CredentialsReport {
        let when = date ?? Date()
        let (sitting, present) = try attendance(at: date)
        let reasons = Absence.reasons(try absences(), sitting: sitting?.id)
        return CredentialsReport.make(roster: try roster(), present: Set(present.keys), sitting: sitting?.name, at: when,
                                      reasons: reasons)
    }

    /// Attendance at a sitting (by default the open one, else the last one opened).
    public func attendanceReport(sitting id: Int64? = nil) throws(StoreError) -> AttendanceReport {
        let all = try sittings()
        guard let sitting = id.flatMap({ id in all.first { $0.id == id } }) ?? all.first(where: { $0.closedAt == nil }) ?? all.last else {
            throw StoreError.noOpenSitting
        }
        return AttendanceReport.make(sitting: sitting.name, roster: try roster(), admissions: try admissions(sittingID: sitting.id),
                                     reasons: Absence.reasons(try absences(), sitting: sitting.id), time: try congress().time)
    }

    /// The elected of an election, most votes first, with their details: of a published
    /// election, the frozen record's (a later import cannot change it); before that, from
    /// one read of the count and the list as they are now.
    public func electedList(election id: Int64) throws(StoreError) -> ElectedList {
        try read { db in
            if let record = try Self.countRecord(db, id) { return record.elected }
            return try Self.electedList(db, id, result: try Self.count(db, id))
        }
    }

    static func electedList(_ db: Database, _ id: Int64, result: TallyResult) throws -> ElectedList {
        let record = try election(db, id)
        let candidates = Dictionary(uniqueKeysWithValues: try candidates(db, id).map { ($0.fileID, $0) })
        let delegates = Dictionary(uniqueKeysWithValues: try DelegateRows.all(db).map { ($0.code, $0) })
        let byID = Dictionary(uniqueKeysWithValues: result.candidates.map { ($0.id, $0) })
        let rows = result.elected.compactMap { id -> ElectedList.Row? in
            guard let c = candidates[id], let r = byID[id] else { return nil }
            let d = c.delegateCode.flatMap { delegates[$0] }
            return ElectedList.Row(
                name: c.name, birth: (c.birthDate ?? d?.birthDate)?.vietnamese ?? "", sex: d?.sex.vietnamese ?? "",
                ethnicity: d?.ethnicity ?? "", partyMember: d?.partyMember.map { $0 ? "Có" : "Không" } ?? "",
                education: d?.education ?? "", politicalTheory: d?.politicalTheory ?? "", position: c.details ?? d?.position ?? "",
                votes: r.votes, percent: r.percent.replacingOccurrences(of: ".", with: ","))
        }
        return ElectedList(title: record.title, rows: rows)
    }

    /// Who was in at `date` (nil: now, the open sitting), folding the events up to then.
    func attendance(at date: Date?) throws(StoreError) -> (Sitting?, [String: Admission]) {
        guard let date else {
            guard let sitting = try openSittingNow() else { return (nil, [:]) }
            return (sitting, try admissions(sittingID: sitting.id))
        }
        let t = Clock.format(date)
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM sitting WHERE opened_at <= ? AND (closed_at IS NULL OR closed_at > ?) ORDER BY id DESC LIMIT 1
                """, arguments: [t, t]) else { return (nil, [:]) }
            let sitting = Sitting(id: row["id"], name: row["name"], openedAt: row["opened_at"], closedAt: row["closed_at"])
            var present: [String: Admission] = [:]
            for e in try Row.fetchAll(db, sql: """
                SELECT delegate_code, kind, at, station FROM attendance_event WHERE sitting_id = ? AND at <= ? ORDER BY id
                """, arguments: [sitting.id, t]) {
                let code: String = e["delegate_code"]
                if e["kind"] as String == "undo" { present[code] = nil }
                else if present[code] == nil { present[code] = Admission(at: e["at"], station: e["station"] ?? "") }
            }
            return (sitting, present)
        }
    }
}
