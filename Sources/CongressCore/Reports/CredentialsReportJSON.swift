import Foundation

extension CredentialsReport {
    /// `congress report credentials --json` (issue 7): snake_case, counts as numbers,
    /// the average age to two decimals.
    public func json() -> String {
        struct ByKind: Encodable { var ex_officio, elected, appointed, substitutes: Int }
        struct Sectors: Encodable { var administrative, business: Int }
        struct Contract: Encodable {
            var at: String
            var sitting: String?
            var convened, present, absent: Int
            var absent_with_reason: [AbsentWithReason]
            var absent_without_reason: Int
            var by_kind: ByKind
            var male, female, party_members, ethnic_minority: Int
            var sector: Sectors
            var full_time, part_time: Int
            var education, political_theory: [Group]
            var average_age: Double?
            var youngest, oldest: Person?
            var qualified: Int
            var not_qualified: [NotQualified]
        }
        let contract = Contract(
            at: at.formatted(Date.ISO8601FormatStyle()), sitting: sitting, convened: convened, present: present, absent: absent,
            absent_with_reason: absentWithReason, absent_without_reason: absentWithoutReason,
            by_kind: ByKind(ex_officio: exOfficio, elected: elected, appointed: appointed, substitutes: substitutes),
            male: male, female: female, party_members: partyMembers, ethnic_minority: ethnicMinority,
            sector: Sectors(administrative: administrative, business: business), full_time: fullTime, part_time: partTime,
            education: education, political_theory: politicalTheory,
            average_age: averageAge.map { ($0 * 100).rounded() / 100 }, youngest: youngest, oldest: oldest,
            qualified: qualified, not_qualified: notQualified)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(contract)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
