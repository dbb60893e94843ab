import Foundation

/// A delegate (đại biểu) as the delegate list describes them: every column of the list
/// (DESIGN.md "Delegate list columns"). Text is stored NFC-normalised, names exactly as written.
public struct Delegate: Sendable, Hashable, Codable, Identifiable {
    /// Mã đại biểu: unique in the congress, upper case, e.g. `DB0123`.
    public var code: String
    /// Họ và tên.
    public var name: String
    public var sex: Sex
    public var birthDate: BirthDate?
    /// Đoàn đại biểu: the name of the delegation.
    public var delegation: String
    public var kind: DelegateKind
    /// Dân tộc; "Kinh" when the list leaves it empty.
    public var ethnicity: String
    /// Đảng viên; nil when the list does not say.
    public var partyMember: Bool?
    /// Trình độ chuyên môn, free text grouped in reports.
    public var education: String?
    /// Lý luận chính trị, free text grouped in reports.
    public var politicalTheory: String?
    public var sector: Sector?
    /// Chuyên trách: a full-time union officer; nil when the list does not say.
    public var fullTime: Bool?
    /// Chức vụ, đơn vị công tác.
    public var position: String?
    /// Số ghế.
    public var seat: String?

    public var id: String { code }

    public static let majorityEthnicity = "Kinh"

    public init(code: String, name: String, sex: Sex, birthDate: BirthDate? = nil,
                delegation: String, kind: DelegateKind, ethnicity: String = Delegate.majorityEthnicity,
                partyMember: Bool? = nil, education: String? = nil, politicalTheory: String? = nil,
                sector: Sector? = nil, fullTime: Bool? = nil, position: String? = nil,
                seat: String? = nil) {
        self.code = code
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.delegation = delegation
        self.kind = kind
        self.ethnicity = ethnicity
        self.partyMember = partyMember
        self.education = education
        self.politicalTheory = politicalTheory
        self.sector = sector
        self.fullTime = fullTime
        self.position = position
        self.seat = seat
    }

    /// Of an ethnic minority (dân tộc thiểu số): any ethnicity other than Kinh.
    public var isEthnicMinority: Bool {
        // the common case first: the list's own "Kinh" needs no folding
        ethnicity != Self.majorityEthnicity && VietnameseText.foldedKey(ethnicity) != "kinh"
    }

    public var ballotSortKey: BallotSortKey { BallotSortKey(name: name, birthDate: birthDate) }

    /// Delegate codes: ASCII letters and digits with `-`, at most 16, upper case, so that
    /// they stay inside the QR alphanumeric alphabet (`.` separates the payload's fields).
    public static func normalisedCode(_ text: String) -> String? {
        let code = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let scalars = code.unicodeScalars
        func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) || ("0"..."9").contains(c) }
        guard (1...16).contains(scalars.count),
              scalars.allSatisfy({ isLetterOrDigit($0) || $0 == "-" }),
              scalars.contains(where: isLetterOrDigit)
        else { return nil }
        return code
    }
}

/// Đoàn đại biểu: the delegates sent by one lower-level union.
public struct Delegation: Sendable, Hashable, Codable {
    public var name: String
    public init(name: String) { self.name = name }
}
