import CongressCore
import Crypto
import Foundation
import GRDB

extension CongressStore {
    /// One sheet as the reader read it, handed to the store to keep and act on.
    public struct SheetRead: Sendable, Hashable {
        /// The page of the file, from 1.
        public var page: Int
        public var serial: String?
        public var status: ScanStatus
        /// Line numbers as printed, struck through.
        public var struck: [Int]
        public var review: [ScanReviewReason]
        public var reason: String?
        /// The reader's whole reading (every line's scores), as JSON.
        public var readingJSON: String
        /// The page resampled onto the paper, a grey JPEG; nil for a sheet not placed.
        public var aligned: Data?
        /// The paper size it was read as (`a5`, `a4`).
        public var paper: String?
        /// This election's part of a combined paper (0 when the paper is its own).
        public var part: Int

        public init(page: Int, serial: String?, status: ScanStatus, struck: [Int], review: [ScanReviewReason], reason: String?,
                    readingJSON: String, aligned: Data?, paper: String? = nil, part: Int = 0) {
            self.paper = paper
            self.part = part
            self.page = page
            self.serial = serial
            self.status = status
            self.struck = struck
            self.review = review
            self.reason = reason
            self.readingJSON = readingJSON
            self.aligned = aligned
        }
    }

    /// What became of a sheet: as kept, and whether it was the same paper seen before
    /// (the same file's page again, or the same reading of an entered serial).
    public struct SheetRecorded: Sendable, Hashable {
        public var sheet: ScannedSheet
        public var duplicate: Bool
    }

    /// How long scans are kept: as long as the paper ballots are sealed (RULES.md §6).
    public static let scanKeepingMonths = 6

    /// Keeps a scan file as the scanner wrote it, once (by its SHA-256, which it returns),
    /// until six months from now.
    public func keepScanFile(name: String, content: Data, at date: Date = Date()) throws(StoreError) -> String {
        let digest = SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let until = calendar.date(byAdding: .month, value: Self.scanKeepingMonths, to: date) ?? date.addingTimeInterval(184 * 86_400)
        try write { db in
            try db.execute(sql: """
                INSERT INTO scan_file (sha256, name, content, received_at, keep_until) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (sha256) DO NOTHING
                """, arguments: [digest, name, content, Clock.format(date), Clock.format(until)])
        }
        return digest
    }

