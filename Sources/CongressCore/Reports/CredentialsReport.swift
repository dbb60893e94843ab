import Foundation

/// The credentials report (báo cáo thẩm tra tư cách đại biểu, RULES.md §3) as data. Every
/// figure is counted over the delegates who hold the seats convened: the official delegates
/// not replaced and the alternates replacing one (RULES.md §2; an alternate in force is
/// counted as elected, as the lower congress elected them). Percentages are of the number
/// convened.
public struct CredentialsReport: Sendable, Hashable {
    public struct Person: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var age: Int
    }

    /// A free-text field grouped: each value written in the list and how many.
    public struct Group: Sendable, Hashable, Codable {
        public var value: String
        public var count: Int
    }

    /// An absent delegate whose reason the secretariat recorded.
    public struct AbsentWithReason: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var reason: String
    }

    public struct NotQualified: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var reason: String
    }

    /// When the report speaks of (the open sitting's attendance at that moment).
    public var at: Date
    public var sitting: String?
    public var convened: Int
    public var present: Int
    public var absent: Int
    /// The absent whose reason was recorded (by code); the rest are absent without reason.
    public var absentWithReason: [AbsentWithReason]
    public var absentWithoutReason: Int { absent - absentWithReason.count }
    public var exOfficio: Int
    public var elected: Int
    public var appointed: Int
    /// Alternates in force (counted as elected above).
    public var substitutes: Int
    public var male: Int
    public var female: Int
    public var partyMembers: Int
    public var ethnicMinority: Int
    /// HCSN and SXKD; those the list does not say are not counted in either.
    public var administrative: Int
    public var business: Int
    public var fullTime: Int
    public var partTime: Int
    public var education: [Group]
    public var politicalTheory: [Group]
    /// Over those whose birth date is known.
    public var averageAge: Double?
    public var youngest: Person?
    public var oldest: Person?
    public var qualified: Int
    public var notQualified: [NotQualified]

    /// Computes the report from the list, who replaces whom, who is in the hall, and the
    /// absence reasons recorded (by code).
    public static func make(roster: Roster, present admitted: Set<String>, sitting: String?, at date: Date,
                            reasons: [String: String] = [:],
                            calendar: Calendar = Calendar(identifier: .gregorian)) -> CredentialsReport {
        let seats = roster.delegates.values.filter { roster.counts($0.code) }.sorted { $0.code < $1.code }
        var r = CredentialsReport(
            at: date, sitting: sitting, convened: roster.convened, present: seats.filter { admitted.contains($0.code) }.count,
            absent: 0, absentWithReason: [], exOfficio: 0, elected: 0, appointed: 0, substitutes: 0, male: 0, female: 0, partyMembers: 0,
            ethnicMinority: 0, administrative: 0, business: 0, fullTime: 0, partTime: 0, education: [], politicalTheory: [],
            averageAge: nil, youngest: nil, oldest: nil, qualified: seats.count, notQualified: [])
        r.absent = r.convened - r.present
        r.absentWithReason = seats.filter { !admitted.contains($0.code) }.compactMap { d in
            reasons[d.code].map { AbsentWithReason(code: d.code, name: d.name, reason: $0) }
        }
        var ages: [(Delegate, Int)] = []
        for d in seats {
            switch d.kind {
            case .exOfficio: r.exOfficio += 1
            case .elected: r.elected += 1
            case .appointed: r.appointed += 1
            case .alternate:
                r.elected += 1
                r.substitutes += 1
            case .guest: break
            }
            if d.sex == .female { r.female += 1 } else { r.male += 1 }
            if d.partyMember == true { r.partyMembers += 1 }
            if d.isEthnicMinority { r.ethnicMinority += 1 }
            switch d.sector {
            case .administrative: r.administrative += 1
            case .business: r.business += 1
            case nil: break
            }
            switch d.fullTime {
            case true: r.fullTime += 1
            case false: r.partTime += 1
            case nil: break
            }
            if let birth = d.birthDate { ages.append((d, age(birth, at: date, calendar: calendar))) }
        }
        r.education = groups(seats.map(\.education))
        r.politicalTheory = groups(seats.map(\.politicalTheory))
        if !ages.isEmpty {
            r.averageAge = Double(ages.map(\.1).reduce(0, +)) / Double(ages.count)
            // youngest: the latest birth date; oldest: the earliest (code breaks ties)
            let byBirth = ages.sorted { a, b in
                guard let x = a.0.birthDate, let y = b.0.birthDate else { return false }
                return x != y ? x < y : a.0.code < b.0.code
            }
            if let o = byBirth.first { r.oldest = Person(code: o.0.code, name: o.0.name, age: o.1) }
            if let y = byBirth.last { r.youngest = Person(code: y.0.code, name: y.0.name, age: y.1) }
        }
        r.notQualified = roster.replacedBy.sorted { $0.key < $1.key }.compactMap { replaced, alternate in
            roster.delegates[replaced].map {
                NotQualified(code: $0.code, name: $0.name,
                             reason: "Đã được thay thế bởi đại biểu dự khuyết \(roster.delegates[alternate]?.name ?? alternate) (\(alternate))")
            }
        }
        return r
    }

    /// Age in whole years at `date`; a birth year alone counts as a birthday already past.
    public static func age(_ birth: BirthDate, at date: Date, calendar: Calendar) -> Int {
        let now = calendar.dateComponents([.year, .month, .day], from: date)
        let year = now.year ?? 0
        switch birth {
        case .year(let y): return year - y
        case .day(let y, let m, let d):
            let before = (now.month ?? 0, now.day ?? 0) < (m, d)
            return year - y - (before ? 1 : 0)
        }
    }

    /// Values as written (cleaned), most common first; empty ones as "Không ghi".
    static func groups(_ values: [String?]) -> [Group] {
        var counts: [String: Int] = [:]
        for v in values {
            let text = v.map(VietnameseText.cleaned) ?? ""
            counts[text.isEmpty ? "Không ghi" : text, default: 0] += 1
        }
        return counts.map { Group(value: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    }

    /// The few figures the hall screen shows, counted cheaply (it is redrawn at every
    /// admission): the seats held, women, Party members, ethnic minorities.
    public struct Summary: Sendable, Hashable {
        public var convened: Int
        public var qualified: Int
        public var female: Int
        public var partyMembers: Int
        public var ethnicMinority: Int

        public func percent(_ part: Int) -> String { Quorum(present: part, convened: convened).percentVietnamese }
    }

    public static func summary(_ roster: Roster) -> Summary {
        var s = Summary(convened: roster.convened, qualified: 0, female: 0, partyMembers: 0, ethnicMinority: 0)
        for d in roster.delegates.values where roster.counts(d.code) {
            s.qualified += 1
            if d.sex == .female { s.female += 1 }
            if d.partyMember == true { s.partyMembers += 1 }
            if d.isEthnicMinority { s.ethnicMinority += 1 }
        }
        return s
    }

    /// Part of the number convened, in percent: two decimals, decimal comma ("37,05").
    public func percent(_ part: Int) -> String { Quorum(present: part, convened: convened).percentVietnamese }
}

