import CongressCore
import Documents
import Testing
import TestSupport

@Suite("Credentials of the fixture congress")
struct CredentialFixtureTests {
    static let alphanumeric = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")

    @Test func everyFixtureDelegateRoundTrips() throws {
        let key = CongressSigningKey()
        let verifier = CredentialVerifier(publicKeys: [key.keyID: key.publicKey])
        let delegates = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        #expect(delegates.count == 300)
        for d in delegates {
            let payload = try key.payload(code: d.code, serial: 1)
            let text = payload.text
            #expect(text.count <= CredentialPayload.maximumLength)
            #expect(text.allSatisfy { Self.alphanumeric.contains($0) }, "QR alphanumeric alphabet")
            #expect(text.split(separator: ".").count == 5)
            #expect(try CredentialPayload.parse(text).get() == payload)
            #expect(verifier.check(text) == .valid(CredentialID(code: d.code, serial: 1)))
        }
    }
}
