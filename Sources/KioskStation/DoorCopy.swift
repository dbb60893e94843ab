import CongressCore
import Foundation

/// What one entrance knows of the congress: the public keys, the list as the door sees it,
/// the revoked badges, the open sitting and who is in. Enough to decide every scan without
/// the server (DESIGN.md, data flow 4); kept current from the change feed.
public struct DoorCopy: Sendable {
    public private(set) var verifier: CredentialVerifier
    public private(set) var roster: DoorRoster
    public private(set) var sitting: Sitting?
    /// First admission of each delegate to the open sitting, anywhere in the hall.
    public private(set) var admitted: [String: Admission]
    /// The change feed's position this copy reflects.
    public var cursor: Int64
    public private(set) var publicKeys: [KioskBootstrap.Key]
    /// Name search for manual admission ("/" then part of a name).
    public private(set) var search: SearchIndex<RosterEntry>
    /// The congress's zone, for the clock and the times on the screen.
    public private(set) var time: CongressTime

    public init(_ b: KioskBootstrap) {
        publicKeys = b.public_keys
        verifier = Self.verifier(b.public_keys, revoked: Set(b.revoked))
        roster = DoorRoster(b.roster)
        sitting = b.sitting
        admitted = Dictionary(b.admitted.map { ($0.code, Admission(at: $0.at, station: $0.station)) },
                              uniquingKeysWith: { a, _ in a })
        cursor = b.cursor
        search = Self.index(b.roster)
        time = b.time_zone.flatMap { try? CongressTime(identifier: $0) } ?? .vietnam
    }

    static func verifier(_ keys: [KioskBootstrap.Key], revoked: Set<CredentialID>) -> CredentialVerifier {
        CredentialVerifier(publicKeys: Dictionary(keys.compactMap { k in
            Data(base64Encoded: k.public_key).map { (k.key_id, $0) }
        }, uniquingKeysWith: { a, _ in a }), revoked: revoked)
    }

    static func index(_ entries: [RosterEntry]) -> SearchIndex<RosterEntry> {
        SearchIndex(entries.sorted { $0.code < $1.code }) { "\($0.name) \($0.code) \($0.delegation)" }
    }

    /// Decides a scanned line as the server would.
    public func decide(_ payload: String, entrance: Entrance) -> AdmissionRule.Decision {
        AdmissionRule.decide(check: verifier.check(payload), roster: roster, sittingOpen: sitting != nil,
                             entrance: entrance, firstAdmission: { admitted[$0] })
    }

    /// Decides a manual admission of a delegate found by name.
    public func decideManual(code: String, entrance: Entrance) -> AdmissionRule.Decision {
        AdmissionRule.decide(code: code, roster: roster, sittingOpen: sitting != nil, entrance: entrance,
                             firstAdmission: { admitted[$0] })
    }

    public var quorum: Quorum { roster.quorum(admitted: admitted.keys) }

    public mutating func admit(_ code: String, _ admission: Admission) {
        if admitted[code] == nil { admitted[code] = admission }
    }

    /// The server's word on a delegate's first admission replaces ours.
    public mutating func setAdmission(_ code: String, _ admission: Admission?) {
        admitted[code] = admission
    }

    /// What a change means for this copy. `.reload` when the change is one the door cannot
    /// apply by itself (a new list, a substitution): take a fresh bootstrap.
    public enum Applied: Sendable, Equatable { case applied, reload, ignored }

    public mutating func apply(_ event: FeedEventBody) -> Applied {
        defer { cursor = max(cursor, event.seq) }
        switch event.kind {
        case "admission":
            guard let code = event.data["code"], isCurrentSitting(event.data["sitting"]) else { return .ignored }
            admitted[code] = Admission(at: event.data["at"] ?? event.at, station: event.data["station"] ?? "")
        case "undo":
            guard let code = event.data["code"], isCurrentSitting(event.data["sitting"]) else { return .ignored }
            admitted[code] = nil
        case "revocation":
            guard let code = event.data["code"], let serial = event.data["serial"].flatMap(Int.init) else { return .reload }
            verifier.revoked.insert(CredentialID(code: code, serial: serial))
        case "sitting_opened":
            guard let id = event.data["id"].flatMap(Int64.init), let name = event.data["name"] else { return .reload }
            sitting = Sitting(id: id, name: name, openedAt: event.data["openedAt"] ?? event.at)
            admitted = [:]
        case "sitting_closed":
            sitting = nil
            admitted = [:]
        default:
            return .reload
        }
        return .applied
    }

    private func isCurrentSitting(_ id: String?) -> Bool {
        guard let sitting else { return false }
        return id == String(sitting.id)
    }
}

/// The list as a door sees it (no personal data beyond the badge's).
public struct DoorRoster: AdmissionRoster, Sendable {
    public let entries: [String: RosterEntry]
    public let convened: Int

    public init(_ list: [RosterEntry]) {
        entries = Dictionary(list.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        convened = list.filter { $0.kind == "official" }.count
    }

    public func isListed(_ code: String) -> Bool { entries[code] != nil }

    public func eligible(_ code: String, at entrance: Entrance) -> Bool {
        entries[code]?.eligible(at: entrance) ?? false
    }

    public func quorum(admitted: some Sequence<String>) -> Quorum {
        Quorum(present: admitted.reduce(0) { $0 + (entries[$1]?.counts == true ? 1 : 0) }, convened: convened)
    }
}
