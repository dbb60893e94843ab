import CongressCore
import Testing

/// RULES.md §4.1: two candidates of the same full name are told apart by the year of birth,
/// then the unit where the year is the same too; a name nobody shares gets nothing.
@Suite("Same names told apart")
struct SameNamesTests {
    typealias P = SameNames.Person

    static let cases: [(people: [P], notes: [String?])] = [
        // nobody shares a name
        ([P(name: "Nguyễn Thị Oanh", birthYear: 1981, unit: nil), P(name: "Trần Văn Ba", birthYear: 1981, unit: nil)], [nil, nil]),
        // the year tells them apart
        ([P(name: "Nguyễn Thị Oanh", birthYear: 1981, unit: "A"), P(name: "Nguyễn Thị Oanh", birthYear: 1978, unit: "B")],
         ["(1981)", "(1978)"]),
        // the same year: the unit too, for those who share it
        ([P(name: "Nguyễn Thị Oanh", birthYear: 1981, unit: "Công ty Điện lực"), P(name: "Nguyễn Thị Oanh", birthYear: 1981, unit: "Bưu điện tỉnh"),
          P(name: "Nguyễn Thị Oanh", birthYear: 1975, unit: "Trường THPT")],
         ["(1981, Công ty Điện lực)", "(1981, Bưu điện tỉnh)", "(1975)"]),
        // a year not known: the unit
        ([P(name: "Lê Hoa", birthYear: nil, unit: "Sở Y tế"), P(name: "Lê Hoa", birthYear: 1990, unit: nil)], ["(Sở Y tế)", "(1990)"]),
        // the same name typed in another case, with spaces, or tone marks composed otherwise
        ([P(name: "  nguyễn thị oanh", birthYear: 1981, unit: nil), P(name: "Nguye\u{302}\u{303}n Thị Oanh ", birthYear: 1982, unit: nil)],
         ["(1981)", "(1982)"]),
    ]

    @Test(arguments: cases.indices)
    func notesAsTheRulesSay(_ i: Int) {
        #expect(SameNames.notes(Self.cases[i].people) == Self.cases[i].notes)
    }
}
