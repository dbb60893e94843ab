import CongressCore
import CongressStore
import Documents
import Foundation
import Testing
import TestSupport

/// Absence reasons: where they apply, what the rules refuse (changing nothing), and the
/// elections' convened base taken from the whole-congress absences.
@Suite("Absence reasons")
struct AbsenceTests {
    func congress() throws -> TemporaryCongress {
        let congress = try TemporaryCongress()
        let delegates = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        _ = try congress.store.importDelegates(delegates, source: "delegates.csv", actor: "test")
        return congress
    }

    @Test func aSittingsReasonOverridesTheWholeCongressOne() throws {
        let c = try congress()
        let store = c.store
        // before any sitting: only the whole congress can be meant
        #expect(throws: StoreError.noOpenSitting) { try store.recordAbsence(code: "DB0010", reason: "Ốm", scope: nil, actor: "test") }
        try store.recordAbsence(code: "DB0010", reason: "Đi công tác", scope: .wholeCongress, actor: "test")
        let first = try store.openSitting(name: "Phiên trù bị", actor: "test")
        try store.recordAbsence(code: "DB0011", reason: "Ốm", scope: nil, actor: "test")
        #expect(Absence.reasons(try store.absences(), sitting: first.id) == ["DB0010": "Đi công tác", "DB0011": "Ốm"])
        _ = try store.closeSitting(actor: "test")
        let second = try store.openSitting(name: "Phiên chính thức", actor: "test")
        try store.recordAbsence(code: "DB0010", reason: "Về sớm, có báo cáo", scope: nil, actor: "test")
        #expect(Absence.reasons(try store.absences(), sitting: second.id) == ["DB0010": "Về sớm, có báo cáo"])
        #expect(Absence.reasons(try store.absences(), sitting: first.id) == ["DB0010": "Đi công tác", "DB0011": "Ốm"])
        #expect(try store.attendanceReport().rows.first { $0.code == "DB0010" }?.reason == "Về sớm, có báo cáo")
        #expect(try store.attendanceReport(sitting: first.id).rows.first { $0.code == "DB0011" }?.reason == "Ốm")
        try store.clearAbsence(code: "DB0010", scope: nil, actor: "test")
        #expect(try store.attendanceReport().rows.first { $0.code == "DB0010" }?.reason == "Đi công tác")
        #expect(throws: StoreError.self) { try store.clearAbsence(code: "DB0010", scope: nil, actor: "test") }
    }

    @Test func refusalsChangeNothing() throws {
        let c = try congress()
        let store = c.store
        let sitting = try store.openSitting(name: "Phiên trù bị", actor: "test")
        try store.recordAdmission(code: "DB0001", station: "Cửa A", actor: "test")
        let before = try c.dump()
        let refused: [(String, String, Absence.Scope?)] = [
            ("DB0001", "Ốm", nil),                  // already in
            ("DB0001", "Ốm", .wholeCongress),       // came to a sitting
            ("DB0049", "Ốm", nil),                  // a guest holds no seat
            ("DB0002", " \n ", nil),                // no reason
            ("DB9999", "Ốm", nil),                  // no such delegate
            ("DB0002", "Ốm", .sitting(sitting.id + 7)),  // no such sitting
        ]
        for (code, reason, scope) in refused {
            #expect(throws: StoreError.self, "\(code) «\(reason)»") {
                try store.recordAbsence(code: code, reason: reason, scope: scope, actor: "test")
            }
        }
        #expect(try c.dump() == before)
    }

    @Test func theConvenedBaseLeavesOutTheWholeCongressAbsent() throws {
        let c = try congress()
        let store = c.store
        try store.recordAbsence(code: "DB0003", reason: "Ốm dài ngày", scope: .wholeCongress, actor: "test")
        try store.recordAbsence(code: "DB0004", reason: "Đi học nước ngoài", scope: .wholeCongress, actor: "test")
        #expect(try store.absentWholeCongress() == 2)
        let recorded = try store.createElection(body: .executiveCommittee, title: "Bầu BCH", seats: 5, thresholdBase: .convened, actor: "test")
        #expect(recorded.absentWholeCongress == 2)
        let given = try store.createElection(body: .inspectionCommittee, title: "Bầu UBKT", seats: 3, thresholdBase: .convened,
                                             absentWholeCongress: 0, actor: "test")
        #expect(given.absentWholeCongress == 0, "a number given is kept")
        // an alternate takes DB0003's seat: DB0003 no longer holds one to leave empty
        _ = try store.substitute(alternate: "DB0051", replaced: "DB0003", decision: "QĐ 12/BTC", actor: "test")
        #expect(try store.absentWholeCongress() == 1)
    }
}
