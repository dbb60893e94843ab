import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// Every file in fixtures/bad/ is refused with exactly the errors written beside it in
/// NAME.expected.json, in Vietnamese and in English. To review a deliberate change of
/// wording, run with CONGRESS_UPDATE_EXPECTED=1 and read the diff.
@Suite("Bad delegate list files")
struct BadFixtureTests {
    struct Expected: Codable, Equatable {
        struct Error: Codable, Equatable {
            var code: String
            var row: Int?
            var column: String?
            var vi: String
            var en: String
        }
        var errors: [Error]
    }

    @Test func thereIsABadFileForEachCaseTheIssueNames() {
        let files = Set(Fixtures.badFiles())
        for name in ["missing-required-column.csv", "duplicate-code.csv", "impossible-date.csv", "empty.csv",
                     "header-only.csv", "utf16-unicode-text.txt", "windows-1258.csv", "empty-first-sheet.xlsx"] {
            #expect(files.contains(name), "fixtures/bad/\(name)")
        }
    }

    @Test(arguments: Fixtures.badFiles())
    func refusedWithTheExpectedErrors(_ name: String) throws {
        let reading = DelegateListFile.read(path: Fixtures.path("bad/\(name)"))
        #expect(reading.delegates.isEmpty)
        let actual = Expected(errors: reading.errors.map {
            .init(code: $0.code, row: $0.row, column: $0.column, vi: $0.message(.vi), en: $0.message(.en))
        })
        let expectedURL = URL(fileURLWithPath: Fixtures.path("bad/\(name).expected.json"))
        if ProcessInfo.processInfo.environment["CONGRESS_UPDATE_EXPECTED"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(actual).write(to: expectedURL)
        }
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: expectedURL))
        #expect(!expected.errors.isEmpty)
        #expect(actual == expected)
    }
}
