import CongressCore
import Foundation

/// The attendance of a sitting as an A4 PDF: by delegation, present with the time and door
/// of the first admission, then absent with the reason where one was recorded.
public enum AttendancePrinter {
    public static func pdf(_ report: AttendanceReport, congress: Congress, to path: String) throws(PDFFailure) {
        let f = try PDFFlow.open(path, title: "Danh sách điểm danh — \(report.sitting)")
        f.header(congress: congress.name, term: congress.term)
        f.text("DANH SÁCH ĐẠI BIỂU CÓ MẶT, VẮNG MẶT", size: 5, bold: true, centred: true, after: 1)
        let withReason = report.absent.filter { $0.reason != nil }.count
        f.text("Phiên: \(report.sitting) — có mặt \(report.present.count), vắng \(report.absent.count)"
               + (report.absent.isEmpty ? "" : " (có lý do \(withReason), không có lý do \(report.absent.count - withReason))"),
               centred: true, after: 4)
        let columns: [(x: Double, width: Double, right: Bool)] = [(0, 10, false), (11, 20, false), (32, 62, false), (96, 28, false), (126, 44, false)]
        for (title, rows) in [("I. CÓ MẶT", report.present), ("II. VẮNG MẶT", report.absent)] {
            f.text(title, bold: true, after: 1.5)
            var delegation = ""
            for (i, r) in rows.enumerated() {
                if r.delegation != delegation {
                    delegation = r.delegation
                    f.room(12)
                    f.text(delegation, size: 3.4, bold: true, after: 0.8)
                }
                let when = r.present ? "\(clock(r.at, congress.time)) · cửa \(r.station ?? "")" : (r.reason ?? "không có lý do")
                f.row(["\(i + 1)", r.code, r.name, r.kind.vietnamese, when], at: columns)
            }
            f.y += 4
        }
        try f.finish(path)
    }

    /// "08:15" in the congress's time zone, from the stored ISO 8601 time.
    static func clock(_ iso: String?, _ time: CongressTime) -> String {
        guard let iso, let date = KioskClock.parse(iso) else { return iso ?? "" }
        return time.clock(date)
    }
}
