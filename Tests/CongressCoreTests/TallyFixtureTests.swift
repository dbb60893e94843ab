import CongressCore
import Foundation
import Testing
import TestSupport

/// The fixture elections (fixtures/elections/), each with its result worked out by hand
/// here and its full `--json` output kept beside it (`NAME.expected.json`;
/// CONGRESS_UPDATE_EXPECTED=1 rewrites those for review).
@Suite("Tally, fixture elections")
struct TallyFixtureTests {
    static func tally(_ name: String) throws -> (Election, TallyResult) {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("elections/\(name).json")))
        let (election, ballots) = try ElectionFile.read(data).get()
        let result = Tally.count(election, ballots)
        let expectedPath = Fixtures.path("elections/\(name).expected.json")
        if ProcessInfo.processInfo.environment["CONGRESS_UPDATE_EXPECTED"] == "1" {
            try (result.json() + "\n").write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(result.json() + "\n" == expected, "\(name): the whole output as kept beside the fixture")
        return (election, result)
    }

    static func votes(_ r: TallyResult) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: r.candidates.map { ($0.id, $0.votes) })
    }

    /// Every invalid reason once or twice; a repeated serial; a ballot with two reasons counts
    /// under the first; exactly half is not more than half.
    @Test func everyInvalidReason() throws {
        let (_, r) = try Self.tally("every-invalid-reason")
        #expect(r.ballotsCollected == 16)
        #expect(r.valid == 6)
        #expect(r.invalid == 10)
        #expect(r.invalidByReason == [.notIssued: 2, .unstamped: 2, .overSeats: 2, .allStruck: 1,
                                      .addedName: 1, .privateMark: 1, .unclear: 1])
        #expect(Self.votes(r) == ["c1": 5, "c2": 4, "c3": 2, "c4": 1, "c5": 3])
        #expect(r.denominator == 6)
        #expect(r.votesNeeded == 4)
        #expect(r.candidates.map(\.percent) == ["83.33", "66.67", "33.33", "16.67", "50.00"])
        #expect(r.candidates.first { $0.id == "c5" }?.passed == false, "3 of 6 is not more than half")
        #expect(r.elected == ["c1", "c2"])
        #expect(r.status == .seatsOpen)
        #expect(r.seatsOpen == 1)
    }

    /// The same ballots under the three threshold bases: three different outcomes.
    @Test func eachThresholdBase() throws {
        let (_, collected) = try Self.tally("base-ballots-collected")
        #expect(Self.votes(collected) == ["c1": 8, "c2": 5, "c3": 5])
        #expect(collected.denominator == 10)
        #expect(collected.candidates.map(\.percent) == ["80.00", "50.00", "50.00"])
        #expect(collected.elected == ["c1"])
        #expect(collected.status == .seatsOpen && collected.seatsOpen == 1)

        let (_, valid) = try Self.tally("base-valid-ballots")
        #expect(valid.denominator == 9)
        #expect(valid.candidates.map(\.percent) == ["88.89", "55.56", "55.56"])
        #expect(valid.candidates.filter(\.passed).count == 3)
        #expect(valid.elected == ["c1"])
        #expect(valid.tied == ["c2", "c3"])
        #expect(valid.tiedSeats == 1)
        #expect(valid.status == .runoffNeeded)
        #expect(valid.seatsOpen == 0)

        let (_, convened) = try Self.tally("base-convened")
        #expect(convened.denominator == 11, "14 convened, 3 absent for the whole congress")
        #expect(convened.votesNeeded == 6)
        #expect(convened.candidates.map(\.percent) == ["72.73", "45.45", "45.45"])
        #expect(convened.elected == ["c1"])
        #expect(convened.status == .seatsOpen)
    }

    /// The run-off among exactly the tied, for the seat left: c1 stays elected from round 1.
    @Test func runoffAmongTheTied() throws {
        let (election, r) = try Self.tally("base-valid-ballots-runoff")
        #expect(election.candidates.map(\.id) == ["c2", "c3"])
        #expect(Self.votes(r) == ["c2": 5, "c3": 4])
        #expect(r.elected == ["c2"])
        #expect(r.status == .complete)
    }

    /// One candidate: crossing the name out is a valid vote against, not all_struck.
    @Test func singleCandidate() throws {
        let (_, r) = try Self.tally("single-candidate")
        #expect(r.valid == 10)
        #expect(r.invalidByReason == [.unstamped: 1])
        #expect(Self.votes(r) == ["c1": 7])
        #expect(r.denominator == 11)
        #expect(r.candidates.first?.percent == "63.64")
        #expect(r.elected == ["c1"])
        #expect(r.status == .complete)
    }

    /// Chair mode 2 (RULES.md §4.4): one combined paper, counted as two elections with the
    /// same rules. The chair list has one name (striking it is a vote against); the committee
    /// part has seats − 1 and leaves the chair candidate out. The same paper can be valid in
    /// one part and invalid in the other.
    @Test func chairModeTwoIsTwoCounts() throws {
        let (chairElection, chair) = try Self.tally("chair-mode2-chair")
        let (committeeElection, committee) = try Self.tally("chair-mode2-committee")
        #expect(chairElection.seats == 1 && committeeElection.seats == 3)
        #expect(!committeeElection.candidates.map(\.name).contains(chairElection.candidates[0].name))
        #expect(chair.valid == 7 && chair.invalidByReason == [.unstamped: 1])
        #expect(Self.votes(chair) == ["c1": 6])
        #expect(chair.candidates[0].percent == "75.00")
        #expect(chair.status == .complete)
        #expect(committee.valid == 5)
        #expect(committee.invalidByReason == [.overSeats: 1, .allStruck: 1, .unstamped: 1])
        #expect(Self.votes(committee) == ["c1": 5, "c2": 4, "c3": 3, "c4": 2])
        #expect(committee.candidates.map(\.percent) == ["62.50", "50.00", "37.50", "25.00"])
        #expect(committee.elected == ["c1"])
        #expect(committee.status == .seatsOpen && committee.seatsOpen == 2)
    }

    /// A malformed file: every problem, each naming its field, nothing counted.
    @Test func malformedFilesNameTheField() {
        let bad = """
            {"title": "", "seats": 0, "threshold_base": "most", "candidates": [{"id": "c1", "name": "A"}, {"id": "c1", "name": ""}],
             "ballots_issued": 1, "ballots": [{"serial": "1", "struck": ["c9", "c1", "c1"], "invalid": ["smudge"]}, {"struck": []}]}
            """
        guard case .failure(let invalid) = ElectionFile.read(Data(bad.utf8)) else {
            Issue.record("a malformed file was read")
            return
        }
        let fields = invalid.problems.map(\.field)
        for field in ["title", "seats", "threshold_base", "candidates[1].id", "candidates[1].name", "ballots[0].struck[0]",
                      "ballots[0].struck[2]", "ballots[0].invalid[0]", "ballots[1].serial"] {
            #expect(fields.contains(field), "\(field) in \(fields)")
        }
        guard case .failure(let typeError) = ElectionFile.read(Data(#"{"title": "x", "seats": "bảy", "candidates": [], "ballots": []}"#.utf8)) else {
            Issue.record("a wrong type was read")
            return
        }
        #expect(typeError.problems.first?.field == "seats")
        #expect(typeError.problems.first?.english == "must be a whole number")
        guard case .failure(let notJSON) = ElectionFile.read(Data("{ballots".utf8)) else {
            Issue.record("not JSON was read")
            return
        }
        #expect(notJSON.problems.first?.english.hasPrefix("not valid JSON") == true)
    }
}
