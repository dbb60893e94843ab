import ArgumentParser
import CongressCore
import Foundation

struct NamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names",
        abstract: "Công cụ về tên người Việt. / Vietnamese name tools.",
        subcommands: [Sort.self])

    struct Sort: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đọc tên (mỗi dòng một tên) và in theo thứ tự trên phiếu bầu. / Read names, one a line, print them in ballot order.",
            discussion: """
                Thứ tự A-B-C theo tên, rồi họ, rồi tên đệm, rồi ngày sinh; dấu thanh chỉ để phân \
                định khi trùng chữ (không dấu, huyền, hỏi, ngã, sắc, nặng). Một dòng có thể kèm \
                ngày sinh sau dấu Tab.
                Ballot order (RULES.md §4.1): given name, family name, middle names, birth date; \
                tones only break ties. A line may carry a birth date after a Tab.
                """)

        @OptionGroup var options: GlobalOptions

        func run() throws {
            var lines: [String] = []
            while let line = readLine(strippingNewline: true) {
                let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
                if !text.allSatisfy(\.isWhitespace) { lines.append(text) }
            }
            let sorted = BallotOrder.sorted(lines) { line in
                let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                let birth = parts.count > 1 ? try? BirthDate.parse(parts[1]).get() : nil
                return BallotSortKey(name: parts.first ?? "", birthDate: birth)
            }
            for line in sorted { print(VietnameseText.cleaned(line)) }
        }
    }
}
