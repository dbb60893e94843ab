/// A delegate's first admission to a sitting: where and when.
public struct Admission: Sendable, Hashable, Codable {
    public var at: String
    public var station: String
    public init(at: String, station: String) {
        self.at = at
        self.station = station
    }
}

/// Who is on the list and who may pass which entrance: the server's `Roster`, or the copy
/// a kiosk keeps.
public protocol AdmissionRoster {
    func isListed(_ code: String) -> Bool
    func eligible(_ code: String, at entrance: Entrance) -> Bool
}

extension Roster: AdmissionRoster {
    public func isListed(_ code: String) -> Bool { delegates[code] != nil }
}

/// Decides a scan, the same way on the kiosk (offline) and on the server.
public enum AdmissionRule {
    public struct Decision: Sendable, Hashable {
        public var verdict: ScanVerdict
        public var code: String?
        /// For `already_admitted`: the first admission.
        public var first: Admission?

        public init(verdict: ScanVerdict, code: String? = nil, first: Admission? = nil) {
            self.verdict = verdict
            self.code = code
            self.first = first
        }
    }

    /// The checks in the order a person at the door needs them: is it our badge, is it
    /// still valid, who is it, is anything open, may they come in here, are they in already.
    public static func decide(check: CredentialCheck, roster: some AdmissionRoster, sittingOpen: Bool, entrance: Entrance,
                              firstAdmission: (String) -> Admission?) -> Decision {
        switch check {
        case .malformed: return Decision(verdict: .malformed)
        case .unknownKey, .badSignature: return Decision(verdict: .invalidSignature)
        case .revoked(let r): return Decision(verdict: .revoked, code: r.code)
        case .valid(let id):
            return decide(code: id.code, roster: roster, sittingOpen: sittingOpen, entrance: entrance,
                          firstAdmission: firstAdmission)
        }
    }

    /// The roster's part of the decision, also all there is to a manual admission (a
    /// delegate without their badge, found by name): listed, sitting open, eligible here,
    /// not in already.
    public static func decide(code: String, roster: some AdmissionRoster, sittingOpen: Bool, entrance: Entrance,
                              firstAdmission: (String) -> Admission?) -> Decision {
        guard roster.isListed(code) else { return Decision(verdict: .unknownDelegate, code: code) }
        guard sittingOpen else { return Decision(verdict: .noOpenSitting, code: code) }
        guard roster.eligible(code, at: entrance) else { return Decision(verdict: .notEligible, code: code) }
        if let first = firstAdmission(code) {
            return Decision(verdict: .alreadyAdmitted, code: code, first: first)
        }
        return Decision(verdict: .admitted, code: code)
    }
}
