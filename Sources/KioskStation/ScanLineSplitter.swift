/// Cuts what a USB scanner types (keyboard mode) into scans: each ends with Enter, CR or
/// Tab, depending on how the scanner is set up; CR LF counts once. Empty lines are
/// nothing. A line longer than any payload is cut, so a stuck key cannot fill the memory.
public struct ScanLineSplitter: Sendable {
    private var pending: [UInt8] = []
    public static let longest = 4096

    public init() {}

    /// The lines these bytes complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            switch byte {
            case 0x0A, 0x0D, 0x09:
                if !pending.isEmpty {
                    lines.append(String(decoding: pending, as: UTF8.self))
                    pending.removeAll(keepingCapacity: true)
                }
            default:
                if pending.count < Self.longest { pending.append(byte) }
            }
        }
        return lines
    }

    /// What is left when the input ends (a last scan without its Enter).
    public mutating func finish() -> String? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}
