import ArgumentParser
import CongressCore
import CongressStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Nhật ký thay đổi. / The audit log.",
        subcommands: [Verify.self, List.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra chuỗi băm của nhật ký; lỗi nếu có mục bị sửa hoặc xoá. / Check the hash chain; fails naming the entry edited or deleted.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "In dạng JSON / print as JSON.")
        var json = false

        func run() throws {
            let store = try options.openStore()
            let result: AuditVerification
            do { result = try store.verifyAudit() } catch { throw options.fail(error) }
            switch result {
            case .intact(let n):
                if json { try Output.json(["status": "intact", "entries": "\(n)"]) } else { print(result.message(options.lang)) }
            case .broken(let seq, _):
                if json { try Output.json(["status": "broken", "entry": "\(seq)", "message": result.message(options.lang)]) }
                Output.error(result.message(options.lang))
                throw ExitCode(1)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "In nhật ký. / Print the audit log.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "In dạng JSON / print as JSON.")
        var json = false

        func run() throws {
            let store = try options.openStore()
            let entries: [AuditEntry]
            let time: CongressTime
            do { entries = try store.auditEntries(); time = try store.congress().time } catch { throw options.fail(error) }
            if json { try Output.json(entries); return }
            for e in entries { print("\(e.seq)\t\(time.dateTime(stored: e.at, options.lang))\t\(e.actor)\t\(e.action)\t\(e.subject)\t\(e.details)") }
        }
    }
}
