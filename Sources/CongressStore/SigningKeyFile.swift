import CongressCore
import Foundation

/// The congress's private key, in a file beside the database (`congress.db.key`), readable
/// by its owner only (0600). It never enters the database, an export, a log or an answer.
public enum SigningKeyFile {
    static let header = "congress-ed25519-private-key-v1"

    public static func path(forDatabase databasePath: String) -> String { databasePath + ".key" }

    /// Writes a new key; refuses to overwrite one.
    public static func create(_ key: CongressSigningKey, at path: String) throws(StoreError) {
        let text = "\(header)\n\(key.keyID)\n\(key.rawRepresentation.base64EncodedString())\n"
        // O_EXCL: never replace an existing key; 0600 from the first byte, not chmod after.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .alreadyExists(path: path) }
            throw .cannotCreate(path: path, detail: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw .cannotCreate(path: path, detail: String(cString: strerror(errno)))
        }
    }

    public static func load(from path: String) throws(StoreError) -> CongressSigningKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .keyMissing(path: path) }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.count >= 3, lines[0] == header, let raw = Data(base64Encoded: lines[2]),
              let key = try? CongressSigningKey(rawRepresentation: raw), key.keyID == lines[1] else {
            throw .keyDamaged(path: path)
        }
        return key
    }
}
