import CongressCore
import CongressStore
import Foundation
import GRDB
import TestSupport

/// A congress file in a temporary directory, removed afterwards.
final class TemporaryCongress {
    let directory: URL
    let path: String
    let store: CongressStore

    init(name: String = "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI") throws {
        directory = try Fixtures.temporaryDirectory()
        path = directory.appendingPathComponent("congress.db").path
        store = try CongressStore.create(at: path, congress: Congress(name: name, term: "2023-2028"), actor: "test")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Every row of every table, as text: "exactly as it was" means this is unchanged.
    func dump() throws -> String {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var out = ""
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for table in tables {
                out += "# \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid") {
                    out += row.description + "\n"
                }
            }
            return out
        }
    }

    /// Raw SQL on the file, as someone with the sqlite3 tool could do.
    func tamper(_ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }
}
