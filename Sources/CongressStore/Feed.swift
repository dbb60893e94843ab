import CongressCore
import Foundation
import GRDB

/// One change kiosks and screens follow, in order, by its sequence number (the cursor).
public struct FeedEvent: Sendable, Hashable, Codable {
    public var seq: Int64
    public var at: String
    /// admission, undo, revocation, substitution, substitution_reverted, sitting_opened,
    /// sitting_closed, roster_changed.
    public var kind: String
    /// The event's details as a JSON object.
    public var data: String
}

enum Feed {
    static func append(_ db: Database, kind: String, data: some Encodable, at: String = Clock.now()) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try db.execute(sql: "INSERT INTO feed (at, kind, data) VALUES (?, ?, ?)",
                       arguments: [at, kind, String(decoding: try encoder.encode(data), as: UTF8.self)])
    }
}

extension CongressStore {
    /// Events after `cursor`, oldest first.
    public func feed(after cursor: Int64, limit: Int = 1000) throws(StoreError) -> [FeedEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feed WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [cursor, limit]).map {
                FeedEvent(seq: $0["seq"], at: $0["at"], kind: $0["kind"], data: $0["data"])
            }
        }
    }

    /// The newest cursor: a kiosk that has just bootstrapped follows from here.
    public func feedCursor() throws(StoreError) -> Int64 {
        try read { db in try Self.feedCursor(db) }
    }

    static func feedCursor(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(seq) FROM feed") ?? 0
    }
}
