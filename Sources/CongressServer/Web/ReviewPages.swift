import BallotReader
import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird

/// The counting committee's review of scanned sheets (RULES.md §4.5: the machine asks, the
/// committee decides): the queue one sheet at a time — the whole page as scanned, each
/// line the machine flagged cut out large beside its name, the machine's reading typed in
/// for the person to correct — keyboard-first like the entry page: the numbers struck,
/// then a key per reason (d t k r p), Enter. Each decision is entered and audit-logged
/// with who made it. Counting role only: a sheet shows how someone voted. Several members
/// may work the queue at once, each at their own page: each is shown a sheet nobody else
/// has open (ReviewSharing).
struct ReviewPages {
    let store: StoreRunner
    var holds = ReviewHolds()

    /// The line typed: left empty, nobody struck (as the page says).
    struct DecisionForm: Decodable { var line: String? }


    func addRoutes(to router: GatedRouter) {
        router.get("elections/:id/review") { request, context -> Response in
            // the committee's alone, the administrator's neither (a sheet shows a vote)
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let asked = FormQuery(request).get("sheet", as: Int64.self)
            let waiting = try await store.run { try $0.scannedSheets(election: id).filter(\.awaitsDecision).map(\.id) }
            let choice = await holds.choose(election: id, member: user.username, name: user.name, waiting: waiting, asked: asked)
            let page = try await store.run { store -> String in
                try Self.page(store, id, language: context.language, sheet: choice.sheet, sharing: choice, user: user, flash: context.flash)
            }
            return Web.html(page)
        }
        router.post("elections/:id/review/:sheet") { request, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let sheetID = try context.parameters.require("sheet", as: Int64.self)
            let form = try await Web.form(DecisionForm.self, request, context)
            // the line as the entry page types it, without the serial (the sheet has one)
            switch BallotLine.parse("SHEET " + (form.line ?? "")) {
            case .failure(let problem):
                let page = try await store.run { store -> String in
                    try Self.page(store, id, language: context.language, sheet: sheetID, user: user, flash: context.say("Chưa quyết định:") + " " + problem.message(context.language))
                }
                return Web.html(page, status: .badRequest)
            case .success(let line):
                do {
                    let sheet = try await store.run {
                        try $0.decideScannedSheet(election: id, .id(sheetID), struck: line.struckNumbers, marks: line.marks,
                                                  actor: "web:\(user.username)")
                    }
                    await holds.release(election: id, sheet: sheetID)
                    let done = context.say((sheet.decision?.entered ?? true) ? "Đã quyết định phiếu {serial}."
                                           : "Đã quyết định phiếu {serial} (cùng tờ với phiếu đã nhập, không nhập lại).", ["serial": sheet.serial ?? ""])
                    // post, redirect, get: reloading the next sheet's page does not send this
                    // decision again (it would be refused as decided already)
                    return Web.redirect("/elections/\(id)/review", flash: done)
                } catch let error as Refusal {
                    let page = try await store.run { store -> String in
                        try Self.page(store, id, language: context.language, sheet: sheetID, user: user, flash: context.say("Chưa quyết định:") + " " + error.message(context.language))
                    }
                    return Web.html(page, status: error.status)
                }
            }
        }
        // one line of a kept page, cut out on the server: the page shows it as an image, so
        // the Content Security Policy needs no inline style
        router.get("elections/:id/scans/:sheet/lines/:line") { _, context -> Response in
            let id = try context.parameters.require("id", as: Int64.self)
            let sheetID = try context.parameters.require("sheet", as: Int64.self)
            let number = Int(try context.parameters.require("line").replacingOccurrences(of: ".jpg", with: ""))
            let cut = try await store.run { store -> Data? in
                guard let number, let jpeg = try store.scannedSheetImage(election: id, sheet: sheetID),
                      let sheet = try store.scannedSheets(election: id).first(where: { $0.id == sheetID }) else { return nil }
                let size = BallotPaperSize(rawValue: sheet.paper ?? "") ?? .a5
                let layout = BallotLayout.make(try BallotPaper.printed(for: id, in: store).paper, size: size)
                guard let line = layout.lines.first(where: { $0.part == sheet.part && $0.number == number }),
                      let page = try? ScanFile.decodeJPEG(jpeg) else { return nil }
                let band = Self.band(line)
                return page.cropped(x: band.x, y: band.y, width: band.width, height: band.height)?.jpeg(quality: 85)
            }
            guard let cut else {
                throw Refusal(.notFound, code: "no_sheet_image", vi: "Tờ này không có ảnh dòng đó.", en: "There is no image of that line of this sheet.")
            }
            var headers = HTTPFields()
            headers[.contentType] = "image/jpeg"
            headers[.cacheControl] = "private, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: cut)))
        }
        router.get("elections/:id/scans/:sheet/page.jpg") { _, context -> Response in
            let id = try context.parameters.require("id", as: Int64.self)
            let sheetID = try context.parameters.require("sheet", as: Int64.self)
            guard let jpeg = try await store.run({ try $0.scannedSheetImage(election: id, sheet: sheetID) }) else {
                throw Refusal(.notFound, code: "no_sheet_image", vi: "Tờ này không có ảnh.", en: "There is no image of this sheet.")
            }
            var headers = HTTPFields()
            headers[.contentType] = "image/jpeg"
            headers[.cacheControl] = "private, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: jpeg)))
        }
    }

