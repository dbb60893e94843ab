import Foundation

/// Paths of the repository's fixtures/, found from this file's place in the tree.
public enum Fixtures {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let directory = root.appendingPathComponent("fixtures")

    public static func path(_ relative: String) -> String {
        directory.appendingPathComponent(relative).path
    }

    /// The bad files, each with its expected errors beside it.
    public static func badFiles() -> [String] {
        let dir = directory.appendingPathComponent("bad")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected.json") }.sorted()
    }

    /// A fresh temporary directory, removed by the caller.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("congress-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
