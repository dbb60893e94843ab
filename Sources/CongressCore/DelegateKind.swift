/// The kind of a delegate (loại đại biểu). Official delegates (đại biểu chính thức) are
/// ex officio, elected or appointed; they count for quorum and vote. An alternate (dự khuyết)
/// counts only after an approved substitution; a guest (khách mời) never counts.
public enum DelegateKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Đương nhiên: member of the outgoing executive committee.
    case exOfficio = "ex_officio"
    /// Bầu: elected by a lower-level congress.
    case elected
    /// Chỉ định: appointed by the convening level.
    case appointed
    /// Dự khuyết.
    case alternate
    /// Khách mời.
    case guest

    /// Counts toward the number convened and quorum, and may vote.
    public var isOfficial: Bool {
        switch self {
        case .exOfficio, .elected, .appointed: true
        case .alternate, .guest: false
        }
    }

    /// The word the delegate list uses.
    public var vietnamese: String {
        switch self {
        case .exOfficio: "Đương nhiên"
        case .elected: "Bầu"
        case .appointed: "Chỉ định"
        case .alternate: "Dự khuyết"
        case .guest: "Khách mời"
        }
    }

    /// The label printed on the badge's colour band.
    public var badgeLabel: String {
        switch self {
        case .exOfficio, .elected, .appointed: "ĐẠI BIỂU CHÍNH THỨC"
        case .alternate: "ĐẠI BIỂU DỰ KHUYẾT"
        case .guest: "KHÁCH MỜI"
        }
    }

    /// Reads the kind as people write it: the Vietnamese word with or without diacritics
    /// or the leading "Đại biểu", or the English code.
    public static func parse(_ text: String) -> DelegateKind? {
        var key = VietnameseText.foldedKey(text)
        for prefix in ["dai bieu chinh thuc ", "dai bieu ", "db "] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
        }
        switch key {
        case "duong nhien", "ex officio", "ex_officio", "exofficio": return .exOfficio
        case "bau", "elected", "do dai hoi cap duoi bau", "duoc bau": return .elected
        case "chi dinh", "appointed": return .appointed
        case "du khuyet", "alternate": return .alternate
        case "khach moi", "khach", "guest": return .guest
        default: return nil
        }
    }
}
