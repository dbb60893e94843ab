import CongressCore
import Foundation

/// The credentials report as an A4 PDF in the usual form: header, date and time, the
/// committee, convened and present, the composition with percentages of the number
/// convened (two decimals, decimal comma), ages, who is qualified and who is not and why,
/// and the signature line.
public enum CredentialsReportPrinter {
    public static func pdf(_ r: CredentialsReport, congress: Congress, committee: [String], to path: String) throws(PDFFailure) {
        let f = try PDFFlow.open(path, title: "Báo cáo thẩm tra tư cách đại biểu — \(congress.name)")
        f.header(congress: congress.name, term: congress.term)
        f.text("BÁO CÁO\nTHẨM TRA TƯ CÁCH ĐẠI BIỂU", size: 5.5, bold: true, centred: true, after: 2)
        f.text("(tính đến \(congress.time.spoken(r.at))\(r.sitting.map { ", phiên: \($0)" } ?? ""))", centred: true, after: 4)
        if !committee.isEmpty {
            f.text("Ban Thẩm tra tư cách đại biểu gồm: " + committee.joined(separator: "; ") + ".", after: 2.5)
        }
        f.text("1. Số lượng đại biểu", bold: true)
        f.text("Tổng số đại biểu được triệu tập: \(r.convened). Có mặt: \(r.present) (\(r.percent(r.present))%). "
               + "Vắng mặt: \(r.absent) (\(r.percent(r.absent))%)"
               + (r.absent == 0 ? "." : ", trong đó có lý do: \(r.absentWithReason.count), không có lý do: \(r.absentWithoutReason)."),
               indent: 6, after: r.absentWithReason.isEmpty ? 2.5 : 0.6)
        for a in r.absentWithReason { f.text("– \(a.name) (\(a.code)): \(a.reason).", indent: 12, after: 0.6) }
        if !r.absentWithReason.isEmpty { f.y += 1.9 }
        f.text("2. Cơ cấu đại biểu", bold: true)
        let columns: [(x: Double, width: Double, right: Bool)] = [(6, 100, false), (110, 25, true), (138, 30, true)]
        f.row(["", "Số lượng", "Tỷ lệ %"], at: columns, bold: true)
        var rows: [(String, Int)] = [
            ("Đại biểu đương nhiên", r.exOfficio), ("Đại biểu được bầu", r.elected), ("Đại biểu chỉ định", r.appointed),
            ("— trong đó đại biểu dự khuyết thay thế", r.substitutes),
            ("Nam", r.male), ("Nữ", r.female), ("Đảng viên", r.partyMembers), ("Dân tộc thiểu số", r.ethnicMinority),
            ("Khu vực hành chính sự nghiệp (HCSN)", r.administrative), ("Khu vực sản xuất kinh doanh (SXKD)", r.business),
            ("Cán bộ công đoàn chuyên trách", r.fullTime), ("Cán bộ công đoàn không chuyên trách, người lao động trực tiếp", r.partTime),
        ]
        rows += r.education.map { ("Trình độ chuyên môn: \($0.value)", $0.count) }
        rows += r.politicalTheory.map { ("Lý luận chính trị: \($0.value)", $0.count) }
        for (label, n) in rows { f.row([label, "\(n)", r.percent(n)], at: columns) }
        f.y += 2.5
        f.text("3. Tuổi đời", bold: true)
        if let average = r.averageAge {
            f.text("Tuổi bình quân: \(String(format: "%.2f", average).replacingOccurrences(of: ".", with: ",")).", indent: 6, after: 0.6)
        }
        if let y = r.youngest { f.text("Đại biểu trẻ tuổi nhất: \(y.name) (\(y.code)), \(y.age) tuổi.", indent: 6, after: 0.6) }
        if let o = r.oldest { f.text("Đại biểu cao tuổi nhất: \(o.name) (\(o.code)), \(o.age) tuổi.", indent: 6, after: 2.5) }
        f.text("4. Tư cách đại biểu", bold: true)
        f.text("Số đại biểu đủ tư cách: \(r.qualified) (\(r.percent(r.qualified))%).", indent: 6, after: 0.6)
        if r.notQualified.isEmpty {
            f.text("Không có đại biểu nào không đủ tư cách.", indent: 6, after: 5)
        } else {
            f.text("Không đủ tư cách: \(r.notQualified.count).", indent: 6, after: 0.6)
            for n in r.notQualified { f.text("– \(n.name) (\(n.code)): \(n.reason).", indent: 12, after: 0.6) }
            f.y += 4
        }
        f.text("TM. BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU\nTRƯỞNG BAN", bold: true, centred: true, after: 14)
        f.text("(ký, ghi rõ họ tên)", centred: true)
        try f.finish(path)
    }
}
