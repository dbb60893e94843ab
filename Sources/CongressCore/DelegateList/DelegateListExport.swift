/// The delegate list as rows of text with the headers `congress import` accepts, so that an
/// export re-imports to the same list. Writers in Documents turn the rows into CSV or XLSX.
public enum DelegateListExport {
    /// Column order of exports: the order of DESIGN.md's table.
    public static let fields: [DelegateField] = DelegateField.allCases

    public static func header(_ language: Language = .vi) -> [String] {
        fields.map { $0.header(language) }
    }

    public static func rows(_ delegates: [Delegate], language: Language = .vi) -> [[String]] {
        [header(language)] + delegates.map { d in fields.map { value(of: $0, in: d) } }
    }

    /// One cell as it is written in an export.
    public static func value(of field: DelegateField, in d: Delegate) -> String {
        switch field {
        case .code: d.code
        case .name: d.name
        case .sex: d.sex.vietnamese
        case .birthDate: d.birthDate?.vietnamese ?? ""
        case .delegation: d.delegation
        case .kind: d.kind.vietnamese
        case .ethnicity: d.ethnicity
        case .partyMember: d.partyMember.map(YesNo.vietnamese) ?? ""
        case .education: d.education ?? ""
        case .politicalTheory: d.politicalTheory ?? ""
        case .sector: d.sector?.code ?? ""
        case .fullTime: d.fullTime.map(YesNo.vietnamese) ?? ""
        case .position: d.position ?? ""
        case .seat: d.seat ?? ""
        }
    }
}
