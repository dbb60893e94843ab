import CongressCore
import Foundation

/// Turns the bytes of a text file into a String, accepting what Excel and LibreOffice write:
/// UTF-8 with or without BOM, and UTF-16 with or without BOM ("Unicode text"). Anything
/// else (Windows-1258, TCVN3/ABC, …) is refused with a message saying how to save the file,
/// so that Vietnamese is never imported garbled.
enum TextFileDecoding {
    static func decode(_ data: Data, source: String) throws(DelegateListRejected) -> String {
        let bytes = [UInt8](data)
        if bytes.isEmpty { throw DelegateListRejected(DelegateListError(source: source, problem: .emptyFile)) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try utf8(bytes[3...], source: source)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(bytes[2...], bigEndian: false, source: source) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes[2...], bigEndian: true, source: source) }
        if let bigEndian = looksLikeUTF16WithoutBOM(bytes) {
            return try utf16(bytes[...], bigEndian: bigEndian, source: source)
        }
        return try utf8(bytes[...], source: source)
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>, source: String) throws(DelegateListRejected) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Point at the first line that is not UTF-8: that is where the user will look.
        var line = 1
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A || index == bytes.endIndex - 1 {
            let end = bytes[index] == 0x0A ? index : bytes.endIndex
            if String(validating: bytes[start..<end], as: UTF8.self) == nil { break }
            line += 1
            start = index + 1
        }
        throw DelegateListRejected(DelegateListError(source: source, row: line, problem: .notUTF8))
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool, source: String) throws(DelegateListRejected) -> String {
        guard bytes.count % 2 == 0 else {
            throw DelegateListRejected(DelegateListError(source: source, problem: .notUTF8))
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw DelegateListRejected(DelegateListError(source: source, problem: .notUTF8))
        }
        return text
    }

    /// UTF-16 text of mostly Latin letters has a zero in every other byte; nil when it does not.
    private static func looksLikeUTF16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        let sample = bytes.prefix(512)
        guard sample.count >= 4, sample.count % 2 == 0 else { return nil }
        var zerosEven = 0, zerosOdd = 0
        for (i, byte) in sample.enumerated() where byte == 0 {
            if i % 2 == 0 { zerosEven += 1 } else { zerosOdd += 1 }
        }
        let half = sample.count / 2
        if zerosOdd * 3 > half && zerosEven == 0 { return false }
        if zerosEven * 3 > half && zerosOdd == 0 { return true }
        return nil
    }
}
