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
/// with who made it. Counting role only: a sheet shows how someone voted.
struct ReviewPages {
    let store: StoreRunner

    struct DecisionForm: Decodable { var line: String }

    static let roles: [Role] = [.counting]

    func add(to router: Router<CongressRequestContext>) {
        router.get("elections/:id/review") { request, context -> Response in
            // the committee's alone, the administrator's neither (a sheet shows a vote)
            guard let user = WebRoutes.user(context), user.role == .counting else { return WebRoutes.signIn(context) }
            let id = try context.parameters.require("id", as: Int64.self)
            let chosen = request.uri.queryParameters.get("sheet", as: Int64.self)
            let page = try await store.run { store -> String in try Self.page(store, id, sheet: chosen, user: user, flash: nil) }
            return WebRoutes.html(page)
        }
        router.post("elections/:id/review/:sheet") { request, context -> Response in
            let user = try WebRoutes.requireUser(context, request, Self.roles)
            guard user.role == .counting else { throw HTTPError(.forbidden, message: "Chỉ Ban kiểm phiếu quyết định. / Counting committee only.") }
            let id = try context.parameters.require("id", as: Int64.self)
            let sheetID = try context.parameters.require("sheet", as: Int64.self)
            let form = try await WebRoutes.form(DecisionForm.self, request, context)
            // the line as the entry page types it, without the serial (the sheet has one)
            switch BallotLine.parse("SHEET " + form.line) {
            case .failure(let problem):
                let page = try await store.run { store -> String in
                    try Self.page(store, id, sheet: sheetID, user: user, flash: "Chưa quyết định: \(problem.vietnamese)")
                }
                return WebRoutes.html(page, status: .badRequest)
            case .success(let line):
                do {
                    let sheet = try await store.run {
                        try $0.decideScannedSheet(election: id, .id(sheetID), struck: line.struckNumbers, marks: line.marks,
                                                  actor: "web:\(user.username)")
                    }
                    let done = "Đã quyết định phiếu \(sheet.serial ?? "")" + ((sheet.decision?.entered ?? true) ? "." : " (cùng tờ với phiếu đã nhập, không nhập lại).")
                    let page = try await store.run { store -> String in try Self.page(store, id, sheet: nil, user: user, flash: done) }
                    return WebRoutes.html(page)
                } catch let error as HTTPError {
                    let page = try await store.run { store -> String in
                        try Self.page(store, id, sheet: sheetID, user: user, flash: "Chưa quyết định: \(error.body ?? "\(error.status)")")
                    }
                    return WebRoutes.html(page, status: error.status)
                }
            }
        }
        router.get("elections/:id/scans/:sheet/page.jpg") { _, context -> Response in
            guard let user = WebRoutes.user(context) else { throw HTTPError(.unauthorized, message: "Cần đăng nhập. / Sign in first.") }
            guard user.role == .counting else { throw HTTPError(.forbidden, message: "Chỉ Ban kiểm phiếu xem phiếu quét. / Counting committee only.") }
            let id = try context.parameters.require("id", as: Int64.self)
            let sheetID = try context.parameters.require("sheet", as: Int64.self)
            guard let jpeg = try await store.run({ try $0.scannedSheetImage(election: id, sheet: sheetID) }) else {
                throw HTTPError(.notFound, message: "Tờ này không có ảnh. / No image of this sheet.")
            }
            var headers = HTTPFields()
            headers[.contentType] = "image/jpeg"
            headers[.cacheControl] = "private, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: jpeg)))
        }
    }

    /// The sheet asked for, else the first in the queue; and how the queue stands.
    static func page(_ store: CongressStore, _ id: Int64, sheet chosen: Int64?, user: Person, flash: String?) throws -> String {
        let e = try store.election(id)
        let sheets = try store.scannedSheets(election: id)
        let queue = sheets.filter(\.awaitsDecision)
        let current = chosen.flatMap { c in sheets.first { $0.id == c && $0.awaitsDecision } } ?? queue.first
        let names = try store.candidates(election: id).map(\.name)
        var view = ReviewPage(
            user: UserView(user), flash: flash.flatMap { $0.isEmpty ? nil : $0 }, id: id, election: e.title, waiting: queue.count,
            counted: sheets.filter { $0.status == .counted }.count, decided: sheets.filter { $0.decision != nil }.count,
            rejected: sheets.filter { $0.status == .rejected }.map { .init(file: $0.file, page: $0.page, reason: ReviewPage.words($0.reason ?? "")) },
            sheet: nil)
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
                // the line's band with a little of the paper around it, at the kept page's own pixels
                let x = max(0, line.row.x - 3) * perMM, y = max(0, line.row.y - 1) * perMM
                let w = (line.row.width + 6) * perMM, h = (line.row.height + 2) * perMM
                return ReviewPage.Line(
                    number: line.number, name: names.indices.contains(line.number - 1) ? names[line.number - 1] : "",
                    machine: ReviewPage.words(flagged ? "unclear" : readings[line.number] ?? (current.struck.contains(line.number) ? "struck" : "kept")),
                    flagged: flagged, struck: current.struck.contains(line.number),
                    crop: current.hasImage && flagged
                        ? "width:\(Int(w))px;height:\(Int(h))px;background:url(\(image)) -\(Int(x))px -\(Int(y))px no-repeat" : nil)
            }
            view.sheet = ReviewPage.Sheet(
                sheetID: current.id, serial: current.serial ?? "", file: current.file, page: current.page,
                reasons: current.review.map { r in (r.line.map { "dòng \($0): " } ?? "") + ReviewPage.words(r.why) },
                image: current.hasImage ? image : nil, width: Int(layout.width * perMM),
                prefill: current.struck.map(String.init).joined(separator: " "), lines: lines,
                flaggedLines: lines.filter(\.flagged))
        }
        return Templates.render(view, "review")
    }
}
