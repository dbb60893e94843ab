import CongressCore
import CongressStore
import Foundation

/// What the hall screen shows, as data: quorum, attendance per delegation, latest arrivals.
struct BoardSnapshot: Codable, Sendable {
    struct DelegationRow: Codable, Sendable { var name: String; var present: Int; var convened: Int }
    struct Arrival: Codable, Sendable { var name: String; var delegation: String; var at: String; var station: String }
    var congress: String
    var term: String?
    var sitting: String?
    var present: Int
    var convened: Int
    var holds: Bool
    var percent: String
    var missing: Int
    var delegations: [DelegationRow]
    var latest: [Arrival]

    static func make(_ store: CongressStore) throws(StoreError) -> BoardSnapshot {
        let congress = try store.congress()
        let roster = try store.roster()
        let sitting = try store.openSittingNow()
        let admissions = try sitting.map { s throws(StoreError) in try store.admissions(sittingID: s.id) } ?? [:]
        let quorum = roster.quorum(admitted: Set(admissions.keys))
        var rows: [String: DelegationRow] = [:]
        var order: [String] = []
        for d in roster.delegates.values.sorted(by: { $0.code < $1.code }) where d.kind.isOfficial || roster.counts(d.code) {
            if rows[d.delegation] == nil { order.append(d.delegation); rows[d.delegation] = DelegationRow(name: d.delegation, present: 0, convened: 0) }
            if d.kind.isOfficial { rows[d.delegation]?.convened += 1 }
            if roster.counts(d.code) && admissions[d.code] != nil { rows[d.delegation]?.present += 1 }
        }
        let latest = admissions.sorted { $0.value.at > $1.value.at }.prefix(12).compactMap { code, admission -> Arrival? in
            roster.delegates[code].map { Arrival(name: $0.name, delegation: $0.delegation, at: admission.at, station: admission.station) }
        }
        return BoardSnapshot(congress: congress.name, term: congress.term, sitting: sitting?.name, present: quorum.present,
                             convened: quorum.convened, holds: quorum.holds, percent: quorum.percentVietnamese,
                             missing: quorum.missing, delegations: order.compactMap { rows[$0] }, latest: Array(latest))
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
