import CongressCore
import Foundation
import GRDB

extension CongressStore {
    /// Crockford's base 32: no I, L, O, U, so a serial typed from the paper reads one way.
    static let serialAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// Makes `count` new serials for an election's ballots and records them as printed; the
    /// candidate list is fixed from then on. Serials are random (a forged ballot cannot
    /// guess one that was printed and not yet collected).
    public func printBallotSerials(election id: Int64, count: Int, paper: String? = nil, actor: String) throws(StoreError) -> [String] {
        try printBallotSerials(elections: [id], count: count, paper: paper, actor: actor)
    }

    /// The same for several elections on one combined paper (the grassroots chair elected
    /// directly, mode 2, RULES.md §4.4): one serial a paper, recorded for each election;
    /// each part is entered and counted as its own election. The chair part comes first,
    /// with one seat, and no one stands in both parts.
    /// `paper`: the size printed (a5, a4), which the reader then takes for this election's scans.
    public func printBallotSerials(elections ids: [Int64], count: Int, paper: String? = nil, actor: String) throws(StoreError) -> [String] {
        do { try ElectionRules.checkPrintCount(count) } catch { throw .election(error) }
        guard let first = ids.first else { throw .election(.electionRequired) }
        return try write { db in
            var parts: [ElectionRules.PaperPart] = []
            for id in ids {
                let election = try Self.election(db, id)
                parts.append(ElectionRules.PaperPart(id: id, title: election.title, seats: election.seats, status: election.status,
                                                     paperGroup: election.paperGroup,
                                                     candidates: try Self.candidates(db, id).map { $0.delegateCode ?? $0.name }))
            }
            try Self.rule { () throws(ElectionRefusal) in try ElectionRules.checkPaper(parts) }
            // one paper size for an election: the reader reads every sheet of it as that size
            if let paper {
                for id in ids {
                    let election = try Self.election(db, id)
                    if let printed = election.paper, printed != paper {
                        throw StoreError.election(.paperFixed(title: election.title, paper: printed))
                    }
                }
            }
            var existing = Set<String>()
            for id in ids {
                existing.formUnion(try String.fetchAll(db, sql: "SELECT serial FROM ballot_serial WHERE election_id = ?", arguments: [id]))
            }
            var serials: [String] = []
            var generator = SystemRandomNumberGenerator()
            let at = Clock.now()
            let insert = try db.cachedStatement(sql: "INSERT INTO ballot_serial (election_id, serial, printed_at) VALUES (?, ?, ?)")
            while serials.count < count {
                let serial = String((0..<6).map { _ in Self.serialAlphabet[Int.random(in: 0..<32, using: &generator)] })
                guard existing.insert(serial).inserted else { continue }
                for id in ids { try insert.execute(arguments: [id, serial, at]) }
                serials.append(serial)
            }
            for id in ids {
                try db.execute(sql: "UPDATE election SET status = 'printed' WHERE id = ? AND status = 'draft'", arguments: [id])
                if let paper { try db.execute(sql: "UPDATE election SET paper = coalesce(paper, ?) WHERE id = ?", arguments: [paper, id]) }
                if ids.count > 1 { try db.execute(sql: "UPDATE election SET paper_group = ? WHERE id = ?", arguments: [first, id]) }
                try AuditLog.append(db, actor: actor, action: "election.print", subject: String(id),
                                    details: ["count": String(count), "paper": ids.map(String.init).joined(separator: "+")])
            }
            return serials
        }
    }

    public func printedSerials(election id: Int64) throws(StoreError) -> Set<String> {
        try read { db in try Self.printedSerials(db, id) }
    }

