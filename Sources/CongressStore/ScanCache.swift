import CongressCore
import Foundation
import GRDB

/// What deciding a scan needs, kept between transactions: the roster and the verifier
/// (reloaded when the audit log has moved, which every change to delegates, substitutions,
/// credentials or keys does, from this process or another), and the open sitting's
/// admissions (brought up to date from the attendance events added since).
final class ScanCache: @unchecked Sendable {
    private let lock = NSLock()
    private var generation: Int64 = -1
    private var roster: Roster?
    private var verifier: CredentialVerifier?
    private var sittingID: Int64 = -1
    private var lastEventID: Int64 = 0
    private var admissions: [String: Admission] = [:]

    func rosterAndVerifier(_ db: Database) throws -> (Roster, CredentialVerifier) {
        let current = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM audit_head WHERE id = 1")) ?? 0
        lock.lock()
        if current == generation, let roster, let verifier {
            lock.unlock()
            return (roster, verifier)
        }
        lock.unlock()
        let fresh = (try CongressStore.roster(db), try CongressStore.credentialVerifier(db))
        lock.lock()
        (generation, roster, verifier) = (current, fresh.0, fresh.1)
        lock.unlock()
        return fresh
    }

    /// The admissions of `sitting` as of now, reading only the events added since last time.
    func admissions(_ db: Database, sitting: Int64) throws -> (admissions: [String: Admission], lastEventID: Int64) {
        lock.lock()
        var present = sittingID == sitting ? admissions : [:]
        var last = sittingID == sitting ? lastEventID : 0
        lock.unlock()
        last = try CongressStore.applyAttendanceEvents(db, sitting: sitting, after: last, to: &present)
        return (present, last)
    }

    /// Called after a transaction committed: what it wrote becomes the cached state.
    func store(sitting: Int64, admissions: [String: Admission], lastEventID: Int64) {
        lock.lock()
        (sittingID, self.admissions, self.lastEventID) = (sitting, admissions, lastEventID)
        lock.unlock()
    }
}
