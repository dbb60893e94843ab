import CongressCore
import Foundation
import GRDB

/// One scan or manual admission waiting to reach the server, or already answered.
public struct OutboxItem: Sendable, Hashable {
    public var id: String
    public var payload: String
    public var scannedAt: String
    public var entrance: Entrance
    /// For a manual admission: the delegate and the reason.
    public var manualCode: String?
    public var reason: String?
    /// What this door decided at the time.
    public var localVerdict: ScanVerdict
    public var localCode: String?

    public var wire: ScanBatch.Scan {
        ScanBatch.Scan(id: id, station: "", payload: payload, scanned_at: scannedAt, entrance: entrance,
                       code: manualCode, reason: reason)
    }
}

/// The station's own small store (one SQLite file in `--data`): its copy of the congress
/// and its outbox. It is what lets a kiosk restarted in the middle of the morning, with
/// or without the network, carry on where it stopped and lose no scan it has shown.
/// Each scan is committed (WAL, synchronous FULL) before its verdict is shown.
public final class StationStore: Sendable {
    let db: DatabaseQueue

    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        db = try DatabaseQueue(path: (directory as NSString).appendingPathComponent("station.sqlite"), configuration: config)
        try Self.migrator.migrate(db)
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1 station") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE roster (code TEXT PRIMARY KEY, entry TEXT NOT NULL);
                CREATE TABLE revoked (code TEXT NOT NULL, serial INTEGER NOT NULL, PRIMARY KEY (code, serial));
                CREATE TABLE admitted (code TEXT PRIMARY KEY, at TEXT NOT NULL, station TEXT NOT NULL);
                -- Every scan this station made, in order; sent_at is set once the server answered.
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    payload TEXT NOT NULL,
                    scanned_at TEXT NOT NULL,
                    entrance TEXT NOT NULL,
                    manual_code TEXT,
                    reason TEXT,
                    sitting_id INTEGER,
                    local_verdict TEXT NOT NULL,
                    local_code TEXT,
                    sent_at TEXT,
                    server_verdict TEXT
                );
                CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;
                """)
        }
        return m
    }

    // MARK: The copy of the congress

    /// Replaces the copy with a fresh bootstrap from `server`.
    public func save(_ copy: DoorCopy, server: String) throws {
        try db.write { db in
            try db.execute(sql: "DELETE FROM roster; DELETE FROM revoked; DELETE FROM admitted")
            let encoder = JSONEncoder()
            let insert = try db.cachedStatement(sql: "INSERT INTO roster (code, entry) VALUES (?, ?)")
            for entry in copy.roster.entries.values {
                try insert.execute(arguments: [entry.code, String(decoding: try encoder.encode(entry), as: UTF8.self)])
            }
            for id in copy.verifier.revoked {
                try db.execute(sql: "INSERT INTO revoked (code, serial) VALUES (?, ?)", arguments: [id.code, id.serial])
            }
            try Self.saveAdmitted(db, copy.admitted)
            try Self.set(db, "server", server)
            try Self.set(db, "keys", String(decoding: try encoder.encode(copy.publicKeys), as: UTF8.self))
            try Self.set(db, "time_zone", copy.time.identifier)
            try Self.saveSittingAndCursor(db, copy)
        }
    }

    /// Saves what a batch of changes altered, event by event (admissions made here at the
    /// same moment are left alone), and the new cursor.
    public func saveChanges(_ events: [FeedEventBody], copy: DoorCopy) throws {
        try db.write { db in
            for event in events {
                switch event.kind {
                case "admission":
                    guard let code = event.data["code"], let a = copy.admitted[code] else { continue }
                    try db.execute(sql: "INSERT OR REPLACE INTO admitted (code, at, station) VALUES (?, ?, ?)",
                                   arguments: [code, a.at, a.station])
                case "undo":
                    guard let code = event.data["code"], copy.admitted[code] == nil else { continue }
                    try db.execute(sql: "DELETE FROM admitted WHERE code = ?", arguments: [code])
                case "revocation":
                    guard let code = event.data["code"], let serial = event.data["serial"].flatMap(Int.init) else { continue }
                    try db.execute(sql: "INSERT OR IGNORE INTO revoked (code, serial) VALUES (?, ?)", arguments: [code, serial])
                case "sitting_opened", "sitting_closed":
                    try db.execute(sql: "DELETE FROM admitted")
                default:
                    continue
                }
            }
            try Self.saveSittingAndCursor(db, copy)
        }
    }

    /// The copy saved last, if there is one (a restart without the network starts from it).
    public func load() throws -> (copy: DoorCopy, server: String)? {
        try db.read { db in
            guard let server = try Self.get(db, "server"), let keys = try Self.get(db, "keys") else { return nil }
            let decoder = JSONDecoder()
            let roster = try String.fetchAll(db, sql: "SELECT entry FROM roster").map {
                try decoder.decode(RosterEntry.self, from: Data($0.utf8))
            }
            let revoked = try Row.fetchAll(db, sql: "SELECT code, serial FROM revoked").map {
                CredentialID(code: $0["code"], serial: $0["serial"])
            }
            let admitted = try Row.fetchAll(db, sql: "SELECT code, at, station FROM admitted").map {
                KioskBootstrap.Admitted(code: $0["code"], at: $0["at"], station: $0["station"])
            }
            let sitting = try Self.get(db, "sitting").flatMap { try decoder.decode(Sitting?.self, from: Data($0.utf8)) }
            let cursor = Int64(try Self.get(db, "cursor") ?? "0") ?? 0
            let bootstrap = KioskBootstrap(
                public_keys: try decoder.decode([KioskBootstrap.Key].self, from: Data(keys.utf8)), roster: roster,
                revoked: revoked, sitting: sitting, admitted: admitted, cursor: cursor,
                quorum: QuorumFigures(sitting: sitting?.name, quorum: Quorum(present: 0, convened: 0)),
                time_zone: try Self.get(db, "time_zone"))
            return (DoorCopy(bootstrap), server)
        }
    }

    private static func saveAdmitted(_ db: Database, _ admitted: [String: Admission]) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO admitted (code, at, station) VALUES (?, ?, ?)")
        for (code, a) in admitted { try insert.execute(arguments: [code, a.at, a.station]) }
    }

    private static func saveSittingAndCursor(_ db: Database, _ copy: DoorCopy) throws {
        try set(db, "sitting", String(decoding: try JSONEncoder().encode(copy.sitting), as: UTF8.self))
        try set(db, "cursor", String(copy.cursor))
    }

    private static func set(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
    }

    private static func get(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    // MARK: The outbox

    /// Writes a scan, durably, and the admission it made here (if any), in one transaction.
    public func enqueue(_ item: OutboxItem, sitting: Int64?, admission: (code: String, Admission)?) throws {
        try db.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO outbox (id, payload, scanned_at, entrance, manual_code, reason, sitting_id, local_verdict, local_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [item.id, item.payload, item.scannedAt, item.entrance.rawValue, item.manualCode,
                                         item.reason, sitting, item.localVerdict.rawValue, item.localCode])
            if let (code, a) = admission {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO admitted (code, at, station) VALUES (?, ?, ?)")
                    .execute(arguments: [code, a.at, a.station])
            }
        }
    }

    /// The oldest scans the server has not answered yet.
    public func unsent(limit: Int) throws -> [OutboxItem] {
        try db.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, payload, scanned_at, entrance, manual_code, reason, local_verdict, local_code
                FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?
                """), arguments: [limit]).map(Self.item)
        }
    }

    /// Admissions this door made in `sitting` that the server has not heard of yet: they
    /// stay in the copy when a fresh bootstrap replaces it (those made in an earlier
    /// sitting count there, not in this one).
    public func unsentAdmissions(sitting: Int64) throws -> [(code: String, scannedAt: String)] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT local_code, scanned_at FROM outbox
                WHERE sent_at IS NULL AND local_verdict = 'admitted' AND sitting_id = ? ORDER BY seq
                """, arguments: [sitting]).map { (code: $0["local_code"], scannedAt: $0["scanned_at"]) }
        }
    }

    public func unsentCount() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE sent_at IS NULL") ?? 0 }
    }

    /// Admissions this station made to a sitting (the figure "admitted here").
    public func admittedHere(sitting: Int64) throws -> Int {
        try db.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(DISTINCT local_code) FROM outbox WHERE sitting_id = ? AND local_verdict = 'admitted'
                """, arguments: [sitting]) ?? 0
        }
    }

    /// Records the server's answers; a scan answered is never sent again.
    public func markSent(_ results: [ScanResult]) throws {
        try db.write { db in
            let now = KioskClock.format(Date())
            let update = try db.cachedStatement(sql: "UPDATE outbox SET sent_at = ?, server_verdict = ? WHERE id = ? AND sent_at IS NULL")
            for r in results { try update.execute(arguments: [now, r.verdict.rawValue, r.id]) }
        }
    }

    /// Every scan with what this door and the server said (for tests and the operator).
    public func history() throws -> [(item: OutboxItem, serverVerdict: ScanVerdict?)] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, payload, scanned_at, entrance, manual_code, reason, local_verdict, local_code, server_verdict
                FROM outbox ORDER BY seq
                """).map { (Self.item($0), ($0["server_verdict"] as String?).flatMap(ScanVerdict.init(rawValue:))) }
        }
    }

    private static func item(_ row: Row) -> OutboxItem {
        OutboxItem(id: row["id"], payload: row["payload"], scannedAt: row["scanned_at"],
                   entrance: Entrance(rawValue: row["entrance"]) ?? .delegates, manualCode: row["manual_code"],
                   reason: row["reason"], localVerdict: ScanVerdict(rawValue: row["local_verdict"]) ?? .malformed,
                   localCode: row["local_code"])
    }
}
