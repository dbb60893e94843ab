import CongressCore
@testable import CongressStore
import Documents
import Foundation
import Testing
import TestSupport

@Suite("The congress file")
struct StoreTests {
    @Test func createOpenAndSettings() throws {
        let congress = try TemporaryCongress()
        #expect(try congress.store.congress().name == "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI")
        #expect(try congress.store.congress().term == "2023-2028")
        #expect(try congress.store.journalMode() == "wal")
        #expect(try congress.store.writerSynchronousMode() == 2, "synchronous = FULL")
        let reopened = try CongressStore.open(at: congress.path)
        #expect(try reopened.writerSynchronousMode() == 2)
        #expect(throws: StoreError.alreadyExists(path: congress.path)) {
            try CongressStore.create(at: congress.path, congress: Congress(name: "x"), actor: "test")
        }
        #expect { try CongressStore.create(at: "/nonexistent-folder/c.db", congress: Congress(name: "x"), actor: "t") } throws: {
            if case .cannotCreate(let path, _) = $0 as? StoreError { return path == "/nonexistent-folder/c.db" }
            return false
        }
        #expect(throws: StoreError.missing(path: congress.directory.path + "/none.db")) {
            try CongressStore.open(at: congress.directory.path + "/none.db")
        }
    }

    @Test func notACongressFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.db").path
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try CongressStore.open(at: path) } throws: { error in
            if case .notACongress = error as? StoreError { return true }
            return false
        }
    }

    @Test func importFixtureThenReimportChangesNothing() throws {
        let congress = try TemporaryCongress()
        let delegates = try DelegateListFile.read(path: Fixtures.path("delegates.xlsx")).validated()
        let first = try congress.store.importDelegates(delegates, source: "delegates.xlsx", actor: "test")
        #expect(first.added.count == 300)
        #expect(try congress.store.delegates().count == 300)
        #expect(try Set(congress.store.delegates()) == Set(delegates))
        #expect(try congress.store.delegations().count == 13)
        let before = try congress.dump()
        let again = try congress.store.importDelegates(delegates, source: "delegates.xlsx", actor: "test")
        #expect(again.isEmpty)
        #expect(again.unchanged == 300)
        #expect(try congress.dump() == before, "re-importing the same list writes nothing, not even to the audit log")
    }

    @Test func updatedListReportsAddedChangedRemoved() throws {
        let congress = try TemporaryCongress()
        let original = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        try congress.store.importDelegates(original, source: "delegates.csv", actor: "test")
        let updated = try DelegateListFile.read(path: Fixtures.path("delegates-updated.csv")).validated()
        let changes = try congress.store.importDelegates(updated, source: "delegates-updated.csv", actor: "test")
        // fixtures/delegates-updated.txt says what the generator changed
        let expected = try String(contentsOfFile: Fixtures.path("delegates-updated.txt"), encoding: .utf8)
            .split(separator: "\n").reduce(into: [String: [String]]()) { map, line in
                let words = line.split(separator: " ").map(String.init)
                map[words[0]] = Array(words.dropFirst())
            }
        #expect(changes.added.map(\.code) == expected["added"])
        #expect(changes.removed.map(\.code) == expected["removed"])
        #expect(changes.changed.map(\.after.code) == expected["changed"])
        #expect(try Set(congress.store.delegates()) == Set(updated))
        let entry = try #require(try congress.store.auditEntries().last)
        #expect(entry.action == "delegates.import")
        #expect(entry.details.contains("\"removed\":[\"DB0121\"]"))
    }

    @Test func admittedDelegateIsNeverSilentlyRemoved() throws {
        let congress = try TemporaryCongress()
        let original = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        try congress.store.importDelegates(original, source: "delegates.csv", actor: "test")
        _ = try congress.store.openSitting(name: "Phiên trù bị", actor: "test")
        try congress.store.recordAdmission(code: "DB0121", station: "A", actor: "test")
        let before = try congress.dump()
        let updated = try DelegateListFile.read(path: Fixtures.path("delegates-updated.csv")).validated()
        #expect { try congress.store.importDelegates(updated, source: "u.csv", actor: "test") } throws: { error in
            guard case .wouldRemoveAdmitted(let refused) = error as? StoreError else { return false }
            return refused.map(\.code) == ["DB0121"]
        }
        #expect(try congress.dump() == before, "a refused import changes nothing")
        #expect(StoreError.wouldRemoveAdmitted([original[120]]).message(.vi).contains("DB0121"))
    }
}

@Suite("Credentials in the store")
struct CredentialStoreTests {
    @Test func importIssuesReissueRevokesRemovalRevokes() throws {
        let congress = try TemporaryCongress()
        let key = CongressSigningKey()
        try congress.store.registerSigningKey(PublicSigningKey(keyID: key.keyID, publicKey: key.publicKey), actor: "t")
        let delegates = DelegateGen.fixedList(count: 10)
        try congress.store.importDelegates(delegates, source: "a", actor: "t")
        #expect(try congress.store.credentials().map(\.serial) == Array(repeating: 1, count: 10))
        #expect(try congress.store.credentials().allSatisfy { $0.payload == nil })
        #expect(try congress.store.signPendingCredentials(with: key) == 10)
        #expect(try congress.store.signPendingCredentials(with: key) == 0)
        let first = try #require(try congress.store.credentials().first)
        let oldPayload = try #require(first.payload)
        #expect(try congress.store.credentialVerifier().check(oldPayload) == .valid(CredentialID(code: first.code, serial: 1)))

        let new = try congress.store.reissueCredential(code: first.code, reason: "mất thẻ", actor: "secretariat", key: key)
        #expect(new.serial == 2)
        let verifier = try congress.store.credentialVerifier()
        #expect(verifier.check(oldPayload) == .revoked(CredentialID(code: first.code, serial: 1)))
        #expect(verifier.check(try #require(new.payload)) == .valid(CredentialID(code: first.code, serial: 2)))
        let entry = try #require(try congress.store.auditEntries().last)
        #expect(entry.action == "credential.reissue")
        #expect(entry.actor == "secretariat")
        #expect(entry.details.contains("mất thẻ"))
        #expect(throws: StoreError.unknownDelegate(code: "NOPE")) {
            try congress.store.reissueCredential(code: "NOPE", reason: "x", actor: "t", key: key)
        }

        // removed from the list: revoked; added back: a new serial, never the old one again
        try congress.store.importDelegates(Array(delegates.dropFirst()), source: "b", actor: "t")
        #expect(try congress.store.credentialVerifier().check(try #require(new.payload)) == .revoked(CredentialID(code: first.code, serial: 2)))
        try congress.store.importDelegates(delegates, source: "c", actor: "t")
        #expect(try congress.store.credentials().first { $0.code == first.code }?.serial == 3)
    }

    @Test func keyFileIsOwnerOnlyAndNeverOverwritten() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("c.db.key").path
        let key = CongressSigningKey()
        try SigningKeyFile.create(key, at: path)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try SigningKeyFile.load(from: path).publicKey == key.publicKey)
        #expect(throws: StoreError.alreadyExists(path: path)) { try SigningKeyFile.create(CongressSigningKey(), at: path) }
        #expect(try SigningKeyFile.load(from: path).keyID == key.keyID)
        try Data("congress-ed25519-private-key-v1\nAAAAA\nxx\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.keyDamaged(path: path)) { try SigningKeyFile.load(from: path) }
        #expect(throws: StoreError.keyMissing(path: path + "x")) { try SigningKeyFile.load(from: path + "x") }
    }
}
