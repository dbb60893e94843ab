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
            print(json ? result.json() : TallyTable.text(election, result, options.lang))
        }
    }
}

/// The result as a readable table, in the chosen language (the minutes themselves, printed,
/// stay Vietnamese).
enum TallyTable {
    static func text(_ election: Election, _ r: TallyResult, _ l: Language = .vi) -> String {
        func say(_ phrase: String, _ values: [String: String] = [:]) -> String { Catalogue.say(phrase, l, values) }
        var lines: [String] = [election.title.uppercased(), ""]
        lines.append(say("Số lượng cần bầu: {seats}", ["seats": String(election.seats)]))
        if r.ballotsCollected > r.ballotsIssued {
            lines.append(say("CẢNH BÁO: số phiếu thu về ({collected}) nhiều hơn số phiếu phát ra ({issued}).",
                             ["collected": String(r.ballotsCollected), "issued": String(r.ballotsIssued)]))
        }
        lines.append(say("Phiếu phát ra: {issued}   Phiếu thu về: {collected}   Hợp lệ: {valid}   Không hợp lệ: {invalid}",
                         ["issued": String(r.ballotsIssued), "collected": String(r.ballotsCollected), "valid": String(r.valid), "invalid": String(r.invalid)]))
        for reason in InvalidReason.allCases {
            if let n = r.invalidByReason[reason] { lines.append("  – \(say(reason.vietnamese)): \(n)") }
        }
        lines.append(say("Ngưỡng trúng cử: quá 1/2 {base} ({denominator}), tức ít nhất {needed} phiếu",
                         ["base": say(r.thresholdBase.vietnamese), "denominator": String(r.denominator), "needed": String(r.votesNeeded)]))
        lines.append("")
        let width = max(10, r.candidates.map(\.name.count).max() ?? 10)
        lines.append(say("STT") + "  " + say("Họ và tên").padding(toLength: width, withPad: " ", startingAt: 0) + "   "
                     + say("Số phiếu") + "   " + say("Tỷ lệ %") + "   " + say("Kết quả"))
        for (i, c) in r.candidates.enumerated() {
            let outcome = c.elected ? say("TRÚNG CỬ") : r.tied.contains(c.id) ? say("bằng phiếu — bầu lại") : c.passed ? say("quá 1/2") : ""
            let percent = l == .vi ? c.percent.replacingOccurrences(of: ".", with: ",") : c.percent
            lines.append(String(format: "%3d  ", i + 1) + c.name.padding(toLength: width, withPad: " ", startingAt: 0)
                         + "   " + String(c.votes).leftPadded(8) + "   " + percent.leftPadded(7) + "   " + outcome)
        }
        lines.append("")
        let names = Dictionary(uniqueKeysWithValues: r.candidates.map { ($0.id, $0.name) })
        lines.append(say("Trúng cử ({filled}/{seats}), theo số phiếu:", ["filled": String(r.seatsFilled), "seats": String(election.seats)]) + " "
                     + (r.elected.isEmpty ? say("không có ai") : r.elected.compactMap { names[$0] }.joined(separator: ", ")))
        switch r.status {
        case .complete: lines.append(say("Đã bầu đủ số lượng."))
        case .runoffNeeded:
            lines.append(say("Bằng phiếu ở vị trí cuối: {names} — cần bầu lại giữa những người này cho {seats} vị trí.",
                             ["names": r.tied.compactMap { names[$0] }.joined(separator: ", "), "seats": String(r.tiedSeats)]))
        case .seatsOpen:
            lines.append(say("Còn thiếu {seats} vị trí: Đoàn Chủ tịch xin ý kiến đại hội về việc bầu tiếp.", ["seats": String(r.seatsOpen)]))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
