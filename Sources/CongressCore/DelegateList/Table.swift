/// A sheet of text cells as read from a CSV or XLSX file, before any meaning is given to
/// them. Rows carry the number a spreadsheet shows, so that every message can point at
/// the right place.
public struct Table: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        /// 1-based, as the spreadsheet shows it.
        public var number: Int
        public var cells: [String]
        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }

        public var isBlank: Bool {
            cells.allSatisfy { $0.allSatisfy(\.isWhitespace) }
        }
    }

    /// The file name shown in messages.
    public var source: String
    public var rows: [Row]

    public init(source: String, rows: [Row]) {
        self.source = source
        self.rows = rows
    }

    /// Column letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA.
    public static func columnLetter(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The inverse of ``columnLetter(_:)``; nil for anything that is not letters, or a
    /// column past a million (Excel ends at XFD, 16,384; a crafted `AAAAAAAAAAAAAA` would
    /// overflow).
    public static func columnIndex(_ letters: some StringProtocol) -> Int? {
        var n = 0
        for scalar in letters.unicodeScalars {
            guard ("A"..."Z").contains(scalar), n <= 1_000_000 else { return nil }
            n = n * 26 + Int(scalar.value - 64)
        }
        return n > 0 ? n - 1 : nil
    }
}
