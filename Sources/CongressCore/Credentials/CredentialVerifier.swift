import Crypto
import Foundation

/// What checking a scanned payload found, before the roster is consulted.
public enum CredentialCheck: Sendable, Hashable {
    case valid(CredentialID)
    case malformed(CredentialPayload.Malformed)
    /// Signed with a key this congress does not know.
    case unknownKey(String)
    case badSignature
    /// Genuine but withdrawn (the badge was reissued, or the delegate removed).
    case revoked(CredentialID)

    /// The word `congress credentials verify` prints: valid, revoked, invalid_signature, malformed.
    public var verdict: String {
        switch self {
        case .valid: "valid"
        case .malformed: "malformed"
        case .unknownKey, .badSignature: "invalid_signature"
        case .revoked: "revoked"
        }
    }
}

/// Checks payloads with the congress's public keys and a set of revoked credentials.
/// Pure and offline: the kiosk holds one of these.
public struct CredentialVerifier: Sendable {
    let keys: [String: Curve25519.Signing.PublicKey]
    public var revoked: Set<CredentialID>

    /// `publicKeys` by key id; keys whose bytes are not an Ed25519 public key are left out.
    public init(publicKeys: [String: Data], revoked: Set<CredentialID> = []) {
        var keys: [String: Curve25519.Signing.PublicKey] = [:]
        for (id, raw) in publicKeys {
            if let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) { keys[id] = key }
        }
        self.keys = keys
        self.revoked = revoked
    }

    public func check(_ scanned: String) -> CredentialCheck {
        applyingRevocations(to: checkSignature(scanned))
    }

    /// The check without the revocation set: the costly part (Ed25519), which a server can
    /// do for many scans at once before it looks at revocations inside its transaction.
    public func checkSignature(_ scanned: String) -> CredentialCheck {
        let payload: CredentialPayload
        switch CredentialPayload.parse(scanned) {
        case .failure(let why): return .malformed(why)
        case .success(let p): payload = p
        }
        guard let key = keys[payload.keyID] else { return .unknownKey(payload.keyID) }
        guard key.isValidSignature(payload.signature, for: Data(payload.signedText.utf8)) else { return .badSignature }
        return .valid(CredentialID(code: payload.code, serial: payload.serial))
    }

    /// Whether `signature` over `text` was made with the congress key `keyID`.
    public func isValidSignature(_ signature: [UInt8], keyID: String, text: String) -> Bool {
        guard let key = keys[keyID] else { return false }
        return key.isValidSignature(signature, for: Data(text.utf8))
    }

    /// A signature check made earlier, with this verifier's revocations applied.
    public func applyingRevocations(to check: CredentialCheck) -> CredentialCheck {
        guard case .valid(let id) = check, revoked.contains(id) else { return check }
        return .revoked(id)
    }
}
