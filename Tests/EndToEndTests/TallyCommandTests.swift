import Foundation
import Testing
import TestSupport

/// `congress tally FILE [--json]` as other programs call it (DESIGN.md).
@Suite("congress tally, end to end")
struct TallyCommandTests {
    @Test(arguments: ["every-invalid-reason", "base-ballots-collected", "base-valid-ballots", "base-convened",
                      "base-valid-ballots-runoff", "single-candidate", "chair-mode2-chair",
                      "chair-mode2-committee"])
    func jsonIsTheExpectedResult(_ name: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["tally", Fixtures.path("elections/\(name).json"), "--json"], withDB: false)
        #expect(r.status == 0, "\(r.err)")
        let expected = try String(contentsOfFile: Fixtures.path("elections/\(name).expected.json"), encoding: .utf8)
        let got = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? NSDictionary
        let want = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary
        #expect(got != nil && got == want)
    }

    @Test func tableInVietnamese() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["tally", Fixtures.path("elections/base-valid-ballots.json")], withDB: false)
        #expect(r.status == 0)
        #expect(r.out.contains("TRÚNG CỬ"))
        #expect(r.out.contains("bằng phiếu — bầu lại"))
        #expect(r.out.contains("88,89"), "decimal comma in the Vietnamese table")
        #expect(r.out.contains("cần bầu lại giữa những người này cho 1 vị trí"))
    }

    /// `--lang en`: every line of the table in English, nothing Vietnamese but the names.
    @Test func tableInEnglish() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["tally", Fixtures.path("elections/base-valid-ballots.json"), "--lang", "en"], withDB: false)
        #expect(r.status == 0)
        for words in ["Seats to fill: ", "Handed out: ", "Elected with more than half of the valid ballots", "ELECTED", "tied — vote again",
                      "88.89", "a further vote among them for 1 seats is needed", "No.", "Full name", "Votes"] {
            #expect(r.out.contains(words), "«\(words)» in:\n\(r.out)")
        }
        for vietnamese in ["TRÚNG CỬ", "Số phiếu", "Ngưỡng", "bầu lại"] { #expect(!r.out.contains(vietnamese), "\(vietnamese)") }
    }

    @Test func malformedFileExitsTwoNamingTheField() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = cli.directory.appendingPathComponent("bad.json")
        try #"{"title": "Bầu BCH", "seats": 2, "candidates": [{"id": "c1", "name": "A"}], "ballots": [{"serial": "1", "struck": ["c7"]}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try cli.run(["tally", file.path, "--json"], withDB: false)
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("ballots[0].struck[0]"))
        #expect(r.err.contains("is not a candidate"))
        let missing = try cli.run(["tally", cli.directory.appendingPathComponent("none.json").path], withDB: false)
        #expect(missing.status == 2)
    }
}