    /// Keeps one sheet of a kept file and does what its reading says (ScanDesk, in the
    /// core), in one transaction: a counted sheet is entered as a ballot of `operator`,
    /// once per paper; the same file's page recorded again changes nothing, unless it was sent
    /// back (not placed, serial unread: a scan read as the wrong paper size, say) and now
    /// reads: then it is read again in its place.
    public func recordScannedSheet(election id: Int64, file sha256: String, fileName: String, _ read: SheetRead,
                                   operator name: String) throws(StoreError) -> SheetRecorded {
        let operatorName = VietnameseText.cleaned(name)
        guard !operatorName.isEmpty else { throw .election(.operatorRequired) }
        return try write { db in
            try Self.requirePrinted(try Self.election(db, id))
            var replacing: Int64?
            if let kept = try Row.fetchOne(db, sql: "SELECT \(Self.sheetColumns) FROM scanned_sheet WHERE election_id = ? AND file_sha256 = ? AND page = ?",
                                           arguments: [id, sha256, read.page]) {
                let sheet = try Self.sheet(from: kept)
                guard sheet.status == .rejected, read.status != .rejected else { return SheetRecorded(sheet: sheet, duplicate: true) }
                replacing = sheet.id
            }
            let earlier = try read.serial.map { try Self.entriesAsPrinted(db, election: id, operator: operatorName, serial: $0) } ?? []
            var status = read.status, review = read.review
            let waiting = try read.serial.map { serial in
                try Bool.fetchOne(db, sql: """
                    SELECT 1 FROM scanned_sheet WHERE election_id = ? AND serial = ? AND status = 'review' AND decision IS NULL
                    """, arguments: [id, serial]) == true
            } ?? false
            let outcome = ScanDesk.outcome(status: read.status, struck: read.struck, earlier: earlier.map(\.struck), waiting: waiting)
            if outcome == .serialSeen { status = .review }
            if read.serial != nil, ScanDesk.serialSeen(outcome, earlier: earlier.map(\.struck), waiting: waiting),
               !review.contains(where: { $0.why == ScanReviewReason.serialSeen }) {
                review.append(ScanReviewReason(why: ScanReviewReason.serialSeen))
            }
            let sheetID: Int64
            if let replacing {
                try db.execute(sql: """
                    UPDATE scanned_sheet SET file_name = ?, serial = ?, status = ?, struck = ?, review = ?, reason = ?, reading = ?, aligned = ?,
                                             paper = ?, part = ?, operator = ?, read_at = ? WHERE id = ?
                    """, arguments: [fileName, read.serial, status.rawValue, Self.numbers(read.struck), try Self.json(review), read.reason,
                                     read.readingJSON, read.aligned, read.paper, read.part, operatorName, Clock.now(), replacing])
                try AuditLog.append(db, actor: operatorName, action: "election.scan.reread", subject: String(id),
                                    details: ["sheet": String(replacing), "file": fileName, "page": String(read.page), "status": status.rawValue])
                sheetID = replacing
            } else {
                try db.execute(sql: """
                    INSERT INTO scanned_sheet (election_id, file_sha256, file_name, page, serial, status, struck, review, reason, reading,
                                               aligned, paper, part, operator, read_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, sha256, fileName, read.page, read.serial, status.rawValue, Self.numbers(read.struck),
                                     try Self.json(review), read.reason, read.readingJSON, read.aligned, read.paper, read.part, operatorName, Clock.now()])
                sheetID = db.lastInsertedRowID
            }
            if outcome == .enter, let serial = read.serial {
                let entry = try Self.insertEntries(db, election: id, operator: operatorName, [
                    TypedBallot(serial: serial, struckNumbers: read.struck, clientID: "scan:\(id):\(sheetID)"),
                ])
                try db.execute(sql: "UPDATE scanned_sheet SET entry_id = ? WHERE id = ?", arguments: [entry.first?.id, sheetID])
            }
            return SheetRecorded(sheet: try Self.sheet(db, sheetID), duplicate: outcome == .duplicate)
        }
    }

    /// How the committee names a sheet: by its serial (the CLI) or by its number (the page).
    public enum SheetChoice: Sendable, Hashable {
        case serial(String)
        case id(Int64)
        /// A sheet by its number, which must carry this serial (the CLI takes both: a number
        /// mistyped must not put a decision on another paper).
        case sheet(Int64, serial: String)
    }

    /// The sheet the committee names, among those waiting (in review and not yet decided;
    /// by number, sent back too) or, `waiting` false, those settled (counted by the machine or
    /// decided): by serial, refused when several papers carry it (never a guess which); by number, refused when it carries another serial than the one said with it. Nil
    /// when none is there; `named` says how it was asked for.
    static func chosenSheet(_ db: Database, election id: Int64, _ choice: SheetChoice, waiting: Bool) throws -> (row: Row?, named: String) {
        let state = waiting ? "status = 'review' AND decision IS NULL" : "(status = 'counted' OR (status = 'review' AND decision IS NOT NULL))"
        let sheetID: Int64, expected: String?
        switch choice {
        case .serial(let serial):
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.sheetColumns) FROM scanned_sheet WHERE election_id = ? AND serial = ? AND \(state) ORDER BY id
                """, arguments: [id, serial.trimmingCharacters(in: .whitespaces).uppercased()])
            if rows.count > 1 { throw StoreError.election(.severalSheetsInReview(serial: serial, sheets: rows.compactMap { $0["id"] as Int64? })) }
            return (rows.first, serial)
        case .id(let number): (sheetID, expected) = (number, nil)
        case .sheet(let number, let serial): (sheetID, expected) = (number, serial.trimmingCharacters(in: .whitespaces).uppercased())
        }
        // a sheet sent back (QR unreadable, not placed) is decided by its number alone: the
        // committee reads the paper by eye, or the scanner's source would miss it for good
        let named = waiting ? "decision IS NULL AND status IN ('review', 'rejected')" : state
        let row = try Row.fetchOne(db, sql: "SELECT \(Self.sheetColumns) FROM scanned_sheet WHERE election_id = ? AND id = ? AND \(named)",
                                   arguments: [id, sheetID])
        if let row, let expected, let actual = row["serial"] as String?, actual != expected {
            throw StoreError.election(.sheetIsAnotherSerial(sheet: sheetID, serial: expected, actual: actual))
        }
        return (row, "#\(sheetID)")
    }

    /// The committee's decision on a sheet in review: the lines struck (as printed) and the
    /// reasons seen on the paper. Entered as a ballot of the sheet's operator unless a ballot
    /// with its serial is in force with the same content (the same paper scanned twice);
    /// audit-logged with who decided.
    @discardableResult
    public func decideScannedSheet(election id: Int64, _ choice: SheetChoice, struck: [Int], marks: [InvalidReason],
                                   actor: String) throws(StoreError) -> ScannedSheet {
        try write { db in
            try Self.requirePrinted(try Self.election(db, id))
            for mark in marks where !InvalidReason.seenOnPaper.contains(mark) {
                throw StoreError.election(.notAReasonSeenOnPaper(mark.rawValue))
            }
            let marks = InvalidReason.distinct(marks)
            let (row, named) = try Self.chosenSheet(db, election: id, choice, waiting: true)
            guard let row else { throw StoreError.election(.noSheetInReview(serial: named)) }
            let sheet = try Self.sheet(from: row)
            // a paper whose signed QR says it is another election's or another congress's is
            // foreign whatever serial is read on it: set aside, never entered as this one's
            if sheet.status == .rejected, sheet.reason == "not_this_election" {
                throw StoreError.election(.foreignPaper(sheet: sheet.id))
            }
            // a rejected sheet whose serial the machine could not read takes the one the
            // committee read on the paper (checked against the printed serials on entry)
            let serial: String
            switch (sheet.serial, choice) {
            case (let read?, _): serial = read
            case (nil, .sheet(_, let said)): serial = said.trimmingCharacters(in: .whitespaces).uppercased()
            default: throw StoreError.election(.noSheetInReview(serial: named))
            }
            let earlier = try Self.entriesAsPrinted(db, election: id, operator: sheet.operatorName, serial: serial)
            // a serial read by eye that the scanner's source holds already is another paper's
            // or a slip of the keys: never taken as "the same paper" (the second outside try: a
            // typo became the sheet's serial for good)
            if sheet.serial == nil, !earlier.isEmpty {
                throw StoreError.election(.serialAlreadyEntered(place: nil, serial: serial, operator: sheet.operatorName))
            }
            let enters = ScanDesk.decisionEnters(struck: struck, marks: marks, earlier: earlier)
            var entryID: Int64?
            if enters {
                // a second paper with a serial already entered is a copy: not issued (DESIGN.md);
                // when every paper entered with it is set aside already (the first reopened and
                // now decided again), this is the one left standing
                let copy = earlier.contains { !$0.marks.contains(.notIssued) } && !marks.contains(.notIssued)
                // each decision its own entry: one taken back (reopen) keeps its withdrawn entry
                let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM ballot_entry WHERE client_id = ? OR client_id LIKE ?",
                                              arguments: ["review:\(id):\(sheet.id)", "review:\(id):\(sheet.id):%"]) ?? 0
                let clientID = "review:\(id):\(sheet.id)" + (before > 0 ? ":\(before + 1)" : "")
                entryID = try Self.insertEntries(db, election: id, operator: sheet.operatorName, [
                    TypedBallot(serial: serial, struckNumbers: struck, marks: marks + (copy ? [.notIssued] : []), clientID: clientID),
                ]).first?.id
            }
            let decision = ScanDecision(struck: struck.sorted(), marks: marks.sorted(), by: actor, at: Clock.now(), entered: enters)
            // decided, a sheet sent back is the committee's like any reviewed one
            try db.execute(sql: "UPDATE scanned_sheet SET decision = ?, entry_id = coalesce(?, entry_id), serial = ?, status = 'review' WHERE id = ?",
                           arguments: [try Self.json(decision), entryID, serial, sheet.id])
            try AuditLog.append(db, actor: actor, action: "election.scan.decide", subject: String(id), details: [
                "serial": serial, "sheet": String(sheet.id), "struck": Self.numbers(decision.struck),
                "marks": decision.marks.map(\.rawValue).joined(separator: " "), "machine": Self.numbers(sheet.struck),
                "entered": enters ? "yes" : "same paper as an entry"])
            return try Self.sheet(db, sheet.id)
        }
    }

