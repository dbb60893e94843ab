import CongressCore
import Foundation
import GRDB

/// What the ballot desk decided for one delegate.
public enum BallotIssueDecision: Sendable, Hashable {
    case issued
    /// This delegate already received this election's ballot.
    case alreadyIssued(at: String, station: String)
    /// A guest, an alternate not replacing anyone, or a replaced delegate: no vote.
    case notEligible
    /// Not admitted to the open sitting.
    case notPresent

    public var vietnamese: String {
        switch self {
        case .issued: "PHÁT PHIẾU"
        case .alreadyIssued: "ĐÃ NHẬN PHIẾU"
        case .notEligible: "KHÔNG CÓ QUYỀN BẦU CỬ"
        case .notPresent: "CHƯA ĐIỂM DANH VÀO PHIÊN HỌP"
        }
    }
}

/// One ballot as one operator entered it.
public struct BallotEntryRecord: Sendable, Hashable {
    public var id: Int64
    public var operatorName: String
    public var serial: String
    /// Candidate ids (CandidateRecord.id) struck through.
    public var struck: [Int]
    public var marks: [InvalidReason]
    public var at: String
}

/// Two operators' entries compared ballot by ballot (double entry).
public struct Reconciliation: Sendable, Hashable {
    public struct Difference: Sendable, Hashable {
        public var serial: String
        public var first: [BallotEntryRecord]
        public var second: [BallotEntryRecord]
    }
    public var operators: [String]
    /// Ballots both entered the same way (or the one operator's, with a single entry).
    public var agreed: [BallotEntryRecord]
    public var differences: [Difference]
}

extension CongressStore {
    /// Crockford's base 32: no I, L, O, U, so a serial typed from the paper reads one way.
    static let serialAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// Makes `count` new serials for an election's ballots and records them as printed; the
    /// candidate list is fixed from then on. Serials are random (a forged ballot cannot
    /// guess one that was printed and not yet collected).
    public func printBallotSerials(election id: Int64, count: Int, actor: String) throws(StoreError) -> [String] {
        try printBallotSerials(elections: [id], count: count, actor: actor)
    }

    /// The same for several elections on one combined paper (the grassroots chair elected
    /// directly, mode 2, RULES.md §4.4): one serial a paper, recorded for each election;
    /// each part is entered and counted as its own election. The chair part comes first,
    /// with one seat, and no one stands in both parts.
    public func printBallotSerials(elections ids: [Int64], count: Int, actor: String) throws(StoreError) -> [String] {
        guard count >= 1, count <= 100_000 else {
            throw .electionRefused(vi: "Số phiếu in phải từ 1 đến 100.000.", en: "Print between 1 and 100,000 ballots.")
        }
        guard let first = ids.first, Set(ids).count == ids.count else { throw .electionRefused(vi: "Cần một cuộc bầu cử.", en: "An election is needed.") }
        return try write { db in
            var lists: [[CandidateRecord]] = []
            for id in ids {
                let election = try Self.election(db, id)
                guard election.status != .published else { throw Self.published(election) }
                let candidates = try Self.candidates(db, id)
                guard !candidates.isEmpty else {
                    throw StoreError.electionRefused(vi: "Danh sách ứng cử viên của «\(election.title)» còn trống.",
                                                     en: "The candidate list of «\(election.title)» is empty.")
                }
                if ids.count > 1 {
                    guard election.status == .draft || election.paperGroup == first else {
                        throw StoreError.electionRefused(vi: "«\(election.title)» đã in phiếu riêng; không ghép vào phiếu chung được.",
                                                         en: "«\(election.title)» has its own ballots already; it cannot join a combined paper.")
                    }
                }
                lists.append(candidates)
            }
            if ids.count > 1 {
                guard try Self.election(db, first).seats == 1 else {
                    throw StoreError.electionRefused(vi: "Phiếu chung (cách 2): phần đầu là bầu Chủ tịch, 1 người.",
                                                     en: "A combined paper (mode 2) starts with the chair: one seat.")
                }
                let chair = Set(lists[0].map { $0.delegateCode ?? $0.name })
                for list in lists.dropFirst() where list.contains(where: { chair.contains($0.delegateCode ?? $0.name) }) {
                    throw StoreError.electionRefused(vi: "Người ứng cử Chủ tịch không có tên trong danh sách bầu Ban Chấp hành (cách 2).",
                                                     en: "The chair candidate is left out of the committee list (mode 2).")
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
                if ids.count > 1 { try db.execute(sql: "UPDATE election SET paper_group = ? WHERE id = ?", arguments: [first, id]) }
                try AuditLog.append(db, actor: actor, action: "election.print", subject: String(id),
                                    details: ["count": String(count), "paper": ids.map(String.init).joined(separator: "+")])
            }
            return serials
        }
    }

    public func printedSerials(election id: Int64) throws(StoreError) -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT serial FROM ballot_serial WHERE election_id = ?", arguments: [id])) }
    }

