/// What a scan at an entrance decided (DESIGN.md "`kiosk --json`"): the words kiosks,
/// the server and the hall screen share.
public enum ScanVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    case admitted
    case alreadyAdmitted = "already_admitted"
    case revoked
    case invalidSignature = "invalid_signature"
    case malformed
    case unknownDelegate = "unknown_delegate"
    /// A guest at a delegates-only entrance, an alternate not substituting, a replaced delegate.
    case notEligible = "not_eligible"
    case noOpenSitting = "no_open_sitting"

    /// Whether the person may go in.
    public var mayEnter: Bool { self == .admitted || self == .alreadyAdmitted }

    /// The large words on the kiosk screen.
    public var vietnamese: String {
        switch self {
        case .admitted: "MỜI VÀO"
        case .alreadyAdmitted: "ĐÃ ĐIỂM DANH"
        case .revoked: "THẺ ĐÃ BỊ THU HỒI"
        case .invalidSignature: "THẺ KHÔNG HỢP LỆ"
        case .malformed: "KHÔNG ĐỌC ĐƯỢC MÃ"
        case .unknownDelegate: "KHÔNG CÓ TRONG DANH SÁCH"
        case .notEligible: "KHÔNG ĐƯỢC VÀO CỬA NÀY"
        case .noOpenSitting: "CHƯA MỞ PHIÊN HỌP"
        }
    }
}

/// Who an entrance lets in.
public enum Entrance: String, Sendable, Hashable, Codable, CaseIterable {
    /// Official delegates and substituting alternates only (the default).
    case delegates
    /// Everyone on the list, guests and alternates included (they never count for quorum).
    case all
}
