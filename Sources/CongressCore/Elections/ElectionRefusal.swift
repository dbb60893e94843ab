/// Why an election rule said no, typed: each case carries what the committee needs to act,
/// and reads in Vietnamese and English.
public enum ElectionRefusal: Error, Sendable, Hashable, LocalizedMessage {
    /// Double entry needs exactly two operators.
    case tooManyOperators([String])
    /// The two operators' entries still differ on these ballots (the first ten serials).
    case entriesDiffer(count: Int, serials: [String])
    /// Every seat was filled: no run-off, no further round.
    case noFurtherRoundNeeded(title: String)
    /// A next round was already made from this count (a second click, a second operator).
    case nextRoundExists(title: String, next: Int64)
    /// Published: the record is frozen and final.
    case published(title: String)
    /// Complaints go into the record when it is published, not into a later print.
    case complaintsAfterPublishing(title: String)

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .tooManyOperators(let operators):
            return vi ? "Có \(operators.count) người nhập (\(operators.joined(separator: ", "))); nhập hai lần cần đúng hai người."
                : "\(operators.count) operators entered ballots (\(operators.joined(separator: ", "))); double entry needs exactly two."
        case .entriesDiffer(let count, let serials):
            let list = serials.joined(separator: ", ")
            return vi ? "Còn \(count) phiếu hai người nhập khác nhau (\(list)); đối chiếu và sửa trước khi kiểm phiếu."
                : "\(count) ballots differ between the two operators (\(list)); reconcile them before the tally."
        case .noFurtherRoundNeeded(let title):
            return vi ? "«\(title)» đã bầu đủ; không cần vòng sau." : "«\(title)» filled every seat; no further round."
        case .nextRoundExists(let title, let next):
            return vi ? "«\(title)» đã có vòng sau (cuộc bầu cử số \(next)); không lập thêm."
                : "«\(title)» already has its next round (election \(next)); no second one is made."
        case .published(let title):
            return vi ? "Kết quả «\(title)» đã công bố và không thay đổi được; muốn đính chính thì lập một lần kiểm mới."
                : "The result of «\(title)» is published and cannot change; a correction is a new count."
        case .complaintsAfterPublishing(let title):
            return vi ? "«\(title)» đã công bố: biên bản in từ hồ sơ đã chốt, không thêm khiếu nại được nữa."
                : "«\(title)» is published: its minutes are printed from the frozen record, and complaints can no longer be added."
        }
    }
}
