/// The body an election fills (RULES.md §4).
public enum ElectionBody: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ban Chấp hành.
    case executiveCommittee = "executive_committee"
    /// Ủy ban Kiểm tra.
    case inspectionCommittee = "inspection_committee"
    /// Đại biểu chính thức dự Đại hội cấp trên.
    case higherCongress = "higher_congress"
    /// Đại biểu dự khuyết dự Đại hội cấp trên.
    case higherCongressAlternate = "higher_congress_alternate"
    /// Chủ tịch Công đoàn cơ sở, bầu trực tiếp tại đại hội.
    case chair
    /// Any other post elected by secret ballot.
    case other

    public var vietnamese: String {
        switch self {
        case .executiveCommittee: "Ban Chấp hành"
        case .inspectionCommittee: "Ủy ban Kiểm tra"
        case .higherCongress: "đại biểu chính thức dự Đại hội cấp trên"
        case .higherCongressAlternate: "đại biểu dự khuyết dự Đại hội cấp trên"
        case .chair: "Chủ tịch Công đoàn cơ sở"
        case .other: "chức danh khác"
        }
    }
}

/// How a candidate came onto the list.
public enum Nomination: String, Sendable, Hashable, Codable, CaseIterable {
    /// Tự ứng cử.
    case selfNominated = "self"
    /// Được giới thiệu (by the outgoing committee or the delegates).
    case nominated

    public var vietnamese: String {
        switch self {
        case .selfNominated: "tự ứng cử"
        case .nominated: "được giới thiệu"
        }
    }
}

/// A member of the counting committee (ban kiểm phiếu), who signs the minutes and may not
/// be a candidate in the count they run.
public enum CommitteeRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Trưởng ban.
    case head
    case member
    /// Thư ký.
    case secretary

    public var vietnamese: String {
        switch self {
        case .head: "Trưởng ban"
        case .member: "Thành viên"
        case .secretary: "Thư ký"
        }
    }
}

/// The surplus (số dư) of a list: candidates − seats, and whether it is over the cap the
/// congress chose (the product warns; the union sets no fixed limit, the Party caps at 30%).
public struct Surplus: Sendable, Hashable {
    public var candidates: Int
    public var seats: Int
    /// The cap in percent of seats, if the congress set one.
    public var capPercent: Int?

    public init(candidates: Int, seats: Int, capPercent: Int?) {
        self.candidates = candidates
        self.seats = seats
        self.capPercent = capPercent
    }

    public var count: Int { candidates - seats }

    /// More candidates over the seats than the cap allows: 100 × surplus > cap × seats.
    public var overCap: Bool {
        guard let capPercent else { return false }
        return 100 * count > capPercent * seats
    }
}
