import Foundation

/// Scan files an attacker, a full disk or a wrong scanner setting would hand the counting
/// desk, written from their formats' descriptions (PDF 1.7 §7.5, PNG §11.2), not from the
/// reader that refuses them.
public enum HostileScans {
    /// A valid PDF of `pages` blank A5 pages: tiny on disk, thousands of pages if asked.
    public static func blankPDF(pages: Int) -> Data {
        var objects: [String] = []
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Count \(pages) /Kids [\(kids)] >>")
        for _ in 0..<pages { objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] >>") }
        var out = "%PDF-1.7\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    /// A real PNG, white, `width` × `height` grey pixels: a few hundred kilobytes on disk,
    /// hundreds of megabytes once decoded (zlib through python3's standard library).
    public static func hugePNG(width: Int, height: Int, to path: String) throws {
        let script = """
            import struct, sys, zlib
            w, h = \(width), \(height)
            def chunk(kind, data):
                return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
            z = zlib.compressobj(9)
            row = b'\\x00' + b'\\xff' * w
            body = b''.join(z.compress(row) for _ in range(h)) + z.flush()
            png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) + chunk(b'IDAT', body) + chunk(b'IEND', b'')
            open(sys.argv[1], 'wb').write(png)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// The peak resident memory of this process so far, in megabytes (VmHWM).
    public static func peakMegabytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""  // not Linux: 0, and the check says so
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }
}
