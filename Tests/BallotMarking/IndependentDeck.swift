import BallotReader
import Foundation

/// Sheets from the second generator (`scripts/sheetgen/generate.py`): written from a
/// description of voters and scanners by someone who never saw the reader, in another
/// language, drawing on the rasterised PDF the printer made and finding everything it
/// needs there (pdftotext, the pixels). Its answer key is beside the sheets. The reader is
/// judged on seeds that were never used while it was tuned (`heldOut`).
public struct IndependentDeck: Sendable {
    /// One sheet's answer, as `answers.json` gives it.
    public struct Answer: Sendable, Decodable {
        public var file: String
        public var page: Int
        public var blank: Bool?
        public var struck: [Int]?
        public var needs_human: Bool?
        public var marks: [Mark]?
        public struct Mark: Sendable, Decodable {
            public var number: Int
            public var kind: String
            public var struck: Bool
        }

        /// Whether the committee must look at this sheet whatever the machine reads: the key
        /// says so (no seal, writing outside the list), or a voter ticked or dotted a line
        /// (a private mark is for the committee to judge, RULES.md §4.2).
        public var forTheCommittee: Bool {
            (needs_human ?? false) || (marks ?? []).contains { $0.kind == "tick" || $0.kind == "dot" }
        }
    }

    /// The seeds the figures are reported on; seeds 1 to 99 are the ones tuned on.
    public static let heldOut = (clean: UInt64(1001), hard: UInt64(1002))

    public let directory: URL
    public let answers: [Answer]

    /// Writes a deck of `count` sheets drawn on `ballots` (a PDF from BallotPrinter) into
    /// `directory`: `deck` is "clean" or "hard".
    public static func generate(ballots: String, deck: String, seed: UInt64, count: Int, into directory: URL,
                                format: String = "jpeg", duplex: Bool = false) throws -> IndependentDeck {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/sheetgen/generate.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--ballots", ballots, "--out", directory.path, "--seed", String(seed),
                             "--count", String(count), "--deck", deck, "--format", format, "--quiet"] + (duplex ? ["--duplex"] : [])
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GeneratorFailed(message: String(decoding: said, as: UTF8.self))
        }
        let key = try Data(contentsOf: directory.appendingPathComponent("answers.json"))
        return IndependentDeck(directory: directory, answers: try JSONDecoder().decode([Answer].self, from: key))
    }

    public struct GeneratorFailed: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "scripts/sheetgen/generate.py failed (python3-numpy and python3-pil come with make setup): \(message)" }
    }

    /// What the reader made of the deck, against the key.
    public struct Score: Sendable, CustomStringConvertible {
        /// Sheets that need nobody (the key's), and of those, how many were counted.
        public var plain = 0, plainCounted = 0
        /// Sheets for the committee whatever the machine reads, and of those, how many it counted anyway.
        public var forTheCommittee = 0, committeeCounted = 0
        public var rejected = 0
        /// Counted sheets whose struck lines are not the key's: never.
        public var silentErrors = 0
        /// Lines the machine decided (struck or kept) against the key, on any sheet, review included.
        public var wrongLines = 0
        /// Blank backs (duplex), and of those, how many the reader said were blank.
        public var blanks = 0, blanksSeen = 0
        public var failures: [String] = []

        public var countedShare: Double { plain == 0 ? 0 : Double(plainCounted) / Double(plain) }
        public var description: String {
            "\(plainCounted)/\(plain) counted, \(rejected) rejected, \(silentErrors) silent errors, \(wrongLines) wrong lines, \(committeeCounted)/\(forTheCommittee) committee sheets counted"
                + (blanks > 0 ? ", \(blanksSeen)/\(blanks) blank backs said blank" : "")
                + (failures.isEmpty ? "" : "\n" + failures.prefix(20).joined(separator: "\n"))
        }
    }

    /// Reads every page of the deck with `reader` and compares with the key.
    public func score(_ reader: SheetReader) throws -> Score {
        var score = Score()
        var pages: [String: [ScanImage]] = [:]
        for answer in answers {
            if pages[answer.file] == nil {
                let document = try ScanDocument(directory.appendingPathComponent(answer.file).path)
                pages[answer.file] = try (0..<document.pageCount).map { try document.page($0) }
            }
            guard let page = pages[answer.file]?[answer.page - 1] else { continue }
            let reading = reader.read(page)
            // duplex backs: said blank and kept as nothing
            if answer.blank == true {
                score.blanks += 1
                if reading.status == .blank { score.blanksSeen += 1 } else {
                    score.failures.append("\(answer.file) page \(answer.page): a blank back read as \(reading.status) \(reading.reason ?? "")")
                }
                continue
            }
            // a ballot taken for a blank back would be a ballot lost without a word: never
            if reading.status == .blank {
                score.silentErrors += 1
                score.failures.append("\(answer.file) page \(answer.page): a ballot read as a blank page")
                continue
            }
            let truth = answer.struck ?? []
            if answer.forTheCommittee {
                score.forTheCommittee += 1
                if reading.status == .counted { score.committeeCounted += 1 }
                // the key's own word (no seal, writing outside the list): counted, a ballot
                // the committee had to judge went by unseen
                if reading.status == .counted, answer.needs_human == true {
                    score.silentErrors += 1
                    score.failures.append("\(answer.file): counted, the key gives it to the committee")
                }
            } else {
                score.plain += 1
                if reading.status == .counted { score.plainCounted += 1 }
            }
            if reading.status == .rejected { score.rejected += 1; continue }
            if reading.status == .counted, reading.struck != truth {
                score.silentErrors += 1
                score.failures.append("\(answer.file): counted \(reading.struck), the key says \(truth)")
            }
            for line in reading.lines where line.part == 0 && line.decision != .unclear {
                if (line.decision == .struck) != truth.contains(line.number) {
                    score.wrongLines += 1
                    let kind = answer.marks?.first { $0.number == line.number }?.kind ?? "nothing"
                    score.failures.append("\(answer.file) line \(line.number) (\(kind)): read \(line.decision)")
                }
            }
        }
        return score
    }
}
