import CongressCore
import Documents
import Foundation
import GRDB
import Testing
import TestSupport

/// Runs the built `congress` binary as a user would, on the fixtures.
struct CLI {
    let directory: URL
    var db: String { directory.appendingPathComponent("congress.db").path }

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static var binary: URL {
        // The test bundle sits beside the products it was built with.
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("congress")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Fixtures.root.appendingPathComponent(".build/debug/congress")
    }

    init() throws { directory = try Fixtures.temporaryDirectory() }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], withDB: Bool = true) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + (withDB ? ["--db", db] : [])
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CONGRESS_DB")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    func initCongress() throws {
        let r = try run(["init", "--name", "Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI", "--term", "2023-2028", "--level", "provincial"])
        #expect(r.status == 0, "\(r.err)")
    }
}

@Suite("congress, end to end")
struct CommandLineTests {
    /// A crafted workbook (a cell reference with a column far past XFD) once ended the
    /// import with "Fatal error: failed to allocate 4392895662691073424 bytes" (exit 134):
    /// it is refused, exit 2, naming the part and the cell, and nothing is imported.
    @Test func aCraftedWorkbookIsRefusedNotFatal() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        for name in ["column-beyond-xfd.xlsx", "row-beyond-excel.xlsx", "missing-shared-string.xlsx"] {
            let r = try cli.run(["import", Fixtures.path("bad/\(name)")])
            #expect(r.status == 2, "\(name): \(r.err)")
            #expect(r.err.contains("xl/worksheets/sheet1.xml"), "\(name): \(r.err)")
        }
        #expect(try cli.run(["import", Fixtures.path("bad/column-beyond-xfd.xlsx"), "--lang", "en"]).err.contains("beyond XFD"))
        #expect(try cli.run(["delegates", "--json"]).out.filter { !$0.isWhitespace } == "[]", "nothing imported")
    }

    @Test func initImportListSearchVerify() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        let imported = try cli.run(["import", Fixtures.path("delegates.xlsx")])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("thêm 300"))
        let list = try cli.run(["delegates", "--json"])
        #expect(list.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        #expect(json.count == 300)
        #expect(json.first?["code"] as? String == "DB0001")
        let expected = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        let found = try cli.run(["delegates", "--search", "nguyen thi"])
        let expectedCodes = DelegateSearchIndex(expected).search("Nguyễn Thị").map(\.code)
        #expect(!expectedCodes.isEmpty)
        #expect(found.out.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) } == expectedCodes)
        let again = try cli.run(["import", Fixtures.path("delegates.csv")])
        #expect(again.status == 0)
        #expect(again.out.contains("không có gì thay đổi"))
        let verify = try cli.run(["audit", "verify"])
        #expect(verify.status == 0)
        #expect(verify.out.contains("toàn vẹn"))
    }

    @Test func badFileExitsTwoWithEveryErrorAndImportsNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        let r = try cli.run(["import", Fixtures.path("bad/many-errors.csv")])
        #expect(r.status == 2)
        #expect(r.err.contains("many-errors.csv, dòng 3, cột D «Giới tính»: «Khác» không hợp lệ"))
        #expect(r.err.contains("Có 7 lỗi; chưa nhập gì"))
        let en = try cli.run(["import", Fixtures.path("bad/many-errors.csv"), "--lang", "en"])
        #expect(en.status == 2)
        #expect(en.err.contains("many-errors.csv, row 3, column D (Giới tính): «Khác» is not valid"))
        let json = try cli.run(["import", Fixtures.path("bad/windows-1258.csv"), "--json"])
        #expect(json.status == 2)
        #expect(json.out.contains("\"not_utf8\""))
        #expect(try cli.run(["delegates"]).out.isEmpty)
    }

    @Test func refusalsExitOne() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        let partial = cli.directory.appendingPathComponent("partial.csv")
        let text = try String(contentsOfFile: Fixtures.path("delegates.csv"), encoding: .utf8)
        try text.split(separator: "\r\n", omittingEmptySubsequences: false).prefix(50).joined(separator: "\r\n")
            .write(to: partial, atomically: true, encoding: .utf8)
        let r = try cli.run(["import", partial.path])
        #expect(r.status == 1)
        #expect(r.err.contains("--replace-all"))
        #expect(try cli.run(["delegates", "--json"]).out.components(separatedBy: "\"code\"").count == 301)
        let dry = try cli.run(["import", Fixtures.path("delegates-updated.csv"), "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.out.contains("- DB0121"))
        #expect(dry.out.contains("+ DB0302 Đàm Quang Ưng"))
        #expect(try cli.run(["delegates", "--search", "DB0302"]).out.isEmpty, "a dry run writes nothing")
    }

    @Test func usageErrorsExitTwo() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["bogus"], withDB: false).status == 2)
        #expect(try cli.run(["import"]).status == 2)
        #expect(try cli.run(["delegates"]).status == 2, "no database yet")
        #expect(try cli.run(["delegates"]).err.contains("congress init"))
        #expect(try cli.run(["init", "--name", "  "]).status == 2)
        #expect(try cli.run(["init", "--name", "X", "--term", "2028-2023"]).status == 2)
        #expect(try cli.run(["--help"], withDB: false).status == 0)
        try cli.initCongress()
        let again = try cli.run(["init", "--name", "X"])
        #expect(again.status == 2)
        #expect(again.err.contains("không ghi đè"))
    }

    @Test func databaseFromEnvironment() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let env = ["CONGRESS_DB": cli.directory.appendingPathComponent("env.db").path]
        #expect(try cli.run(["init", "--name", "Đại hội CĐCS Trường THPT Bùi Thị Xuân"], environment: env, withDB: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: env["CONGRESS_DB"]!))
        #expect(try cli.run(["audit", "verify", "--json"], environment: env, withDB: false).out.contains("intact"))
        // default: ./congress.db in the working directory
        #expect(try cli.run(["init", "--name", "X"], withDB: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.db))
    }

    @Test func namesSortReadsStandardInput() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let input = "Lê Văn Bạ\r\nNguyễn Văn An\n\nLê Văn Bác\nTrần Thị Án\nPhạm Văn Ân\tnot a date\nLê Thị Hoà\n"
        let r = try cli.run(["names", "sort"], stdin: input, withDB: false)
        #expect(r.status == 0)
        #expect(r.out == "Nguyễn Văn An\nTrần Thị Án\nPhạm Văn Ân\tnot a date\nLê Văn Bạ\nLê Văn Bác\nLê Thị Hoà\n")
        let byBirth = try cli.run(["names", "sort"], stdin: "Lê Văn An\t1990\nLê Văn An\t12/03/1970\n", withDB: false)
        #expect(byBirth.out == "Lê Văn An\t12/03/1970\nLê Văn An\t1990\n")
    }

    @Test func auditVerifyFailsNamingTheEntry() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        #expect(try cli.run(["import", Fixtures.path("delegates-updated.csv")]).status == 0)
        // edit the file as an intruder with the sqlite3 tool would
        let queue = try DatabaseQueue(path: cli.db)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET details = replace(details, 'DB0121', 'DB0122') WHERE seq = 3")
        }
        try queue.close()
        let r = try cli.run(["audit", "verify"])
        #expect(r.status == 1)
        #expect(r.err.contains("mục 3"))
    }
}

