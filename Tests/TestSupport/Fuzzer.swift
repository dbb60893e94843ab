import Foundation

/// A small mutation fuzzer for the parsers: seeds (valid inputs) mutated at random for a
/// bounded time (FUZZ_SECONDS, default half a second; `make fuzz` runs a minute). Every input kept
/// under fixtures/fuzz/TARGET/ is replayed first. The input being tried is written to
/// .build/fuzz/TARGET first, so that one that crashes the run is there to be kept.
public struct Fuzzer {
    public let target: String
    var rng = SystemRandomNumberGenerator()

    public init(_ target: String) { self.target = target }

    public static var seconds: Double { Double(ProcessInfo.processInfo.environment["FUZZ_SECONDS"] ?? "") ?? 0.5 }

    /// Tokens that break parsers: quotes, separators, brackets, numbers at the edges,
    /// Vietnamese letters, invalid UTF-8, control bytes.
    static let dictionary: [[UInt8]] = [
        "\"", ",", ";", "\n", "\r\n", "\t", "{", "}", "[", "]", ":", "null", "true", "-1", "0", "9223372036854775807",
        "1e309", "NaN", "\\u0000", "Nguyễn Thị Đào", "ể", "DH1.", ".", "<", "&", "'", "%", "=", "../",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0x00], [0xEF, 0xBB, 0xBF], [0xFE, 0xFF]]

    /// Runs `body` on the kept inputs, then on mutations of `seeds` until the time is up;
    /// returns how many inputs were tried. `body` records its own expectations.
    @discardableResult
    public mutating func run(seeds: [[UInt8]], seconds: Double = Fuzzer.seconds, _ body: ([UInt8]) throws -> Void) rethrows -> Int {
        var tried = 0
        for kept in Self.kept(target) {
            try body(kept)
            tried += 1
        }
        let deadline = Date().addingTimeInterval(seconds)
        let current = Self.currentFile(target)
        // at least a few mutations, however little of the time a loaded machine gives us
        let minimum = tried + 8
        while Date() < deadline || tried < minimum {
            var input = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            for _ in 0..<Int.random(in: 1...4, using: &rng) { mutate(&input) }
            try? Data(input).write(to: current)
            try body(input)
            tried += 1
        }
        try? FileManager.default.removeItem(at: current)
        return tried
    }

    mutating func mutate(_ input: inout [UInt8]) {
        let n = input.count
        switch Int.random(in: 0..<6, using: &rng) {
        case 0 where n > 0:
            input[Int.random(in: 0..<n, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        case 1:
            let token = Self.dictionary[Int.random(in: 0..<Self.dictionary.count, using: &rng)]
            input.insert(contentsOf: token, at: Int.random(in: 0...n, using: &rng))
        case 2 where n > 1:
            let a = Int.random(in: 0..<n, using: &rng)
            input.removeSubrange(a..<min(n, a + Int.random(in: 1...16, using: &rng)))
        case 3 where n > 1:
            let a = Int.random(in: 0..<n, using: &rng)
            let slice = Array(input[a..<min(n, a + Int.random(in: 1...64, using: &rng))])
            input.insert(contentsOf: slice, at: Int.random(in: 0...n, using: &rng))
        case 4 where n > 0:
            input = Array(input.prefix(Int.random(in: 0..<n, using: &rng)))
        default:
            input.append(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
        }
    }

    static func kept(_ target: String) -> [[UInt8]] {
        let dir = Fixtures.directory.appendingPathComponent("fuzz/\(target)")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        return names.compactMap { try? Data(contentsOf: dir.appendingPathComponent($0)) }.map { Array($0) }
    }

    static func currentFile(_ target: String) -> URL {
        let dir = Fixtures.root.appendingPathComponent(".build/fuzz")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(target)
    }
}

/// Processor time this thread has used, in seconds: what an input cost to parse, whatever
/// else the machine was doing meanwhile (a wall clock would count the time the test
/// waited for a core).
public func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
