import Foundation

/// The order of names on a ballot paper (RULES.md §4.1): by given name, then family name,
/// then middle name(s), then date of birth, in Vietnamese alphabetical order
/// (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), where tone marks only break
/// ties, in the order none, huyền, hỏi, ngã, sắc, nặng.
///
/// Each word (syllable) is compared as a dictionary does: its letters first, then its tone.
/// So "An" < "Án" < "Anh", and the given name decides before the family name is looked at.
/// Letter case, NFC or NFD, and where the tone mark sits ("Hoà" or "Hòa") make no difference.
/// Letters outside the Vietnamese alphabet (f, j, w, z in names of other origins) take
/// their Latin places; punctuation inside a word (K'Ho, Jơ-rai) is passed over.
public struct BallotSortKey: Sendable, Hashable, Comparable {
    let words: [Word]
    let birth: BirthDate?
    let tieBreak: String

    public init(name: String, birthDate: BirthDate? = nil) {
        let parts = PersonName(name)
        var words = [Word(parts.given), Word(parts.family)]
        words.append(contentsOf: parts.middle.map(Word.init))
        self.words = words
        self.birth = birthDate
        self.tieBreak = VietnameseText.cleaned(name)
    }

    public static func < (a: BallotSortKey, b: BallotSortKey) -> Bool {
        // given and family are always the first two words; middle names follow.
        for (x, y) in zip(a.words, b.words) where x != y { return x < y }
        if a.words.count != b.words.count { return a.words.count < b.words.count }
        switch (a.birth, b.birth) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.tieBreak < b.tieBreak
        }
    }

    /// One word reduced to its letters' ranks and its tone.
    struct Word: Hashable, Comparable {
        let letters: [UInt16]
        let tone: Tone

        init(_ text: String) {
            var letters: [UInt16] = []
            var tone = Tone.none
            var pendingBase: Unicode.Scalar?
            var modifier: Unicode.Scalar?
            func flush() {
                if let base = pendingBase { letters.append(Word.rank(base, modifier)) }
                pendingBase = nil
                modifier = nil
            }
            for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
                if let t = Tone(mark: scalar) {
                    if tone == .none { tone = t }
                } else if scalar == "\u{0306}" || scalar == "\u{0302}" || scalar == "\u{031B}" {
                    modifier = scalar
                } else if scalar.properties.generalCategory == .nonspacingMark {
                    continue
                } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    flush()
                    pendingBase = scalar
                }
                // punctuation inside a word is passed over
            }
            flush()
            self.letters = letters
            self.tone = tone
        }

        static func < (a: Word, b: Word) -> Bool {
            if a.letters != b.letters { return a.letters.lexicographicallyPrecedes(b.letters) }
            return a.tone < b.tone
        }

        /// Digits first, then the Vietnamese alphabet with f, j, w, z in their Latin places,
        /// then anything else by code point.
        static func rank(_ base: Unicode.Scalar, _ modifier: Unicode.Scalar?) -> UInt16 {
            let key: String
            switch (base, modifier) {
            case ("a", "\u{0306}"): key = "ă"
            case ("a", "\u{0302}"): key = "â"
            case ("e", "\u{0302}"): key = "ê"
            case ("o", "\u{0302}"): key = "ô"
            case ("o", "\u{031B}"): key = "ơ"
            case ("u", "\u{031B}"): key = "ư"
            default: key = String(base)
            }
            if let r = alphabetRank[key] { return r }
            if let digit = base.properties.numericType.flatMap({ _ in Int(String(base)) }) {
                return UInt16(digit)
            }
            return 1000 &+ UInt16(truncatingIfNeeded: base.value)
        }

        static let alphabet = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i",
                               "j", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t",
                               "u", "ư", "v", "w", "x", "y", "z"]
        static let alphabetRank: [String: UInt16] = Dictionary(
            uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, UInt16(100 + $0.offset)) })
    }

    /// Dấu thanh, in the order that breaks ties.
    enum Tone: Int, Comparable {
        case none = 0, huyen, hoi, nga, sac, nang

        init?(mark: Unicode.Scalar) {
            switch mark {
            case "\u{0300}": self = .huyen
            case "\u{0309}": self = .hoi
            case "\u{0303}": self = .nga
            case "\u{0301}": self = .sac
            case "\u{0323}": self = .nang
            default: return nil
            }
        }

        static func < (a: Tone, b: Tone) -> Bool { a.rawValue < b.rawValue }
    }
}

public enum BallotOrder {
    /// Sorts names into ballot order; equal keys keep their given order.
    public static func sorted(_ names: [String]) -> [String] {
        sorted(names, by: { BallotSortKey(name: $0) })
    }

    /// Sorts anything with a name (and optionally a birth date) into ballot order, stably.
    public static func sorted<T>(_ items: [T], by key: (T) -> BallotSortKey) -> [T] {
        items.enumerated()
            .map { (key: key($0.element), index: $0.offset, item: $0.element) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
            .map(\.item)
    }
}
