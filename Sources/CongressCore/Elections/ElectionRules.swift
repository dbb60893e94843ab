/// The rules of setting up and running an election (RULES.md §4), as pure functions with
/// typed refusals: the store asks them and only writes down what they allow.
public enum ElectionRules {
    /// The most ballots printed at once.
    public static let maximumPrint = 100_000
    /// The longest title a ballot prints above its list without crowding it.
    public static let maximumTitle = 200

    /// A new election's definition: a title, one seat or more, no negative absences.
    public static func checkDefinition(title: String, seats: Int, absentWholeCongress: Int?) throws(ElectionRefusal) {
        guard !title.isEmpty else { throw .titleRequired }
        guard title.count <= maximumTitle, !title.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) }),
              !title.unicodeScalars.contains("\u{FFFD}") else { throw .titleUnprintable(maximum: maximumTitle) }
        guard seats >= 1 else { throw .seatsBelowOne }
        guard (absentWholeCongress ?? 0) >= 0 else { throw .negativeAbsent }
    }

    /// A name and details a ballot line can carry: one line each, no control or invisible
    /// characters, a name of at most 60 characters (the longest Vietnamese names are far
    /// shorter), details of at most 120.
    public static func checkCandidate(name: String, details: String?) throws(ElectionRefusal) {
        func printable(_ text: String) -> Bool {
            !text.unicodeScalars.contains { [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) || $0 == "\u{FFFD}" }
        }
        guard name.count <= 60, printable(name), (details ?? "").count <= 120, printable(details ?? "") else {
            throw .candidateUnprintable(name: String(name.prefix(60)))
        }
    }

    /// The list and the committee change only before printing.
    public static func requireDraft(_ status: ElectionStatus, title: String) throws(ElectionRefusal) {
        guard status == .draft else { throw .listFixed(title: title) }
    }

    /// Ballots are issued and entered only between printing and publishing.
    public static func requirePrinted(_ status: ElectionStatus, title: String) throws(ElectionRefusal) {
        switch status {
        case .printed: return
        case .published: throw .published(title: title)
        case .draft: throw .notPrinted(title: title)
        }
    }

    /// A candidate may stand unless they count the votes, and stands once.
    public static func mayStand(name: String, onCommittee: Bool, onList: Bool) throws(ElectionRefusal) {
        guard !onCommittee else { throw .committeeMemberCannotStand(name: name) }
        guard !onList else { throw .alreadyOnList(name: name) }
    }

    /// A member of the counting committee may not be a candidate.
    public static func mayCount(name: String, standing: Bool) throws(ElectionRefusal) {
        guard !standing else { throw .candidateCannotCount(name: name) }
    }

    /// A manual ballot order lists every candidate exactly once.
    public static func checkManualOrder(_ order: [Int], list: Set<Int>) throws(ElectionRefusal) {
        guard Set(order) == list, order.count == list.count else { throw .manualOrderIncomplete }
    }

    /// How many ballots may be printed in one go.
    public static func checkPrintCount(_ count: Int) throws(ElectionRefusal) {
        guard (1...maximumPrint).contains(count) else { throw .printCount(maximum: maximumPrint) }
    }

    /// One part of a paper to print: an election, its list as keys (a delegate's code or
    /// an outsider's name), and whether it already has ballots of its own.
    public struct PaperPart: Sendable, Hashable {
        public var id: Int64
        public var title: String
        public var seats: Int
        public var status: ElectionStatus
        public var paperGroup: Int64?
        public var candidates: [String]
        public init(id: Int64, title: String, seats: Int, status: ElectionStatus, paperGroup: Int64?, candidates: [String]) {
            self.id = id
            self.title = title
            self.seats = seats
            self.status = status
            self.paperGroup = paperGroup
            self.candidates = candidates
        }
    }

    /// Whether these elections may be printed together on one paper. One election: not
    /// published, with a list. Several: the grassroots chair elected directly, mode 2
    /// (RULES.md §4.4): the chair part first with one seat, no one on both lists, and no
    /// part that already has ballots of its own.
    public static func checkPaper(_ parts: [PaperPart]) throws(ElectionRefusal) {
        guard let first = parts.first, Set(parts.map(\.id)).count == parts.count else { throw .electionRequired }
        for part in parts {
            guard part.status != .published else { throw .published(title: part.title) }
            guard !part.candidates.isEmpty else { throw .emptyList(title: part.title) }
            if parts.count > 1 {
                guard part.status == .draft || part.paperGroup == first.id else { throw .hasOwnBallots(title: part.title) }
            }
        }
        guard parts.count > 1 else { return }
        guard first.seats == 1 else { throw .combinedPaperStartsWithChair }
        let chair = Set(first.candidates)
        for part in parts.dropFirst() where part.candidates.contains(where: chair.contains) {
            throw .chairOnCommitteeList
        }
    }

    /// The ballot numbers typed for one paper (1 = the first name printed) as positions on
    /// the list, each once; `place` is the ballot's place in a stack, for the message.
    public static func struckPositions(_ numbers: [Int], listCount: Int, place: Int?) throws(ElectionRefusal) -> [Int] {
        var positions: [Int] = []
        for number in numbers {
            guard number >= 1, number <= listCount else { throw .noSuchNumber(place: place, number: number, listCount: listCount) }
            guard !positions.contains(number - 1) else { throw .numberTwice(place: place, number: number) }
            positions.append(number - 1)
        }
        return positions
    }
}
