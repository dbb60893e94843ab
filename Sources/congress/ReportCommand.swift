import ArgumentParser
import CongressCore
import CongressStore
import Documents
import Foundation

/// `congress report …`: what the secretariat and the committees hand to the presidium and
/// send to the higher level (RULES.md §3, §5–6).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Báo cáo: thẩm tra tư cách, điểm danh, danh sách, người trúng cử. / Reports.",
        subcommands: [Credentials.self, Attendance.self, Delegates.self, Elected.self])

    struct Credentials: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Báo cáo thẩm tra tư cách đại biểu. / The credentials report (PDF or JSON).")
        @OptionGroup var options: GlobalOptions
        @Flag var json = false
        @Option(help: "Tệp PDF / the PDF to write.") var out: String?
        @Option(help: "Tính đến thời điểm (ISO 8601, ví dụ 2026-11-21T08:30:00Z) / as at this time.") var at: String?
        @Option(help: "Thành viên Ban thẩm tra (mỗi lần một người) / a committee member (repeat).") var member: [String] = []

        func run() throws {
            var date: Date?
            if let at {
                guard let d = try? Date(at, strategy: Date.ISO8601FormatStyle()) else { throw ValidationError("--at: cần dạng 2026-11-21T08:30:00Z / ISO 8601") }
                date = d
            }
            let store = try options.openStore()
            let (report, congress): (CredentialsReport, Congress)
            do { (report, congress) = (try store.credentialsReport(at: date), try store.congress()) } catch { throw options.fail(error) }
            if json { print(report.json()) }
            if let out { try ReportFiles.write(out, options) { path throws(PDFFailure) in
                try CredentialsReportPrinter.pdf(report, congress: congress, committee: member, to: path)
            } }
            if !json && out == nil {
                print(options.say("Triệu tập {convened} · có mặt {present} ({percent}%) · vắng {absent}",
                                  ["convened": String(report.convened), "present": String(report.present),
                                   "percent": report.percent(report.present), "absent": String(report.absent)]))
                print(options.say("Nữ {female} ({percent}%) · Đảng viên {party} · dân tộc thiểu số {minority}",
                                  ["female": String(report.female), "percent": report.percent(report.female),
                                   "party": String(report.partyMembers), "minority": String(report.ethnicMinority)]))
            }
        }
    }

    struct Attendance: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Điểm danh một phiên (PDF, CSV, XLSX). / Attendance at a sitting.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Số phiên (congress sitting list); mặc định phiên đang mở / the sitting's number.") var sitting: Int64?
        @Option(help: "Tệp .pdf, .csv hoặc .xlsx / the file to write.") var out: String

        func run() throws {
            let store = try options.openStore()
            let (report, congress): (AttendanceReport, Congress)
            do { (report, congress) = (try store.attendanceReport(sitting: sitting), try store.congress()) } catch { throw options.fail(error) }
            try ReportFiles.write(out, options, table: report.table) { path throws(PDFFailure) in
                try AttendancePrinter.pdf(report, congress: congress, to: path)
            }
        }
    }

    struct Delegates: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách đại biểu (CSV, XLSX), nhập lại được. / The delegate list, re-importable.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Tệp .csv hoặc .xlsx / the file to write.") var out: String

        func run() throws {
            let store = try options.openStore()
            let list: [Delegate]
            do { list = try store.delegates() } catch { throw options.fail(error) }
            guard let format = DelegateListFile.Format(rawValue: (out as NSString).pathExtension.lowercased()) else {
                throw ValidationError("--out: .csv hoặc .xlsx / must end in .csv or .xlsx")
            }
            do { try DelegateListFile.export(list, format: format).write(to: URL(fileURLWithPath: out)) } catch {
                Output.error("\(out): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
    }

    struct Elected: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách trích ngang người trúng cử (PDF, XLSX). / The elected with short details.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Option(help: "Tệp .pdf, .xlsx hoặc .csv / the file to write.") var out: String

        func run() throws {
            let store = try options.openStore()
            let (list, congress): (ElectedList, Congress)
            do { (list, congress) = (try store.electedList(election: election), try store.congress()) } catch { throw options.fail(error) }
            try ReportFiles.write(out, options, table: list.table) { path throws(PDFFailure) in
                try ElectedListPrinter.pdf(list, congress: congress, to: path)
            }
        }
    }
}

/// Writes a report by the file's extension: .pdf with `pdf`, .csv / .xlsx from `table`.
enum ReportFiles {
    static func write(_ out: String, _ options: GlobalOptions, table: [[String]]? = nil,
                      pdf: (String) throws(PDFFailure) -> Void) throws {
        let ext = (out as NSString).pathExtension.lowercased()
        do {
            switch (ext, table) {
            case ("pdf", _): try pdf(out)
            case ("csv", let table?): try CSVTableWriter.data(table).write(to: URL(fileURLWithPath: out))
            case ("xlsx", let table?): try XLSXTableWriter.data(table, sheetName: "Báo cáo").write(to: URL(fileURLWithPath: out))
            default: throw ValidationError("--out: .pdf\(table == nil ? "" : ", .csv hoặc .xlsx") / the file's extension")
            }
        } catch let error as PDFFailure {
            Output.error(error.message(options.lang))
            throw ExitCode(2)
        } catch let error as ValidationError {
            throw error
        } catch {
            Output.error("\(out): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}
