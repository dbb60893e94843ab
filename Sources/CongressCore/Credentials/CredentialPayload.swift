import Foundation

/// What a badge's QR code says (DESIGN.md "QR payload"): format version, the congress key's
/// id, the delegate's code, the credential's serial, and an Ed25519 signature over them, as
///
///     DH1.K7QXA.DB0123.1.<signature, 103 base32 characters>
///
/// ASCII, at most 140 characters, all in the QR alphanumeric alphabet (so a scanner with
/// Caps Lock or another keyboard layout's letters cannot change it), no personal data.
/// Encoded at ECC level M it fits QR version 7.
public struct CredentialPayload: Sendable, Hashable {
    public static let formatVersion = "DH1"
    public static let maximumLength = 140
    static let signatureLength = 64
    static let encodedSignatureLength = 103

    public var keyID: String
    public var code: String
    public var serial: Int
    public var signature: [UInt8]

    public init(keyID: String, code: String, serial: Int, signature: [UInt8]) {
        self.keyID = keyID
        self.code = code
        self.serial = serial
        self.signature = signature
    }

    /// The part the signature covers.
    public static func signedText(keyID: String, code: String, serial: Int) -> String {
        "\(formatVersion).\(keyID).\(code).\(serial)"
    }

    public var signedText: String { Self.signedText(keyID: keyID, code: code, serial: serial) }

    /// The text drawn in the QR code.
    public var text: String { signedText + "." + Base32.encode(signature) }

    /// Why a scanned text is not a payload at all.
    public enum Malformed: Error, Sendable, Hashable {
        case empty
        case tooLong(Int)
        case notASCII
        case wrongShape
        case unsupportedVersion(String)
        case badKeyID
        case badCode
        case badSerial
        case badSignatureEncoding
    }

    /// Reads a scanned text. Surrounding white space (a scanner's Enter, CR or Tab) and
    /// letter case are tolerated; anything else that differs from what was printed is not.
    public static func parse(_ scanned: String) -> Result<CredentialPayload, Malformed> {
        let trimmed = scanned.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .failure(.empty) }
        guard trimmed.utf8.count <= maximumLength else { return .failure(.tooLong(trimmed.utf8.count)) }
        guard trimmed.utf8.allSatisfy({ $0 < 0x80 }) else { return .failure(.notASCII) }
        // Scanners with Caps Lock on send lower case; upper-casing ASCII is all it takes.
        let text = trimmed.utf8.contains(where: { (0x61...0x7A).contains($0) }) ? trimmed.uppercased() : trimmed
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5 else { return .failure(.wrongShape) }
        guard parts[0] == formatVersion else { return .failure(.unsupportedVersion(String(parts[0]))) }
        guard parts[1].utf8.count == CongressKeyID.length, parts[1].utf8.allSatisfy({ Base32.values[Int($0)] != 0xFF }) else {
            return .failure(.badKeyID)
        }
        guard let code = Delegate.normalisedCode(String(parts[2])), code == parts[2] else { return .failure(.badCode) }
        guard let serial = Int(parts[3]), serial >= 1, serial <= 999_999, String(serial) == parts[3] else {
            return .failure(.badSerial)
        }
        guard parts[4].utf8.count == encodedSignatureLength, let signature = Base32.decode(parts[4]),
              signature.count == signatureLength else {
            return .failure(.badSignatureEncoding)
        }
        return .success(CredentialPayload(keyID: String(parts[1]), code: code, serial: serial, signature: signature))
    }
}

/// A delegate's credential by code and serial: what a revocation names.
public struct CredentialID: Sendable, Hashable, Codable {
    public var code: String
    public var serial: Int
    public init(code: String, serial: Int) {
        self.code = code
        self.serial = serial
    }
}
