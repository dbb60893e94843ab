import CongressCore
import Foundation
import GRDB

/// A scan as a kiosk posts it.
public struct ScanInput: Sendable, Hashable, Codable {
    /// The kiosk's own UUID for this scan: posting it again records nothing new.
    public var id: String
    public var station: String
    public var payload: String
    public var scannedAt: String?
    public var entrance: Entrance

    public init(id: String, station: String, payload: String, scannedAt: String? = nil, entrance: Entrance = .delegates) {
        self.id = id
        self.station = station
        self.payload = payload
        self.scannedAt = scannedAt
        self.entrance = entrance
    }
}

/// The server's verdict on one scan, in the words of the kiosk contract.
public struct ScanResult: Sendable, Hashable, Codable {
    public var id: String
    public var verdict: ScanVerdict
    public var code: String?
    public var name: String?
    public var delegation: String?
    /// official, alternate or guest.
    public var kind: String?
    public var seat: String?
    public var sitting: String?
    public var firstAt: String?
    public var firstStation: String?

    enum CodingKeys: String, CodingKey {
        case id, verdict, code, name, delegation, kind, seat, sitting
        case firstAt = "first_at"
        case firstStation = "first_station"
    }
}

extension DelegateKind {
    /// The kind word of the kiosk contract.
    public var contractKind: String {
        switch self {
        case .exOfficio, .elected, .appointed: "official"
        case .alternate: "alternate"
        case .guest: "guest"
        }
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
                INSERT INTO attendance_event (sitting_id, delegate_code, kind, at, station, scan_id) VALUES (?, ?, 'admission', ?, ?, ?)
                """)
            var results: [ScanResult] = []
            results.reserveCapacity(scans.count)
            for (index, scan) in scans.enumerated() {
                if let stored = try String.fetchOne(seen, arguments: [scan.id]),
                   let result = try? decoder.decode(ScanResult.self, from: Data(stored.utf8)) {
                    results.append(result)
                    continue
                }
                let check = signatures.map { verifier.applyingRevocations(to: $0[index]) } ?? verifier.check(scan.payload)
                let decision = AdmissionRule.decide(check: check, roster: roster,
                                                    sittingOpen: sitting != nil, entrance: scan.entrance,
                                                    firstAdmission: { admitted[$0] })
                let delegate = decision.code.flatMap { roster.delegates[$0] }
                let result = ScanResult(
                    id: scan.id, verdict: decision.verdict, code: decision.code, name: delegate?.name,
                    delegation: delegate?.delegation, kind: delegate?.kind.contractKind, seat: delegate?.seat,
                    sitting: sitting?.name, firstAt: decision.first?.at, firstStation: decision.first?.station)
                if decision.verdict == .admitted, let sitting, let code = decision.code {
                    try insertAdmission.execute(arguments: [sitting.id, code, received, scan.station, scan.id])
                    lastEventID = db.lastInsertedRowID
                    admitted[code] = Admission(at: received, station: scan.station)
                    try Feed.append(db, kind: "admission", data: [
                        "code": code, "station": scan.station, "at": received, "sitting": String(sitting.id)], at: received)
                }
                try insertScan.execute(arguments: [
                    scan.id, scan.station, scan.entrance.rawValue, String(scan.payload.prefix(512)), scan.scannedAt, received,
                    sitting?.id, decision.code, decision.verdict.rawValue,
                    String(decoding: try encoder.encode(result), as: UTF8.self)])
                results.append(result)
            }
            return (results, sitting.map { (sitting: $0.id, admissions: admitted, lastEventID: lastEventID) })
        }
        // Only what committed becomes the cached state.
        if let state { cache.store(sitting: state.sitting, admissions: state.admissions, lastEventID: state.lastEventID) }
        return results
    }

    /// Scans a delegate's code appears in after their first admission: the duplicates the
    /// secretariat sees on the delegate's page.
    public func scans(code: String) throws(StoreError) -> [(id: String, station: String, at: String, verdict: ScanVerdict)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, station, received_at, verdict FROM scan WHERE code = ? ORDER BY received_at",
                             arguments: [code]).map {
                (id: $0["id"], station: $0["station"], at: $0["received_at"],
                 verdict: ScanVerdict(rawValue: $0["verdict"]) ?? .malformed)
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
