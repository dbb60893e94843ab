import CongressCore
@testable import CongressStore
import Foundation
import Testing
import TestSupport

@Suite("Audit log")
struct AuditLogTests {
    /// A congress with a few logged changes: create, import, sitting, admissions.
    func congressWithHistory() throws -> TemporaryCongress {
        let congress = try TemporaryCongress()
        let delegates = DelegateGen.fixedList(count: 20)
        try congress.store.importDelegates(delegates, source: "a.csv", actor: "test")
        _ = try congress.store.openSitting(name: "Phiên thứ nhất", actor: "test")
        for d in delegates.prefix(3) { try congress.store.recordAdmission(code: d.code, station: "A", actor: "kiosk:A") }
        return congress
    }

    @Test func intactChainVerifies() throws {
        let congress = try congressWithHistory()
        let entries = try congress.store.auditEntries()
        #expect(entries.count == 6)
        #expect(entries.map(\.seq) == [1, 2, 3, 4, 5, 6])
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $1.previousHash == $0.hash })
        #expect(try congress.store.verifyAudit() == .intact(entries: 6))
    }

    @Test func theDatabaseRefusesEditsAndDeletes() throws {
        let congress = try congressWithHistory()
        #expect(throws: (any Error).self) { try congress.tamper("UPDATE audit_log SET actor = 'x' WHERE seq = 2") }
        #expect(throws: (any Error).self) { try congress.tamper("DELETE FROM audit_log WHERE seq = 2") }
        #expect(try congress.store.verifyAudit() == .intact(entries: 6))
    }

    @Test func editedEntryIsNamed() throws {
        let congress = try congressWithHistory()
        try congress.tamper("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone else' WHERE seq = 4")
        let result = try congress.store.verifyAudit()
        #expect(result == .broken(seq: 4, problem: .edited))
        #expect(result.message(.vi).contains("mục 4"))
        #expect(result.message(.en).contains("entry 4"))
    }

    @Test func editedEntryWithRecomputedHashBreaksTheNextLink() throws {
        let congress = try congressWithHistory()
        let entries = try congress.store.auditEntries()
        var forged = entries[2]
        forged.subject = "forged"
        let hash = AuditLog.hash(of: forged)
        try congress.tamper("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET subject = 'forged', hash = '\(hash)' WHERE seq = 3")
        #expect(try congress.store.verifyAudit() == .broken(seq: 4, problem: .chainBroken))
    }

    @Test func deletedEntryIsNamed() throws {
        let congress = try congressWithHistory()
        try congress.tamper("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3")
        #expect(try congress.store.verifyAudit() == .broken(seq: 4, problem: .missing(from: 3)))
    }

    @Test func deletedNewestEntryIsNoticed() throws {
        let congress = try congressWithHistory()
        try congress.tamper("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 6")
        #expect(try congress.store.verifyAudit() == .broken(seq: 5, problem: .truncated(lastWritten: 6)))
    }
}
