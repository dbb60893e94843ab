import Foundation

/// The small QR printed beside a ballot's serial: the serial signed with the congress key,
///
///     PB1.K7QXA.E3.H2M9PC.<signature, 103 base32 characters>
///
/// so that at entry a scanned ballot that the committee did not print (a photocopy with
/// an invented serial, another election's paper) is told apart (DESIGN.md, elections).
/// The QR alphanumeric alphabet only, like the badge payload.
public struct BallotSerialCode: Sendable, Hashable {
    public static let formatVersion = "PB1"
    public var keyID: String
    public var election: Int64
    public var serial: String
    public var signature: [UInt8]

    public static func signedText(keyID: String, election: Int64, serial: String) -> String {
        "\(formatVersion).\(keyID).E\(election).\(serial)"
    }

    public var text: String { Self.signedText(keyID: keyID, election: election, serial: serial) + "." + Base32.encode(signature) }

    public static func sign(election: Int64, serial: String, with key: CongressSigningKey) throws -> BallotSerialCode {
        let signature = try key.signature(for: signedText(keyID: key.keyID, election: election, serial: serial))
        return BallotSerialCode(keyID: key.keyID, election: election, serial: serial, signature: signature)
    }

    /// Reads a scanned code; nil when it is not one (then it is a serial typed by hand).
    public static func parse(_ scanned: String) -> BallotSerialCode? {
        let parts = scanned.trimmingCharacters(in: .whitespaces).uppercased().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == Substring(formatVersion), parts[2].hasPrefix("E"),
              let election = Int64(parts[2].dropFirst()), !parts[3].isEmpty, parts[3].count <= 32,
              let signature = Base32.decode(String(parts[4])), signature.count == 64 else { return nil }
        return BallotSerialCode(keyID: String(parts[1]), election: election, serial: String(parts[3]), signature: signature)
    }

    public func isGenuine(for election: Int64, verifier: CredentialVerifier) -> Bool {
        self.election == election
            && verifier.isValidSignature(signature, keyID: keyID, text: Self.signedText(keyID: keyID, election: election, serial: serial))
    }
}
