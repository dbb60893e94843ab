import CQRencode

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
        func dark(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < n && y < n && self[x, y] }
        // Directed boundary edges, dark side always on the same hand, so that every corner
        // has as many edges leaving as arriving.
        var outgoing: [Int: [Int]] = [:]
        var count = 0
        func edge(_ from: (Int, Int), _ to: (Int, Int)) {
            outgoing[from.1 * stride + from.0, default: []].append(to.1 * stride + to.0)
            count += 1
        }
        for y in 0..<n {
            for x in 0..<n where self[x, y] {
                if !dark(x, y - 1) { edge((x + 1, y), (x, y)) }
                if !dark(x, y + 1) { edge((x, y + 1), (x + 1, y + 1)) }
                if !dark(x - 1, y) { edge((x, y), (x, y + 1)) }
                if !dark(x + 1, y) { edge((x + 1, y + 1), (x + 1, y)) }
            }
        }
        var polygons: [[(x: Int, y: Int)]] = []
        var used = 0
        while used < count, let start = outgoing.first(where: { !$0.value.isEmpty })?.key {
            var points: [(x: Int, y: Int)] = []
            var at = start
            repeat {
                guard let next = outgoing[at]?.popLast() else { break }
                used += 1
                let p = (x: at % stride, y: at / stride)
                let q = (x: next % stride, y: next / stride)
                // keep a corner only where the direction turns
                if points.count >= 2 {
                    let a = points[points.count - 2], b = points[points.count - 1]
                    if (a.x == b.x && b.x == q.x) || (a.y == b.y && b.y == q.y) { points.removeLast() }
                }
                if points.isEmpty { points.append(p) }
                points.append(q)
                at = next
            } while at != start
            if points.count > 1, let first = points.first, let last = points.last, first == last { points.removeLast() }
            // the start point may lie in the middle of a straight side
            if points.count >= 3 {
                let a = points[points.count - 1], b = points[0], c = points[1]
                if (a.x == b.x && b.x == c.x) || (a.y == b.y && b.y == c.y) { points.removeFirst() }
            }
            polygons.append(points)
        }
        return polygons
    }
}
