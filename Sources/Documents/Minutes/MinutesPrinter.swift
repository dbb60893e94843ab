import CCairo
import CongressCore
import Foundation

/// The counting minutes as an A4 PDF in the usual Vietnamese form (mẫu 4a/4d): header,
/// title, who and when, the figures, the table of candidates, the elected, ties and open
/// seats, complaints, the rule settings, the identities, and a signature line per member.
public enum MinutesPrinter {

    public static func pdf(_ m: CountingMinutes, to path: String) throws(PDFFailure) {
        let f = try PDFFlow.open(path, title: (m.draft ? "DỰ THẢO — " : "") + "Biên bản kiểm phiếu — \(m.title)")
        if m.draft { f.pageMark = "DỰ THẢO" }
        write(m, into: f)
        try f.finish(path)
    }

    static func write(_ m: CountingMinutes, into f: PDFFlow) {
        let r = m.result
        f.header(congress: m.congressName, term: m.term)
        f.text("BIÊN BẢN KIỂM PHIẾU", size: 6, bold: true, centred: true, after: 1)
        f.text(m.title + (m.round > 1 ? " (vòng \(m.round))" : ""), size: 4, bold: true, centred: true, after: 4)
        f.text("Hồi \(m.when), Ban kiểm phiếu gồm:")
        for member in m.committee {
            f.text("– \(member.name), \(member.role.vietnamese)", indent: 6, after: 0.6)
        }
        f.text("đã tiến hành kiểm phiếu bầu \(m.body.vietnamese) và lập biên bản như sau:", after: 2.5)

        f.text("1. Số đại biểu", bold: true)
        f.text("Đại biểu được triệu tập: \(m.convened); có mặt: \(m.present); tham gia bỏ phiếu (nhận phiếu): \(m.voting).", indent: 6)
        f.text("Số lượng cần bầu: \(m.seats). Số người trong danh sách bầu cử: \(m.nominees.count) "
               + "(tự ứng cử: \(m.nominees.filter { $0.nomination == .selfNominated }.count); "
               + "được giới thiệu: \(m.nominees.filter { $0.nomination == .nominated }.count)).", indent: 6, after: 2.5)

        f.text("2. Số phiếu", bold: true)
        f.text("Phiếu phát ra: \(r.ballotsIssued). Phiếu thu về: \(r.ballotsCollected). Phiếu hợp lệ: \(r.valid). "
               + "Phiếu không hợp lệ: \(r.invalid).", indent: 6)
        for reason in InvalidReason.allCases {
            if let n = r.invalidByReason[reason] { f.text("– \(reason.vietnamese): \(n)", indent: 12, after: 0.6) }
        }
        if let sources = m.sources, sources.scanned { f.text(sources.vietnamese, indent: 6, after: 0.6) }
        if let mode = m.entryMode { f.text(mode.vietnamese, indent: 6, after: 0.6) }
        f.text("Đối chiếu:", indent: 6, after: 0.6)
        for identity in m.identities {
            f.text("\(identity.holds ? "✓" : "✗ KHÔNG ĐÚNG:") \(identity.text)", indent: 12, after: 0.6)
        }
        f.y += 2

        f.text("3. Kết quả bầu cử (theo thứ tự trên phiếu bầu)", bold: true)
        // the share of the ballots collected, and of the threshold's base when that is another
        // (one column when they are the same: the same figures twice read as two different ones)
        let twoShares = r.thresholdBase != .ballotsCollected
        let columns: [(x: Double, width: Double, right: Bool)] = [(0, 10, false), (11, 66, false), (78, 20, true), (100, 30, true)]
            + (twoShares ? [(132, 38, false)] : [])
        f.row(["STT", "Họ và tên", "Số phiếu", "% / phiếu thu về"] + (twoShares ? ["% / \(baseWords(r.thresholdBase))"] : []),
              at: columns, bold: true)
        for (i, c) in r.candidates.enumerated() {
            f.row(["\(i + 1)", c.name, "\(c.votes)", CountingMinutes.percent(c.votes, of: r.ballotsCollected)]
                  + (twoShares ? [c.percent.replacingOccurrences(of: ".", with: ",")] : []), at: columns)
        }
        f.y += 2
        let names = Dictionary(uniqueKeysWithValues: r.candidates.map { ($0.id, ($0.name, $0.votes)) })
        f.text("Những người trúng cử (theo số phiếu từ cao xuống thấp):", bold: true)
        if r.elected.isEmpty { f.text("Không có ai trúng cử.", indent: 6) }
        for (i, id) in r.elected.enumerated() {
            if let (name, votes) = names[id] {
                f.text("\(i + 1). \(name) — \(votes) phiếu, đạt \(CountingMinutes.percent(votes, of: r.denominator))%", indent: 6, after: 0.6)
            }
        }
        f.y += 1.5
        switch r.status {
        case .complete:
            f.text("Đã bầu đủ \(m.seats)/\(m.seats) người.")
        case .runoffNeeded:
            let tied = r.tied.compactMap { names[$0]?.0 }.joined(separator: ", ")
            f.text("Bằng phiếu ở vị trí cuối: \(tied) — cần bầu lại giữa những người này cho \(r.tiedSeats) vị trí; "
                   + "Đoàn Chủ tịch xin ý kiến đại hội.", bold: true)
        case .seatsOpen:
            f.text("Còn thiếu \(r.seatsOpen) vị trí: Đoàn Chủ tịch xin ý kiến đại hội về việc bầu tiếp.", bold: true)
        }
        f.y += 1.5
        f.text("4. Khiếu nại và việc giải quyết", bold: true)
        f.text(m.complaints, indent: 6, after: 2.5)
        f.text("5. Quy định đã áp dụng", bold: true)
        f.text("Người trúng cử phải được quá một nửa (2 × số phiếu > \(r.denominator)) \(r.thresholdBase.vietnamese) "
               + "(tức ít nhất \(r.votesNeeded) phiếu); lấy từ cao xuống thấp cho đến đủ số lượng; bằng phiếu ở vị trí cuối thì bầu lại "
               + "giữa những người bằng phiếu; phiếu có nhiều lý do không hợp lệ được tính theo lý do đầu tiên theo thứ tự ở mục 2.", indent: 6,
               after: 5)

        f.text("BAN KIỂM PHIẾU", bold: true, centred: true, after: 3)
        for member in m.committee {
            f.room(22)
            f.text("\(member.role.vietnamese)", bold: true, after: 12)
            f.text("\(member.name)   ………………………………………… (ký, ghi rõ họ tên)", after: 4)
        }
    }

    static func baseWords(_ base: ThresholdBase) -> String {
        switch base {
        case .ballotsCollected: "phiếu thu về"
        case .validBallots: "phiếu hợp lệ"
        case .convened: "số triệu tập"
        }
    }
}
