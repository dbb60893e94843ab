import CongressCore
import Testing

/// A typed ballot line read as the committee means it: numbers only as the paper prints
/// them, a reason said twice once (from the outside try: "1 2 3 t t" kept added_name twice,
/// "+2" was taken for 2).
@Suite("A typed ballot line")
struct BallotLineTests {
    @Test(arguments: [
        ("K7QX2M 3 5 11", ["3", "5", "11"], [String]()),
        ("K7QX2M 1 2 3 t t", ["1", "2", "3"], ["added_name"]),
        ("K7QX2M 2 dt td private_mark k", ["2"], ["unstamped", "added_name", "private_mark"]),
        ("K7QX2M,4;5\t6", ["4", "5", "6"], []),
    ])
    func read(line: String, numbers: [String], reasons: [String]) throws {
        let parsed = try BallotLine.parse(line).get()
        #expect(parsed.serial == "K7QX2M")
        #expect(parsed.struckNumbers.map(String.init) == numbers)
        #expect(parsed.marks.map(\.rawValue) == reasons)
    }

    @Test(arguments: ["+2", "-3", "２", "٣", "2.0", "1e2", "0x2"])
    func notANumberAsPrinted(word: String) {
        #expect(throws: BallotLine.Problem.unknownWord(word)) { try BallotLine.parse("K7QX2M 1 \(word)").get() }
    }
}
