/// Why a ballot is invalid (phiếu không hợp lệ, RULES.md §4.2). An invalid ballot gives no
/// votes to anyone; each is counted under one reason, the first of these that applies, in
/// this order (the order of the rulebook's table), so that the reasons add up to the
/// invalid ballots in the minutes.
public enum InvalidReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Not a ballot the committee issued: unknown or repeated serial, foreign paper.
    case notIssued = "not_issued"
    case unstamped
    /// More names left standing than seats (found by the tally).
    case overSeats = "over_seats"
    /// Every name crossed out, on a list of more than one (found by the tally).
    case allStruck = "all_struck"
    case addedName = "added_name"
    case privateMark = "private_mark"
    case unclear

    /// The reasons the committee sees on the paper; the other two the tally finds itself.
    public static let seenOnPaper: [InvalidReason] = [.notIssued, .unstamped, .addedName, .privateMark, .unclear]

    public static func < (a: InvalidReason, b: InvalidReason) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .notIssued: 0
        case .unstamped: 1
        case .overSeats: 2
        case .allStruck: 3
        case .addedName: 4
        case .privateMark: 5
        case .unclear: 6
        }
    }

    public var vietnamese: String {
        switch self {
        case .notIssued: "không phải phiếu do Ban kiểm phiếu phát ra"
        case .unstamped: "không có dấu"
        case .overSeats: "để lại nhiều tên hơn số lượng cần bầu"
        case .allStruck: "gạch hết tên"
        case .addedName: "ghi thêm tên ngoài danh sách"
        case .privateMark: "có ký hiệu, chữ ký hoặc viết thêm"
        case .unclear: "gạch không rõ"
        }
    }
}

/// What a candidate needs more than half of (RULES.md §4.3): a setting, printed in every
/// report.
public enum ThresholdBase: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ballots collected, valid and invalid (phiếu thu về): the union's default.
    case ballotsCollected = "ballots_collected"
    /// Valid ballots (State elections).
    case validBallots = "valid_ballots"
    /// Official delegates convened minus those absent for the whole congress (the Party rule).
    case convened

    public var vietnamese: String {
        switch self {
        case .ballotsCollected: "số phiếu thu về"
        case .validBallots: "số phiếu hợp lệ"
        case .convened: "số đại biểu được triệu tập (trừ người vắng mặt cả kỳ đại hội)"
        }
    }
}

extension InvalidReason {
    /// The reasons as given, each once, in the order first given: a reason said twice ("t t",
    /// `--invalid x --invalid x`) is one reason, or two sources saying the same would differ.
    public static func distinct(_ reasons: [InvalidReason]) -> [InvalidReason] {
        var seen = Set<InvalidReason>()
        return reasons.filter { seen.insert($0).inserted }
    }
}
