/// Search over delegates that ignores case and diacritics (đ included): "nguyen thi dao"
/// finds "Nguyễn Thị Đào". Every word of the query must appear in the delegate's name, code
/// or delegation. Built once, then queried many times (kiosk lookup, web search), so the
/// folded text is kept as bytes and scanned without allocating.
public struct DelegateSearchIndex: Sendable {
    public let delegates: [Delegate]
    /// Folded "name code delegation" of every delegate, back to back.
    private let text: [UInt8]
    /// Where each delegate's text starts in `text`; one extra entry marks the end.
    private let starts: [Int]

    public init(_ delegates: [Delegate]) {
        self.delegates = delegates
        var text: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(delegates.count + 1)
        for d in delegates {
            starts.append(text.count)
            text.append(contentsOf: VietnameseText.foldedKey("\(d.name) \(d.code) \(d.delegation)").utf8)
        }
        starts.append(text.count)
        self.text = text
        self.starts = starts
    }

    /// Indices into `delegates` that match, in list order, at most `limit` of them.
    public func matches(_ query: String, limit: Int = .max) -> [Int] {
        let needles = VietnameseText.foldedKey(query).split(separator: " ").map { Array($0.utf8) }
        guard !needles.isEmpty else { return Array(delegates.indices.prefix(limit)) }
        var found: [Int] = []
        text.withUnsafeBufferPointer { hay in
            for i in delegates.indices {
                let range = starts[i]..<starts[i + 1]
                if needles.allSatisfy({ Self.contains(hay, range, $0) }) {
                    found.append(i)
                    if found.count >= limit { return }
                }
            }
        }
        return found
    }

    public func search(_ query: String, limit: Int = .max) -> [Delegate] {
        matches(query, limit: limit).map { delegates[$0] }
    }

    private static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n <= range.count, let first = needle.first else { return n == 0 }
        var i = range.lowerBound
        let last = range.upperBound - n
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < n && hay[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}
