import CongressCore
import GRDB

/// Scans that reach the server after the sitting they were made in has closed: a door
/// offline across a change of sitting uploads its outbox late. Such a scan belongs to the
/// sitting that was open when it was made (by the kiosk's clock, corrected by the server
/// for the kiosk's offset when the batch says when it was sent), not to whichever sitting
/// is open when it arrives. Only a closed sitting whose window holds the scan's time, and
/// that closed before the open one opened, can take it; anything else is decided as before
/// (the open sitting, the time clamped to its opening).
final class LateScans {
    private let db: Database
    private let open: Sitting?
    private let received: String
    private var closed: [Sitting]?
    private var admissions: [Int64: [String: Admission]] = [:]

    init(_ db: Database, open: Sitting?, received: String) {
        self.db = db
        self.open = open
        self.received = received
    }

    /// The closed sitting a scan made at `scannedAt` belongs to, if any.
    func sitting(for scannedAt: String?) throws -> Sitting? {
        // Most scans are made in the open sitting: one string comparison (the store's own
        // time form orders as text) decides those.
        guard let t = scannedAt.flatMap(KioskClock.normalized), t < received else { return nil }
        if let open, t >= open.openedAt { return nil }
        if closed == nil {
            closed = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM sitting WHERE closed_at IS NOT NULL ORDER BY id DESC"))
                .map(CongressStore.sitting(from:))
        }
        return closed?.first { s in
            guard let end = s.closedAt, s.openedAt <= t, t < end else { return false }
            return open.map { end <= $0.openedAt } ?? true
        }
    }

    /// Reads the closed sitting's admissions, once per transaction.
    func load(_ id: Int64) throws {
        if admissions[id] == nil { admissions[id] = try CongressStore.admissions(db, sitting: id) }
    }

    /// The first admission of `code` to the closed sitting `id` (loaded before).
    func first(_ code: String, in id: Int64) -> Admission? {
        admissions[id]?[code]
    }

    /// Whether `door` may still add a scan made at `scannedAt` to the closed sitting `s`
    /// (LateScanRule): its token existed then, and it did not reach the server between the
    /// scan and the close.
    func accepts(door: String, scannedAt: String, in s: Sitting) throws -> Bool {
        guard let closedAt = s.closedAt, let t = KioskClock.normalized(scannedAt) else { return false }
        let name = door.hasPrefix("token:") ? String(door.dropFirst(6)) : door
        let since = try String.fetchOne(db.cachedStatement(sql: "SELECT MIN(created_at) FROM api_token WHERE name = ?"), arguments: [name])
        let contact = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM door_contact WHERE door = ? AND at > ? AND at <= ? LIMIT 1"),
                                        arguments: [door, t, closedAt]) ?? false
        return LateScanRule.accepts(scannedAt: t, closedAt: closedAt, doorSince: since, contactBetween: contact)
    }

    func admit(_ code: String, _ admission: Admission, in id: Int64) {
        admissions[id, default: [:]][code] = admission
    }
}
