import Crypto
import Foundation

/// The congress's key id: the first five base32 characters of the SHA-256 of its Ed25519
/// public key. Printed in every payload so a kiosk knows which key to check it with.
public enum CongressKeyID {
    public static let length = 5

    public static func of(publicKey: some DataProtocol) -> String {
        String(Base32.encode(Array(SHA256.hash(data: publicKey))).prefix(length))
    }
}

/// The congress's signing key (Ed25519, swift-crypto). Only `congress` holds it, in a file
/// beside the database; kiosks get the public key alone and verify badges offline.
public struct CongressSigningKey: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey
    public let keyID: String

    public init() {
        self.init(privateKey: Curve25519.Signing.PrivateKey())
    }

    public init(rawRepresentation: some ContiguousBytes) throws {
        self.init(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation))
    }

    init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
        self.keyID = CongressKeyID.of(publicKey: privateKey.publicKey.rawRepresentation)
    }

    public var rawRepresentation: Data { privateKey.rawRepresentation }
    public var publicKey: Data { privateKey.publicKey.rawRepresentation }

    /// An Ed25519 signature over `text` (ballot serials use this).
    public func signature(for text: String) throws -> [UInt8] {
        Array(try privateKey.signature(for: Data(text.utf8)))
    }

    /// The payload for one credential.
    public func payload(code: String, serial: Int) throws -> CredentialPayload {
        let text = CredentialPayload.signedText(keyID: keyID, code: code, serial: serial)
        let signature = try privateKey.signature(for: Data(text.utf8))
        return CredentialPayload(keyID: keyID, code: code, serial: serial, signature: Array(signature))
    }
}
