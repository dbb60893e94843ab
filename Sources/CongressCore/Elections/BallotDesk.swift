/// What the ballot desk (bàn phát phiếu) decided for one delegate.
public enum BallotIssueDecision: Sendable, Hashable {
    case issued
    /// This delegate already received this election's ballot.
    case alreadyIssued(at: String, station: String)
    /// A guest, an alternate not replacing anyone, or a replaced delegate: no vote.
    case notEligible
    /// Not admitted to the open sitting.
    case notPresent

    public var vietnamese: String {
        switch self {
        case .issued: "PHÁT PHIẾU"
        case .alreadyIssued: "ĐÃ NHẬN PHIẾU"
        case .notEligible: "KHÔNG CÓ QUYỀN BẦU CỬ"
        case .notPresent: "CHƯA ĐIỂM DANH VÀO PHIÊN HỌP"
        }
    }
}

/// The ballot desk's rule (RULES.md §2, §4): one ballot per delegate who holds a seat (an
/// official delegate not replaced, or an alternate in force) and is present in the open
/// sitting. Pure: the store records the decision, and only that a ballot was received,
/// never which.
public enum BallotDesk {
    /// `present`: admitted to the open sitting; `earlier`: when and where this delegate
    /// already received this election's ballot.
    public static func decide(code: String, roster: Roster, present: Bool,
                              earlier: (at: String, station: String)?) -> BallotIssueDecision {
        guard roster.counts(code) else { return .notEligible }
        guard present else { return .notPresent }
        if let earlier { return .alreadyIssued(at: earlier.at, station: earlier.station) }
        return .issued
    }
}
