import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird

/// `/reports`: the secretariat's downloads — the credentials report (PDF, JSON), attendance
/// (PDF, CSV, XLSX), the delegate list (CSV, XLSX, re-importable), and for published
/// elections the minutes and the list of the elected (PDF, XLSX).
struct ReportPages {
    let store: StoreRunner
    /// Who reads the delegate list and the attendance (PageAccess's rule for /delegates).
    static let readsDelegates: Set<Role> = [.credentials, .admin]

    func addRoutes(to router: GatedRouter) {
        router.get("reports") { _, context -> Response in
            let user = try Web.signedIn(context)
            let page = try await store.run { store -> String in
                let report = try store.credentialsReport()
                return Templates.render(ReportsPage(
                    user: UserView(user), convened: report.convened, present: report.present, percent: report.percent(report.present),
                    sitting: report.sitting, elections: try store.publishedResults().map { .init(id: $0.election.id, title: $0.election.title) }),
                    "reports", context.language)
            }
            return Web.html(page)
        }
        router.get("reports/:file") { _, context -> Response in
            let user = try Web.signedIn(context)
            let file = try context.parameters.require("file")
            let (name, ext) = ((file as NSString).deletingPathExtension, (file as NSString).pathExtension.lowercased())
            // the list and the attendance (each delegate, their details, when and by which door
            // they came) are the secretariat's, as /delegates is; the counting committee reads
            // the credentials report's figures and its own elections' papers
            if ["danh-sach-dai-bieu", "diem-danh"].contains(name), !Self.readsDelegates.contains(user.role) {
                throw Refusal(.forbidden, code: "role_forbidden", vi: "Vai trò \(user.role.rawValue) không được làm việc này.",
                              en: "The \(user.role.rawValue) role may not do this.")
            }
            let data = try await store.run { store -> Data in
                let congress = try store.congress()
                switch (name, ext) {
                case ("tham-tra-tu-cach", "pdf"):
                    let report = try store.credentialsReport()
                    return try Download.rendered("pdf") { path in
                        try CredentialsReportPrinter.pdf(report, congress: congress, committee: [], to: path)
                    }
                case ("tham-tra-tu-cach", "json"):
                    return Data(try store.credentialsReport().json().utf8)
                case ("diem-danh", "pdf"):
                    let report = try store.attendanceReport()
                    return try Download.rendered("pdf") { path in try AttendancePrinter.pdf(report, congress: congress, to: path) }
                case ("diem-danh", "csv"): return try CSVTableWriter.data(try store.attendanceReport().table)
                case ("diem-danh", "xlsx"): return try XLSXTableWriter.data(try store.attendanceReport().table, sheetName: "Điểm danh")
                case ("danh-sach-dai-bieu", "csv"): return try DelegateListFile.export(try store.delegates(), format: .csv)
                case ("danh-sach-dai-bieu", "xlsx"): return try DelegateListFile.export(try store.delegates(), format: .xlsx)
                default:
                    throw Refusal(.notFound, code: "no_such_report", vi: "Không có báo cáo «\(file)».", en: "No such report: «\(file)».")
                }
            }
            return Download.response(data, name: file)
        }
        router.get("reports/elections/:id/:file") { _, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let file = try context.parameters.require("file")
            let data = try await store.run { store -> Data in
                try ElectionPages.requireReadable(store, id, role: user.role)
                let congress = try store.congress()
                switch file {
                case "bien-ban.pdf":
                    let minutes = try store.countingMinutes(election: id)
                    return try Download.rendered("pdf") { path in try MinutesPrinter.pdf(minutes, to: path) }
                case "bien-ban.xlsx": return try XLSXTableWriter.data(try store.countingMinutes(election: id).table, sheetName: "Biên bản")
                case "trich-ngang.pdf":
                    let list = try store.electedList(election: id)
                    return try Download.rendered("pdf") { path in try ElectedListPrinter.pdf(list, congress: congress, to: path) }
                case "trich-ngang.xlsx": return try XLSXTableWriter.data(try store.electedList(election: id).table, sheetName: "Trích ngang")
                default: throw Refusal(.notFound, code: "no_such_file", vi: "Không có tệp «\(file)».", en: "No such file: «\(file)».")
                }
            }
            return Download.response(data, name: "bau-cu-\(id)-\(file)")
        }
    }
}
