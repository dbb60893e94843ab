import CongressCore
import Testing

/// What a reading does to the scanning operator's stack, case by case, with the answer
/// beside each: enter what is sure once per paper, ask about the rest.
@Suite("The scan desk")
struct ScanDeskTests {
    @Test(arguments: [
        (ScanStatus.counted, [2, 5], [[Int]](), ScanDesk.Outcome.enter),
        (.counted, [5, 2], [[2, 5]], .duplicate),
        (.counted, [2], [[2, 5]], .serialSeen),
        (.counted, [], [[1], []], .duplicate),
        (.review, [2], [], .queue),
        (.review, [2], [[2]], .queue),
        (.rejected, [], [], .reject),
    ])
    func outcome(status: ScanStatus, struck: [Int], earlier: [[Int]], expected: ScanDesk.Outcome) {
        #expect(ScanDesk.outcome(status: status, struck: struck, earlier: earlier) == expected)
    }

    /// Another paper of the serial waiting for the committee: a sure reading waits too, and
    /// every sheet of the serial is told so.
    @Test(arguments: [
        (ScanStatus.counted, [[Int]](), false, ScanDesk.Outcome.enter, false),
        (.counted, [], true, .serialSeen, true),
        (.counted, [[2]], false, .serialSeen, true),
        (.review, [], true, .queue, true),
        (.review, [[2]], false, .queue, true),
        (.review, [], false, .queue, false),
        (.rejected, [], true, .reject, false),
        (.blank, [], true, .reject, false),
    ])
    func waitingWithAnother(status: ScanStatus, earlier: [[Int]], waiting: Bool, expected: ScanDesk.Outcome, told: Bool) {
        let outcome = ScanDesk.outcome(status: status, struck: [3], earlier: earlier, waiting: waiting)
        #expect(outcome == expected)
        #expect(ScanDesk.serialSeen(outcome, earlier: earlier, waiting: waiting) == told)
    }

    @Test func aDecisionLikeAnEntryIsTheSamePaper() {
        #expect(!ScanDesk.decisionEnters(struck: [3, 1], marks: [], earlier: [(struck: [1, 3], marks: [])]))
        #expect(ScanDesk.decisionEnters(struck: [1, 3], marks: [.privateMark], earlier: [(struck: [1, 3], marks: [])]))
        #expect(ScanDesk.decisionEnters(struck: [1], marks: [], earlier: [(struck: [1, 3], marks: [])]))
        #expect(ScanDesk.decisionEnters(struck: [], marks: [], earlier: []))
    }
}
