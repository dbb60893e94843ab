import CongressCore
import GRDB

/// One consistent state of the congress, read in a single transaction: what the hall
/// screen, the kiosk bootstrap and a page draw from, so that a figure and the list beside it
/// can never come from two moments (an admission landing between two reads). Valid only
/// inside `CongressStore.snapshot`.
public struct StoreSnapshot {
    let db: Database

    public func congress() throws -> Congress { try CongressStore.congressRow(db) }
    public func roster() throws -> Roster { try CongressStore.roster(db) }
    public func openSitting() throws -> Sitting? { try CongressStore.openSitting(db) }
    public func admissions(sitting: Int64) throws -> [String: Admission] { try CongressStore.admissions(db, sitting: sitting) }
    public func feedCursor() throws -> Int64 { try CongressStore.feedCursor(db) }
    public func signingKeys() throws -> [PublicSigningKey] { try CongressStore.signingKeys(db) }
    public func revokedCredentials() throws -> Set<CredentialID> { try CongressStore.revokedCredentials(db) }
    public func publishedResults() throws -> [(election: ElectionRecord, result: String)] { try CongressStore.publishedResults(db) }
}

extension CongressStore {
    /// Runs `body` on one snapshot of the congress (one read transaction).
    public func snapshot<T>(_ body: @Sendable (StoreSnapshot) throws -> T) throws(StoreError) -> T {
        try read { db in try body(StoreSnapshot(db: db)) }
    }
}
