/// The result of one count by RULES.md §4 (kết quả kiểm phiếu), with the fields of the
/// `congress tally --json` contract (DESIGN.md).
public struct TallyResult: Sendable, Hashable, Codable {
    public struct CandidateResult: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var votes: Int
        /// votes / threshold base × 100, rounded half up to two decimals ("87.72").
        public var percent: String
        /// More than half of the threshold base: 2 × votes > base.
        public var passed: Bool
        public var elected: Bool
    }

    public enum Status: String, Sendable, Hashable, Codable {
        case complete
        /// Candidates tied at the cut-off for the last seat(s): a run-off among exactly them.
        case runoffNeeded = "runoff_needed"
        /// Fewer passed than seats: the congress may hold another round for the rest.
        case seatsOpen = "seats_open"
    }

    public var ballotsIssued: Int
    public var ballotsCollected: Int
    public var valid: Int
    public var invalid: Int
    /// Each invalid ballot under its first reason (InvalidReason's order); only reasons met.
    public var invalidByReason: [InvalidReason: Int]
    public var thresholdBase: ThresholdBase
    public var denominator: Int
    /// The fewest votes that pass: the smallest v with 2v > denominator.
    public var votesNeeded: Int
    /// In ballot order.
    public var candidates: [CandidateResult]
    /// Ids of the elected, most votes first (ballot order among equals).
    public var elected: [String]
    /// Ids tied at the cut-off, in ballot order, and the seats they compete for.
    public var tied: [String]
    public var tiedSeats: Int
    public var seatsFilled: Int
    public var seatsOpen: Int
    public var status: Status

    /// The minutes' identities that do not hold (RULES.md §5): `collected_exceeds_issued`
    /// when the box held more ballots than the desk issued. Valid + invalid = collected and
    /// votes ≤ valid hold by construction.
    public var warnings: [String] {
        ballotsCollected > ballotsIssued ? ["collected_exceeds_issued"] : []
    }
}

/// Counting (kiểm phiếu): validity, votes, threshold, who is elected, ties and open seats.
public enum Tally {
    /// Counts `ballots` (every ballot collected) for `election`. Pure and deterministic; the
    /// order of the ballots changes nothing, except which of two ballots with the same
    /// serial is the second (DESIGN.md: the second is `not_issued`).
    public static func count(_ election: Election, _ ballots: [EnteredBallot]) -> TallyResult {
        let n = election.candidates.count
        var struckCount = [Int](repeating: 0, count: n)
        var valid = 0
        var byReason: [InvalidReason: Int] = [:]
        var serials = Set<String>(minimumCapacity: ballots.count)
        for ballot in ballots {
            let repeated = !serials.insert(ballot.serial).inserted
            if let reason = invalidReason(ballot, candidates: n, seats: election.seats, repeated: repeated) {
                byReason[reason, default: 0] += 1
                continue
            }
            valid += 1
            for i in ballot.struck { struckCount[i] += 1 }
        }
        let collected = ballots.count
        let denominator: Int = switch election.thresholdBase {
        case .ballotsCollected: collected
        case .validBallots: valid
        case .convened: max(0, (election.convened ?? 0) - election.absentWholeCongress)
        }
        let votes = struckCount.map { valid - $0 }
        let passed = votes.map { 2 * $0 > denominator }

        // Those who pass, most votes first; ballot order among equals.
        let passers = (0..<n).filter { passed[$0] }.sorted { votes[$0] != votes[$1] ? votes[$0] > votes[$1] : $0 < $1 }
        var elected: [Int] = []
        var tied: [Int] = []
        var tiedSeats = 0
        let seats = election.seats
        if passers.count <= seats {
            elected = passers
        } else {
            let cut = votes[passers[seats - 1]]
            let above = passers.filter { votes[$0] > cut }
            let atCut = passers.filter { votes[$0] == cut }
            if above.count + atCut.count <= seats {
                elected = above + atCut
            } else {
                // More tied at the cut-off than seats left: none of them is elected.
                elected = above
                tied = atCut.sorted()
                tiedSeats = seats - above.count
            }
        }
        let electedSet = Set(elected)
        let seatsOpen = seats - elected.count - tiedSeats
        return TallyResult(
            ballotsIssued: election.ballotsIssued, ballotsCollected: collected, valid: valid, invalid: collected - valid,
            invalidByReason: byReason, thresholdBase: election.thresholdBase, denominator: denominator,
            votesNeeded: denominator / 2 + 1,
            candidates: election.candidates.indices.map { i in
                TallyResult.CandidateResult(id: election.candidates[i].id, name: election.candidates[i].name, votes: votes[i],
                                            percent: percent(votes[i], of: denominator), passed: passed[i],
                                            elected: electedSet.contains(i))
            },
            elected: elected.map { election.candidates[$0].id }, tied: tied.map { election.candidates[$0].id },
            tiedSeats: tiedSeats, seatsFilled: elected.count, seatsOpen: seatsOpen,
            status: !tied.isEmpty ? .runoffNeeded : seatsOpen > 0 ? .seatsOpen : .complete)
    }

    /// The first reason that sets this ballot aside, or nil when it is valid.
    static func invalidReason(_ ballot: EnteredBallot, candidates n: Int, seats: Int, repeated: Bool) -> InvalidReason? {
        var reasons = ballot.marks
        if repeated { reasons.append(.notIssued) }
        let standing = n - ballot.struck.count
        if standing > seats { reasons.append(.overSeats) }
        // With a single candidate, crossing the name out is a valid vote against.
        if standing == 0 && n > 1 { reasons.append(.allStruck) }
        return reasons.min()
    }

    /// votes / base × 100, rounded half up to two decimals, with a decimal point.
    public static func percent(_ votes: Int, of base: Int) -> String {
        guard base > 0 else { return "0.00" }
        let hundredths = (2 * votes * 10_000 + base) / (2 * base)
        let tail = hundredths % 100
        return "\(hundredths / 100).\(tail < 10 ? "0" : "")\(tail)"
    }
}
