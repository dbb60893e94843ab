import CongressCore
import GRDB

/// What an import did, for the audit log.
private struct ImportAudit: Encodable, Sendable {
    var source: String
    var added: [String]
    var changed: [String]
    var removed: [String]
    var unchanged: Int
}

extension CongressStore {
    /// What importing this list would change, without changing anything.
    public func previewImport(_ delegates: [Delegate]) throws(StoreError) -> DelegateListChanges {
        try read { db in try DelegateListChanges(from: DelegateRows.all(db), to: delegates) }
    }

    /// A preview and the delegates among those it removes who were already admitted to a
    /// sitting (whom an import never removes), read in one snapshot.
    public func previewImportWithRefusals(_ delegates: [Delegate]) throws(StoreError)
        -> (changes: DelegateListChanges, admittedRemoved: [Delegate]) {
        try read { db in
            let changes = DelegateListChanges(from: try DelegateRows.all(db), to: delegates)
            return (changes, try Self.everAdmitted(changes.removed, db))
        }
    }

    private static func everAdmitted(_ delegates: [Delegate], _ db: Database) throws -> [Delegate] {
        guard !delegates.isEmpty else { return [] }
        let admitted = try Set(String.fetchAll(db, sql: """
            SELECT DISTINCT delegate_code FROM attendance_event
            WHERE delegate_code IN (\(delegates.map { _ in "?" }.joined(separator: ",")))
            """, arguments: StatementArguments(delegates.map(\.code))))
        return delegates.filter { admitted.contains($0.code) }
    }

    /// Makes the stored list equal to `delegates` in one transaction, or changes nothing.
    /// Re-importing the same list writes nothing at all. A delegate already admitted to a
    /// sitting is never removed: the whole import is refused, naming them. Nor is most of
    /// the list, unless `allowingMassRemoval` (see `DelegateListChanges.removesMost`).
    /// With `previewed` (the web page's confirmation), the import is refused unless it would
    /// change exactly what the person saw.
    @discardableResult
    public func importDelegates(_ delegates: [Delegate], source: String, actor: String,
                                allowingMassRemoval: Bool = false,
                                previewed: DelegateListChanges? = nil) throws(StoreError) -> DelegateListChanges {
        try write { db in
            // Compared inside the write transaction, so no other writer comes between.
            let changes = DelegateListChanges(from: try DelegateRows.all(db), to: delegates)
            if let expected = previewed, expected != changes { throw StoreError.listChangedSincePreview }
            if changes.isEmpty { return changes }  // nothing written, not even to the audit log
            if changes.removesMost && !allowingMassRemoval {
                throw StoreError.wouldRemoveMost(removed: changes.removed.count, of: changes.previousCount)
            }
            let refused = try Self.everAdmitted(changes.removed, db)
            if !refused.isEmpty { throw StoreError.wouldRemoveAdmitted(refused) }

            var delegationIDs = Dictionary(
                try Row.fetchAll(db, sql: "SELECT id, name FROM delegation").map { ($0["name"] as String, $0["id"] as Int64) },
                uniquingKeysWith: { a, _ in a })
            func delegationID(_ name: String) throws -> Int64 {
                if let id = delegationIDs[name] { return id }
                try db.execute(sql: "INSERT INTO delegation (name) VALUES (?)", arguments: [name])
                let id = db.lastInsertedRowID
                delegationIDs[name] = id
                return id
            }

            for delegate in changes.removed {
                try db.execute(sql: "DELETE FROM delegate WHERE code = ?", arguments: [delegate.code])
            }
            let insert = try db.cachedStatement(sql: DelegateRows.insert)
            for delegate in changes.added {
                try insert.execute(arguments: DelegateRows.arguments(delegate, delegationID: delegationID(delegate.delegation)))
            }
            let update = try db.cachedStatement(sql: DelegateRows.update)
            for change in changes.changed {
                var arguments = DelegateRows.arguments(change.after, delegationID: try delegationID(change.after.delegation))
                arguments += [change.before.code]
                try update.execute(arguments: arguments)
            }
            try db.execute(sql: "DELETE FROM delegation WHERE id NOT IN (SELECT delegation_id FROM delegate)")
            let now = Clock.now()
            try Self.issueCredentials(db, added: changes.added, removed: changes.removed, at: now)
            try Feed.append(db, kind: "roster_changed", data: [
                "added": changes.added.map(\.code), "changed": changes.changed.map(\.after.code),
                "removed": changes.removed.map(\.code)], at: now)

            try AuditLog.append(db, actor: actor, action: "delegates.import", subject: source, details: ImportAudit(
                source: source, added: changes.added.map(\.code), changed: changes.changed.map(\.after.code),
                removed: changes.removed.map(\.code), unchanged: changes.unchanged))
            return changes
        }
    }
}
