import CongressCore
import Foundation
import GRDB

/// A scan as a kiosk posts it.
public struct ScanInput: Sendable, Hashable, Codable {
    /// A delegate admitted by hand at a kiosk (a forgotten badge): who, and why.
    public struct Manual: Sendable, Hashable, Codable {
        public var code: String
        public var reason: String
        public init(code: String, reason: String) {
            self.code = code
            self.reason = reason
        }
    }

    /// The kiosk's own UUID for this scan: posting it again records nothing new.
    public var id: String
    public var station: String
    public var payload: String
    public var scannedAt: String?
    public var entrance: Entrance
    /// Set for a manual admission, which has no payload.
    public var manual: Manual?
    /// Who sent it (the token's name), for the audit log of manual admissions.
    public var actor: String

    public init(id: String, station: String, payload: String, scannedAt: String? = nil, entrance: Entrance = .delegates,
                manual: Manual? = nil, actor: String = "kiosk") {
        self.id = id
        self.station = station
        self.payload = payload
        self.scannedAt = scannedAt
        self.entrance = entrance
        self.manual = manual
        self.actor = actor
    }
}

extension CongressStore {
    /// Records a batch of scans in one transaction, durably (WAL, synchronous FULL) before
    /// answering. A scan whose id was seen before gets its first answer again and records
    /// nothing. Refusals are recorded too.
    /// `signatures`, when given, holds each scan's signature check made beforehand (see
    /// `CredentialVerifier.checkSignature`); revocations are still applied here.
    public func recordScans(_ scans: [ScanInput], signatures: [CredentialCheck]? = nil) throws(StoreError) -> [ScanResult] {
        let cache = scanCache
        let (results, state) = try write { db in
            let received = Clock.now()
            let (roster, verifier) = try cache.rosterAndVerifier(db)
            let sitting = try Self.openSitting(db)
            var (admitted, lastEventID) = try sitting.map { try cache.admissions(db, sitting: $0.id) } ?? ([:], 0)
            let decoder = JSONDecoder()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let seen = try db.cachedStatement(sql: "SELECT result FROM scan WHERE id = ?")
            let insertScan = try db.cachedStatement(sql: """
                INSERT INTO scan (id, station, entrance, payload, scanned_at, received_at, sitting_id, code, verdict, result)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertAdmission = try db.cachedStatement(sql: """
                INSERT INTO attendance_event (sitting_id, delegate_code, kind, at, station, scan_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            var results: [ScanResult] = []
            results.reserveCapacity(scans.count)
            let late = LateScans(db, open: sitting, received: received)
            for (index, scan) in scans.enumerated() {
                if let stored = try String.fetchOne(seen, arguments: [scan.id]),
                   let result = try? decoder.decode(ScanResult.self, from: Data(stored.utf8)) {
                    results.append(result)
                    continue
                }
                // Made while an earlier sitting was open (a door offline across the change)?
                let earlier = try late.sitting(for: scan.scannedAt)
                if let earlier, try !late.accepts(door: scan.actor, scannedAt: scan.scannedAt ?? "", in: earlier) {
                    // a door that was online across the close, or did not exist then: refused, and the log says so
                    let result = ScanResult(id: scan.id, verdict: .noOpenSitting, code: nil, name: nil, delegation: nil, kind: nil, seat: nil,
                                            sitting: nil, firstAt: nil, firstStation: nil)
                    try AuditLog.append(db, actor: scan.actor, action: "attendance.late_refused", subject: scan.manual?.code ?? "scan", details: [
                        "sitting": String(earlier.id), "scanned_at": scan.scannedAt ?? "", "station": scan.station, "scan": scan.id])
                    try insertScan.execute(arguments: [
                        scan.id, scan.station, scan.entrance.rawValue, scan.manual.map { "MANUAL:\($0.code)" } ?? String(scan.payload.prefix(512)),
                        scan.scannedAt, received, nil, nil, ScanVerdict.noOpenSitting.rawValue,
                        String(decoding: try encoder.encode(result), as: UTF8.self)])
                    results.append(result)
                    continue
                }
                let target = earlier ?? sitting
                if let earlier { try late.load(earlier.id) }
                let first: (String) -> Admission? = { code in
                    if let earlier { return late.first(code, in: earlier.id) }
                    return admitted[code]
                }
                let decision: AdmissionRule.Decision
                if let manual = scan.manual {
                    decision = AdmissionRule.decide(code: manual.code, roster: roster, sittingOpen: target != nil,
                                                    entrance: scan.entrance, firstAdmission: first)
                } else {
                    let check = signatures.map { verifier.applyingRevocations(to: $0[index]) } ?? verifier.check(scan.payload)
                    decision = AdmissionRule.decide(check: check, roster: roster, sittingOpen: target != nil,
                                                    entrance: scan.entrance, firstAdmission: first)
                }
                let delegate = decision.code.flatMap { roster.delegates[$0] }
                let result = ScanResult(
                    id: scan.id, verdict: decision.verdict, code: decision.code, name: delegate?.name,
                    delegation: delegate?.delegation, kind: delegate?.kind.contractKind, seat: delegate?.seat,
                    sitting: target?.name, firstAt: decision.first?.at, firstStation: decision.first?.station)
                if decision.verdict == .admitted, let target, let code = decision.code {
                    // a late scan's time lies inside its sitting's window (that is how it was placed)
                    let at = earlier != nil ? scan.scannedAt.flatMap(KioskClock.normalized) ?? received
                        : AdmissionTime.of(scannedAt: scan.scannedAt, received: received, opened: target.openedAt)
                    try insertAdmission.execute(arguments: [target.id, code, scan.manual == nil ? "admission" : "manual", at,
                                                            scan.station, scan.id, scan.manual?.reason])
                    if earlier != nil {
                        late.admit(code, Admission(at: at, station: scan.station), in: target.id)
                    } else {
                        lastEventID = db.lastInsertedRowID
                        admitted[code] = Admission(at: at, station: scan.station)
                    }
                    if let manual = scan.manual {
                        try AuditLog.append(db, actor: scan.actor, action: "attendance.manual", subject: code, details: [
                            "sitting": String(target.id), "station": scan.station, "reason": manual.reason])
                    }
                    try Feed.append(db, kind: "admission", data: [
                        "code": code, "station": scan.station, "at": at, "sitting": String(target.id)], at: received)
                }
                try insertScan.execute(arguments: [
                    scan.id, scan.station, scan.entrance.rawValue,
                    scan.manual.map { "MANUAL:\($0.code)" } ?? String(scan.payload.prefix(512)), scan.scannedAt, received,
                    target?.id, decision.code, decision.verdict.rawValue,
                    String(decoding: try encoder.encode(result), as: UTF8.self)])
                results.append(result)
            }
            // this batch is the doors' contact with the server, from now on
            for door in Set(scans.map(\.actor)) { try Self.noteDoorContact(db, door: door, at: received) }
            return (results, sitting.map { (sitting: $0.id, admissions: admitted, lastEventID: lastEventID) })
        }
        // Only what committed becomes the cached state.
        if let state { cache.store(sitting: state.sitting, admissions: state.admissions, lastEventID: state.lastEventID) }
        return results
    }

    /// Admissions that reached a sitting after it closed (a door offline across the close
    /// uploading late), by sitting: the credentials committee sees each on the sittings page.
    public func lateAdmissions() throws(StoreError) -> [Int64: [LateAdmission]] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT e.sitting_id, e.delegate_code, d.name, e.station, e.at, s.received_at
                FROM attendance_event e JOIN scan s ON s.id = e.scan_id JOIN sitting si ON si.id = e.sitting_id
                JOIN delegate d ON d.code = e.delegate_code
                WHERE si.closed_at IS NOT NULL AND s.received_at > si.closed_at ORDER BY e.sitting_id, s.received_at
                """)
            return Dictionary(grouping: rows.map {
                LateAdmission(sitting: $0["sitting_id"], code: $0["delegate_code"], name: $0["name"], station: $0["station"] ?? "",
                              at: $0["at"], receivedAt: $0["received_at"])
            }, by: \.sitting)
        }
    }

    /// A door reached the server (a batch, the feed, a bootstrap): kept so that a late scan
    /// can tell a door that was offline across a close from one that was not.
    public func noteDoorContact(_ door: String) throws(StoreError) {
        try write { db in try Self.noteDoorContact(db, door: door, at: Clock.now()) }
    }

    static func noteDoorContact(_ db: Database, door: String, at: String) throws {
        try db.execute(sql: "INSERT INTO door_contact (door, at) VALUES (?, ?)", arguments: [door, at])
    }

    /// Scans a delegate's code appears in after their first admission: the duplicates the
    /// secretariat sees on the delegate's page.
    public func scans(code: String) throws(StoreError) -> [(id: String, station: String, at: String, verdict: ScanVerdict)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, station, received_at, verdict FROM scan WHERE code = ? ORDER BY received_at",
                             arguments: [code]).map {
                (id: $0["id"], station: $0["station"], at: $0["received_at"],
                 verdict: try $0.coded("verdict", of: "scan"))
            }
        }
    }

    static func credentialVerifier(_ db: Database, withRevocations: Bool = true) throws -> CredentialVerifier {
        let keys = Dictionary(try Row.fetchAll(db, sql: "SELECT key_id, public_key FROM signing_key").map {
            ($0["key_id"] as String, $0["public_key"] as Data)
        }, uniquingKeysWith: { a, _ in a })
        guard withRevocations else { return CredentialVerifier(publicKeys: keys) }
        let revoked = Set(try Row.fetchAll(db, sql: "SELECT code, serial FROM credential WHERE revoked_at IS NOT NULL").map {
            CredentialID(code: $0["code"], serial: $0["serial"])
        })
        return CredentialVerifier(publicKeys: keys, revoked: revoked)
    }
}

/// When an admission happened. A kiosk that was offline uploads its scans late; the time
/// the attendance list shows is when the delegate came in, as the kiosk saw it, kept
/// between the sitting's opening and the moment the server received it (a kiosk clock
/// that is wrong cannot move an admission outside that window).
enum AdmissionTime {
    static func of(scannedAt: String?, received: String, opened: String) -> String {
        guard let scannedAt, let scanned = KioskClock.parse(scannedAt), let receivedDate = KioskClock.parse(received) else {
            return received
        }
        if scanned >= receivedDate { return received }
        if let openedDate = KioskClock.parse(opened), scanned < openedDate { return opened }
        return KioskClock.normalized(scannedAt) ?? received
    }
}

/// An admission that reached its sitting after the sitting closed.
public struct LateAdmission: Sendable, Hashable {
    public var sitting: Int64
    public var code: String
    public var name: String
    public var station: String
    /// When the door scanned, and when the server received it.
    public var at: String
    public var receivedAt: String
}
