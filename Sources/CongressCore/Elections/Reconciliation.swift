/// One paper ballot as one operator entered it.
public struct BallotEntryRecord: Sendable, Hashable {
    public var id: Int64
    public var operatorName: String
    public var serial: String
    /// Candidate ids (the list's stable numbers) struck through.
    public var struck: [Int]
    public var marks: [InvalidReason]
    public var at: String

    public init(id: Int64, operatorName: String, serial: String, struck: [Int], marks: [InvalidReason], at: String) {
        self.id = id
        self.operatorName = operatorName
        self.serial = serial
        self.struck = struck
        self.marks = marks
        self.at = at
    }
}

/// Two operators' entries compared ballot by ballot (double entry, nhập hai lần): what both
/// entered alike is counted; what differs goes back to the paper.
public struct Reconciliation: Sendable, Hashable {
    public struct Difference: Sendable, Hashable {
        public var serial: String
        public var first: [BallotEntryRecord]
        public var second: [BallotEntryRecord]
        /// Entered by one source, not yet by the other: not seen differently, not seen twice.
        public var enteredByOneOnly: Bool { first.isEmpty || second.isEmpty }
    }
    public var operators: [String]
    /// Ballots both entered the same way (or the one operator's, with a single entry).
    public var agreed: [BallotEntryRecord]
    public var differences: [Difference]

    /// Compares the entries in force, per operator, each in the order entered. With one
    /// operator everything entered is agreed (single entry); more than two is refused.
    public static func of(_ entries: [String: [BallotEntryRecord]]) throws(ElectionRefusal) -> Reconciliation {
        // The operator who began first leads: their order decides which of two papers with
        // the same serial is "the second" (DESIGN.md: the second is not_issued).
        let operators = entries.keys.sorted { (entries[$0]?.first?.id ?? 0, $0) < (entries[$1]?.first?.id ?? 0, $1) }
        guard operators.count >= 2 else {
            return Reconciliation(operators: operators, agreed: operators.first.flatMap { entries[$0] } ?? [], differences: [])
        }
        guard operators.count == 2 else { throw .tooManyOperators(operators) }
        let first = Dictionary(grouping: entries[operators[0]] ?? [], by: \.serial)
        let second = Dictionary(grouping: entries[operators[1]] ?? [], by: \.serial)
        var agreed: [BallotEntryRecord] = []
        var differences: [Difference] = []
        for serial in Set(first.keys).union(second.keys).sorted() {
            let a = first[serial] ?? [], b = second[serial] ?? []
            // the same serial twice (a copied ballot) may be entered in either order
            func content(_ e: BallotEntryRecord) -> String {
                e.struck.map(String.init).joined(separator: " ") + "|" + e.marks.map(\.rawValue).sorted().joined(separator: " ")
            }
            if a.map(content).sorted() == b.map(content).sorted() {
                agreed.append(contentsOf: a)
            } else {
                differences.append(Difference(serial: serial, first: a, second: b))
            }
        }
        agreed.sort { $0.id < $1.id }
        return Reconciliation(operators: operators, agreed: agreed, differences: differences)
    }

    /// The agreed ballots, or why there is nothing to count yet.
    public func requireAgreed() throws(ElectionRefusal) -> [BallotEntryRecord] {
        let differing = differences.filter { !$0.enteredByOneOnly }
        guard differing.isEmpty else { throw .entriesDiffer(count: differing.count, serials: differing.prefix(10).map(\.serial)) }
        guard differences.isEmpty else { throw .enteredByOneOnly(count: differences.count, serials: differences.prefix(10).map(\.serial)) }
        return agreed
    }
}
