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
    /// Election results, once the counting committee has published them.
    var results: [PublishedResult]
    /// The credentials summary (RULES.md §3), over the seats convened.
    var credentials: String

    static func make(_ store: CongressStore) throws(StoreError) -> BoardSnapshot {
        try store.snapshot { s in try make(s) }
    }

    /// From one snapshot: the quorum, the delegations and the arrivals of the same moment.
    static func make(_ store: StoreSnapshot) throws -> BoardSnapshot {
        let congress = try store.congress()
        let roster = try store.roster()
        let sitting = try store.openSitting()
        let admissions = try sitting.map { try store.admissions(sitting: $0.id) } ?? [:]
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
                             missing: quorum.missing, delegations: order.compactMap { rows[$0] }, latest: Array(latest),
                             results: try store.publishedResults().map { PublishedResult(title: $0.election.title, json: $0.result) },
                             credentials: Self.summary(CredentialsReport.summary(roster)))
    }

    static func summary(_ r: CredentialsReport.Summary) -> String {
        "Đủ tư cách: \(r.qualified) · Nữ: \(r.female) (\(r.percent(r.female))%) · Đảng viên: \(r.partyMembers) "
            + "(\(r.percent(r.partyMembers))%) · Dân tộc thiểu số: \(r.ethnicMinority) (\(r.percent(r.ethnicMinority))%)"
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// One published result as the hall screen shows it: the elected by votes, and what is left.
struct PublishedResult: Codable, Sendable {
    struct Elected: Codable, Sendable { var name: String; var votes: Int; var percent: String }
    var title: String
    var elected: [Elected]
    var note: String

    /// From the tally's JSON as it was published.
    init(title: String, json: String) {
        self.title = title
        struct Contract: Decodable {
            struct Candidate: Decodable { var id: String; var name: String; var votes: Int; var percent: String }
            var candidates: [Candidate]
            var elected: [String]
            var tied: [String]
            var tied_seats: Int
            var seats_open: Int
            var status: String
        }
        guard let c = try? JSONDecoder().decode(Contract.self, from: Data(json.utf8)) else {
            elected = []
            note = ""
            return
        }
        let byID = Dictionary(uniqueKeysWithValues: c.candidates.map { ($0.id, $0) })
        elected = c.elected.compactMap { byID[$0] }.map { Elected(name: $0.name, votes: $0.votes, percent: $0.percent.replacingOccurrences(of: ".", with: ",")) }
        switch c.status {
        case "runoff_needed":
            note = "Bầu lại giữa " + c.tied.compactMap { byID[$0]?.name }.joined(separator: ", ") + " cho \(c.tied_seats) vị trí"
        case "seats_open": note = "Còn thiếu \(c.seats_open) vị trí"
        default: note = "Đã bầu đủ"
        }
    }
}
