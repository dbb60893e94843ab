/// How a count's ballots are entered before it may be published (nhập phiếu hai lần /
/// một lần). By default every ballot is entered by two independent sources (two operators,
/// or the scanner and one operator) that must agree: one slip of the keys, or one misread
/// sheet, cannot then change a result unseen. A small congress may choose a single entry
/// when it creates the election; the minutes say which was used.
public enum EntryMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nhập hai lần: two independent sources, reconciled.
    case double
    /// Nhập một lần: one source, chosen when the election was created.
    case single

    /// The minutes' sentence.
    public var vietnamese: String {
        switch self {
        case .double: "Nhập phiếu hai lần: mỗi phiếu do hai nguồn độc lập nhập (hai người, hoặc máy quét và một người); kết quả chỉ được công bố khi hai lần nhập khớp nhau."
        case .single: "Nhập phiếu một lần (Ban kiểm phiếu chọn khi lập cuộc bầu cử): mỗi phiếu do một nguồn nhập, không đối chiếu."
        }
    }

    /// The ballots a count may be published from: those both sources entered alike. Under
    /// double entry a count with fewer than two sources waits for the second; any ballot
    /// the two saw differently goes back to the paper first.
    public func publishable(_ reconciliation: Reconciliation, title: String) throws(ElectionRefusal) -> [BallotEntryRecord] {
        if self == .double, reconciliation.operators.count < 2 {
            throw .secondSourceMissing(title: title, source: reconciliation.operators.first)
        }
        return try reconciliation.requireAgreed()
    }
}
