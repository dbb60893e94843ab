/// One paper ballot typed as a line, the way the counting committee enters them (on the
/// web page or in a file): the serial (typed, or the scanned QR), the numbers of the names
/// struck through, and the reasons to set the ballot aside, as codes or as one-letter keys:
///
///     K7QX2M 3 5 11        three names struck
///     H2M9PC 1 d           one struck, no stamp (d: không có dấu)
///
/// Keys: d không có dấu (unstamped), t ghi thêm tên (added_name), k ký hiệu riêng
/// (private_mark), r gạch không rõ (unclear), p phiếu lạ (not_issued).
public struct BallotLine: Sendable, Hashable {
    public var serial: String
    public var struckNumbers: [Int]
    public var marks: [InvalidReason]

    public static let keys: [Character: InvalidReason] = [
        "d": .unstamped, "t": .addedName, "k": .privateMark, "r": .unclear, "p": .notIssued,
    ]

    public enum Problem: Error, Sendable, Hashable, LocalizedMessage {
        case empty
        /// A word that is neither a number nor a reason.
        case unknownWord(String)

        public var vietnamese: String {
            switch self {
            case .empty: "dòng trống: cần số sê-ri"
            case .unknownWord(let w): "«\(w)» không phải số thứ tự hay lý do (d, t, k, r, p)"
            }
        }

        public var english: String {
            switch self {
            case .empty: "empty line: the serial is needed"
            case .unknownWord(let w): "\"\(w)\" is neither a number nor a reason (d, t, k, r, p)"
            }
        }

        public func message(_ language: Language) -> String { language == .vi ? vietnamese : english }
    }

    public static func parse(_ line: String) -> Result<BallotLine, Problem> {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" }).map(String.init)
        guard let serial = words.first else { return .failure(.empty) }
        var numbers: [Int] = []
        var marks: [InvalidReason] = []
        for word in words.dropFirst() {
            // digits only: "+2" or "٢" is not what the paper prints, and Int would take them
            if word.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(word) {
                numbers.append(n)
            } else if let reason = InvalidReason(rawValue: word.lowercased()) {
                marks.append(reason)
            } else if word.count >= 1, word.lowercased().allSatisfy({ keys[$0] != nil }) {
                marks.append(contentsOf: word.lowercased().compactMap { keys[$0] })
            } else {
                return .failure(.unknownWord(word))
            }
        }
        // a number typed twice is refused where the numbers are checked against the list
        return .success(BallotLine(serial: serial, struckNumbers: numbers, marks: InvalidReason.distinct(marks)))
    }
}