    static func printedSerials(_ db: Database, _ id: Int64) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT serial FROM ballot_serial WHERE election_id = ?", arguments: [id]))
    }

    /// The ballot desk: a delegate present and entitled to vote receives one ballot of this
    /// election. What is stored is that they received one, never which serial.
    public func issueBallot(election id: Int64, code: String, station: String, actor: String) throws(StoreError) -> BallotIssueDecision {
        try write { db in
            try Self.requirePrinted(try Self.election(db, id))
            let roster = try Self.roster(db)
            guard roster.delegates[code] != nil else { throw StoreError.unknownDelegate(code: code) }
            let sitting = try Self.openSitting(db)
            if roster.counts(code), sitting == nil { throw StoreError.noOpenSitting }
            let present = try sitting.map { try Self.admissions(db, sitting: $0.id)[code] != nil } ?? false
            let earlier = try Row.fetchOne(db, sql: "SELECT at, station FROM ballot_issue WHERE election_id = ? AND delegate_code = ?",
                                           arguments: [id, code]).map { (at: $0["at"] as String, station: $0["station"] as String) }
            let decision = BallotDesk.decide(code: code, roster: roster, present: present, earlier: earlier)
            guard decision == .issued, let sitting else { return decision }
            // no more ballots handed out than were printed: the desk is told to print more
            let printed = try Int.fetchOne(db, sql: "SELECT count(*) FROM ballot_serial WHERE election_id = ?", arguments: [id]) ?? 0
            if try Self.ballotsIssued(db, id) >= printed {
                throw StoreError.election(.allBallotsIssued(title: try Self.election(db, id).title, printed: printed))
            }
            try db.execute(sql: "INSERT INTO ballot_issue (election_id, delegate_code, at, station) VALUES (?, ?, ?, ?)",
                           arguments: [id, code, Clock.now(), station])
            // The election is held in the sitting its first ballot is issued in.
            try db.execute(sql: "UPDATE election SET sitting_id = ? WHERE id = ? AND sitting_id IS NULL", arguments: [sitting.id, id])
            return .issued
        }
    }

    public func ballotsIssued(election id: Int64) throws(StoreError) -> Int {
        try read { db in try Self.ballotsIssued(db, id) }
    }

    static func ballotsIssued(_ db: Database, _ id: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM ballot_issue WHERE election_id = ?", arguments: [id]) ?? 0
    }

    /// A paper ballot as typed: its serial, the ballot numbers struck (1 = the first name on
    /// the paper), and the reasons seen to set it aside.
    public struct TypedBallot: Sendable, Hashable {
        public var serial: String
        public var struckNumbers: [Int]
        public var marks: [InvalidReason]
        /// The client's id (a UUID): an entry sent again with the same id is entered once.
        public var clientID: String?
        public init(serial: String, struckNumbers: [Int], marks: [InvalidReason] = [], clientID: String? = nil) {
            self.serial = serial
            self.struckNumbers = struckNumbers
            self.marks = marks
            self.clientID = clientID
        }
    }

    /// Enters one paper ballot for one operator.
    @discardableResult
    public func enterBallot(election id: Int64, operator name: String, serial: String, struckNumbers: [Int],
                            marks: [InvalidReason], clientID: String? = nil, actor: String) throws(StoreError) -> BallotEntryRecord {
        let entered = try enterBallots(election: id, operator: name,
                                       [TypedBallot(serial: serial, struckNumbers: struckNumbers, marks: marks, clientID: clientID)],
                                       actor: actor)
        guard let first = entered.first else { throw .database("no entry written") }
        return first
    }

    /// Enters a stack of ballots for one operator in one transaction: one wrong line enters
    /// nothing, and the error says which.
    @discardableResult
    public func enterBallots(election id: Int64, operator name: String, _ ballots: [TypedBallot],
                             actor: String) throws(StoreError) -> [BallotEntryRecord] {
        let operatorName = VietnameseText.cleaned(name)
        guard !operatorName.isEmpty else { throw .election(.operatorRequired) }
        return try write { db in try Self.insertEntries(db, election: id, operator: operatorName, ballots) }
    }

    /// The entry of `ballots` for one operator inside a write: each checked, then inserted
    /// (the scanner's sheets and the committee's decisions come through here too).
    static func insertEntries(_ db: Database, election id: Int64, operator operatorName: String,
                              _ ballots: [TypedBallot]) throws -> [BallotEntryRecord] {
        let election = try Self.election(db, id)
        try Self.requirePrinted(election)
        let candidates = try Self.candidates(db, id)
        let keys = try Self.credentialVerifier(db, withRevocations: false)
        // a combined paper's QR carries the first election of the paper
        let paper = election.paperGroup ?? id
        let insert = try db.cachedStatement(sql: """
            INSERT INTO ballot_entry (election_id, operator, serial, struck, marks, at, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let seen = try db.cachedStatement(sql: "SELECT * FROM ballot_entry WHERE client_id = ?")
        let printed = try Self.printedSerials(db, id)
        // one entry per serial per operator: a second is a slip (corrected, not added) unless
        // one of the two papers is said to be a copy (not_issued), in either order
        var enteredSerials = Set(try String.fetchAll(db, sql: """
            SELECT serial FROM ballot_entry WHERE election_id = ? AND operator = ? AND withdrawn_at IS NULL
                AND (' ' || marks || ' ') NOT LIKE '% not_issued %'
            """, arguments: [id, operatorName]))
        var entered: [BallotEntryRecord] = []
        for (i, ballot) in ballots.enumerated() {
            if let clientID = ballot.clientID, let earlier = try Row.fetchOne(seen, arguments: [clientID]).map(Self.entry(from:)) {
                entered.append(earlier)
                continue
            }
            let place = ballots.count > 1 ? i + 1 : nil
            var serial = ballot.serial.trimmingCharacters(in: .whitespaces).uppercased()
            var marks = ballot.marks
            // A scanned serial QR: its signature says whether the committee printed this paper.
            if let code = BallotSerialCode.parse(serial) {
                serial = code.serial
                if !code.isGenuine(for: paper, verifier: keys) && !marks.contains(.notIssued) { marks.append(.notIssued) }
            }
            guard !serial.isEmpty, serial.count <= 32 else { throw StoreError.election(.serialRequired(place: place)) }
            // a serial never printed is a slip of the keys, unless the paper is said to be foreign
            if !printed.contains(serial), !marks.contains(.notIssued) {
                throw StoreError.election(.serialNotPrinted(place: place, serial: serial))
            }
            if !marks.contains(.notIssued) {
                guard enteredSerials.insert(serial).inserted else {
                    throw StoreError.election(.serialAlreadyEntered(place: place, serial: serial, operator: operatorName))
                }
            }
            let positions = try Self.rule { () throws(ElectionRefusal) in
                try ElectionRules.struckPositions(ballot.struckNumbers, listCount: candidates.count, place: place)
            }
            let struck = positions.map { candidates[$0].id }.sorted()
            let at = Clock.now()
            try insert.execute(arguments: [id, operatorName, serial, struck.map(String.init).joined(separator: " "),
                                           marks.map(\.rawValue).joined(separator: " "), at, ballot.clientID])
            entered.append(BallotEntryRecord(id: db.lastInsertedRowID, operatorName: operatorName, serial: serial, struck: struck,
                                             marks: marks, at: at))
        }
        return entered
    }

    /// Puts right one operator's entry of `serial`, wherever it is in the stack: the entry
    /// is kept, marked withdrawn, and the corrected one takes its place; the audit log says
    /// what it was and what it became. Where the operator also entered a copy of the paper
    /// (not_issued), the original is the one corrected.
    @discardableResult
    public func correctEntry(election id: Int64, operator name: String, serial: String, struckNumbers: [Int],
                             marks: [InvalidReason], actor: String) throws(StoreError) -> BallotEntryRecord {
        let marks = InvalidReason.distinct(marks)
        let operatorName = VietnameseText.cleaned(name)
        guard !operatorName.isEmpty else { throw .election(.operatorRequired) }
        let typed = serial.trimmingCharacters(in: .whitespaces).uppercased()
        let serial = BallotSerialCode.parse(typed)?.serial ?? typed
        return try write { db in
            let election = try Self.election(db, id)
            try Self.requirePrinted(election)
            let mine = try Row.fetchAll(db, sql: """
                SELECT * FROM ballot_entry WHERE election_id = ? AND operator = ? AND serial = ? AND withdrawn_at IS NULL ORDER BY id
                """, arguments: [id, operatorName, serial]).map(Self.entry(from:))
            guard let old = mine.first(where: { !$0.marks.contains(.notIssued) }) ?? mine.first else {
                throw StoreError.election(.noEntryToCorrect(serial: serial, operator: operatorName))
            }
            let candidates = try Self.candidates(db, id)
            let positions = try Self.rule { () throws(ElectionRefusal) in
                try ElectionRules.struckPositions(struckNumbers, listCount: candidates.count, place: nil)
            }
            try db.execute(sql: "UPDATE ballot_entry SET withdrawn_at = ? WHERE id = ?", arguments: [Clock.now(), old.id])
            let struck = positions.map { candidates[$0].id }.sorted()
            let at = Clock.now()
            try db.execute(sql: "INSERT INTO ballot_entry (election_id, operator, serial, struck, marks, at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, operatorName, serial, struck.map(String.init).joined(separator: " "),
                                       marks.map(\.rawValue).joined(separator: " "), at])
            let number = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($0.element.id, $0.offset + 1) })
            func printed(_ e: [Int], _ m: [InvalidReason]) -> String {
                (e.compactMap { number[$0] }.sorted().map(String.init) + m.map(\.rawValue)).joined(separator: " ")
            }
            try AuditLog.append(db, actor: actor, action: "election.entry.correct", subject: String(id), details: [
                "operator": operatorName, "serial": serial, "was": printed(old.struck, old.marks), "now": printed(struck, marks)])
            return BallotEntryRecord(id: db.lastInsertedRowID, operatorName: operatorName, serial: serial, struck: struck, marks: marks, at: at)
        }
    }

    /// Takes back an operator's last entry (kept, marked withdrawn).
    @discardableResult
    public func undoLastEntry(election id: Int64, operator name: String, actor: String) throws(StoreError) -> BallotEntryRecord? {
        let operatorName = VietnameseText.cleaned(name)
        // the scanner's ballots are the committee's to change, sheet by sheet (reopen, then
        // decide): undone here, a sheet's ballot would leave the paper counted by nobody
        guard !ScanDesk.isScannerName(operatorName) else { throw StoreError.election(.scannerNameReserved(ScanDesk.scannerName)) }
        return try write { db in
            try Self.requirePrinted(try Self.election(db, id))
            guard let last = try Row.fetchOne(db, sql: """
                SELECT * FROM ballot_entry WHERE election_id = ? AND operator = ? AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1
                """, arguments: [id, operatorName]).map(Self.entry(from:)) else { return nil }
            try db.execute(sql: "UPDATE ballot_entry SET withdrawn_at = ? WHERE id = ?", arguments: [Clock.now(), last.id])
            try AuditLog.append(db, actor: actor, action: "election.entry.undo", subject: String(id),
                                details: ["operator": operatorName, "serial": last.serial])
            return last
        }
    }

    /// Entries in force, per operator, in the order entered.
    public func ballotEntries(election id: Int64) throws(StoreError) -> [String: [BallotEntryRecord]] {
        try read { db in try Self.ballotEntries(db, id) }
    }

    static func ballotEntries(_ db: Database, _ id: Int64) throws -> [String: [BallotEntryRecord]] {
        Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT * FROM ballot_entry WHERE election_id = ? AND withdrawn_at IS NULL ORDER BY id
            """, arguments: [id]).map(Self.entry(from:)), by: \.operatorName)
    }

    /// Compares the two operators' stacks ballot by ballot (Reconciliation, in the core).
    /// With one operator, everything entered is agreed (single entry).
    public func reconcile(election id: Int64) throws(StoreError) -> Reconciliation {
        try read { db in try Self.reconcile(db, id) }
    }

    static func reconcile(_ db: Database, _ id: Int64) throws -> Reconciliation {
        let entries = try ballotEntries(db, id)
        do { return try Reconciliation.of(entries) } catch { throw StoreError.election(error) }
    }

    /// The count as the tally takes it: the election in ballot order and every reconciled
    /// ballot; a serial never printed is set aside as not issued. Refused while two
    /// operators' entries still differ.
    public func tallyInput(election id: Int64) throws(StoreError) -> (Election, [EnteredBallot]) {
        try read { db in try Self.tallyInput(db, id, reconciliation: try Self.reconcile(db, id)) }
    }

    /// The same from a reconciliation already made (a page that shows both reads the
    /// entries once).
    public func tallyInput(election id: Int64, reconciliation: Reconciliation) throws(StoreError) -> (Election, [EnteredBallot]) {
        try read { db in try Self.tallyInput(db, id, reconciliation: reconciliation) }
    }

    static func tallyInput(_ db: Database, _ id: Int64, reconciliation: Reconciliation) throws -> (Election, [EnteredBallot]) {
        let agreed: [BallotEntryRecord]
        do { agreed = try reconciliation.requireAgreed() } catch { throw StoreError.election(error) }
        let record = try election(db, id)
        let candidates = try candidates(db, id)
        let index = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($0.element.id, $0.offset) })
        let printed = Set(try String.fetchAll(db, sql: "SELECT serial FROM ballot_serial WHERE election_id = ?", arguments: [id]))
        let issued = try Int.fetchOne(db, sql: "SELECT count(*) FROM ballot_issue WHERE election_id = ?", arguments: [id]) ?? 0
        let convened = try roster(db).convened
        let election = Election(title: record.title, seats: record.seats, thresholdBase: record.thresholdBase, convened: convened,
                                absentWholeCongress: record.absentWholeCongress,
                                candidates: candidates.map { Election.Candidate(id: $0.fileID, name: $0.displayName) },
                                ballotsIssued: issued)
        let ballots = agreed.map { e in
            EnteredBallot(serial: e.serial, struck: e.struck.compactMap { index[$0] },
                          marks: printed.contains(e.serial) ? e.marks : e.marks + [.notIssued])
        }
        return (election, ballots)
    }

    /// The tally of what is entered now, in one read of `db`.
    static func count(_ db: Database, _ id: Int64) throws -> TallyResult {
        let (election, ballots) = try tallyInput(db, id, reconciliation: try reconcile(db, id))
        return Tally.count(election, ballots)
    }

    /// Publishes the result: reconciles, tallies and freezes the record (CountRecord) in one
    /// transaction, so that a ballot entered a moment before is either in the published
    /// result or refused, never stored and left out. From then on the result is public, the
    /// entries cannot change, and the minutes and the list of the elected are drawn from
    /// the record alone.
    public func publishElection(_ id: Int64, actor: String, complaints: String? = nil, at date: Date = Date(),
                                expecting fingerprint: String? = nil) throws(StoreError) -> TallyResult {
        try write { db in
            let (record, result) = try Self.countToPublish(db, id)
            if let fingerprint, fingerprint != result.fingerprint { throw StoreError.election(.countChanged(title: record.title)) }
            let publishedAt = Clock.format(date)
            var minutes = try Self.minutes(db, id, result: result, at: date, complaints: complaints)
            minutes.draft = false
            let frozen = CountRecord(minutes: minutes, elected: try Self.electedList(db, id, result: result), publishedAt: publishedAt)
            try db.execute(sql: "UPDATE election SET status = 'published', published_at = ?, published_result = ?, count_record = ? WHERE id = ?",
                           arguments: [publishedAt, result.json(), try frozen.json(), id])
            try AuditLog.append(db, actor: actor, action: "election.publish", subject: String(id), details: [
                "collected": String(result.ballotsCollected), "valid": String(result.valid), "elected": result.elected.joined(separator: " "),
                "status": result.status.rawValue, "present": String(minutes.present), "convened": String(minutes.convened)])
            return result
        }
    }

    /// The count as publishing would freeze it now, for the committee to confirm; refused
    /// as publishing would be (published already, a source missing, entries that differ).
    public func countToPublish(election id: Int64) throws(StoreError) -> (election: ElectionRecord, result: TallyResult) {
        try read { db in try Self.countToPublish(db, id) }
    }

    static func countToPublish(_ db: Database, _ id: Int64) throws -> (ElectionRecord, TallyResult) {
        let record = try Self.election(db, id)
        guard record.status == .printed else { throw Self.published(record) }
        let reconciliation = try Self.reconcile(db, id)
        _ = try Self.rule { () throws(ElectionRefusal) in try record.entryMode.publishable(reconciliation, title: record.title) }
        let (election, ballots) = try Self.tallyInput(db, id, reconciliation: reconciliation)
        return (record, Tally.count(election, ballots))
    }

    /// The frozen record of a published election; nil before publishing.
    public func countRecord(election id: Int64) throws(StoreError) -> CountRecord? {
        try read { db in try Self.countRecord(db, id) }
    }

    static func countRecord(_ db: Database, _ id: Int64) throws -> CountRecord? {
        guard let text = try String.fetchOne(db, sql: "SELECT count_record FROM election WHERE id = ?", arguments: [id]) else { return nil }
        do { return try CountRecord.decode(text) } catch {
            throw StoreError.unreadableValue(table: "election", column: "count_record", value: String(text.prefix(40)))
        }
    }

    /// A run-off among exactly the tied, for the tied seats, or a further round for the
    /// seats left open with those not elected (NextRound, in the core); the elected stay
    /// elected. Made in one transaction: an error leaves nothing, and a second request for
    /// the same count is refused.
    public func createNextRound(after id: Int64, actor: String) throws(StoreError) -> ElectionRecord {
        try write { db in
            let record = try Self.election(db, id)
            // the congress decides a next round on a result announced: published, final
            guard record.status == .published else { throw StoreError.election(.notPublished(title: record.title)) }
            if let next = try Int64.fetchOne(db, sql: "SELECT id FROM election WHERE parent_id = ? ORDER BY id LIMIT 1", arguments: [id]) {
                throw StoreError.election(.nextRoundExists(title: record.title, next: next))
            }
            guard let result = try Self.countRecord(db, id)?.minutes.result else { throw StoreError.election(.notPublished(title: record.title)) }
            let candidates = try Self.candidates(db, id)
            let plan = NextRound.plan(after: result, list: candidates.map(\.fileID))
            let (seats, keep): (Int, Set<String>)
            switch plan {
            case .notNeeded: throw StoreError.election(.noFurtherRoundNeeded(title: record.title))
            case .runoff(let n, let list), .furtherRound(let n, let list): (seats, keep) = (n, Set(list))
            }
            let next = try Self.insertElection(db, body: record.body, title: "\(record.title) — vòng \(record.round + 1), \(plan.vietnameseSuffix)",
                                               seats: seats, thresholdBase: record.thresholdBase,
                                               absentWholeCongress: record.absentWholeCongress,
                                               surplusCapPercent: record.surplusCapPercent, round: record.round + 1, parentID: id,
                                               entryMode: record.entryMode, actor: actor)
            for c in candidates where keep.contains(c.fileID) {
                _ = try Self.insertCandidate(db, election: next.id, delegateCode: c.delegateCode, name: c.delegateCode == nil ? c.name : nil,
                                             birthDate: c.birthDate, details: c.details, nomination: c.nomination, actor: actor)
            }
            for m in try Self.committee(db, id) {
                try Self.insertCommitteeMember(db, election: next.id, name: m.name, role: m.role, delegateCode: m.delegateCode, actor: actor)
            }
            return try Self.election(db, next.id)
        }
    }

    /// Published results, oldest first, as they were published (the tally's JSON).
    public func publishedResults() throws(StoreError) -> [(election: ElectionRecord, result: String)] {
        try read { db in try Self.publishedResults(db) }
    }

    static func publishedResults(_ db: Database) throws -> [(election: ElectionRecord, result: String)] {
        try Row.fetchAll(db, sql: "SELECT * FROM election WHERE status = 'published' ORDER BY published_at, id").map {
            (try Self.election(from: $0), $0["published_result"] ?? "{}")
        }
    }

    static func entry(from row: Row) -> BallotEntryRecord {
        BallotEntryRecord(id: row["id"], operatorName: row["operator"], serial: row["serial"],
                          struck: (row["struck"] as String).split(separator: " ").compactMap { Int($0) },
                          marks: (row["marks"] as String).split(separator: " ").compactMap { InvalidReason(rawValue: String($0)) },
                          at: row["at"])
    }

    /// Ballots are issued and entered only between printing and publishing.
    static func requirePrinted(_ election: ElectionRecord) throws {
        try rule { () throws(ElectionRefusal) in try ElectionRules.requirePrinted(election.status, title: election.title) }
    }

    /// Asks one of the core's election rules; a refusal becomes the store's error.
    static func rule<T>(_ body: () throws(ElectionRefusal) -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw .election(error) }
    }

    static func published(_ election: ElectionRecord) -> StoreError {
        .election(.published(title: election.title))
    }
}
