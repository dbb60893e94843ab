import Foundation

/// A PDF's text as a person reads it, for tests: what `pdftotext -layout` prints, with every
/// run of spaces and line breaks folded into one space. Where a layout wraps a line is the
/// font's business, not the test's: a test compares words, never line ends.
public enum PDFText {
    /// `layout: false` reads in the content's own order instead of as laid out on the page:
    /// for sheets of several badges side by side, whose lines -layout would interleave.
    public static func read(_ path: String, layout: Bool = true) throws -> String {
        fold(try ExternalTool.output("pdftotext", (layout ? ["-layout"] : []) + [path, "-"]))
    }

    /// The text of one page (1-based).
    public static func page(_ number: Int, of path: String) throws -> String {
        fold(try ExternalTool.output("pdftotext", ["-layout", "-f", String(number), "-l", String(number), path, "-"]))
    }

    /// The number of pages, as pdfinfo reports it.
    public static func pageCount(_ path: String) throws -> Int {
        let info = try ExternalTool.output("pdfinfo", [path])
        for line in info.split(separator: "\n") where line.hasPrefix("Pages:") {
            return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }

    /// The fonts the PDF embeds, by name (pdffonts' first column, subset tag dropped).
    public static func fonts(_ path: String) throws -> [String] {
        try ExternalTool.output("pdffonts", [path]).split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: " ").first.map { name in
                String(name.split(separator: "+").last ?? name)
            }
        }
    }

    public static func fold(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
