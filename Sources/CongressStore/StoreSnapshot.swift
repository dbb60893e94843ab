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

    // An election as its page shows it.
    public func election(_ id: Int64) throws -> ElectionRecord { try CongressStore.election(db, id) }
    /// The round that follows election `id` (a run-off or a further round), if one was made.
    public func nextRound(after id: Int64) throws -> ElectionRecord? {
        try Int64.fetchOne(db, sql: "SELECT id FROM election WHERE parent_id = ? ORDER BY id LIMIT 1", arguments: [id])
            .map { try CongressStore.election(db, $0) }
    }
    public func candidates(election id: Int64) throws -> [CandidateRecord] { try CongressStore.candidates(db, id) }
    public func committee(election id: Int64) throws -> [CommitteeMember] { try CongressStore.committee(db, id) }
    public func ballotEntries(election id: Int64) throws -> [String: [BallotEntryRecord]] { try CongressStore.ballotEntries(db, id) }
    public func reconcile(election id: Int64) throws -> Reconciliation { try CongressStore.reconcile(db, id) }
    public func tallyInput(election id: Int64, reconciliation: Reconciliation) throws -> (Election, [EnteredBallot]) {
        try CongressStore.tallyInput(db, id, reconciliation: reconciliation)
    }
    public func countRecord(election id: Int64) throws -> CountRecord? { try CongressStore.countRecord(db, id) }
    public func printedSerials(election id: Int64) throws -> Set<String> { try CongressStore.printedSerials(db, id) }
    public func ballotsIssued(election id: Int64) throws -> Int { try CongressStore.ballotsIssued(db, id) }
    public func scannedSheets(election id: Int64) throws -> [ScannedSheet] { try CongressStore.scannedSheets(db, id) }

    /// Present / convened in the open sitting (present 0 when none is open).
    public func quorum() throws -> Quorum { try CongressStore.quorum(db).quorum }
}

extension CongressStore {
    /// Runs `body` on one snapshot of the congress (one read transaction).
    public func snapshot<T>(_ body: @Sendable (StoreSnapshot) throws -> T) throws(StoreError) -> T {
        try read { db in try body(StoreSnapshot(db: db)) }
    }
}
