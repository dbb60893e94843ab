import Foundation

/// Text helpers that must behave the same whether Vietnamese arrives precomposed (NFC, as
/// most keyboards type it) or decomposed (NFD, as some Macs and old documents store it).
public enum VietnameseText {
    /// NFC-normalised and trimmed: how names and other text are stored.
    /// A name as a person tells names apart: NFC, lower case, with every kind of space,
    /// zero-width and control character taken out (two names that print alike compare alike:
    /// "Lê  Văn Tám", "Lê\u{A0}Văn Tám", "Lê Văn Tám\u{200B}" are "Lê Văn Tám").
    public static func nameKey(_ text: String) -> String {
        String(String.UnicodeScalarView(text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars.filter { scalar in
            !(scalar.properties.isWhitespace || [.control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator]
                .contains(scalar.properties.generalCategory))
        }))
    }

    public static func cleaned(_ text: String) -> String {
        // ASCII is already NFC; most codes, dates and numbers take this path.
        let nfc = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        return trimmed(nfc)
    }

    /// White space (and newlines) removed from both ends; cheaper than Foundation's
    /// CharacterSet trimming, and the same for Unicode white space.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    /// NFC, trimmed, inner runs of white space made one space: for names of groups
    /// (delegations) that must compare equal however they were typed.
    public static func collapsed(_ text: String) -> String {
        cleaned(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Lower case, no diacritics, đ as d, every run of non-letters and non-digits as one
    /// space, trimmed. "Nguyễn  Thị Đào" and "NGUYEN THI DAO" give the same key.
    /// Used for search and for matching column headers and coded values.
    public static func foldedKey(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let folded: Unicode.Scalar
            switch scalar {
            case "đ", "Đ": folded = "d"
            default: folded = scalar
            }
            if folded.properties.isAlphabetic || folded.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                for lower in folded.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }
}