    /// The committee takes back a sheet the machine counted (RULES.md §4.5: the committee
    /// decides; the scanner is its tool): a mark the machine did not see, seen on the paper
    /// or by the second source; or a sheet it decided itself, the decision mistyped. The
    /// ballot entered for it is withdrawn (kept, not deleted) and the sheet waits for the
    /// committee's decision like any other, with its reason `reopened`; audit-logged with
    /// who and why, and with the decision taken back. Only before publishing.
    @discardableResult
    public func reopenScannedSheet(election id: Int64, _ choice: SheetChoice, why: String, actor: String) throws(StoreError) -> ScannedSheet {
        try write { db in
            try Self.requirePrinted(try Self.election(db, id))
            let (counted, named) = try Self.chosenSheet(db, election: id, choice, waiting: false)
            guard let row = counted else { throw StoreError.election(.noCountedSheet(serial: named)) }
            let sheet = try Self.sheet(from: row)
            if let entry = row["entry_id"] as Int64? {
                try db.execute(sql: "UPDATE ballot_entry SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL", arguments: [Clock.now(), entry])
            }
            // a decided sheet keeps what the machine asked about (no seal, say) for the next look
            let review = (sheet.decision == nil ? [] : sheet.review.filter { $0.why != ScanReviewReason.reopened })
                + [ScanReviewReason(why: ScanReviewReason.reopened)]
            try db.execute(sql: "UPDATE scanned_sheet SET status = 'review', review = ?, entry_id = NULL, decision = NULL WHERE id = ?",
                           arguments: [try Self.json(review), sheet.id])
            var details = ["serial": sheet.serial ?? "", "sheet": String(sheet.id), "machine": Self.numbers(sheet.struck), "why": why]
            if let decision = sheet.decision {
                details["decided"] = (decision.struck.map(String.init) + decision.marks.map(\.rawValue)).joined(separator: " ")
            }
            try AuditLog.append(db, actor: actor, action: "election.scan.reopen", subject: String(id), details: details)
            return try Self.sheet(db, sheet.id)
        }
    }

