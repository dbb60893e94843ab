import Foundation

/// The counting minutes (biên bản kiểm phiếu, RULES.md §5) as data: everything the printed
/// form holds, gathered from the election, its committee, the sitting and the tally.
public struct CountingMinutes: Sendable, Hashable, Codable {
    public struct Member: Sendable, Hashable, Codable {
        public var name: String
        public var role: CommitteeRole
        public init(name: String, role: CommitteeRole) {
            self.name = name
            self.role = role
        }
    }

    public struct Nominee: Sendable, Hashable, Codable {
        public var name: String
        public var nomination: Nomination
        public init(name: String, nomination: Nomination) {
            self.name = name
            self.nomination = nomination
        }
    }

    public var congressName: String
    public var term: String?
    public var title: String
    public var body: ElectionBody
    public var round: Int
    /// When the minutes are drawn up, as people read it ("10 giờ 25 phút, ngày 21 tháng 11 năm 2026").
    public var when: String
    public var committee: [Member]
    public var convened: Int
    public var present: Int
    /// Delegates who received a ballot (the desk's count).
    public var voting: Int
    public var seats: Int
    /// In ballot order.
    public var nominees: [Nominee]
    public var result: TallyResult
    public var complaints: String
    /// Not yet published: the minutes are a draft (DỰ THẢO), marked so on every page, and
    /// their figures may still change. Published minutes are drawn from the frozen record.
    public var draft: Bool = true
    /// The sitting the election was held in (the vote), whose attendance gives `present`.
    public var sitting: String?
    /// How the ballots were entered (machine, review, typed); nil in records published
    /// before the scanner was part of the product.
    public var sources: BallotSources?
    /// Double or single entry; nil in records published before the choice existed.
    public var entryMode: EntryMode?

    public init(congressName: String, term: String?, title: String, body: ElectionBody, round: Int, when: String,
                committee: [Member], convened: Int, present: Int, voting: Int, seats: Int, nominees: [Nominee],
                result: TallyResult, complaints: String = "Không có khiếu nại.") {
        self.congressName = congressName
        self.term = term
        self.title = title
        self.body = body
        self.round = round
        self.when = when
        self.committee = committee
        self.convened = convened
        self.present = present
        self.voting = voting
        self.seats = seats
        self.nominees = nominees
        self.result = result
        self.complaints = complaints
    }

    /// The identities RULES.md §5 requires printed, each with whether it holds.
    public var identities: [(text: String, holds: Bool)] {
        let r = result
        return [
            ("Phiếu thu về (\(r.ballotsCollected)) ≤ phiếu phát ra (\(r.ballotsIssued))", r.ballotsCollected <= r.ballotsIssued),
            ("Phiếu hợp lệ (\(r.valid)) + phiếu không hợp lệ (\(r.invalid)) = phiếu thu về (\(r.ballotsCollected))",
             r.valid + r.invalid == r.ballotsCollected),
            ("Số phiếu bầu của mỗi người ≤ số phiếu hợp lệ (\(r.valid))", r.candidates.allSatisfy { $0.votes <= r.valid }),
        ]
    }

    /// A percentage with a decimal comma, two decimals, half up (RULES.md §3).
    public static func percent(_ part: Int, of whole: Int) -> String {
        Tally.percent(part, of: whole).replacingOccurrences(of: ".", with: ",")
    }
}

extension CountingMinutes {
    /// The minutes as a spreadsheet (XLSX for the recognition file): the figures, then one
    /// row per candidate in ballot order, then the identities.
    public var table: [[String]] {
        let r = result
        var rows: [[String]] = [
            ["Biên bản kiểm phiếu", title], ["Đại hội", congressName + (term.map { ", nhiệm kỳ \($0)" } ?? "")],
            ["Vòng", String(round)], ["Thời gian", when],
            ["Ban kiểm phiếu", committee.map { "\($0.role.vietnamese) \($0.name)" }.joined(separator: "; ")],
            ["Đại biểu triệu tập", String(convened)], ["Có mặt", String(present)], ["Nhận phiếu", String(voting)],
            ["Số lượng cần bầu", String(seats)], ["Phiếu phát ra", String(r.ballotsIssued)], ["Phiếu thu về", String(r.ballotsCollected)],
            ["Phiếu hợp lệ", String(r.valid)], ["Phiếu không hợp lệ", String(r.invalid)],
        ]
        for reason in InvalidReason.allCases {
            if let n = r.invalidByReason[reason] { rows.append(["— \(reason.vietnamese)", String(n)]) }
        }
        rows.append(["Ngưỡng", "quá 1/2 \(r.thresholdBase.vietnamese) (\(r.denominator)): ít nhất \(r.votesNeeded) phiếu"])
        rows.append([])
        rows.append(["STT", "Họ và tên", "Số phiếu", "% / phiếu thu về", "% / cơ sở tính", "Trúng cử"])
        for (i, c) in r.candidates.enumerated() {
            rows.append([String(i + 1), c.name, String(c.votes), Self.percent(c.votes, of: r.ballotsCollected),
                         c.percent.replacingOccurrences(of: ".", with: ","), c.elected ? "Trúng cử" : ""])
        }
        rows.append([])
        for identity in identities { rows.append([identity.holds ? "Đúng" : "KHÔNG ĐÚNG", identity.text]) }
        return rows
    }
}
