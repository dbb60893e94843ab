import CQRencode
import Foundation

/// A QR code as its module matrix (true = dark), from libqrencode; the product draws it.
public struct QRMatrix: Sendable, Hashable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    public let version: Int
    let modules: [Bool]

    public subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    public enum Failure: Error, Sendable, Equatable {
        /// libqrencode could not encode the text (too long for any version, or out of memory).
        case cannotEncode(String)
        /// The text needs a larger version than allowed.
        case tooLarge(version: Int, allowed: Int)
    }

    /// Encodes at ECC level M (DESIGN.md: version 7 or lower), in the smallest version that
    /// holds the text; libqrencode picks alphanumeric mode for text in that alphabet.
    public static func encode(_ text: String, maximumVersion: Int = 7) throws(Failure) -> QRMatrix {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw .cannotEncode(text)
        }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        let version = Int(code.pointee.version)
        guard version <= maximumVersion else { throw .tooLarge(version: version, allowed: maximumVersion) }
        let data = UnsafeBufferPointer(start: code.pointee.data, count: size * size)
        return QRMatrix(size: size, version: version, modules: data.map { $0 & 1 == 1 })
    }

    /// The outline of the dark modules as closed polygons (corner points in module units),
    /// to be filled with the even-odd rule. Tracing the boundary instead of drawing one
    /// square per module gives a path of about a third of the points, which is what keeps
    /// a thousand vector QR codes in a small PDF.
    public var outline: [[(x: Int, y: Int)]] {
        let n = size
        let stride = n + 1
        func dark(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < n && y < n && modules[y * n + x] }
        // Directed boundary edges, dark side always on the same hand, so that every corner
        // has as many edges leaving as arriving (at most two: where squares touch diagonally).
        var next = [Int32](repeating: -1, count: stride * stride * 2)
        var starts: [Int] = []
        func edge(_ fx: Int, _ fy: Int, _ tx: Int, _ ty: Int) {
            let from = (fy * stride + fx) * 2
            next[next[from] < 0 ? from : from + 1] = Int32(ty * stride + tx)
            starts.append(fy * stride + fx)
        }
        for y in 0..<n {
            for x in 0..<n where modules[y * n + x] {
                if !dark(x, y - 1) { edge(x + 1, y, x, y) }
                if !dark(x, y + 1) { edge(x, y + 1, x + 1, y + 1) }
                if !dark(x - 1, y) { edge(x, y, x, y + 1) }
                if !dark(x + 1, y) { edge(x + 1, y + 1, x + 1, y) }
            }
        }
        /// Takes an unused edge leaving `vertex`, if any.
        func take(_ vertex: Int) -> Int? {
            for slot in [vertex * 2 + 1, vertex * 2] where next[slot] >= 0 {
                defer { next[slot] = -1 }
                return Int(next[slot])
            }
            return nil
        }
        func straight(_ a: (x: Int, y: Int), _ b: (x: Int, y: Int), _ c: (x: Int, y: Int)) -> Bool {
            (a.x == b.x && b.x == c.x) || (a.y == b.y && b.y == c.y)
        }
        var polygons: [[(x: Int, y: Int)]] = []
        for start in starts {
            guard var to = take(start) else { continue }
            var points: [(x: Int, y: Int)] = [(start % stride, start / stride)]
            while true {
                let q = (x: to % stride, y: to / stride)
                // keep a corner only where the direction turns
                if points.count >= 2, straight(points[points.count - 2], points[points.count - 1], q) { points.removeLast() }
                if to == start { break }
                points.append(q)
                guard let after = take(to) else { break }
                to = after
            }
            // the start point may lie in the middle of a straight side
            if points.count >= 3, straight(points[points.count - 1], points[0], points[1]) { points.removeFirst() }
            polygons.append(points)
        }
        return polygons
    }
}

/// A QR code ready to draw: its size and outline, worked out ahead of drawing (on every
/// core, for a thousand badges) since cairo itself draws on one.
public struct QRDrawing: Sendable {
    public let size: Int
    public let outline: [[(x: Int, y: Int)]]

    public init(_ matrix: QRMatrix) {
        size = matrix.size
        outline = matrix.outline
    }

}

/// QR codes for a run of badges, worked out ahead of the drawing: chunk after chunk on
/// the other cores while cairo draws the chunk before (cairo draws on one core).
final class QRPipeline: @unchecked Sendable {
    private let texts: [String]
    private let chunk: Int
    private let results: ResultBox
    private var groups: [Int: DispatchGroup] = [:]

    init(_ texts: [String], chunk: Int = 64) {
        self.texts = texts
        self.chunk = chunk
        results = ResultBox(count: texts.count)
        start(chunk: 0)
        start(chunk: 1)
    }

    /// The i-th code, waiting for its chunk if need be; asking starts the chunk after next.
    func drawing(_ i: Int) -> Result<QRDrawing, QRMatrix.Failure> {
        let c = i / chunk
        if i % chunk == 0 { start(chunk: c + 2) }
        groups[c]?.wait()
        return results.get(i) ?? .failure(.cannotEncode(texts[i]))
    }

    private func start(chunk c: Int) {
        guard c * chunk < texts.count, groups[c] == nil else { return }
        let range = (c * chunk)..<min((c + 1) * chunk, texts.count)
        let group = DispatchGroup()
        groups[c] = group
        let texts = self.texts, results = self.results
        group.enter()
        DispatchQueue.global().async {
            DispatchQueue.concurrentPerform(iterations: range.count) { k in
                let i = range.lowerBound + k
                results.set(i, Result { () throws(QRMatrix.Failure) -> QRDrawing in QRDrawing(try QRMatrix.encode(texts[i])) })
            }
            group.leave()
        }
    }
}

/// Slots written from concurrentPerform, each by exactly one iteration, read by the drawer.
private final class ResultBox: @unchecked Sendable {
    private var slots: [Result<QRDrawing, QRMatrix.Failure>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<QRDrawing, QRMatrix.Failure>) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }
    func get(_ i: Int) -> Result<QRDrawing, QRMatrix.Failure>? {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}
