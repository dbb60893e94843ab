/// The JSON kiosks and the server exchange for scans (DESIGN.md "HTTP API",
/// `POST /api/v1/scans`), snake_case as the contract writes it. Shared so that the two
/// ends cannot drift apart.
public struct ScanBatch: Sendable, Codable {
    public struct Scan: Sendable, Codable, Hashable {
        /// The kiosk's UUID for this scan: posting it again records nothing new.
        public var id: String
        public var station: String
        /// The scanned text; empty for a manual admission.
        public var payload: String
        public var scanned_at: String?
        public var entrance: Entrance?
        /// A manual admission (a forgotten badge): the delegate the operator chose…
        public var code: String?
        /// …and why. Present only on manual admissions.
        public var reason: String?

        public init(id: String, station: String, payload: String, scanned_at: String?, entrance: Entrance?,
                    code: String? = nil, reason: String? = nil) {
            self.id = id
            self.station = station
            self.payload = payload
            self.scanned_at = scanned_at
            self.entrance = entrance
            self.code = code
            self.reason = reason
        }
    }
    public var scans: [Scan]
    /// When the kiosk sent the batch, by its own clock (see `KioskClock`). Optional: a
    /// client that leaves it out has its times taken as they are.
    public var sent_at: String?
    public init(scans: [Scan], sent_at: String? = nil) {
        self.scans = scans
        self.sent_at = sent_at
    }
}

/// The server's verdict on one scan, in the words of the kiosk contract.
public struct ScanResult: Sendable, Hashable, Codable {
    public var id: String
    public var verdict: ScanVerdict
    public var code: String?
    public var name: String?
    public var delegation: String?
    /// official, alternate or guest.
    public var kind: String?
    public var seat: String?
    public var sitting: String?
    public var firstAt: String?
    public var firstStation: String?

    public init(id: String, verdict: ScanVerdict, code: String? = nil, name: String? = nil, delegation: String? = nil,
                kind: String? = nil, seat: String? = nil, sitting: String? = nil, firstAt: String? = nil,
                firstStation: String? = nil) {
        self.id = id
        self.verdict = verdict
        self.code = code
        self.name = name
        self.delegation = delegation
        self.kind = kind
        self.seat = seat
        self.sitting = sitting
        self.firstAt = firstAt
        self.firstStation = firstStation
    }

    enum CodingKeys: String, CodingKey {
        case id, verdict, code, name, delegation, kind, seat, sitting
        case firstAt = "first_at"
        case firstStation = "first_station"
    }
}

public struct ScanResults: Sendable, Codable {
    public var results: [ScanResult]
    public init(results: [ScanResult]) { self.results = results }
}

extension DelegateKind {
    /// The kind word of the kiosk contract.
    public var contractKind: String {
        switch self {
        case .exOfficio, .elected, .appointed: "official"
        case .alternate: "alternate"
        case .guest: "guest"
        }
    }
}
