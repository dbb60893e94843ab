/// A column of the delegate list (DESIGN.md "Delegate list columns"), with the headers it is
/// known by. Headers match without regard to case, diacritics, spacing or order.
public enum DelegateField: String, Sendable, Hashable, Codable, CaseIterable {
    case code, name, sex
    case birthDate = "birth_date"
    case delegation, kind, ethnicity
    case partyMember = "party_member"
    case education
    case politicalTheory = "political_theory"
    case sector
    case fullTime = "full_time"
    case position, seat

    /// The header the product writes in exports and shows in messages.
    public var vietnameseHeader: String {
        switch self {
        case .code: "Mã đại biểu"
        case .name: "Họ và tên"
        case .sex: "Giới tính"
        case .birthDate: "Ngày sinh"
        case .delegation: "Đoàn đại biểu"
        case .kind: "Loại đại biểu"
        case .ethnicity: "Dân tộc"
        case .partyMember: "Đảng viên"
        case .education: "Trình độ chuyên môn"
        case .politicalTheory: "Lý luận chính trị"
        case .sector: "Khu vực"
        case .fullTime: "Chuyên trách"
        case .position: "Chức vụ, đơn vị công tác"
        case .seat: "Số ghế"
        }
    }

    public var englishHeader: String { rawValue }

    public func header(_ language: Language) -> String {
        language == .vi ? vietnameseHeader : englishHeader
    }

    public var isRequired: Bool {
        switch self {
        case .code, .name, .sex, .delegation, .kind: true
        default: false
        }
    }

    /// What a valid value looks like, for error messages.
    public func expected(_ language: Language) -> String {
        switch (self, language) {
        case (.code, .vi): "chữ cái không dấu, chữ số và dấu -, tối đa 16 ký tự, ví dụ DB0123"
        case (.code, .en): "ASCII letters, digits and -, at most 16 characters, e.g. DB0123"
        case (.sex, .vi): "Nam hoặc Nữ"
        case (.sex, .en): "Nam or Nữ (male or female)"
        case (.birthDate, .vi): "ngày/tháng/năm (dd/mm/yyyy), yyyy-mm-dd hoặc chỉ năm sinh"
        case (.birthDate, .en): "dd/mm/yyyy, yyyy-mm-dd or a year"
        case (.kind, .vi): "Đương nhiên, Bầu, Chỉ định, Dự khuyết hoặc Khách mời"
        case (.kind, .en): "Đương nhiên, Bầu, Chỉ định, Dự khuyết or Khách mời (ex_officio, elected, appointed, alternate, guest)"
        case (.partyMember, .vi), (.fullTime, .vi): "Có hoặc Không (hoặc x, 1/0)"
        case (.partyMember, .en), (.fullTime, .en): "Có or Không (or x, 1/0, yes/no)"
        case (.sector, .vi): "HCSN (hành chính sự nghiệp) hoặc SXKD (sản xuất kinh doanh)"
        case (.sector, .en): "HCSN (administrative / public service) or SXKD (production / business)"
        case (.name, .vi): "họ và tên đại biểu"
        case (.name, .en): "the delegate's full name"
        case (.delegation, .vi): "tên đoàn đại biểu"
        case (.delegation, .en): "the delegation's name"
        case (_, .vi): "một giá trị"
        case (_, .en): "a value"
        }
    }

    /// Folded header forms (see `VietnameseText.foldedKey`) that name this column.
    var aliases: [String] {
        switch self {
        case .code: ["ma dai bieu", "ma db", "ma", "code", "delegate code"]
        case .name: ["ho va ten", "ho ten", "name", "full name"]
        case .sex: ["gioi tinh", "gioi", "sex", "gender"]
        case .birthDate: ["ngay sinh", "ngay thang nam sinh", "nam sinh", "birth date", "birth_date", "date of birth"]
        case .delegation: ["doan dai bieu", "doan", "doan don vi", "don vi", "delegation"]
        case .kind: ["loai dai bieu", "loai", "kind", "delegate kind"]
        case .ethnicity: ["dan toc", "ethnicity"]
        case .partyMember: ["dang vien", "party member", "party_member"]
        case .education: ["trinh do chuyen mon", "trinh do", "education"]
        case .politicalTheory: ["ly luan chinh tri", "trinh do ly luan chinh tri", "political theory", "political_theory"]
        case .sector: ["khu vuc", "sector"]
        case .fullTime: ["chuyen trach", "can bo chuyen trach", "full time", "full_time"]
        case .position: ["chuc vu don vi cong tac", "chuc vu", "don vi cong tac", "position"]
        case .seat: ["so ghe", "ghe", "seat"]
        }
    }

    /// The column a header names, if any.
    public static func matching(header: String) -> DelegateField? {
        let key = VietnameseText.foldedKey(header)
        return byAlias[key]
    }

    private static let byAlias: [String: DelegateField] = {
        var map: [String: DelegateField] = [:]
        for field in allCases {
            for alias in field.aliases { map[VietnameseText.foldedKey(alias)] = field }
        }
        return map
    }()
}