    /// A line's band with a little of the paper around it, in the kept page's pixels.
    static func band(_ line: BallotLayout.Line) -> (x: Int, y: Int, width: Int, height: Int) {
        let perMM = ScannedSheet.alignedPixelsPerMillimetre
        return (Int(max(0, line.row.x - 3) * perMM), Int(max(0, line.row.y - 1) * perMM),
                Int((line.row.width + 6) * perMM), Int((line.row.height + 2) * perMM))
    }

    /// The sheet asked for, else the first in the queue; and how the queue stands.
    static func page(_ store: CongressStore, _ id: Int64, language l: Language, sheet chosen: Int64?, sharing: ReviewSharing.Choice? = nil,
                     user: Person, flash: String?) throws -> String {
        let e = try store.election(id)
        let sheets = try store.scannedSheets(election: id)
        let queue = sheets.filter(\.awaitsDecision)
        let current = chosen.flatMap { c in sheets.first { $0.id == c && $0.awaitsDecision } } ?? queue.first
        let names = try store.candidates(election: id).map(\.displayName)
        var view = ReviewPage(
            user: UserView(user), flash: flash.flatMap { $0.isEmpty ? nil : $0 }, id: id, election: e.title, waiting: queue.count,
            counted: sheets.filter { $0.status == .counted }.count, decided: sheets.filter { $0.decision != nil }.count,
            rejected: sheets.filter { $0.status == .rejected }.map { .init(file: $0.file, page: $0.page, reason: Catalogue.say(ScanReviewReason.words($0.reason ?? ""), l)) },
            sheet: nil)
        if let sharing, sharing.openElsewhere > 0 { view.openElsewhere = String(sharing.openElsewhere) }
        if let current {
            let size = BallotPaperSize(rawValue: current.paper ?? "") ?? .a5
            // the paper as printed: this election's own, or its part of a combined paper
            let layout = BallotLayout.make(try BallotPaper.printed(for: id, in: store).paper, size: size)
            let perMM = ScannedSheet.alignedPixelsPerMillimetre
            let image = "/elections/\(id)/scans/\(current.id)/page.jpg"
            let unclear = Set(current.unclearLines)
            let readings = ReviewPage.lineDecisions(current.readingJSON)
            let lines = layout.lines.filter { $0.part == current.part }.map { line -> ReviewPage.Line in
                let flagged = unclear.contains(line.number)
                return ReviewPage.Line(
                    number: line.number, name: names.indices.contains(line.number - 1) ? names[line.number - 1] : "",
                    machine: Catalogue.say(ScanReviewReason.words(flagged ? "unclear" : readings[line.number] ?? (current.struck.contains(line.number) ? "struck" : "kept")), l),
                    flagged: flagged, struck: current.struck.contains(line.number),
                    crop: current.hasImage && flagged ? "/elections/\(id)/scans/\(current.id)/lines/\(line.number).jpg" : nil)
            }
            view.sheet = ReviewPage.Sheet(
                sheetID: current.id, serial: current.serial ?? "", file: current.file, page: current.page,
                reasons: current.review.map { r in
                    (r.line.map { Catalogue.say("dòng {line}:", l, ["line": String($0)]) + " " } ?? "") + Catalogue.say(ScanReviewReason.words(r.why), l)
                },
                image: current.hasImage ? image : nil, width: Int(layout.width * perMM),
                prefill: current.struck.map(String.init).joined(separator: " "), lines: lines,
                flaggedLines: lines.filter(\.flagged), alsoOpenBy: sharing?.sheet == current.id && sharing?.asked == false ? sharing?.alsoOpenBy : nil,
                askedOpenBy: sharing?.sheet == current.id && sharing?.asked == true ? sharing?.alsoOpenBy : nil)
        }
        return Templates.render(view, "review", l)
    }
}
