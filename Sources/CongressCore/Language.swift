/// The language of messages shown to people. Vietnamese is the default everywhere;
/// English is available for every message (`--lang en`).
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi
    case en
}

/// Something that can explain itself to a user in either language.
public protocol LocalizedMessage {
    func message(_ language: Language) -> String
}
