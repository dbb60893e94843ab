import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The search over delegates (the secretariat's pages, `congress delegates --search`).
public typealias DelegateSearchIndex = SearchIndex<Delegate>

extension SearchIndex where Element == Delegate {
    public init(_ delegates: [Delegate]) { self.init(delegates) { "\($0.name) \($0.code) \($0.delegation)" } }
    public var delegates: [Delegate] { elements }
}

/// Search over delegates that ignores case and diacritics (đ included): "nguyen thi dao"
/// finds "Nguyễn Thị Đào". Every word of the query must appear in the delegate's name, code
/// or delegation. Built once, then queried many times (kiosk lookup, web search): the folded
/// texts are kept back to back in one buffer, separated by a zero byte, and the longest word
/// of the query is looked for across the whole buffer; the other words are then checked only
/// inside the delegates it hit.
public struct SearchIndex<Element: Sendable>: Sendable {
    public let elements: [Element]
    /// Folded text of every element, each followed by a zero byte.
    private let text: [UInt8]
    /// Where each element's text starts in `text`; one extra entry marks the end.
    private let starts: [Int]

    /// `searchText` gives what an element is found by (name, code, delegation…).
    public init(_ elements: [Element], searchText: (Element) -> String) {
        self.elements = elements
        var text: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(elements.count + 1)
        for e in elements {
            starts.append(text.count)
            text.append(contentsOf: VietnameseText.foldedKey(searchText(e)).utf8)
            text.append(0)
        }
        starts.append(text.count)
        self.text = text
        self.starts = starts
    }

    /// Indices into `elements` that match, in list order, at most `limit` of them.
    public func matches(_ query: String, limit: Int = .max) -> [Int] {
        let needles = VietnameseText.foldedKey(query).split(separator: " ").map { Array($0.utf8) }
            .sorted { $0.count > $1.count }
        guard let longest = needles.first else { return Array(elements.indices.prefix(limit)) }
        let others = needles.dropFirst()
        var found: [Int] = []
        text.withUnsafeBytes { hay in
            var offset = 0
            while offset < hay.count, found.count < limit {
                guard let position = Self.find(longest, in: hay, from: offset, to: hay.count) else { break }
                let i = delegateIndex(containing: position)
                let range = starts[i]..<starts[i + 1]
                if others.allSatisfy({ Self.contains(hay, range, $0) }) { found.append(i) }
                offset = range.upperBound  // one hit per delegate is enough
            }
        }
        return found
    }

    public func search(_ query: String, limit: Int = .max) -> [Element] {
        matches(query, limit: limit).map { elements[$0] }
    }

    /// The element whose text holds this byte (binary search over `starts`).
    private func delegateIndex(containing position: Int) -> Int {
        var low = 0, high = elements.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= position { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private static func contains(_ hay: UnsafeRawBufferPointer, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        find(needle, in: hay, from: range.lowerBound, to: range.upperBound) != nil
    }

    /// First position of `needle` in `hay[from..<to]`: memchr (vectorised in the C library)
    /// finds candidates for the first byte, memcmp checks the rest.
    private static func find(_ needle: [UInt8], in hay: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard let base = hay.baseAddress, let first = needle.first else { return nil }
        let n = needle.count
        var i = from
        return needle.withUnsafeBytes { needleBytes -> Int? in
            guard let rest = needleBytes.baseAddress?.advanced(by: 1) else { return nil }
            while i + n <= to {
                guard let p = memchr(base + i, Int32(first), to - n + 1 - i) else { return nil }
                let at = base.distance(to: UnsafeRawPointer(p))
                if n == 1 || memcmp(base + at + 1, rest, n - 1) == 0 { return at }
                i = at + 1
            }
            return nil
        }
    }
}
