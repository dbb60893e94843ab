import CongressCore
import Foundation
import Testing

/// Every phrase a person reads on the pages, in the server's flashes and refusals, has its
/// English in the catalogue: read from the sources as gettext's xgettext reads them, so a
/// phrase added without its English fails here, not on the day in front of a guest.
@Suite("The message catalogue")
struct CatalogueTests {
    static let server = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/CongressServer").standardized

    /// Text with a letter only Vietnamese writes (a diacritic, or đ).
    static func isVietnamese(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { "àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵĐ".unicodeScalars.contains(Unicode.Scalar(String($0).lowercased()) ?? $0) }
    }

    static func source(_ name: String) throws -> String {
        try String(contentsOf: server.appendingPathComponent(name), encoding: .utf8)
    }

    /// The `{{#t}}…{{/t}}` phrases of the templates.
    static func templatePhrases() throws -> [String] {
        let text = try source("Web/PageTemplates.swift").split(separator: "\n")
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("///") }.joined(separator: "\n")
        return text.matches(of: try Regex(#"\{\{#t\}\}([\s\S]*?)\{\{/t\}\}"#)).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// Every Vietnamese string literal of the server's Swift sources, with where it is,
    /// but those that carry their English beside them (`vi: "…", en: "…"`), comments, and
    /// the hall screen (shown to the hall in Vietnamese, like the printed forms) and the
    /// OpenAPI document (for developers).
    static func swiftPhrases() throws -> [(phrase: String, place: String)] {
        var found: [(String, String)] = []
        let files = try FileManager.default.subpathsOfDirectory(atPath: server.path)
            .filter { $0.hasSuffix(".swift") && !["Web/PageTemplates.swift", "BoardPage.swift", "Board.swift", "OpenAPIDocument.swift"].contains($0) }
        let literal = try Regex(#""((?:[^"\\\n]|\\.)*)""#)
        for file in files {
            for (n, line) in try source(file).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                // a refusal written in both languages, or a framework status's words (code, vi, en)
                if code.contains("vi: \"") || code.contains(#"("bad_request""#) || code.range(of: #"\("[a-z_]+", ""#, options: .regularExpression) != nil { continue }
                // official forms' sheet names stay Vietnamese (DESIGN: printed forms are Vietnamese)
                if code.contains("sheetName:") { continue }
                for match in line.matches(of: literal) {
                    let text = String(match.output[1].substring ?? "")
                    guard isVietnamese(text) else { continue }
                    // a dictionary key ("code": …) is not a phrase
                    if line[match.range.upperBound...].hasPrefix(":") { continue }
                    found.append((text, "\(file):\(n + 1)"))
                }
            }
        }
        return found
    }

    /// Data the pages record and show as typed, not words of the interface.
    static let data: Set<String> = [
        "Bàn phát phiếu",            // the ballot desk's station name, kept in the record
    ]

    @Test func everyTemplatePhraseHasItsEnglish() throws {
        let phrases = try Self.templatePhrases()
        #expect(phrases.count > 150, "the templates were read")
        let missing = phrases.filter { Catalogue.english($0) == nil }.map(Catalogue.key)
        #expect(missing.isEmpty, Comment(rawValue: "no English for:\n" + Set(missing).sorted().joined(separator: "\n")))
    }

    @Test func everyPhraseInTheServersSwiftHasItsEnglish() throws {
        let phrases = try Self.swiftPhrases()
        #expect(phrases.count > 50, "the sources were read")
        let interpolated = phrases.filter { $0.phrase.contains("\\(") && !Self.data.contains($0.phrase) }
        #expect(interpolated.isEmpty, Comment(rawValue: "a phrase built by interpolation cannot be looked up; use {placeholders}:\n"
                + interpolated.map { "\($0.place): \($0.phrase)" }.joined(separator: "\n")))
        let missing = phrases.filter { !$0.phrase.contains("\\(") && !Self.data.contains($0.phrase) && Catalogue.english($0.phrase) == nil }
        #expect(missing.isEmpty, Comment(rawValue: "no English for:\n" + missing.map { "\($0.place): \($0.phrase)" }.joined(separator: "\n")))
    }

    static let commandLine = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/congress").standardized

    /// What the command line prints: every Vietnamese literal is a catalogue phrase
    /// (`options.say`), or is written beside its English (`lang == .vi ? "…" : "…"`, a
    /// `case (.vi, …)`, a help text "tiếng Việt / English"), or is data the command records.
    @Test func everyLineOfTheCommandLineHasItsEnglish() throws {
        let data: Set<String> = ["Bàn phát phiếu", "Máy quét", "cấp lại thẻ", ", nhiệm kỳ \\($0)"]
        let literal = try Regex(#""((?:[^"\\\n]|\\.)*)""#)
        var missing: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.commandLine.path) where file.hasSuffix(".swift") {
            let lines = try String(contentsOf: Self.commandLine.appendingPathComponent(file), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (n, line) in lines.enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                let previous = n > 0 ? lines[n - 1].trimmingCharacters(in: .whitespaces) : ""
                if code.hasPrefix("//") || code.range(of: #"(help|abstract|discussion):"#, options: .regularExpression) != nil { continue }
                if code.range(of: #"vi \?|== \.vi|\(\.vi,"#, options: .regularExpression) != nil || code.hasPrefix(": \"") || code.hasPrefix("? \"") || previous.hasSuffix("?") { continue }
                if code.contains("sheetName:") { continue }
                for match in line.matches(of: literal) {
                    let text = String(match.output[1].substring ?? "")
                    guard Self.isVietnamese(text), !line[match.range.upperBound...].hasPrefix(":"), !text.contains(" / "), !data.contains(text) else { continue }
                    if Catalogue.english(text) == nil { missing.append("\(file):\(n + 1): \(text)") }
                }
            }
        }
        #expect(missing.isEmpty, Comment(rawValue: "the command line prints these without their English:\n" + missing.joined(separator: "\n")))
    }

    /// A template says nothing in Vietnamese outside `{{#t}}`: what is left once the phrases
    /// are taken out has no Vietnamese letter (a hidden field's value is data, not words).
    @Test func nothingInTheTemplatesEscapesTheCatalogue() throws {
        var text = try Self.source("Web/PageTemplates.swift")
        text = text.replacingOccurrences(of: #"\{\{#t\}\}[\s\S]*?\{\{/t\}\}"#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<input type="hidden"[^>]*>"#, with: "", options: .regularExpression)
        let lines = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("///") && Self.isVietnamese($0) }
        #expect(lines.isEmpty, Comment(rawValue: "Vietnamese outside {{#t}}:\n" + lines.joined(separator: "\n")))
    }

    /// The words of the core's enumerations that pages show (a delegate's kind, a scan's
    /// verdict, an election's body …).
    @Test func theDomainsWordsHaveTheirEnglish() {
        var words: [String] = DelegateKind.allCases.map(\.vietnamese) + ScanVerdict.allCases.map(\.vietnamese)
        words += ElectionBody.allCases.map(\.vietnamese) + ThresholdBase.allCases.map(\.vietnamese)
        words += Nomination.allCases.map(\.vietnamese) + CommitteeRole.allCases.map(\.vietnamese) + InvalidReason.allCases.map(\.vietnamese)
        words += ([.issued, .alreadyIssued(at: "", station: ""), .notEligible, .notPresent] as [BallotIssueDecision]).map(\.vietnamese)
        words.append("THẺ KHÔNG DÙNG ĐƯỢC")  // the desk's answer to a badge that is not genuine or current
        let missing = words.filter { Catalogue.english($0) == nil }
        #expect(missing.isEmpty, "no English for: \(missing)")
    }

    /// A phrase and its English hold the same tags, placeholders and markup, so the English
    /// page shows the same figures and links.
    @Test func eachEnglishKeepsItsPhrasesTagsAndPlaceholders() throws {
        let tag = try Regex(#"\{\{[^}]*\}\}|\{[a-z_]+\}|</?[a-z]+"#)
        for (vi, en) in Catalogue.pairs {
            #expect(!en.trimmingCharacters(in: .whitespaces).isEmpty, "«\(vi)» has an empty English")
            let a = vi.matches(of: tag).map { String(vi[$0.range]) }.sorted()
            let b = en.matches(of: tag).map { String(en[$0.range]) }.sorted()
            #expect(a == b, "«\(vi)» → «\(en)»: \(a) ≠ \(b)")
        }
        let keys = Catalogue.pairs.map { Catalogue.key($0.vi) }
        let twice = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(twice.isEmpty, "written twice: \(twice)")
    }
}
