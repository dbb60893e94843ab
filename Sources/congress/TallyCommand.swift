import ArgumentParser
import CongressCore
import Foundation

/// `congress tally FILE [--json]`: counts an election file by RULES.md §4 (DESIGN.md
/// contract). Exit 0 with the result, 2 when the file is malformed (each problem named by
/// its field on standard error).
struct TallyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Kiểm phiếu một tệp cuộc bầu cử. / Count an election file.",
        discussion: """
            Phiếu không hợp lệ theo lý do; ngưỡng trúng cử quá nửa (2 × phiếu > cơ sở tính); \
            bằng phiếu ở vị trí cuối thì bầu lại giữa những người bằng phiếu.
            Invalid ballots by reason; elected with more than half of the threshold base; a tie \
            at the cut-off means a run-off among exactly the tied.
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Tệp cuộc bầu cử (JSON) / the election file.")
    var file: String

    @Flag(help: "In kết quả dạng JSON / print the result as JSON.")
    var json = false

    func run() throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            Output.error(options.lang == .en ? "\(file): cannot read: \(error.localizedDescription)"
                                             : "\(file): không đọc được tệp: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        switch ElectionFile.read(data) {
        case .failure(let invalid):
            for p in invalid.problems {
                Output.error("\(file): \(p.field): " + (options.lang == .en ? p.english : "\(p.vietnamese) / \(p.english)"))
            }
            throw ExitCode(2)
        case .success(let (election, ballots)):
            let result = Tally.count(election, ballots)
            print(json ? result.json() : TallyTable.text(election, result))
        }
    }
}

/// The result as a readable table in Vietnamese.
enum TallyTable {
    static func text(_ election: Election, _ r: TallyResult) -> String {
        var lines: [String] = [election.title.uppercased(), ""]
        lines.append("Số lượng cần bầu: \(election.seats)")
        if r.ballotsCollected > r.ballotsIssued {
            lines.append("CẢNH BÁO: số phiếu thu về (\(r.ballotsCollected)) nhiều hơn số phiếu phát ra (\(r.ballotsIssued)).")
        }
        lines.append("Phiếu phát ra: \(r.ballotsIssued)   Phiếu thu về: \(r.ballotsCollected)   Hợp lệ: \(r.valid)   Không hợp lệ: \(r.invalid)")
        for reason in InvalidReason.allCases {
            if let n = r.invalidByReason[reason] { lines.append("  – \(reason.vietnamese): \(n)") }
        }
        lines.append("Ngưỡng trúng cử: quá 1/2 \(r.thresholdBase.vietnamese) (\(r.denominator)), tức ít nhất \(r.votesNeeded) phiếu")
        lines.append("")
        let width = max(10, r.candidates.map(\.name.count).max() ?? 10)
        lines.append("STT  " + "Họ và tên".padding(toLength: width, withPad: " ", startingAt: 0) + "   Số phiếu   Tỷ lệ %   Kết quả")
        for (i, c) in r.candidates.enumerated() {
            let outcome = c.elected ? "TRÚNG CỬ" : r.tied.contains(c.id) ? "bằng phiếu — bầu lại" : c.passed ? "quá 1/2" : ""
            let percent = c.percent.replacingOccurrences(of: ".", with: ",")
            lines.append(String(format: "%3d  ", i + 1) + c.name.padding(toLength: width, withPad: " ", startingAt: 0)
                         + "   " + String(c.votes).leftPadded(8) + "   " + percent.leftPadded(7) + "   " + outcome)
        }
        lines.append("")
        let names = Dictionary(uniqueKeysWithValues: r.candidates.map { ($0.id, $0.name) })
        lines.append("Trúng cử (\(r.seatsFilled)/\(election.seats)), theo số phiếu: " + (r.elected.isEmpty ? "không có ai" : r.elected.compactMap { names[$0] }.joined(separator: ", ")))
        switch r.status {
        case .complete: lines.append("Đã bầu đủ số lượng.")
        case .runoffNeeded:
            lines.append("Bằng phiếu ở vị trí cuối: " + r.tied.compactMap { names[$0] }.joined(separator: ", ")
                         + " — cần bầu lại giữa những người này cho \(r.tiedSeats) vị trí.")
        case .seatsOpen: lines.append("Còn thiếu \(r.seatsOpen) vị trí: Đoàn Chủ tịch xin ý kiến đại hội về việc bầu tiếp.")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
