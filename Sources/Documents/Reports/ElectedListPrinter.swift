import CongressCore
import Foundation

/// The list of the elected with short details (danh sách trích ngang) as an A4 PDF.
public enum ElectedListPrinter {
    public static func pdf(_ list: ElectedList, congress: Congress, to path: String) throws(PDFFailure) {
        let f = try PDFFlow.open(path, title: "Danh sách trích ngang — \(list.title)")
        f.header(congress: congress.name, term: congress.term)
        f.text("DANH SÁCH TRÍCH NGANG NGƯỜI TRÚNG CỬ", size: 5, bold: true, centred: true, after: 1)
        f.text(list.title, size: 3.8, bold: true, centred: true, after: 4)
        for (i, r) in list.rows.enumerated() {
            f.room(24)
            f.text("\(i + 1). \(r.name) — \(r.votes) phiếu, đạt \(r.percent)%", bold: true, after: 0.6)
            let details = [("Ngày sinh", r.birth), ("Giới tính", r.sex), ("Dân tộc", r.ethnicity), ("Đảng viên", r.partyMember),
                           ("Trình độ chuyên môn", r.education), ("Lý luận chính trị", r.politicalTheory),
                           ("Chức vụ, đơn vị công tác", r.position)]
                .filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
            f.text(details, indent: 6, after: 2.5)
        }
        if list.rows.isEmpty { f.text("Không có người trúng cử.") }
        try f.finish(path)
    }
}
