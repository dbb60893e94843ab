import CongressCore
import Documents
import Foundation
import Testing
import TestSupport

/// The badge PDF as a person and a scanner see it: rasterised with pdftoppm, read back with
/// zbarimg, and its text with pdftotext (poppler-utils and zbar-tools, from `make setup`).
@Suite("Badges, end to end", .serialized)
struct BadgeTests {

    @Test func everyPayloadScansBackAndEveryNameIsInTheText() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        let pdf = cli.directory.appendingPathComponent("badges.pdf").path
        let printed = try cli.run(["badges", "--out", pdf])
        #expect(printed.status == 0, "\(printed.err)")
        #expect(printed.err.contains("300 thẻ (38 trang)"))

        let credentials = try #require(try JSONSerialization.jsonObject(
            with: Data(try cli.run(["credentials", "--json"]).out.utf8)) as? [[String: Any]])
        let payloads = Set(credentials.compactMap { $0["payload"] as? String })
        #expect(payloads.count == 300)

        let prefix = cli.directory.appendingPathComponent("page").path
        // vector anti-aliasing off: modules come out crisp, as on paper
        _ = try ExternalTool.output("pdftoppm", ["-r", "150", "-gray", "-aaVector", "no", "-png", pdf, prefix])
        let pages = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
            .filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }.sorted()
        #expect(pages.count == 38)
        let scanned = try ExternalTool.output("zbarimg", ["-q", "--raw"] + pages.map { cli.directory.appendingPathComponent($0).path })
        let decoded = Set(scanned.split(separator: "\n").map(String.init))
        #expect(decoded == payloads, "every badge's QR code reads back as its payload: missing \(payloads.subtracting(decoded).count), extra \(decoded.subtracting(payloads).map { $0.prefix(30) })")

        let text = try PDFText.read(pdf, layout: false)
        let delegates = try DelegateListFile.read(path: Fixtures.path("delegates.csv")).validated()
        for d in delegates {
            #expect(text.contains(d.name), "«\(d.name)» with its diacritics")
        }
        #expect(text.contains("ĐẠI BIỂU CHÍNH THỨC"))
        #expect(text.contains("ĐẠI BIỂU DỰ KHUYẾT"))
        #expect(text.contains("KHÁCH MỜI"))
        #expect(text.contains("NHIỆM KỲ 2023 - 2028"))
    }

    @Test func reprintsCardsAndSingleBadges() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        #expect(try cli.run(["import", Fixtures.path("delegates.csv")]).status == 0)
        let cards = cli.directory.appendingPathComponent("cards.pdf").path
        #expect(try cli.run(["badges", "--out", cards, "--layout", "card", "--only", "DB0007,db0100"]).status == 0)
        let info = try ExternalTool.output("pdfinfo", [cards])
        #expect(info.contains("Pages:           2"))
        #expect(info.contains("242.646 x 153.071 pts"), "CR80: 85.6 × 54 mm")
        let fonts = try ExternalTool.output("pdffonts", [cards])
        #expect(try PDFText.fonts(cards).allSatisfy { $0.hasPrefix("NotoSans") }, "drawn in the pinned font, Noto Sans")
        #expect(fonts.contains("yes yes"), "fonts embedded as subsets")

        // a reissued badge: the reprint carries the new payload
        let reissued = try cli.run(["reissue", "DB0007", "--reason", "in lại"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let png = cli.directory.appendingPathComponent("DB0007.png").path
        #expect(try cli.run(["badges", "--out", png, "--only", "DB0007"]).status == 0)
        #expect(try ExternalTool.output("zbarimg", ["-q", "--raw", png]).trimmingCharacters(in: .whitespacesAndNewlines) == reissued)
        let svg = cli.directory.appendingPathComponent("DB0007.svg").path
        #expect(try cli.run(["badges", "--out", svg, "--only", "DB0007"]).status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<?xml"))

        #expect(try cli.run(["badges", "--out", png]).status == 2, "PNG is for one badge")
        #expect(try cli.run(["badges", "--out", cards, "--only", "NOPE"]).status == 2)
    }

    @Test func longNamesAreShrunkNeverCut() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.initCongress()
        let list = cli.directory.appendingPathComponent("long.csv")
        let names = ["Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Linh", "Liêng Hót Ha Vân", "Ngô"]
        var csv = "Mã đại biểu,Họ và tên,Giới tính,Đoàn đại biểu,Loại đại biểu,Số ghế\n"
        for (i, name) in names.enumerated() {
            csv += "L\(i),\(name),Nữ,Công đoàn ngành Nông nghiệp và Phát triển nông thôn tỉnh Lâm Đồng,Bầu,A-\(i)\n"
        }
        try csv.write(to: list, atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", list.path]).status == 0)
        let pdf = cli.directory.appendingPathComponent("long.pdf").path
        #expect(try cli.run(["badges", "--out", pdf, "--layout", "card"]).status == 0)
        let text = try PDFText.read(pdf, layout: false)
        for name in names { #expect(text.contains(name), "«\(name)» whole") }
        let prefix = cli.directory.appendingPathComponent("card").path
        _ = try ExternalTool.output("pdftoppm", ["-r", "200", "-gray", "-aaVector", "no", "-png", pdf, prefix])
        let pages = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix("card") }
        #expect(pages.count == 3)
        let scanned = try ExternalTool.output("zbarimg", ["-q", "--raw"] + pages.map { cli.directory.appendingPathComponent($0).path })
        #expect(scanned.split(separator: "\n").count == 3, "the QR code stays readable beside a long name")
    }
}
