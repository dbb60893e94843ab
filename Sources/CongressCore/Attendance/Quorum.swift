/// Quorum (RULES.md §1): the congress may proceed when official delegates present are at
/// least two thirds of those convened, tested exactly in integers: 3 × present ≥ 2 × convened.
public struct Quorum: Sendable, Hashable, Codable {
    public var present: Int
    public var convened: Int

    public init(present: Int, convened: Int) {
        self.present = present
        self.convened = convened
    }

    /// Whether the congress may proceed (đủ điều kiện tiến hành đại hội).
    public var holds: Bool { convened > 0 && 3 * present >= 2 * convened }

    /// How many more must come in for quorum to hold.
    public var missing: Int { max(0, (2 * convened + 2) / 3 - present) }

    /// Present / convened in percent, two decimals, decimal comma ("66,67").
    public var percentVietnamese: String {
        guard convened > 0 else { return "0,00" }
        let hundredths = (present * 10_000 + convened / 2) / convened
        let tail = hundredths % 100
        return "\(hundredths / 100),\(tail < 10 ? "0" : "")\(tail)"
    }
}

/// Who counts for quorum and may vote: official delegates not replaced, and alternates
/// while they replace someone (RULES.md §2). The number convened does not change with a
/// substitution: the alternate takes the replaced delegate's place.
public struct Roster: Sendable {
    public let delegates: [String: Delegate]
    /// Alternate code → the official delegate they replace, for substitutions in force.
    public let replacing: [String: String]
    /// Official delegate code → the alternate who replaces them.
    public let replacedBy: [String: String]

    public init(delegates: [Delegate], substitutions: [(alternate: String, replaced: String)]) {
        self.delegates = Dictionary(delegates.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var replacing: [String: String] = [:]
        var replacedBy: [String: String] = [:]
        for s in substitutions {
            replacing[s.alternate] = s.replaced
            replacedBy[s.replaced] = s.alternate
        }
        self.replacing = replacing
        self.replacedBy = replacedBy
    }

    /// Counts for quorum and may vote.
    public func counts(_ code: String) -> Bool {
        guard let d = delegates[code] else { return false }
        if d.kind.isOfficial { return replacedBy[code] == nil }
        return d.kind == .alternate && replacing[code] != nil
    }

    /// Official delegates convened: every official delegate on the list.
    public var convened: Int { delegates.values.filter(\.kind.isOfficial).count }

    /// May this person pass this entrance?
    public func eligible(_ code: String, at entrance: Entrance) -> Bool {
        guard let d = delegates[code] else { return false }
        if d.kind.isOfficial && replacedBy[code] != nil { return false }  // replaced: badge refused
        switch entrance {
        case .all: return true
        case .delegates: return counts(code)
        }
    }

    public func quorum(admitted: Set<String>) -> Quorum {
        Quorum(present: admitted.filter(counts).count, convened: convened)
    }
}
