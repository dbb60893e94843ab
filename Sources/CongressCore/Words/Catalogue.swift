import Foundation

/// The message catalogue (bảng thông điệp): every phrase a person reads on the pages and in
/// the server's answers, written in Vietnamese where it is used, and found here in English.
/// The Vietnamese text is the key, as gettext's msgid is: a template stays readable, and a
/// phrase with no English is caught by the catalogue's test, which reads every phrase the
/// templates and the sources name (`{{#t}}…{{/t}}`, `say("…")`).
///
/// A phrase may hold mustache tags (`{{count}}`), HTML (`<b>…</b>`) and placeholders
/// (`{total}`); its English holds the same ones. Typed errors (`StoreError`,
/// `DelegateListError`, `ElectionRefusal`, …) keep both languages in their `message(_:)`:
/// they are this catalogue's other half, chosen by the same `Language`.
public enum Catalogue {
    /// Whitespace folded, so that a phrase wrapped across template lines is the same key.
    public static func key(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The English of a Vietnamese phrase; nil when the catalogue lacks it.
    public static func english(_ vietnamese: String) -> String? {
        table[key(vietnamese)]
    }

    /// `vietnamese` in `language`, its `{name}` placeholders filled. A phrase missing from
    /// the catalogue is shown in Vietnamese rather than not at all (the test finds it first).
    public static func say(_ vietnamese: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        var text = language == .vi ? vietnamese : (english(vietnamese) ?? vietnamese)
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Every phrase, keyed by its folded Vietnamese.
    public static let table: [String: String] = {
        var table: [String: String] = [:]
        for (vi, en) in pairs { table[key(vi)] = key(en) }
        return table
    }()

    /// The phrases as written, for the test: each pair once, no English empty.
    public static var pairs: [(vi: String, en: String)] { pageWords + serverWords + commandWords }
}

extension Language {
    /// The other language, for the switch at the top of every page.
    public var other: Language { self == .vi ? .en : .vi }

    /// The language's name in itself: what the switch says.
    public var ownName: String { self == .vi ? "Tiếng Việt" : "English" }
}
