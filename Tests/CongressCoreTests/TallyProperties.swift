@testable import CongressCore
import Foundation
import PropertyBased
import Testing
import TestSupport

@Suite("Tally properties")
struct TallyProperties {
    /// The integrity identities of the minutes (RULES.md §5), and what "elected" means,
    /// for every election.
    @Test func identitiesHoldForEveryElection() async {
        await propertyCheck(count: 300, input: ElectionGen.election()) { input in
            let (election, ballots) = input
            let r = Tally.count(election, ballots)
            #expect(r.valid + r.invalid == r.ballotsCollected)
            #expect(r.ballotsCollected == ballots.count)
            #expect(r.ballotsCollected <= r.ballotsIssued)
            #expect(r.invalidByReason.values.reduce(0, +) == r.invalid, "each invalid ballot under one reason")
            for c in r.candidates { #expect(c.votes >= 0 && c.votes <= r.valid) }
            #expect(r.candidates.map(\.votes).reduce(0, +) <= r.valid * election.seats)
            #expect(r.seatsFilled + r.tiedSeats + r.seatsOpen == election.seats)
            #expect(r.elected.count == r.seatsFilled)
            // elected: passed, and no one left out has more votes than someone elected
            let votes = Dictionary(uniqueKeysWithValues: r.candidates.map { ($0.id, $0.votes) })
            for c in r.candidates where c.elected { #expect(c.passed && 2 * c.votes > r.denominator) }
            let lowestElected = r.elected.compactMap { votes[$0] }.min() ?? .max
            for c in r.candidates where c.passed && !c.elected { #expect(c.votes <= lowestElected) }
            #expect(zip(r.elected, r.elected.dropFirst()).allSatisfy { (votes[$0.0] ?? 0) >= (votes[$0.1] ?? 0) })
            // ties: only when more are tied at the cut-off than seats left
            #expect(r.tied.isEmpty == (r.status != .runoffNeeded))
            #expect(r.tied.count > r.tiedSeats || r.tied.isEmpty)
            #expect(Set(r.tied.compactMap { votes[$0] }).count <= 1)
        }
    }

    /// The order the ballots are entered in changes nothing.
    @Test func shufflingTheBallotsChangesNothing() async {
        await propertyCheck(count: 200, input: ElectionGen.election()) { input in
            let (election, ballots) = input
            var rng = SystemRandomNumberGenerator()
            #expect(Tally.count(election, ballots.shuffled(using: &rng)) == Tally.count(election, ballots))
        }
    }

    /// An election written as an election file and read back tallies the same: the archive
    /// is the count.
    @Test func theArchivedFileTalliesLikeTheLiveCount() async throws {
        await propertyCheck(count: 150, input: ElectionGen.election(maxBallots: 80)) { input in
            let (election, ballots) = input
            let file = ElectionFile.encode(election, ballots)
            guard case .success(let (readElection, readBallots)) = ElectionFile.read(file) else {
                Issue.record("the file written could not be read")
                return
            }
            #expect(readElection == election)
            #expect(readBallots == ballots)
            #expect(Tally.count(readElection, readBallots) == Tally.count(election, ballots))
        }
    }
}
