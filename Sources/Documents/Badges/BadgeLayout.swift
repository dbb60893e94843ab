import CongressCore

/// Badge sizes and sheets, in millimetres.
public enum BadgeLayout: String, Sendable, CaseIterable {
    /// 8 badges of 90 × 54 mm on an A4 sheet, 2 across and 4 down, with cut marks.
    case a4
    /// One CR80 card (85.6 × 54 mm) a page, for card printers.
    case card

    public var badgeSize: (width: Double, height: Double) {
        switch self {
        case .a4: (90, 54)
        case .card: (85.6, 54)
        }
    }

    public var pageSize: (width: Double, height: Double) {
        switch self {
        case .a4: (210, 297)
        case .card: badgeSize
        }
    }

    public var badgesPerPage: Int { self == .a4 ? 8 : 1 }

    static let columns = 2
    static let rows = 4

    /// Top-left corner of the n-th badge of a page.
    func origin(ofSlot slot: Int) -> (x: Double, y: Double) {
        guard self == .a4 else { return (0, 0) }
        let (w, h) = badgeSize
        let left = (pageSize.width - Double(Self.columns) * w) / 2
        let top = (pageSize.height - Double(Self.rows) * h) / 2
        return (left + Double(slot % Self.columns) * w, top + Double(slot / Self.columns) * h)
    }
}

extension DelegateKind {
    /// The colour band: red for official delegates, blue for alternates, green for guests.
    var bandColor: (Double, Double, Double) {
        switch self {
        case .exOfficio, .elected, .appointed: (0.718, 0.110, 0.110)
        case .alternate: (0.051, 0.278, 0.631)
        case .guest: (0.106, 0.369, 0.125)
        }
    }
}