    /// The ballot desk: a delegate present and entitled to vote receives one ballot of this
    /// election. What is stored is that they received one, never which serial.
    public func issueBallot(election id: Int64, code: String, station: String, actor: String) throws(StoreError) -> BallotIssueDecision {
        try write { db in
            try Self.requirePrinted(try Self.election(db, id))
            let roster = try Self.roster(db)
            guard roster.delegates[code] != nil else { throw StoreError.unknownDelegate(code: code) }
            guard roster.counts(code) else { return .notEligible }
            guard let sitting = try Self.openSitting(db) else { throw StoreError.noOpenSitting }
            guard try Self.admissions(db, sitting: sitting.id)[code] != nil else { return .notPresent }
            if let row = try Row.fetchOne(db, sql: "SELECT at, station FROM ballot_issue WHERE election_id = ? AND delegate_code = ?",
                                          arguments: [id, code]) {
                return .alreadyIssued(at: row["at"], station: row["station"])
            }
            try db.execute(sql: "INSERT INTO ballot_issue (election_id, delegate_code, at, station) VALUES (?, ?, ?, ?)",
                           arguments: [id, code, Clock.now(), station])
            return .issued
        }
    }

    public func ballotsIssued(election id: Int64) throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ballot_issue WHERE election_id = ?", arguments: [id]) ?? 0 }
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
        guard !operatorName.isEmpty else { throw .electionRefused(vi: "Cần tên người nhập phiếu.", en: "The operator's name is required.") }
        return try write { db in
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
            var entered: [BallotEntryRecord] = []
            for (i, ballot) in ballots.enumerated() {
                if let clientID = ballot.clientID, let earlier = try Row.fetchOne(seen, arguments: [clientID]).map(Self.entry(from:)) {
                    entered.append(earlier)
                    continue
                }
                let place = ballots.count > 1 ? "Phiếu thứ \(i + 1): " : ""
                let placeEn = ballots.count > 1 ? "Ballot \(i + 1): " : ""
                var serial = ballot.serial.trimmingCharacters(in: .whitespaces).uppercased()
                var marks = ballot.marks
                // A scanned serial QR: its signature says whether the committee printed this paper.
                if let code = BallotSerialCode.parse(serial) {
                    serial = code.serial
                    if !code.isGenuine(for: paper, verifier: keys) && !marks.contains(.notIssued) { marks.append(.notIssued) }
                }
                guard !serial.isEmpty, serial.count <= 32 else {
                    throw StoreError.electionRefused(vi: place + "cần số sê-ri của phiếu.", en: placeEn + "the ballot's serial is required.")
                }
                var struck: [Int] = []
                for number in ballot.struckNumbers {
                    guard number >= 1, number <= candidates.count else {
                        throw StoreError.electionRefused(vi: place + "không có ứng cử viên số \(number) (phiếu có \(candidates.count) tên).",
                                                         en: placeEn + "there is no candidate number \(number) (the ballot has \(candidates.count) names).")
                    }
                    let cid = candidates[number - 1].id
                    guard !struck.contains(cid) else {
                        throw StoreError.electionRefused(vi: place + "số \(number) được nhập hai lần.", en: placeEn + "number \(number) is entered twice.")
                    }
                    struck.append(cid)
                }
                struck.sort()
                let at = Clock.now()
                try insert.execute(arguments: [id, operatorName, serial, struck.map(String.init).joined(separator: " "),
                                               marks.map(\.rawValue).joined(separator: " "), at, ballot.clientID])
                entered.append(BallotEntryRecord(id: db.lastInsertedRowID, operatorName: operatorName, serial: serial, struck: struck,
                                                 marks: marks, at: at))
            }
            return entered
        }
    }

    /// Takes back an operator's last entry (kept, marked withdrawn).
    @discardableResult
    public func undoLastEntry(election id: Int64, operator name: String, actor: String) throws(StoreError) -> BallotEntryRecord? {
        let operatorName = VietnameseText.cleaned(name)
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
        try read { db in
            Dictionary(grouping: try Row.fetchAll(db, sql: """
                SELECT * FROM ballot_entry WHERE election_id = ? AND withdrawn_at IS NULL ORDER BY id
                """, arguments: [id]).map(Self.entry(from:)), by: \.operatorName)
        }
    }

    /// Compares the two operators' stacks ballot by ballot. With one operator, everything
    /// entered is agreed (single entry).
    public func reconcile(election id: Int64) throws(StoreError) -> Reconciliation {
        let entries = try ballotEntries(election: id)
        // The operator who began first leads: their order decides which of two papers with
        // the same serial is "the second" (DESIGN.md: the second is not_issued).
        let operators = entries.keys.sorted { (entries[$0]?.first?.id ?? 0) < (entries[$1]?.first?.id ?? 0) }
        guard operators.count >= 2 else {
            return Reconciliation(operators: operators, agreed: operators.first.flatMap { entries[$0] } ?? [], differences: [])
        }
        guard operators.count == 2 else {
            throw .electionRefused(vi: "Có \(operators.count) người nhập (\(operators.joined(separator: ", "))); nhập hai lần cần đúng hai người.",
                                   en: "\(operators.count) operators entered ballots (\(operators.joined(separator: ", "))); double entry needs exactly two.")
        }
        let first = Dictionary(grouping: entries[operators[0]] ?? [], by: \.serial)
        let second = Dictionary(grouping: entries[operators[1]] ?? [], by: \.serial)
        var agreed: [BallotEntryRecord] = []
        var differences: [Reconciliation.Difference] = []
        for serial in Set(first.keys).union(second.keys).sorted() {
            let a = first[serial] ?? [], b = second[serial] ?? []
            // the same serial twice (a copied ballot) may be entered in either order
            func content(_ e: BallotEntryRecord) -> String {
                e.struck.map(String.init).joined(separator: " ") + "|" + e.marks.map(\.rawValue).sorted().joined(separator: " ")
            }
            let same = a.map(content).sorted() == b.map(content).sorted()
            if same { agreed.append(contentsOf: a) } else { differences.append(.init(serial: serial, first: a, second: b)) }
        }
        agreed.sort { $0.id < $1.id }
        return Reconciliation(operators: operators, agreed: agreed, differences: differences)
    }

    /// The count as the tally takes it: the election in ballot order and every reconciled
    /// ballot; a serial never printed is set aside as not issued. Refused while two
    /// operators' entries still differ.
    public func tallyInput(election id: Int64) throws(StoreError) -> (Election, [EnteredBallot]) {
        try tallyInput(election: id, reconciliation: try reconcile(election: id))
    }

    /// The same from a reconciliation already made (a page that shows both reads the
    /// entries once).
    public func tallyInput(election id: Int64, reconciliation: Reconciliation) throws(StoreError) -> (Election, [EnteredBallot]) {
        guard reconciliation.differences.isEmpty else {
            let serials = reconciliation.differences.prefix(10).map(\.serial).joined(separator: ", ")
            throw .electionRefused(vi: "Còn \(reconciliation.differences.count) phiếu hai người nhập khác nhau (\(serials)); đối chiếu và sửa trước khi kiểm phiếu.",
                                   en: "\(reconciliation.differences.count) ballots differ between the two operators (\(serials)); reconcile them before the tally.")
        }
        return try read { db in
            let record = try Self.election(db, id)
            let candidates = try Self.candidates(db, id)
            let index = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($0.element.id, $0.offset) })
            let printed = Set(try String.fetchAll(db, sql: "SELECT serial FROM ballot_serial WHERE election_id = ?", arguments: [id]))
            let issued = try Int.fetchOne(db, sql: "SELECT count(*) FROM ballot_issue WHERE election_id = ?", arguments: [id]) ?? 0
            let convened = try Self.roster(db).convened
            let election = Election(title: record.title, seats: record.seats, thresholdBase: record.thresholdBase, convened: convened,
                                    absentWholeCongress: record.absentWholeCongress,
                                    candidates: candidates.map { Election.Candidate(id: $0.fileID, name: $0.name) },
                                    ballotsIssued: issued)
            let ballots = reconciliation.agreed.map { e in
                EnteredBallot(serial: e.serial, struck: e.struck.compactMap { index[$0] },
                              marks: printed.contains(e.serial) ? e.marks : e.marks + [.notIssued])
            }
            return (election, ballots)
        }
    }

    /// Publishes the result: from now on it is public and the entries cannot change.
    public func publishElection(_ id: Int64, actor: String) throws(StoreError) -> TallyResult {
        let (election, ballots) = try tallyInput(election: id)
        let result = Tally.count(election, ballots)
        try write { db in
            let record = try Self.election(db, id)
            guard record.status == .printed else { throw Self.published(record) }
            try db.execute(sql: "UPDATE election SET status = 'published', published_at = ?, published_result = ? WHERE id = ?",
                           arguments: [Clock.now(), result.json(), id])
            try AuditLog.append(db, actor: actor, action: "election.publish", subject: String(id), details: [
                "collected": String(result.ballotsCollected), "valid": String(result.valid), "elected": result.elected.joined(separator: " "),
                "status": result.status.rawValue])
        }
        return result
    }

    /// A run-off among exactly the tied, for the tied seats, or a further round for the
    /// seats left open with those not elected; the elected stay elected.
    public func createNextRound(after id: Int64, actor: String) throws(StoreError) -> ElectionRecord {
        let (election, ballots) = try tallyInput(election: id)
        let result = Tally.count(election, ballots)
        let record = try self.election(id)
        let candidates = try self.candidates(election: id)
        let seats: Int
        let keep: Set<String>
        let suffix: String
        switch result.status {
        case .complete:
            throw .electionRefused(vi: "«\(record.title)» đã bầu đủ; không cần vòng sau.", en: "«\(record.title)» filled every seat; no further round.")
        case .runoffNeeded:
            (seats, keep, suffix) = (result.tiedSeats, Set(result.tied), "bầu lại giữa những người bằng phiếu")
        case .seatsOpen:
            let elected = Set(result.elected)
            (seats, keep, suffix) = (result.seatsOpen, Set(candidates.map(\.fileID)).subtracting(elected), "bầu bổ sung số còn thiếu")
        }
        let next = try createElection(body: record.body, title: "\(record.title) — vòng \(record.round + 1), \(suffix)", seats: seats,
                                      thresholdBase: record.thresholdBase, absentWholeCongress: record.absentWholeCongress,
                                      surplusCapPercent: record.surplusCapPercent,
                                      round: record.round + 1, parentID: id, actor: actor)
        for c in candidates where keep.contains(c.fileID) {
            try addCandidate(election: next.id, delegateCode: c.delegateCode, name: c.delegateCode == nil ? c.name : nil,
                             birthDate: c.birthDate, details: c.details, nomination: c.nomination, actor: actor)
        }
        for m in try committee(election: id) {
            try addCommitteeMember(election: next.id, name: m.name, role: m.role, delegateCode: m.delegateCode, actor: actor)
        }
        return next
    }

    /// Published results, oldest first, as they were published (the tally's JSON).
    public func publishedResults() throws(StoreError) -> [(election: ElectionRecord, result: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM election WHERE status = 'published' ORDER BY published_at, id").map {
                (Self.election(from: $0), $0["published_result"] ?? "{}")
            }
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
        switch election.status {
        case .printed: return
        case .published: throw published(election)
        case .draft:
            throw StoreError.electionRefused(vi: "Chưa in phiếu bầu của «\(election.title)».",
                                             en: "The ballots of «\(election.title)» are not printed yet.")
        }
    }

    static func published(_ election: ElectionRecord) -> StoreError {
        .electionRefused(vi: "Kết quả «\(election.title)» đã công bố và không thay đổi được; muốn đính chính thì lập một lần kiểm mới.",
                         en: "The result of «\(election.title)» is published and cannot change; a correction is a new count.")
    }
}
