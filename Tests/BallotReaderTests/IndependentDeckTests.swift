import BallotMarking
import BallotReader
import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// The reader on sheets from the second generator (scripts/sheetgen, written from a
/// description of voters and scanners, never from the reader), on a seed never used while
/// tuning it: a clean and a hard deck on the project's printed ballots. Never a sheet
/// counted wrong, never a line decided against the key — on a sheet in review either (the
/// committee sees the machine's reading). How many are counted is `make bench`'s figure;
/// here, enough that the test proves something.
@Suite("Reading sheets of the second generator")
struct IndependentDeckTests {
    static let names = ["Bùi Đức Cường", "Mai Quốc Hải", "Đỗ Ngọc Hạnh", "Lê Thị Hạnh", "Trịnh Hồng Lan", "Lương Bích Mai",
                        "Phạm Quý Ngọc", "Nguyễn Thị Oanh", "Huỳnh Hữu Phúc", "Hoàng Thị Thủy", "Đặng Quốc Việt", "Vũ Ngọc Yến"]

    @Test(arguments: [("clean", IndependentDeck.heldOut.clean + 100), ("hard", IndependentDeck.heldOut.hard + 100)])
    func noSheetIsCountedWrong(deck: String, seed: UInt64) async throws {
        let score = try await onItsOwnThread { try Self.read(deck: deck, seed: seed) }
        #expect(score.silentErrors == 0 && score.wrongLines == 0, "\(deck): \(score)")
        // the deck comes through a duplex scanner: every back said blank, and kept as nothing
        #expect(score.blanks > 0 && score.blanksSeen == score.blanks, "\(deck): \(score)")
        // enough counted that the comparison says something (the share is make bench's figure)
        #expect(score.plain > 0 && score.plainCounted * (deck == "clean" ? 4 : 10) >= score.plain, "\(deck): \(score)")
    }

    static func read(deck: String, seed: UInt64) throws -> IndependentDeck.Score {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (pdf, reader) = try printed(signedWith: CongressSigningKey(), in: directory)
        let sheets = try IndependentDeck.generate(ballots: pdf, deck: deck, seed: seed, count: 24,
                                                  into: directory.appendingPathComponent("deck"), duplex: true)
        return try sheets.score(reader)
    }

