/// Giới tính as the delegate list records it.
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    case male
    case female

    public var vietnamese: String {
        switch self {
        case .male: "Nam"
        case .female: "Nữ"
        }
    }

    public static func parse(_ text: String) -> Sex? {
        switch VietnameseText.foldedKey(text) {
        case "nam", "male", "m": .male
        case "nu", "female", "f": .female
        default: nil
        }
    }
}

/// Khu vực: where the delegate works, reported in the credentials report.
public enum Sector: String, Sendable, Hashable, Codable, CaseIterable {
    /// HCSN: hành chính sự nghiệp (administrative / public service).
    case administrative
    /// SXKD: sản xuất kinh doanh (production / business).
    case business

    public var code: String {
        switch self {
        case .administrative: "HCSN"
        case .business: "SXKD"
        }
    }

    public static func parse(_ text: String) -> Sector? {
        switch VietnameseText.foldedKey(text) {
        case "hcsn", "hanh chinh su nghiep", "administrative", "public service": .administrative
        case "sxkd", "san xuat kinh doanh", "business", "production": .business
        default: nil
        }
    }
}

/// Có / Không as spreadsheets write it.
public enum YesNo {
    public static func parse(_ text: String) -> Bool? {
        switch VietnameseText.foldedKey(text) {
        case "co", "x", "1", "yes", "y", "true", "dang vien", "chuyen trach": true
        case "khong", "0", "no", "n", "false", "-": false
        default: nil
        }
    }

    public static func vietnamese(_ value: Bool) -> String { value ? "Có" : "Không" }
}
