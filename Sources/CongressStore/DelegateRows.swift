import CongressCore
import GRDB

/// How a ``Delegate`` is stored: one row of `delegate`, its delegation by id.
enum DelegateRows {
    static let select = "SELECT d.*, g.name AS delegation_name FROM delegate d JOIN delegation g ON g.id = d.delegation_id"
    static let selectAll = select + " ORDER BY d.code"

    static func all(_ db: Database) throws -> [Delegate] {
        try Row.fetchAll(db, sql: selectAll).map(delegate(from:))
    }

    static func delegate(from row: Row) throws -> Delegate {
        let birth: String? = row["birth_date"]
        return Delegate(
            code: row["code"], name: row["name"], sex: try row.coded("sex", of: "delegate"),
            birthDate: birth.flatMap(decodeBirthDate),
            delegation: row["delegation_name"], kind: try row.coded("kind", of: "delegate"),
            ethnicity: row["ethnicity"], partyMember: row["party_member"], education: row["education"],
            politicalTheory: row["political_theory"], sector: try row.codedIfPresent("sector", of: "delegate"),
            fullTime: row["full_time"], position: row["position"], seat: row["seat"])
    }

    static func decodeBirthDate(_ text: String) -> BirthDate? {
        if let year = Int(text) { return .year(year) }
        return try? BirthDate.parse(text).get()
    }

    static func arguments(_ d: Delegate, delegationID: Int64) -> StatementArguments {
        [d.code, d.name, d.sex.rawValue, d.birthDate?.iso, delegationID, d.kind.rawValue, d.ethnicity,
         d.partyMember, d.education, d.politicalTheory, d.sector?.rawValue, d.fullTime, d.position, d.seat]
    }

    static let insert = """
        INSERT INTO delegate (code, name, sex, birth_date, delegation_id, kind, ethnicity, party_member,
                              education, political_theory, sector, full_time, position, seat)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let update = """
        UPDATE delegate SET code = ?, name = ?, sex = ?, birth_date = ?, delegation_id = ?, kind = ?,
            ethnicity = ?, party_member = ?, education = ?, political_theory = ?, sector = ?,
            full_time = ?, position = ?, seat = ?
        WHERE code = ?
        """
}

extension CongressStore {
    /// Every delegate, by code.
    public func delegates() throws(StoreError) -> [Delegate] {
        try read { db in try DelegateRows.all(db) }
    }

    public func delegate(code: String) throws(StoreError) -> Delegate? {
        try read { db in
            try Row.fetchOne(db, sql: DelegateRows.select + " WHERE d.code = ?", arguments: [code])
                .map(DelegateRows.delegate(from:))
        }
    }

    /// Delegation names in the order they first appear in the list (by code).
    public func delegations() throws(StoreError) -> [Delegation] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT g.name FROM delegation g JOIN delegate d ON d.delegation_id = g.id
                GROUP BY g.id ORDER BY min(d.code)
                """).map(Delegation.init(name:))
        }
    }
}
