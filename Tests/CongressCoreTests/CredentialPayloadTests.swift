@testable import CongressCore
import Foundation
import PropertyBased
import Testing

@Suite("Credential payloads")
struct CredentialPayloadTests {
    static let key = CongressSigningKey()
    static let alphanumeric = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")

    var verifier: CredentialVerifier { CredentialVerifier(publicKeys: [Self.key.keyID: Self.key.publicKey]) }

    @Test func base32RoundTripAndCanonicalForm() {
        for count in 0...70 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        // the last character of 64 bytes carries 3 unused bits: only zeros are accepted
        let sig = Base32.encode([UInt8](repeating: 0xFF, count: 64))
        #expect(sig.hasSuffix("Y"))  // 11000: two bits of data, three of padding
        #expect(Base32.decode(sig.dropLast() + "Z") == nil)
        #expect(Base32.decode(sig.dropLast() + "Y")?.count == 64)
        #expect(Base32.decode("MZXW6YTBO1") == nil)
    }

    @Test func longestCodeStaysWithinLimits() throws {
        let text = try Self.key.payload(code: "ABCDEFGHIJKLMNOP", serial: 999_999).text
        #expect(text.count <= 140)
        #expect(verifier.check(text) == .valid(CredentialID(code: "ABCDEFGHIJKLMNOP", serial: 999_999)))
    }

    @Test func whitespaceAndCaseAreTolerated() throws {
        let text = try Self.key.payload(code: "DB0123", serial: 2).text
        for variant in ["  \(text)\r\n", "\t\(text)\t", text.lowercased(), "\(text.lowercased())\n"] {
            #expect(verifier.check(variant) == .valid(CredentialID(code: "DB0123", serial: 2)))
        }
    }

    /// Every single-character change, at every position, to every other character of the
    /// QR alphanumeric alphabet (and a few outside it), is refused.
    @Test(arguments: ["DB0001", "K-7", "Z9"])
    func everySingleCharacterChangeIsRefused(_ code: String) throws {
        let text = Array(try Self.key.payload(code: code, serial: 3).text)
        let replacements = Self.alphanumeric + Array("_éĐ\u{0}")
        for i in text.indices {
            for c in replacements where c != text[i] && String(c).uppercased() != String(text[i]) {
                var changed = text
                changed[i] = c
                let check = verifier.check(String(changed))
                guard case .valid = check else { continue }
                Issue.record("position \(i): \(text[i]) → \(c) was accepted")
            }
        }
    }

    @Test func randomCorruptionsAreRefused() async {
        let input = zip(Gen.int(in: 0...10_000), Gen.int(in: 0..<200), Gen.int(in: 0..<44))
        await propertyCheck(count: 300, input: input) { serial, position, replacement in
            guard let text = try? Array(Self.key.payload(code: "DB\(serial)", serial: serial % 999 + 1).text) else {
                Issue.record("cannot sign"); return
            }
            var changed = text
            let i = position % text.count
            let c = Self.alphanumeric[replacement]
            guard c != text[i] else { return }
            changed[i] = c
            if case .valid = verifier.check(String(changed)) { Issue.record("\(String(changed)) accepted") }
        }
    }

    @Test func otherKeysRevocationsAndMalformedTexts() throws {
        let other = CongressSigningKey()
        let foreign = try other.payload(code: "DB0001", serial: 1).text
        #expect(verifier.check(foreign) == .unknownKey(other.keyID))
        // a forged payload claiming this congress's key id
        let forged = foreign.replacingOccurrences(of: other.keyID, with: Self.key.keyID)
        #expect(verifier.check(forged) == .badSignature)
        #expect(verifier.check(forged).verdict == "invalid_signature")

        let id = CredentialID(code: "DB0001", serial: 1)
        let revoking = CredentialVerifier(publicKeys: [Self.key.keyID: Self.key.publicKey], revoked: [id])
        #expect(revoking.check(try Self.key.payload(code: "DB0001", serial: 1).text) == .revoked(id))
        #expect(revoking.check(try Self.key.payload(code: "DB0001", serial: 2).text) == .valid(CredentialID(code: "DB0001", serial: 2)))

        for text in ["", "   ", "hello", "DH2.AAAAA.DB1.1.AAAA", String(repeating: "A", count: 141), "DH1.AAAAA.DB1.01.AAAA", "DH1.AAAAA.DB1.1.AAAA.", "Đại biểu"] {
            guard case .malformed = verifier.check(text) else { Issue.record("«\(text)» not malformed"); continue }
        }
    }
}
