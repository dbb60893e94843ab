import CongressCore
import CongressStore
import Foundation
import Testing
import TestSupport

@Suite("congress credentials, end to end")
struct CredentialCommandTests {
    @Test func verifyReissueAndExitStatuses() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        let listed = try cli.run(["credentials", "--json"])
        #expect(listed.status == 0, "\(listed.err)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
        #expect(rows.count == 300)
        let payload = try #require(rows.first { $0["code"] as? String == "DB0042" }?["payload"] as? String)

        let valid = try cli.run(["credentials", "verify", payload])
        #expect(valid.status == 0)
        #expect(valid.out == "valid DB0042\n")
        #expect(try cli.run(["credentials", "verify", " \(payload.lowercased())\t"]).out == "valid DB0042\n")

        var tampered = Array(payload)
        tampered[tampered.count - 10] = tampered[tampered.count - 10] == "A" ? "B" : "A"
        let bad = try cli.run(["credentials", "verify", String(tampered), "--json"])
        #expect(bad.status == 1)
        #expect(bad.out.contains("\"invalid_signature\""))
        let malformed = try cli.run(["credentials", "verify", "not a badge"])
        #expect(malformed.status == 2)
        #expect(malformed.out == "malformed\n")

        let reissued = try cli.run(["reissue", "db0042", "--reason", "mất thẻ"])
        #expect(reissued.status == 0, "\(reissued.err)")
        let newPayload = reissued.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(newPayload.contains(".DB0042.2."))
        let old = try cli.run(["credentials", "verify", payload])
        #expect(old.status == 1)
        #expect(old.out == "revoked\n")
        #expect(try cli.run(["credentials", "verify", newPayload]).out == "valid DB0042\n")
        #expect(try cli.run(["audit", "list"]).out.contains("credential.reissue\tDB0042"))
        #expect(try cli.run(["reissue", "NOPE"]).status == 2)
    }

    @Test func privateKeyStaysInItsFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        let keyPath = cli.db + ".key"
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let key = try SigningKeyFile.load(from: keyPath)
        let secret = key.rawRepresentation
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        _ = try cli.run(["credentials"])
        let exported = try cli.run(["key", "export"])
        #expect(exported.out.contains(key.keyID))
        #expect(exported.out.contains(key.publicKey.base64EncodedString()))
        for output in [exported.out, try cli.run(["audit", "list"]).out, try cli.run(["credentials", "--json"]).out,
                       try cli.run(["delegates", "--json"]).out] {
            #expect(!output.contains(secret.base64EncodedString()))
        }
        // nor anywhere in the database files
        for suffix in ["", "-wal", "-shm"] {
            guard let bytes = FileManager.default.contents(atPath: cli.db + suffix) else { continue }
            #expect(bytes.range(of: secret) == nil, "congress.db\(suffix)")
            #expect(bytes.range(of: Data(secret.base64EncodedString().utf8)) == nil)
        }
        // a second init never replaces the key
        #expect(try cli.run(["init", "--name", "X"]).status == 2)
        #expect(try SigningKeyFile.load(from: keyPath).publicKey == key.publicKey)
    }
}
