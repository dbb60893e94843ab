import CongressCore
@testable import Documents
import PropertyBased
import Testing

@Suite("QR matrix")
struct QRMatrixTests {
    @Test func longestPayloadFitsVersionSevenWithHalfMillimetreModules() throws {
        let key = CongressSigningKey()
        let text = try key.payload(code: "ABCDEFGHIJKLMNOP", serial: 999_999).text
        let matrix = try QRMatrix.encode(text)
        #expect(matrix.version <= 7)
        #expect(BadgeRenderer.qrSide / Double(matrix.size + 8) >= 0.5, "modules at least 0.5 mm with a 4-module quiet zone")
        let usual = try QRMatrix.encode(try key.payload(code: "DB0123", serial: 1).text)
        #expect(usual.version <= 5)
        #expect(throws: QRMatrix.Failure.self) { try QRMatrix.encode(String(repeating: "A", count: 300)) }
    }

    /// The traced outline, filled even-odd, covers exactly the dark modules.
    @Test func outlineCoversExactlyTheDarkModules() async {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.-")
        let input = Gen.int(in: 0..<alphabet.count).array(of: 1...150)
        await propertyCheck(count: 40, input: input) { indices in
            let text = String(indices.map { alphabet[$0] })
            guard let matrix = try? QRMatrix.encode(text, maximumVersion: 40) else { Issue.record("encode"); return }
            let polygons = matrix.outline
            for y in 0..<matrix.size {
                for x in 0..<matrix.size {
                    let inside = Self.evenOddContains(polygons, Double(x) + 0.5, Double(y) + 0.5)
                    if inside != matrix[x, y] { Issue.record("module \(x),\(y) of \(text)"); return }
                }
            }
            let corners = polygons.reduce(0) { $0 + $1.count }
            let squares = (0..<matrix.size * matrix.size).filter { matrix[$0 % matrix.size, $0 / matrix.size] }.count * 4
            #expect(corners < squares / 2, "the outline is far smaller than one square per module")
        }
    }

    static func evenOddContains(_ polygons: [[(x: Int, y: Int)]], _ px: Double, _ py: Double) -> Bool {
        var inside = false
        for polygon in polygons {
            var j = polygon.count - 1
            for i in polygon.indices {
                let (xi, yi) = (Double(polygon[i].x), Double(polygon[i].y))
                let (xj, yj) = (Double(polygon[j].x), Double(polygon[j].y))
                if (yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi { inside.toggle() }
                j = i
            }
        }
        return inside
    }
}
