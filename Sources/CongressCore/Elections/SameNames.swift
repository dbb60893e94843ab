/// Candidates who share a full name (trùng họ tên; "Nguyễn Thị Oanh" is common), told apart
/// as RULES.md §4.1 says: by the year of birth, then by the unit where the year is the same
/// too. What tells them apart is a note printed after the name, never part of it: on the
/// paper it stands apart, so that a voter's strike need not cross it.
public enum SameNames {
    public struct Person: Sendable, Hashable {
        public var name: String
        public var birthYear: Int?
        /// Where they work (đơn vị): the position and workplace on the list.
        public var unit: String?
        public init(name: String, birthYear: Int?, unit: String?) {
            self.name = name
            self.birthYear = birthYear
            self.unit = unit
        }
    }

    /// For each person, in order, the note that tells them apart — "(1981)", or "(1981,
    /// Công ty Điện lực)" where the year is shared too — or nil when no one else on the list
    /// has their name. Names are compared as a person reads them: case, spaces and the
    /// Unicode form of the tone marks aside.
    public static func notes(_ people: [Person]) -> [String?] {
        let keys = people.map { VietnameseText.nameKey($0.name) }
        var byName: [String: [Int]] = [:]
        for (i, key) in keys.enumerated() { byName[key, default: []].append(i) }
        return people.indices.map { i in
            let group = byName[keys[i]] ?? []
            guard group.count > 1 else { return nil }
            let me = people[i]
            let sameYear = group.filter { people[$0].birthYear == me.birthYear }.count
            let unit = me.unit.map(VietnameseText.cleaned).flatMap { $0.isEmpty ? nil : $0 }
            var parts: [String] = []
            if let year = me.birthYear { parts.append(String(year)) }
            if sameYear > 1 || me.birthYear == nil, let unit { parts.append(unit) }
            return parts.isEmpty ? nil : "(" + parts.joined(separator: ", ") + ")"
        }
    }
}