    /// The election's scanned sheets, in the order read (without their images).
    public func scannedSheets(election id: Int64) throws(StoreError) -> [ScannedSheet] {
        try read { db in try Self.scannedSheets(db, id) }
    }

    static func scannedSheets(_ db: Database, _ id: Int64) throws -> [ScannedSheet] {
        try Row.fetchAll(db, sql: "SELECT \(Self.sheetColumns) FROM scanned_sheet WHERE election_id = ? ORDER BY id", arguments: [id]).map(Self.sheet(from:))
    }

    /// The committee's queue: sheets in review not yet decided, in the order read.
    public func reviewQueue(election id: Int64) throws(StoreError) -> [ScannedSheet] {
        try scannedSheets(election: id).filter(\.awaitsDecision)
    }

    /// A sheet's page as seen on the paper (grey JPEG), when it was placed.
    public func scannedSheetImage(election id: Int64, sheet: Int64) throws(StoreError) -> Data? {
        try read { db in
            try Data.fetchOne(db, sql: "SELECT aligned FROM scanned_sheet WHERE election_id = ? AND id = ?", arguments: [id, sheet])
        }
    }

    /// A kept scan file, as received.
    public func scanFile(sha256: String) throws(StoreError) -> (name: String, content: Data, keepUntil: String)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT name, content, keep_until FROM scan_file WHERE sha256 = ?", arguments: [sha256]).map {
                ($0["name"], $0["content"], $0["keep_until"])
            }
        }
    }

    /// How the ballots in force were entered: read by the machine, decided by the committee
    /// on review, typed (RULES.md §4.5: the minutes say so).
    static func ballotSources(_ db: Database, _ id: Int64) throws -> BallotSources {
        let row = try Row.fetchOne(db, sql: """
            SELECT sum(client_id LIKE 'scan:%') AS machine, sum(client_id LIKE 'review:%') AS review,
                   sum(client_id IS NULL OR (client_id NOT LIKE 'scan:%' AND client_id NOT LIKE 'review:%')) AS typed
            FROM ballot_entry WHERE election_id = ? AND withdrawn_at IS NULL
            """, arguments: [id])
        return BallotSources(machine: row?["machine"] ?? 0, review: row?["review"] ?? 0, typed: row?["typed"] ?? 0)
    }

    /// An operator's ballots in force with `serial`, their struck lines as printed numbers.
    static func entriesAsPrinted(_ db: Database, election id: Int64, operator name: String,
                                 serial: String) throws -> [(struck: [Int], marks: [InvalidReason])] {
        let numbers = Dictionary(uniqueKeysWithValues: try candidates(db, id).enumerated().map { ($0.element.id, $0.offset + 1) })
        return try Row.fetchAll(db, sql: """
            SELECT * FROM ballot_entry WHERE election_id = ? AND operator = ? AND serial = ? AND withdrawn_at IS NULL ORDER BY id
            """, arguments: [id, name, serial]).map(entry(from:)).map { ($0.struck.compactMap { numbers[$0] }.sorted(), $0.marks) }
    }

    /// A sheet's columns without its image (read on its own, when shown).
    static let sheetColumns = """
        id, election_id, file_name, page, serial, status, struck, review, reason, reading, paper, part, operator, read_at, entry_id, decision,
        aligned IS NOT NULL AS has_image
        """

    static func sheet(_ db: Database, _ sheetID: Int64) throws -> ScannedSheet {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.sheetColumns) FROM scanned_sheet WHERE id = ?", arguments: [sheetID]) else {
            throw StoreError.database("scanned sheet \(sheetID) vanished inside its own transaction")
        }
        return try sheet(from: row)
    }

    static func sheet(from row: Row) throws -> ScannedSheet {
        let decoder = JSONDecoder()
        func decoded<T: Decodable>(_ column: String, _ type: T.Type) throws -> T? {
            guard let text = row[column] as String? else { return nil }
            do { return try decoder.decode(T.self, from: Data(text.utf8)) } catch {
                throw StoreError.unreadableValue(table: "scanned_sheet", column: column, value: String(text.prefix(40)))
            }
        }
        var sheet = ScannedSheet(
            id: row["id"], election: row["election_id"], file: row["file_name"], page: row["page"], serial: row["serial"],
            status: try row.coded("status", of: "scanned_sheet"),
            struck: (row["struck"] as String).split(separator: " ").compactMap { Int($0) },
            review: try decoded("review", [ScanReviewReason].self) ?? [], reason: row["reason"], operatorName: row["operator"],
            readAt: row["read_at"], decision: try decoded("decision", ScanDecision.self), readingJSON: row["reading"], paper: row["paper"], part: row["part"],
            hasImage: row["has_image"] ?? false)
        sheet.entered = (row["entry_id"] as Int64?) != nil
        return sheet
    }

    static func numbers(_ list: [Int]) -> String { list.map(String.init).joined(separator: " ") }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
