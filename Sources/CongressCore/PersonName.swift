/// A Vietnamese full name split as the ballot order needs it: the family name (họ) is the
/// first word, the given name (tên) the last, the middle name(s) (tên đệm) what stands
/// between. "Nguyễn Thị Hồng Thúy" → family "Nguyễn", middle ["Thị", "Hồng"], given "Thúy".
/// A one-word name is a given name only.
public struct PersonName: Sendable, Hashable {
    public let family: String
    public let middle: [String]
    public let given: String

    public init(_ fullName: String) {
        let words = VietnameseText.cleaned(fullName).split(whereSeparator: \.isWhitespace).map(String.init)
        switch words.count {
        case 0:
            (family, middle, given) = ("", [], "")
        case 1:
            (family, middle, given) = ("", [], words[0])
        default:
            family = words[0]
            given = words[words.count - 1]
            middle = Array(words[1..<(words.count - 1)])
        }
    }
}
