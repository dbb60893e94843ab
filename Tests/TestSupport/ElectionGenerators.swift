import CongressCore
import PropertyBased

/// Random elections with their ballots, for the tally's properties: 1–12 candidates, 1–n
/// seats, every threshold base, ballots with any strikes and committee marks, serials
/// unique (a repeated serial is order-dependent by the contract: the second is set aside).
public enum ElectionGen {
    public static func election(maxBallots: Int = 300) -> Generator<(Election, [EnteredBallot]), Shrink.None<(Election, [EnteredBallot])>> {
        Generator { rng in
            let n = Int.random(in: 1...12, using: &rng)
            let seats = Int.random(in: 1...n, using: &rng)
            let base = ThresholdBase.allCases[Int.random(in: 0..<3, using: &rng)]
            let count = Int.random(in: 0...maxBallots, using: &rng)
            let ballots = (0..<count).map { i -> EnteredBallot in
                // mostly plausible ballots: about `seats` names left standing
                let keep = Int.random(in: 0...10, using: &rng) < 8 ? Int.random(in: 0...seats, using: &rng) : Int.random(in: 0...n, using: &rng)
                let struck = Array((0..<n).shuffled(using: &rng).prefix(n - keep))
                let marks = Int.random(in: 0..<10, using: &rng) == 0
                    ? [InvalidReason.seenOnPaper[Int.random(in: 0..<InvalidReason.seenOnPaper.count, using: &rng)]] : []
                return EnteredBallot(serial: String(format: "%05d", i), struck: struck, marks: marks)
            }
            let election = Election(
                title: "Bầu thử", seats: seats, thresholdBase: base, convened: count + Int.random(in: 3...20, using: &rng),
                absentWholeCongress: Int.random(in: 0...3, using: &rng),
                candidates: (0..<n).map { Election.Candidate(id: "c\($0 + 1)", name: "Ứng cử viên \($0 + 1)") },
                ballotsIssued: count + Int.random(in: 0...5, using: &rng))
            return (election, ballots)
        }
    }
}
