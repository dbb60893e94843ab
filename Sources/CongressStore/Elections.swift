import CongressCore
import Foundation
import GRDB

/// An election as the counting committee set it up.
public struct ElectionRecord: Sendable, Hashable, Codable {
    public typealias Status = ElectionStatus

    public var id: Int64
    public var body: ElectionBody
    public var title: String
    public var seats: Int
    public var round: Int
    /// The count this one follows (a run-off or a further round).
    public var parentID: Int64?
    /// Printed on one combined paper with other elections (chair mode 2): the first one's id,
    /// which the serials' signed QR codes carry.
    public var paperGroup: Int64?
    public var thresholdBase: ThresholdBase
    /// Official delegates absent for the whole congress without an alternate: taken off the
    /// `convened` threshold base.
    public var absentWholeCongress: Int
    public var surplusCapPercent: Int?
    public var manualOrder: Bool
    public var status: Status
    public var createdAt: String
    public var publishedAt: String?
    /// The sitting the vote was held in: the one open when its first ballot was issued.
    public var sittingID: Int64?
    /// Double entry (the default) or a single entry, chosen when the election is created.
    public var entryMode: EntryMode = .double
    /// The paper size the ballots were printed on (a5, a4), once printed.
    public var paper: String? = nil
}

/// A candidate on an election's list.
public struct CandidateRecord: Sendable, Hashable, Codable {
    /// Stable within the election ("c1", "c2", … in the election file).
    public var id: Int
    /// Set when the candidate is a delegate; outsiders have their details instead.
    public var delegateCode: String?
    public var name: String
    public var birthDate: BirthDate?
    /// Position and workplace, for the list and the minutes.
    public var details: String?
    public var nomination: Nomination
    public var manualPosition: Int?
    /// What tells this candidate apart from another of the same name ("(1981)"), printed
    /// after the name (SameNames); nil when the name is theirs alone on the list.
    public var note: String? = nil

    public var fileID: String { "c\(id)" }
    /// The name as the hall screen, the tally and the minutes show it: with the note when
    /// another candidate has the same name.
    public var displayName: String { note.map { "\(name) \($0)" } ?? name }
}

public struct CommitteeMember: Sendable, Hashable, Codable {
    public var name: String
    public var role: CommitteeRole
    public var delegateCode: String?
}

extension CongressStore {
    public func createElection(body: ElectionBody, title: String, seats: Int, thresholdBase: ThresholdBase = .ballotsCollected,
                               absentWholeCongress: Int? = nil, surplusCapPercent: Int? = nil, round: Int = 1, parentID: Int64? = nil,
                               entryMode: EntryMode = .double, actor: String) throws(StoreError) -> ElectionRecord {
        let title = VietnameseText.cleaned(title)
        try Self.rule { () throws(ElectionRefusal) in
            try ElectionRules.checkDefinition(title: title, seats: seats, absentWholeCongress: absentWholeCongress)
        }
        return try write { db in
            try Self.insertElection(db, body: body, title: title, seats: seats, thresholdBase: thresholdBase,
                                    absentWholeCongress: absentWholeCongress, surplusCapPercent: surplusCapPercent, round: round,
                                    parentID: parentID, entryMode: entryMode, actor: actor)
        }
    }

