import ArgumentParser
import CongressCore
import CongressStore
import Documents
import Foundation

struct BadgesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "badges",
        abstract: "In thẻ đại biểu (PDF; một thẻ dạng PNG hoặc SVG). / Print badges (PDF; one badge as PNG or SVG).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Tệp ra / output file (.pdf, or .png/.svg for one badge).")
    var out: String

    @Option(help: "a4: 8 thẻ 90×54 mm mỗi tờ A4, có dấu cắt / 8 badges per A4 sheet with cut marks; card: thẻ CR80 / one CR80 card a page.")
    var layout: BadgeLayout = .a4

    @Option(help: "Chỉ in các mã này (in lại) / only these codes, comma-separated (reprints).")
    var only: String?

    @Option(help: "Thứ tự / order: delegation (đoàn, rồi thứ tự tên) or code.")
    var sort: Badge.Order = .delegation

    @Option(help: "pdf, png hoặc svg (mặc định theo đuôi tệp) / pdf, png or svg (default: from --out).")
    var format: BadgeFormat?

    enum BadgeFormat: String, ExpressibleByArgument, CaseIterable { case pdf, png, svg }

    func run() throws {
        let lang = options.lang
        let format = self.format ?? BadgeFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased()) ?? .pdf
        let store = try options.openStore()
        let credentials = try options.signedCredentials(store)
        let congress: Congress
        var delegates: [Delegate]
        let delegations: [Delegation]
        do {
            congress = try store.congress()
            delegates = try store.delegates()
            delegations = try store.delegations()
        } catch {
            throw options.fail(error)
        }
        if let only {
            let wanted = Set(only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty })
            let known = Set(delegates.map(\.code))
            let unknown = wanted.subtracting(known).sorted()
            guard unknown.isEmpty else {
                Output.error(lang == .vi ? "Không có đại biểu mã: \(unknown.joined(separator: ", "))." : "No delegate with code: \(unknown.joined(separator: ", ")).")
                throw ExitCode(2)
            }
            delegates = delegates.filter { wanted.contains($0.code) }
        }
        guard !delegates.isEmpty else {
            Output.error(lang == .vi ? "Chưa có đại biểu nào; hãy nhập danh sách trước (congress import)." : "No delegates yet; import the list first (congress import).")
            throw ExitCode(2)
        }
        let payloads = Dictionary(credentials.compactMap { c in c.payload.map { (c.code, $0) } }, uniquingKeysWith: { a, _ in a })
        let badges = Badge.ordered(delegates, by: sort, delegations: delegations.map(\.name)).compactMap { d in
            payloads[d.code].map { Badge(congress: congress, delegate: d, payload: $0) }
        }

        do {
            switch format {
            case .pdf:
                let tty = isatty(STDERR_FILENO) == 1
                try BadgePrinter.pdf(badges, layout: layout, to: out) { done, total in
                    if tty && (done % 25 == 0 || done == total) {
                        FileHandle.standardError.write(Data("\r\(lang == .vi ? "Đang in thẻ" : "Printing badges") \(done)/\(total)".utf8))
                        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
                    }
                }
            case .png, .svg:
                guard badges.count == 1, let badge = badges.first else {
                    Output.error(lang == .vi ? "PNG và SVG là cho một thẻ: hãy chọn bằng --only MÃ." : "PNG and SVG are for one badge: choose it with --only CODE.")
                    throw ExitCode(2)
                }
                try BadgePrinter.single(badge, layout: layout, to: out)
            }
        } catch let error as BadgePrinter.Failure {
            Output.error(error.message(lang))
            throw ExitCode(2)
        }
        let pages = format == .pdf ? (badges.count + layout.badgesPerPage - 1) / layout.badgesPerPage : 1
        Output.error(lang == .vi ? "Đã in \(badges.count) thẻ (\(pages) trang) vào \(out)." : "Wrote \(badges.count) badge(s) (\(pages) page(s)) to \(out).")
    }
}

extension BadgeLayout: ExpressibleByArgument {}
extension Badge.Order: ExpressibleByArgument {}
