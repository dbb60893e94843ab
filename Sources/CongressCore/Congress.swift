/// A congress (Đại hội): the meeting this database runs, one congress per file.
public struct Congress: Sendable, Hashable, Codable {
    /// Full name as printed on badges and minutes,
    /// e.g. "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI".
    public var name: String
    /// Term (nhiệm kỳ), e.g. "2023-2028".
    public var term: String?
    public var level: CongressLevel
    public var form: CongressForm
    /// The congress's time zone (IANA, default Asia/Ho_Chi_Minh): every time a person reads
    /// is in it, whatever the machine's own zone.
    public var timeZone: String

    public init(name: String, term: String? = nil, level: CongressLevel = .grassroots,
                form: CongressForm = .delegates, timeZone: String = CongressTime.vietnamIdentifier) {
        self.name = name
        self.term = term
        self.level = level
        self.form = form
        self.timeZone = timeZone
    }

    /// How this congress's times are read (its zone was checked when it was created and
    /// when it was read back from the file).
    public var time: CongressTime { (try? CongressTime(identifier: timeZone)) ?? .vietnam }

    /// Checks the fields a person typed; the name is NFC-normalised and trimmed.
    public static func validated(name: String, term: String?, level: CongressLevel,
                                 form: CongressForm, timeZone: String = CongressTime.vietnamIdentifier) throws(CongressError) -> Congress {
        let name = VietnameseText.cleaned(name)
        guard !name.isEmpty else { throw .emptyName }
        var cleanTerm: String?
        if let term, !VietnameseText.cleaned(term).isEmpty {
            let t = VietnameseText.cleaned(term).replacingOccurrences(of: "–", with: "-")
            let parts = t.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]),
                  (1900...2200).contains(start), end > start, end - start <= 10 else {
                throw .invalidTerm(term)
            }
            cleanTerm = "\(start)-\(end)"
        }
        do {
            let zone = try CongressTime(identifier: timeZone)
            return Congress(name: name, term: cleanTerm, level: level, form: form, timeZone: zone.identifier)
        } catch {
            throw .unknownTimeZone(timeZone)
        }
    }
}

/// The level of the union that holds the congress; it decides, among other things,
/// whether the grassroots chair may be elected directly (RULES.md §4.4).
public enum CongressLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Công đoàn cơ sở.
    case grassroots
    /// Công đoàn cấp trên trực tiếp cơ sở (district, industrial zone, …).
    case upperGrassroots = "upper_grassroots"
    /// Liên đoàn Lao động tỉnh, thành phố; công đoàn ngành trung ương.
    case provincial
    /// Đại hội Công đoàn Việt Nam.
    case national

    public var vietnamese: String {
        switch self {
        case .grassroots: "Công đoàn cơ sở"
        case .upperGrassroots: "Công đoàn cấp trên trực tiếp cơ sở"
        case .provincial: "Công đoàn tỉnh, thành phố, ngành trung ương"
        case .national: "Công đoàn Việt Nam"
        }
    }
}

/// Who attends: elected delegates (đại hội đại biểu) or every member (đại hội toàn thể).
/// In a members' congress, RULES.md reads "members" for "official delegates".
public enum CongressForm: String, Sendable, Hashable, Codable, CaseIterable {
    case delegates
    case allMembers = "all_members"

    public var vietnamese: String {
        switch self {
        case .delegates: "Đại hội đại biểu"
        case .allMembers: "Đại hội toàn thể"
        }
    }
}

/// Why a congress's own details were refused.
public enum CongressError: Error, Sendable, Equatable, LocalizedMessage {
    case emptyName
    case invalidTerm(String)
    case unknownTimeZone(String)

    public func message(_ language: Language) -> String {
        switch (self, language) {
        case (.emptyName, .vi): "Tên đại hội không được để trống (--name \"Đại hội …\")."
        case (.emptyName, .en): "The congress name must not be empty (--name \"Đại hội …\")."
        case (.invalidTerm(let t), .vi):
            "Nhiệm kỳ \"\(t)\" không hợp lệ; hãy ghi năm bắt đầu-năm kết thúc, ví dụ 2023-2028."
        case (.invalidTerm(let t), .en):
            "The term \"\(t)\" is not valid; write start year-end year, e.g. 2023-2028."
        case (.unknownTimeZone(let z), _): CongressTimeError.unknownZone(z).message(language)
        }
    }
}