    /// Writes a new election (its fields already checked), in `db`'s transaction.
    static func insertElection(_ db: Database, body: ElectionBody, title: String, seats: Int, thresholdBase: ThresholdBase,
                               absentWholeCongress: Int?, surplusCapPercent: Int?, round: Int, parentID: Int64?,
                               entryMode: EntryMode, actor: String) throws -> ElectionRecord {
            let at = Clock.now()
            // Not given: the delegates holding a seat whom the secretariat recorded absent
            // from the whole congress (`congress absence record … --whole-congress`).
            let absentWholeCongress = try absentWholeCongress ?? Self.absentWholeCongress(db)
            try db.execute(sql: """
                INSERT INTO election (body, title, seats, round, parent_id, threshold_base, absent_whole_congress, surplus_cap_percent,
                                      created_at, entry_mode)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [body.rawValue, title, seats, round, parentID, thresholdBase.rawValue, absentWholeCongress,
                                 surplusCapPercent, at, entryMode.rawValue])
            let id = db.lastInsertedRowID
            try AuditLog.append(db, actor: actor, action: "election.create", subject: String(id), details: [
                "title": title, "seats": String(seats), "threshold_base": thresholdBase.rawValue, "round": String(round),
                "entry": entryMode.rawValue])
            return try Self.election(db, id)
    }

    /// The elections printed on the same paper as `id`, as printed: the one alone, or a
    /// combined paper's parts (chair mode 2), the paper's first election first.
    public func paperElections(_ id: Int64) throws(StoreError) -> [ElectionRecord] {
        let record = try election(id)
        guard let group = record.paperGroup else { return [record] }
        return try elections().filter { $0.paperGroup == group }.sorted { ($0.id == group ? 0 : 1, $0.id) < ($1.id == group ? 0 : 1, $1.id) }
    }

    public func elections() throws(StoreError) -> [ElectionRecord] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM election ORDER BY id").map(Self.election(from:)) }
    }

    public func election(_ id: Int64) throws(StoreError) -> ElectionRecord {
        try read { db in try Self.election(db, id) }
    }

    /// Adds a delegate (by code) or an outsider (by name and details) to a list still in draft.
    /// A member of the counting committee may not be a candidate.
    @discardableResult
    public func addCandidate(election id: Int64, delegateCode: String? = nil, name: String? = nil, birthDate: BirthDate? = nil,
                             details: String? = nil, nomination: Nomination = .nominated, actor: String) throws(StoreError) -> CandidateRecord {
        try write { db in
            try Self.insertCandidate(db, election: id, delegateCode: delegateCode, name: name, birthDate: birthDate, details: details,
                                     nomination: nomination, actor: actor)
        }
    }

    static func insertCandidate(_ db: Database, election id: Int64, delegateCode: String?, name: String?, birthDate: BirthDate?,
                                details: String?, nomination: Nomination, actor: String) throws -> CandidateRecord {
            let election = try Self.election(db, id)
            try Self.requireDraft(election)
            var name = name.map(VietnameseText.cleaned) ?? ""
            var birth = birthDate
            var details = details.map(VietnameseText.cleaned)
            if let code = delegateCode {
                guard let d = try Row.fetchOne(db, sql: DelegateRows.select + " WHERE d.code = ?", arguments: [code])
                    .map(DelegateRows.delegate(from:)) else { throw StoreError.unknownDelegate(code: code) }
                let onCommittee = try Bool.fetchOne(db, sql: "SELECT 1 FROM committee_member WHERE election_id = ? AND delegate_code = ?",
                                                    arguments: [id, code]) == true
                let onList = try Bool.fetchOne(db, sql: "SELECT 1 FROM candidate WHERE election_id = ? AND delegate_code = ?",
                                               arguments: [id, code]) == true
                try Self.rule { () throws(ElectionRefusal) in try ElectionRules.mayStand(name: d.name, onCommittee: onCommittee, onList: onList) }
                name = d.name
                birth = birth ?? d.birthDate
                details = details ?? d.position
            }
            guard !name.isEmpty else { throw StoreError.election(.outsiderNeedsName) }
            try Self.rule { () throws(ElectionRefusal) in try ElectionRules.checkCandidate(name: name, details: details) }
            // two of the same name must be told apart on the paper (RULES.md §4.1): a year, or a unit
            let list = try Self.candidates(db, id)
            let people = (list.map { SameNames.Person(name: $0.name, birthYear: $0.birthDate?.year, unit: $0.details) }
                          + [SameNames.Person(name: name, birthYear: birth?.year, unit: details)])
            let shown = zip(people, SameNames.notes(people)).map { person, note in
                VietnameseText.nameKey(person.name) + (note ?? "")
            }
            if Set(shown).count < shown.count { throw StoreError.election(.sameNameUntold(name: name)) }
            let next = (try Int.fetchOne(db, sql: "SELECT max(id) FROM candidate WHERE election_id = ?", arguments: [id]) ?? 0) + 1
            try db.execute(sql: """
                INSERT INTO candidate (election_id, id, delegate_code, name, birth_date, details, nomination) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, next, delegateCode, name, birth?.iso, details, nomination.rawValue])
            try AuditLog.append(db, actor: actor, action: "election.candidate", subject: String(id), details: [
                "candidate": name, "code": delegateCode ?? "", "nomination": nomination.rawValue])
            return CandidateRecord(id: next, delegateCode: delegateCode, name: name, birthDate: birth, details: details,
                                   nomination: nomination, manualPosition: nil)
    }

    /// A candidate who withdraws (rút tên) before the ballots are printed is taken off the
    /// list; the audit log keeps who, when, and why. Once printed, the list is fixed.
    @discardableResult
    public func withdrawCandidate(election id: Int64, candidate: Int, reason: String?, actor: String) throws(StoreError) -> CandidateRecord {
        try write { db in
            let election = try Self.election(db, id)
            try Self.requireDraft(election)
            guard let gone = try Self.candidates(db, id).first(where: { $0.id == candidate }) else {
                throw StoreError.election(.noSuchCandidate(title: election.title, candidate: candidate))
            }
            try db.execute(sql: "DELETE FROM candidate WHERE election_id = ? AND id = ?", arguments: [id, candidate])
            try AuditLog.append(db, actor: actor, action: "election.candidate.withdraw", subject: String(id), details: [
                "candidate": gone.name, "code": gone.delegateCode ?? "", "reason": reason.map(VietnameseText.cleaned) ?? "",
                // which of two of one name: as printed, and what told them apart
                "as_printed": gone.displayName, "birth_date": gone.birthDate?.iso ?? "", "details": gone.details ?? ""])
            return gone
        }
    }

    /// The list in ballot order: RULES.md §4.1 unless the committee set a manual order.
    public func candidates(election id: Int64) throws(StoreError) -> [CandidateRecord] {
        try read { db in try Self.candidates(db, id) }
    }

    /// Sets a manual order (ballot numbers in the order given); every candidate once.
    public func setManualOrder(election id: Int64, candidateIDs: [Int], actor: String) throws(StoreError) {
        try write { db in
            let election = try Self.election(db, id)
            try Self.requireDraft(election)
            let current = Set(try Int.fetchAll(db, sql: "SELECT id FROM candidate WHERE election_id = ?", arguments: [id]))
            try Self.rule { () throws(ElectionRefusal) in try ElectionRules.checkManualOrder(candidateIDs, list: current) }
            for (position, candidate) in candidateIDs.enumerated() {
                try db.execute(sql: "UPDATE candidate SET manual_position = ? WHERE election_id = ? AND id = ?",
                               arguments: [position + 1, id, candidate])
            }
            try db.execute(sql: "UPDATE election SET manual_order = 1 WHERE id = ?", arguments: [id])
            try AuditLog.append(db, actor: actor, action: "election.order", subject: String(id),
                                details: ["order": candidateIDs.map(String.init).joined(separator: " ")])
        }
    }

    /// Adds a member of the counting committee; a candidate may not be one.
    public func addCommitteeMember(election id: Int64, name: String, role: CommitteeRole, delegateCode: String? = nil,
                                   actor: String) throws(StoreError) {
        try write { db in
            try Self.insertCommitteeMember(db, election: id, name: name, role: role, delegateCode: delegateCode, actor: actor)
        }
    }

    static func insertCommitteeMember(_ db: Database, election id: Int64, name: String, role: CommitteeRole, delegateCode: String?,
                                      actor: String) throws {
            _ = try Self.election(db, id)
            var name = VietnameseText.cleaned(name)
            if let code = delegateCode {
                guard let d = try Row.fetchOne(db, sql: DelegateRows.select + " WHERE d.code = ?", arguments: [code])
                    .map(DelegateRows.delegate(from:)) else { throw StoreError.unknownDelegate(code: code) }
                name = d.name
                let standing = try Bool.fetchOne(db, sql: "SELECT 1 FROM candidate WHERE election_id = ? AND delegate_code = ?",
                                                 arguments: [id, code]) == true
                try Self.rule { () throws(ElectionRefusal) in try ElectionRules.mayCount(name: d.name, standing: standing) }
            }
            guard !name.isEmpty else { throw StoreError.election(.nameRequired) }
            try db.execute(sql: "INSERT OR REPLACE INTO committee_member (election_id, name, role, delegate_code) VALUES (?, ?, ?, ?)",
                           arguments: [id, name, role.rawValue, delegateCode])
            try AuditLog.append(db, actor: actor, action: "election.committee", subject: String(id),
                                details: ["name": name, "role": role.rawValue])
    }

    public func committee(election id: Int64) throws(StoreError) -> [CommitteeMember] {
        try read { db in try Self.committee(db, id) }
    }

    static func committee(_ db: Database, _ id: Int64) throws -> [CommitteeMember] {
        try Row.fetchAll(db, sql: """
            SELECT name, role, delegate_code FROM committee_member WHERE election_id = ?
            ORDER BY CASE role WHEN 'head' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, name
            """, arguments: [id]).map {
            CommitteeMember(name: $0["name"], role: try $0.coded("role", of: "committee_member"), delegateCode: $0["delegate_code"])
        }
    }

    // MARK: Rows

    static func election(_ db: Database, _ id: Int64) throws -> ElectionRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM election WHERE id = ?", arguments: [id]) else {
            throw StoreError.unknownElection(id: id)
        }
        return try election(from: row)
    }

    static func election(from row: Row) throws -> ElectionRecord {
        ElectionRecord(
            id: row["id"], body: try row.coded("body", of: "election"), title: row["title"], seats: row["seats"],
            round: row["round"], parentID: row["parent_id"], paperGroup: row["paper_group"],
            thresholdBase: try row.coded("threshold_base", of: "election"),
            absentWholeCongress: row["absent_whole_congress"], surplusCapPercent: row["surplus_cap_percent"], manualOrder: row["manual_order"],
            status: try row.coded("status", of: "election"), createdAt: row["created_at"],
            publishedAt: row["published_at"], sittingID: row["sitting_id"], entryMode: try row.coded("entry_mode", of: "election"),
            paper: row["paper"])
    }

    static func candidates(_ db: Database, _ id: Int64) throws -> [CandidateRecord] {
        let election = try election(db, id)
        let list = try Row.fetchAll(db, sql: "SELECT * FROM candidate WHERE election_id = ? ORDER BY id", arguments: [id]).map {
            CandidateRecord(id: $0["id"], delegateCode: $0["delegate_code"], name: $0["name"],
                            birthDate: ($0["birth_date"] as String?).flatMap(DelegateRows.decodeBirthDate), details: $0["details"],
                            nomination: try $0.coded("nomination", of: "candidate"), manualPosition: $0["manual_position"])
        }
        var ordered = election.manualOrder ? list.sorted { ($0.manualPosition ?? .max, $0.id) < ($1.manualPosition ?? .max, $1.id) }
            : BallotOrder.sorted(list) { BallotSortKey(name: $0.name, birthDate: $0.birthDate) }
        let notes = SameNames.notes(ordered.map { .init(name: $0.name, birthYear: $0.birthDate?.year, unit: $0.details) })
        for i in ordered.indices { ordered[i].note = notes[i] }
        return ordered
    }

    static func requireDraft(_ election: ElectionRecord) throws {
        try rule { () throws(ElectionRefusal) in try ElectionRules.requireDraft(election.status, title: election.title) }
    }
}