    /// Sheets of the tuning seeds that rules were made on, with what the key says of them:
    /// fixtures beside their expected readings, drawn again by the generator (it draws the
    /// same sheets for the same seed and paper).
    /// - A pencil strike the grain breaks into pieces between the words, where averaged
    ///   along each space it is a row darker than the paper at the letters' body — struck
    ///   (hard 21: 40, 75).
    /// - Family and middle names struck, the stroke stopping early in the space before the
    ///   given name — kept (hard 20: 39; hard 21: 77).
    /// - A very pale pencil on a JPEG 47 scan, its grain leaving specks of ink the strokes
    ///   leave out: a person sees the strikes; never kept (hard 27: 57; they were).
    /// - A clean name on a soft JPEG, the letters' own halo showing to the faint marks along
    ///   half its width but as no stroke through its words — kept (hard 20: 9 line 5; hard
    ///   22: 48 line 5; they went to the committee).
    ///
    /// Ink outside the lines, with what the key says of it:
    /// - The scanner's black background beside a corner mark the scan's edge cut, one dark
    ///   patch: not the voter's (hard 20: 10; hard 21: 64).
    /// - A seal stamped 6 mm below its box, its ring past the room the box leaves it: the
    ///   seal's (hard 21: 66; hard 26: 1, 7 mm to the right).
    /// - "Đồng ý" in pale pencil under the list, too light for the ink: the committee's
    ///   (hard 21: 30; it was not asked).
    /// - No seal, the scanner's background over the stamp box's edge, the paper's edge beyond
    ///   it outside the scan: unstamped (hard 28: 56; it was counted).
    /// (`committee`: the sheet's own reason for the committee, or "" for none.)
    @Test(arguments: [("hard", UInt64(20), [39: [7: LineReading.Decision.kept], 9: [5: .kept]], [10: ""]),
                      ("hard", UInt64(22), [48: [5: .kept]], [:]),
                      ("hard", UInt64(21), [40: [1: .struck], 75: [11: .struck], 77: [1: .kept]], [30: "ink_outside_lines", 64: "", 66: ""]),
                      ("hard", UInt64(26), [:], [1: ""]),
                      ("hard", UInt64(27), [57: [3: .unclear, 11: .unclear, 12: .unclear]], [:]),
                      ("hard", UInt64(28), [:], [56: "unstamped"])])
    func tuningSheetsKeepTheirReadings(deck: String, seed: UInt64, expected: [Int: [Int: LineReading.Decision]], committee: [Int: String]) async throws {
        let readings = try await onItsOwnThread { try Self.readTuningSheets(deck: deck, seed: seed, Array(Set(expected.keys).union(committee.keys))) }
        for (sheet, why) in committee {
            let (answer, reading) = try #require(readings[sheet])
            #expect((answer.needs_human ?? false) == !why.isEmpty, "sheet \(sheet): the key")
            #expect(reading.review.filter { ["ink_outside_lines", "unstamped"].contains($0.why) }.map(\.why) == (why.isEmpty ? [] : [why]),
                    "\(deck) \(seed) sheet \(sheet): \(reading.review)")
        }
        for (sheet, lines) in expected {
            let (answer, reading) = try #require(readings[sheet])
            // the key agrees with what this test expects (else the generator drew another sheet)
            for (line, decision) in lines where decision != .unclear {
                #expect((answer.struck ?? []).contains(line) == (decision == .struck), "sheet \(sheet) line \(line)")
            }
            for (line, decision) in lines {
                #expect(reading.lines.first { $0.part == 0 && $0.number == line }?.decision == decision,
                        "\(deck) \(seed) sheet \(sheet) line \(line): \(reading.review)")
            }
        }
    }

    /// Sheets of a tuning seed drawn again and read, with their answers.
    static func readTuningSheets(deck: String, seed: UInt64, _ sheets: [Int]) throws -> [Int: (IndependentDeck.Answer, SheetReading)] {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // the tuning runs' paper: its QR codes signed with a fixed key, so the pixels match
        let (pdf, reader) = try printed(signedWith: CongressSigningKey(rawRepresentation: Data(repeating: 7, count: 32)), in: directory)
        let drawn = try IndependentDeck.generate(ballots: pdf, deck: deck, seed: seed, count: sheets.max() ?? 1,
                                                 into: directory.appendingPathComponent("deck"))
        var readings: [Int: (IndependentDeck.Answer, SheetReading)] = [:]
        for sheet in sheets {
            let answer = try #require(drawn.answers.first { $0.file == String(format: "sheet-%04d.jpg", sheet) })
            readings[sheet] = (answer, reader.read(try ScanDocument(directory.appendingPathComponent("deck").appendingPathComponent(answer.file).path).page(0)))
        }
        return readings
    }

    /// The decks' paper (12 names, 9 seats, A5) printed with serials T00001–T00012 signed by
    /// `key` into `directory`, and a reader that takes those serials.
    static func printed(signedWith key: CongressSigningKey, in directory: URL) throws -> (pdf: String, reader: SheetReader) {
        let paper = BallotPaper(congressName: "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI", term: "2023-2028",
                                title: "Bầu Ban Chấp hành Công đoàn tỉnh khóa XI", seats: 9, candidates: names)
        let codes = try (1...12).map { String(format: "T%05d", $0) }.map { ($0, try BallotSerialCode.sign(election: 7, serial: $0, with: key).text) }
        let pdf = directory.appendingPathComponent("ballots.pdf").path
        try BallotPrinter.pdf(paper, codes: codes, size: .a5, to: pdf)
        let verifier = CredentialVerifier(publicKeys: [key.keyID: key.publicKey])
        let reader = SheetReader(paper: paper, size: .a5) { (text: String) in
            BallotSerialCode.parse(text).flatMap { $0.isGenuine(for: 7, verifier: verifier) ? $0.serial : nil }
        }
        return (pdf, reader)
    }
}
