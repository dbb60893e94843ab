import CZLibInflate
import Foundation

/// Reads the parts of a ZIP (an XLSX) with every length checked against the file: the
/// central directory, each part's local header, and zlib's inflate fed exactly the part's
/// compressed bytes with its output capped at the size the directory declares, then the
/// CRC-32 compared. Written because ZIPFoundation's reader, fed a damaged workbook, traps
/// (in memory) or loops forever (from a file) — both found by fuzzing, kept in
/// fixtures/fuzz/import-xlsx/. ZIPFoundation still writes our XLSX files.
enum ZIPReader {
    struct Entry {
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    enum Failure: Error {
        case damaged(String)
        /// What is wrong, in words.
        var reason: String { switch self { case .damaged(let why): why } }
    }

    /// No part of a delegate list comes near this (11,000 delegates are about 12 MB of sheet
    /// XML); a ZIP bomb stops here, and a part read stays well under 100 MB of memory.
    static let largestPart = 20 << 20

    /// Every part by its path.
    static func entries(_ data: Data) throws(Failure) -> [String: Entry] {
        let bytes = [UInt8](data)
        func u16(_ at: Int) throws(Failure) -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw .damaged("past the end") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws(Failure) -> Int {
            guard at >= 0, at + 4 <= bytes.count else { throw .damaged("past the end") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        // the end-of-central-directory record: within the last 64 KiB + 22 bytes
        var end = -1
        var i = bytes.count - 22
        while i >= max(0, bytes.count - 22 - 65_535) {
            if try u32(i) == 0x0605_4B50 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { throw .damaged("no end of central directory") }
        let count = try u16(end + 10)
        var at = try u32(end + 16)
        var entries: [String: Entry] = [:]
        for _ in 0..<count {
            guard try u32(at) == 0x0201_4B50 else { throw .damaged("central directory") }
            let nameLength = try u16(at + 28), extra = try u16(at + 30), comment = try u16(at + 32)
            guard at + 46 + nameLength <= bytes.count else { throw .damaged("name past the end") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(method: UInt16(try u16(at + 10)), crc32: UInt32(try u32(at + 16)), compressedSize: try u32(at + 20),
                                  uncompressedSize: try u32(at + 24), localHeaderOffset: try u32(at + 42))
            at += 46 + nameLength + extra + comment
        }
        return entries
    }

    /// One part's bytes, or why not.
    static func extract(_ entry: Entry, from data: Data) throws(Failure) -> Data {
        let bytes = [UInt8](data)
        let h = entry.localHeaderOffset
        guard h >= 0, h + 30 <= bytes.count,
              bytes[h] == 0x50, bytes[h + 1] == 0x4B, bytes[h + 2] == 0x03, bytes[h + 3] == 0x04 else { throw .damaged("local header") }
        let start = h + 30 + (Int(bytes[h + 26]) | Int(bytes[h + 27]) << 8) + (Int(bytes[h + 28]) | Int(bytes[h + 29]) << 8)
        guard entry.compressedSize >= 0, start + entry.compressedSize <= bytes.count else { throw .damaged("part past the end") }
        guard entry.uncompressedSize <= largestPart else {
            throw .damaged("giải nén ra \(entry.uncompressedSize >> 20) MB, lớn hơn mọi danh sách đại biểu (tối đa \(largestPart >> 20) MB) / "
                           + "\(entry.uncompressedSize >> 20) MB unpacked, larger than any delegate list (at most \(largestPart >> 20) MB)")
        }
        let compressed = Array(bytes[start..<(start + entry.compressedSize)])
        let out: [UInt8]
        switch entry.method {
        case 0: out = compressed
        case 8: out = try inflate(compressed, size: entry.uncompressedSize)
        default: throw .damaged("compression method \(entry.method)")
        }
        guard out.count == entry.uncompressedSize else { throw .damaged("size") }
        let crc = out.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else { throw .damaged("CRC-32") }
        return Data(out)
    }

    /// Raw deflate, bounded: it ends at the stream's end, at an error, or when the input or
    /// the room for output runs out — never waits for more.
    static func inflate(_ input: [UInt8], size: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .damaged("inflate")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var input = input
        let result: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return CZLibInflate.inflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw .damaged("deflate stream (\(result))") }
        return Array(output.prefix(Int(stream.total_out)))
    }
}
