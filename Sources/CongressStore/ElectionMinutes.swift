import CongressCore
import Foundation
import GRDB

extension CongressStore {
    /// The counting minutes of an election. Published: the frozen record's, the same
    /// whenever printed. Before that: a draft (DỰ THẢO), from one consistent read of what
    /// the store holds now.
    public func countingMinutes(election id: Int64, at date: Date = Date(), complaints: String? = nil) throws(StoreError) -> CountingMinutes {
        try read { db in
            if let record = try Self.countRecord(db, id) {
                if complaints != nil { throw StoreError.election(.complaintsAfterPublishing(title: record.minutes.title)) }
                return record.minutes
            }
            return try Self.minutes(db, id, result: try Self.count(db, id), at: date, complaints: complaints)
        }
    }

    /// The minutes from `db`: the committee, convened and present in the sitting the vote
    /// was held in (else the open one), those who received a ballot, the list and `result`.
    static func minutes(_ db: Database, _ id: Int64, result: TallyResult, at date: Date, complaints: String?) throws -> CountingMinutes {
        let record = try election(db, id)
        let congress = try congressRow(db)
        let roster = try roster(db)
        let sitting = try record.sittingID.flatMap { sid in
            try Row.fetchOne(db, sql: "SELECT * FROM sitting WHERE id = ?", arguments: [sid]).map(Self.sitting(from:))
        } ?? openSitting(db)
        let present = try sitting.map { try roster.quorum(admitted: Set(admissions(db, sitting: $0.id).keys)).present } ?? 0
        let voting = try Int.fetchOne(db, sql: "SELECT count(*) FROM ballot_issue WHERE election_id = ?", arguments: [id]) ?? 0
        var minutes = CountingMinutes(
            congressName: congress.name, term: congress.term, title: record.title, body: record.body, round: record.round,
            when: congress.time.spoken(date), committee: try committee(db, id).map { .init(name: $0.name, role: $0.role) },
            convened: roster.convened, present: present, voting: voting, seats: record.seats,
            nominees: try candidates(db, id).map { .init(name: $0.displayName, nomination: $0.nomination) }, result: result,
            complaints: complaints ?? "Không có khiếu nại.")
        minutes.sitting = sitting?.name
        minutes.sources = try ballotSources(db, id)
        minutes.entryMode = record.entryMode
        return minutes
    }
}
