/// What a kiosk takes from the server when it starts (`GET /api/v1/kiosk/bootstrap`): all
/// it needs to decide scans on its own. No private key, no personal data beyond what the
/// door shows.
public struct KioskBootstrap: Sendable, Codable {
    public struct Key: Sendable, Codable, Hashable {
        public var key_id: String
        /// Base64 of the raw Ed25519 public key.
        public var public_key: String
        public init(key_id: String, public_key: String) {
            self.key_id = key_id
            self.public_key = public_key
        }
    }
    public struct Admitted: Sendable, Codable, Hashable {
        public var code: String
        public var at: String
        public var station: String
        public init(code: String, at: String, station: String) {
            self.code = code
            self.at = at
            self.station = station
        }
    }
    public var public_keys: [Key]
    public var roster: [RosterEntry]
    public var revoked: [CredentialID]
    public var sitting: Sitting?
    public var admitted: [Admitted]
    /// The change feed's position this bootstrap reflects: follow `/changes?since=` from here.
    public var cursor: Int64
    public var quorum: QuorumFigures
    /// The congress's time zone (IANA): the door's clock and times are shown in it.
    public var time_zone: String?

    public init(public_keys: [Key], roster: [RosterEntry], revoked: [CredentialID], sitting: Sitting?,
                admitted: [Admitted], cursor: Int64, quorum: QuorumFigures, time_zone: String? = nil) {
        self.time_zone = time_zone
        self.public_keys = public_keys
        self.roster = roster
        self.revoked = revoked
        self.sitting = sitting
        self.admitted = admitted
        self.cursor = cursor
        self.quorum = quorum
    }
}

/// One person on the list as a door sees them.
public struct RosterEntry: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var delegation: String
    /// official, alternate or guest.
    public var kind: String
    public var seat: String?
    /// May pass a delegates-only entrance.
    public var eligible: Bool
    /// Counts for quorum.
    public var counts: Bool
    /// An official delegate an alternate has replaced: their badge is refused everywhere.
    public var replaced: Bool?

    public init(code: String, name: String, delegation: String, kind: String, seat: String?,
                eligible: Bool, counts: Bool, replaced: Bool) {
        self.code = code
        self.name = name
        self.delegation = delegation
        self.kind = kind
        self.seat = seat
        self.eligible = eligible
        self.counts = counts
        self.replaced = replaced
    }

    public init(_ d: Delegate, in roster: Roster) {
        self.init(code: d.code, name: d.name, delegation: d.delegation, kind: d.kind.contractKind, seat: d.seat,
                  eligible: roster.eligible(d.code, at: .delegates), counts: roster.counts(d.code),
                  replaced: roster.replacedBy[d.code] != nil)
    }

    /// May pass this entrance (the same answer `Roster.eligible` gives on the server).
    public func eligible(at entrance: Entrance) -> Bool {
        switch entrance {
        case .delegates: eligible
        case .all: !(replaced ?? false)
        }
    }
}

/// `GET /api/v1/quorum`: present / convened for the open sitting.
public struct QuorumFigures: Sendable, Codable, Hashable {
    public var sitting: String?
    public var present: Int
    public var convened: Int
    public var holds: Bool
    public var percent: String
    public var missing: Int

    public init(sitting: String?, quorum: Quorum) {
        self.sitting = sitting
        present = quorum.present
        convened = quorum.convened
        holds = quorum.holds
        percent = quorum.percentVietnamese
        missing = quorum.missing
    }
}
