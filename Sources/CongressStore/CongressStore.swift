import CongressCore
import Foundation
import GRDB

/// One congress, one SQLite file (WAL, foreign keys, synchronous FULL: a hall can lose
/// power). The only type in the product that speaks SQL; everything above asks it in the
/// domain's words.
public final class CongressStore: Sendable {
    public let path: String
    let pool: DatabasePool
    let scanCache = ScanCache()

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Creates a new congress file; refuses to overwrite one.
    public static func create(at path: String, congress: Congress, signingKey: PublicSigningKey? = nil,
                              actor: String) throws(StoreError) -> CongressStore {
        if FileManager.default.fileExists(atPath: path) { throw .alreadyExists(path: path) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
              FileManager.default.isWritableFile(atPath: folder) else {
            throw .cannotCreate(path: path, detail: "không ghi được vào thư mục / cannot write to the folder \(folder)")
        }
        let store = try connect(path)
        try store.write { db in
            try db.execute(
                sql: "INSERT INTO congress (id, name, term, level, form, time_zone, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
                arguments: [congress.name, congress.term, congress.level.rawValue, congress.form.rawValue, congress.timeZone, Clock.now()])
            try AuditLog.append(db, actor: actor, action: "congress.create", subject: congress.name,
                                details: ["term": congress.term ?? "", "level": congress.level.rawValue,
                                          "form": congress.form.rawValue, "time_zone": congress.timeZone])
            if let key = signingKey { try Self.insertSigningKey(db, key, actor: actor) }
        }
        return store
    }

    /// Opens an existing congress file, upgrading its schema if it is older.
    public static func open(at path: String) throws(StoreError) -> CongressStore {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        let store = try connect(path)
        let hasCongress = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM congress") ?? 0 }
        guard hasCongress == 1 else { throw .notACongress(path: path, detail: "no congress row") }
        return store
    }

    private static func connect(_ path: String) throws(StoreError) -> CongressStore {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            // DatabasePool sets NORMAL on its writer after prepareDatabase; acknowledged
            // writes must survive a power cut, so FULL is set here, after opening.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Schema.migrator.migrate(pool)
            return CongressStore(path: path, pool: pool)
        } catch let error as DatabaseError {
            throw .notACongress(path: path, detail: error.message ?? "\(error)")
        } catch {
            throw .notACongress(path: path, detail: "\(error)")
        }
    }

    public func congress() throws(StoreError) -> Congress {
        try read { db in try Self.congressRow(db) }
    }

    static func congressRow(_ db: Database) throws -> Congress {
            guard let row = try Row.fetchOne(db, sql: "SELECT name, term, level, form, time_zone FROM congress WHERE id = 1") else {
                throw StoreError.notACongress(path: "main", detail: "no congress row")
            }
            let zone: String = row["time_zone"]
            guard (try? CongressTime(identifier: zone)) != nil else {
                throw StoreError.unreadableValue(table: "congress", column: "time_zone", value: zone)
            }
            return Congress(name: row["name"], term: row["term"],
                            level: try row.coded("level", of: "congress"), form: try row.coded("form", of: "congress"),
                            timeZone: zone)
    }

    /// The value of PRAGMA synchronous on the writer (2 = FULL), for tests and `doctor`.
    public func writerSynchronousMode() throws(StoreError) -> Int {
        try write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    public func journalMode() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: - Typed errors around GRDB

    func read<T>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw Self.storeError(error) }
    }

    func write<T>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw Self.storeError(error) }
    }

    static func storeError(_ error: any Error) -> StoreError {
        switch error {
        case let error as StoreError: error
        case let error as DatabaseError: .database(error.message ?? "\(error)")
        default: .database("\(error)")
        }
    }
}

/// Timestamps as stored: UTC, ISO 8601 with milliseconds, so they sort as text.
enum Clock {
    static func now() -> String { format(Date()) }

    static func format(_ date: Date) -> String { KioskClock.format(date) }
}
