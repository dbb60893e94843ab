/// A delegate's first admission to a sitting: where and when.
public struct Admission: Sendable, Hashable, Codable {
    public var at: String
    public var station: String
    public init(at: String, station: String) {
        self.at = at
        self.station = station
    }
}

/// Decides a scan, the same way on the kiosk (offline) and on the server.
public enum AdmissionRule {
    public struct Decision: Sendable, Hashable {
        public var verdict: ScanVerdict
        public var code: String?
        /// For `already_admitted`: the first admission.
        public var first: Admission?
    }

    /// The checks in the order a person at the door needs them: is it our badge, is it
    /// still valid, who is it, is anything open, may they come in here, are they in already.
    public static func decide(check: CredentialCheck, roster: Roster, sittingOpen: Bool, entrance: Entrance,
                              firstAdmission: (String) -> Admission?) -> Decision {
        let id: CredentialID
        switch check {
        case .malformed: return Decision(verdict: .malformed)
        case .unknownKey, .badSignature: return Decision(verdict: .invalidSignature)
        case .revoked(let r): return Decision(verdict: .revoked, code: r.code)
        case .valid(let v): id = v
        }
        guard roster.delegates[id.code] != nil else { return Decision(verdict: .unknownDelegate, code: id.code) }
        guard sittingOpen else { return Decision(verdict: .noOpenSitting, code: id.code) }
        guard roster.eligible(id.code, at: entrance) else { return Decision(verdict: .notEligible, code: id.code) }
        if let first = firstAdmission(id.code) {
            return Decision(verdict: .alreadyAdmitted, code: id.code, first: first)
        }
        return Decision(verdict: .admitted, code: id.code)
    }
}
