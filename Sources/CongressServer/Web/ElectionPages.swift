import CongressCore
import CongressStore
import Foundation
import Hummingbird

/// The counting committee's pages: the elections, one election (list, committee, figures,
/// double-entry differences, the result — sealed: only the counting role sees it until it
/// is published), keyboard-first ballot entry, and publishing. Plus the entry API.
struct ElectionPages {
    let store: StoreRunner
    let live: LiveEvents

    struct EntryForm: Decodable { var line: String }
    struct PublishForm: Decodable { var confirm: String?; var count: String? }
    /// `id`: the client's UUID for this entry; sent again (the answer was lost), it is entered once.
    struct EntryBody: Decodable { var serial: String; var struck: [Int]?; var marks: [InvalidReason]?; var id: String? }
    struct EntryAnswer: ResponseEncodable, Decodable {
        var serial: String
        var entered: Int
        var `operator`: String
    }


    func addRoutes(to router: GatedRouter) {
        router.get("elections") { _, context -> Response in
            let user = try Web.signedIn(context)
            let page = try await store.run { store -> String in
                Templates.render(ElectionsPage(user: UserView(user), elections: try store.elections().map { e in
                    .init(id: e.id, title: e.title, round: e.round, seats: e.seats, status: context.say(Self.statusWords(e.status)))
                }), "elections", context.language)
            }
            return Web.html(page)
        }
        router.get("elections/:id") { _, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let page = try await store.run { store -> String in try Self.electionPage(store, id, language: context.language, user: user, flash: context.flash) }
            return Web.html(page)
        }
        router.post("elections/:id/enter") { request, context -> Response in
            try await typedLine(request, context, done: "Đã nhập phiếu {serial}.", notDone: "Chưa nhập phiếu:") { store, id, name, line in
                try store.enterBallot(election: id, operator: name, serial: line.serial, struckNumbers: line.struckNumbers,
                                      marks: line.marks, actor: "web:\(name)")
            }
        }
        router.post("elections/:id/undo") { request, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let undone = try await store.run { try $0.undoLastEntry(election: id, operator: user.username, actor: "web:\(user.username)") }
            let page = try await store.run { store -> String in
                try Self.electionPage(store, id, language: context.language, user: user, flash: undone.map { context.say("Đã bỏ phiếu {serial} vừa nhập.", ["serial": $0.serial]) }
                                           ?? context.say("Chưa nhập phiếu nào."))
            }
            return Web.html(page)
        }
        // the scanner's figures, for the election page to follow while the box is read
        router.get("elections/:id/scans.json") { _, context -> Response in
            _ = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let s = try await store.run { try Self.scans($0.scannedSheets(election: id)) }
            return Routes.json(#"{"read":\#(s.read),"counted":\#(s.counted),"waiting":\#(s.waiting),"rejected":\#(s.rejected)}"#)
        }
        router.post("elections/:id/next-round") { _, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let next = try await store.run { try $0.createNextRound(after: id, actor: "web:\(user.username)") }
            return Web.redirect("/elections/\(next.id)", flash: context.say("Đã lập «{title}»: danh sách đã có; hãy in phiếu.", ["title": next.title]))
        }
        router.post("elections/:id/correct") { request, context -> Response in
            try await typedLine(request, context, done: "Đã sửa phiếu {serial}.", notDone: "Chưa sửa phiếu:") { store, id, name, line in
                try store.correctEntry(election: id, operator: name, serial: line.serial, struckNumbers: line.struckNumbers,
                                       marks: line.marks, actor: "web:\(name)")
            }
        }
        router.post("elections/:id/publish") { request, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await Web.form(PublishForm.self, request, context)
            // first the committee sees what will go up, and that it is final; a count that may
            // not be published yet (a second source missing, entries that differ) says why
            guard form.confirm == "yes", let seen = form.count else {
                let page = try await store.run { store -> String in
                    do {
                        return try Self.publishPage(store, id, language: context.language, user: user)
                    } catch let error as StoreError where error.isRefusal {
                        return try Self.electionPage(store, id, language: context.language, user: user,
                                                     flash: context.say("Chưa công bố được:") + " " + error.message(context.language))
                    }
                }
                return Web.html(page)
            }
            // what goes up is what the committee confirmed: a count changed since is shown again
            let changed = try await store.run { store -> String? in
                do {
                    _ = try store.publishElection(id, actor: "web:\(user.username)", expecting: seen)
                    return nil
                } catch StoreError.election(.countChanged(let title)) {
                    return try Self.publishPage(store, id, language: context.language, user: user,
                                                flash: ElectionRefusal.countChanged(title: title).message(context.language))
                }
            }
            if let changed { return Web.html(changed, status: .conflict) }
            await live.changed()
            return Web.redirect("/elections/\(id)", flash: context.say("Đã công bố kết quả; biên bản kiểm phiếu đã khoá, không thay đổi được nữa."))
        }

        // The API: entry by a counting-role token, and the result (sealed until published).
        let api = router.group("api/v1")
        api.post("elections/:id/ballots") { request, context -> EntryAnswer in
            let identity = try context.caller()
            let id = try context.parameters.require("id", as: Int64.self)
            let body = try await request.decode(as: EntryBody.self, context: context)
            let entry = try await store.run {
                try $0.enterBallot(election: id, operator: identity.name, serial: body.serial, struckNumbers: body.struck ?? [],
                                   marks: body.marks ?? [], clientID: body.id.map { String($0.prefix(64)) }, actor: context.actor)
            }
            let count = try await store.run { try $0.ballotEntries(election: id)[identity.name]?.count ?? 0 }
            return EntryAnswer(serial: entry.serial, entered: count, operator: identity.name)
        }
        api.get("elections/:id/result") { _, context -> Response in
            let identity = try context.caller()
            let id = try context.parameters.require("id", as: Int64.self)
            let json = try await store.run { store -> String in
                try Self.requireReadable(store, id, role: identity.role)
                if let record = try store.countRecord(election: id) { return record.minutes.result.json() }
                let (election, ballots) = try store.tallyInput(election: id)
                return Tally.count(election, ballots).json()
            }
            return Routes.json(json)
        }
    }

    /// A ballot line typed on the election page and applied for the signed-in operator
    /// (entered, or an entry corrected): the line read, the store asked, and the page again
    /// with what came of it (`done` or `notDone` and why).
    func typedLine(_ request: Request, _ context: CongressRequestContext, done: String, notDone: String,
                   _ apply: @escaping @Sendable (CongressStore, Int64, String, BallotLine) throws -> BallotEntryRecord) async throws -> Response {
        let user = try Web.signedIn(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let form = try await Web.form(EntryForm.self, request, context)
        let flash: String
        switch BallotLine.parse(form.line) {
        case .failure(let problem):
            flash = context.say(notDone) + " " + problem.message(context.language)
        case .success(let line):
            do {
                let entry = try await store.run { try apply($0, id, user.username, line) }
                flash = context.say(done, ["serial": entry.serial])
            } catch let error as Refusal {
                flash = context.say(notDone) + " " + error.message(context.language)
            }
        }
        let page = try await store.run { store -> String in try Self.electionPage(store, id, language: context.language, user: user, flash: flash) }
        return Web.html(page)
    }

    /// The scanner's part of the count, for the committee: what it read, what waits.
    static func scans(_ sheets: [ScannedSheet]) -> ElectionPage.Scans {
        ElectionPage.Scans(read: sheets.count, counted: sheets.filter { $0.status == .counted && $0.entered }.count,
                                  waiting: sheets.filter(\.awaitsDecision).count, rejected: sheets.filter { $0.status == .rejected }.count)
    }

    static func statusWords(_ status: ElectionRecord.Status) -> String {
        switch status {
        case .draft: "đang lập danh sách"
        case .printed: "đã in phiếu — đang bầu, kiểm phiếu"
        case .published: "đã công bố"
        }
    }

    /// Refuses a sealed count to anyone ResultSeal does not let read it (pages, API, minutes
    /// and the list of the elected alike).
    static func requireReadable(_ store: CongressStore, _ id: Int64, role: Role) throws {
        let record = try store.election(id)
        guard ResultSeal.mayRead(published: record.status == .published, role: role) else {
            throw Refusal(.forbidden, code: "result_sealed", vi: "Kết quả chưa công bố.", en: "The result is not published yet.")
        }
    }

    /// The confirmation before publishing: the figures and the elected, as they will go up.
    static func publishPage(_ store: CongressStore, _ id: Int64, language: Language, user: Person, flash: String? = nil) throws -> String {
        let (record, result) = try store.countToPublish(election: id)
        let names = Dictionary(uniqueKeysWithValues: result.candidates.map { ($0.id, $0.name) })
        let elected = result.elected.compactMap { names[$0] }
        let unfilled: String? = switch result.status {
        case .complete: nil
        case .runoffNeeded: Catalogue.say("Bằng phiếu ở vị trí cuối: {seats} vị trí phải bầu lại.", language, ["seats": String(result.tiedSeats)])
        case .seatsOpen: Catalogue.say("Chưa bầu đủ: còn {seats} vị trí.", language, ["seats": String(result.seatsOpen)])
        }
        return Templates.render(PublishPage(title: record.title, user: UserView(user), flash: flash, id: id, collected: result.ballotsCollected,
                                            valid: result.valid, invalid: result.invalid, elected: elected, nobody: elected.isEmpty,
                                            fingerprint: result.fingerprint, unfilled: unfilled),
                                "publish", language)
    }

    /// The election's page, drawn from one snapshot of the store: the figures, the
    /// differences and the count beside them are of the same moment.
    static func electionPage(_ store: CongressStore, _ id: Int64, language: Language, user: Person, flash: String?,
                             adjust: @escaping @Sendable (inout ElectionPage) -> Void = { _ in }) throws(StoreError) -> String {
        try store.snapshot { s in try electionPage(s, id, language: language, user: user, flash: flash, adjust: adjust) }
    }

    static func electionPage(_ store: StoreSnapshot, _ id: Int64, language l: Language, user: Person, flash: String?,
                             adjust: (inout ElectionPage) -> Void = { _ in }) throws -> String {
        let e = try store.election(id)
        let candidates = try store.candidates(election: id)
        let entries = try store.ballotEntries(election: id)
        let mine = entries[user.username] ?? []
        let reconciliation = try store.reconcile(election: id)
        let published = e.status == .published
        var result: ElectionPage.Result?
        if ResultSeal.mayRead(published: published, role: user.role) {
            var count: TallyResult?
            if let record = try store.countRecord(election: id) {
                count = record.minutes.result
            } else if reconciliation.differences.isEmpty, !reconciliation.agreed.isEmpty {
                let (election, ballots) = try store.tallyInput(election: id, reconciliation: reconciliation)
                count = Tally.count(election, ballots)
            }
            // the next round the rules call for, once the result is published (RULES.md §4.3)
            let next = try store.nextRound(after: id)
            let plan = count.map { NextRound.plan(after: $0, list: candidates.map(\.fileID)) } ?? .notNeeded
            let offer: String? = switch plan {
            case .notNeeded: nil
            case .runoff(let seats, let list): Catalogue.say("Bầu lại giữa {count} người bằng phiếu cho {seats} vị trí", l,
                                                              ["count": String(list.count), "seats": String(seats)])
            case .furtherRound(let seats, let list): Catalogue.say("Bầu bổ sung {seats} vị trí còn thiếu, trong {count} người chưa trúng cử", l,
                                                                    ["count": String(list.count), "seats": String(seats)])
            }
            result = count.map { r in
                ElectionPage.Result(
                    collected: r.ballotsCollected, valid: r.valid, invalid: r.invalid, needed: r.votesNeeded,
                    rows: r.candidates.map { .init(name: $0.name, votes: $0.votes, percent: $0.percent.replacingOccurrences(of: ".", with: ","),
                                                   elected: $0.elected) },
                    canPublish: e.status == .printed && user.role == .counting,
                    published: published,
                    nextRound: published && next == nil && user.role == .counting ? offer : nil,
                    nextRoundID: next?.id)
            }
        }
        let surplus = Surplus(candidates: candidates.count, seats: e.seats, capPercent: e.surplusCapPercent)
        let printedNumber = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($0.element.id, $0.offset + 1) })
        var page = ElectionPage(
            title: e.title, user: UserView(user), flash: flash.flatMap { $0.isEmpty ? nil : $0 }, id: e.id, seats: e.seats,
            round: e.round, status: Catalogue.say(statusWords(e.status), l), base: Catalogue.say(e.thresholdBase.vietnamese, l),
            surplusWarning: surplus.overCap ? Catalogue.say("Số dư {surplus} vượt mức {cap}% số lượng cần bầu.", l,
                                                            ["surplus": String(candidates.count - e.seats), "cap": String(e.surplusCapPercent ?? 0)]) : nil,
            candidates: candidates.enumerated().map { .init(number: $0.offset + 1, candidateID: $0.element.id, name: $0.element.displayName,
                                                            nomination: Catalogue.say($0.element.nomination.vietnamese, l),
                                                            canWithdraw: e.status == .draft) },
            committee: try store.committee(election: id).map { .init(name: $0.name, role: Catalogue.say($0.role.vietnamese, l)) },
            printed: try store.printedSerials(election: id).count, issued: try store.ballotsIssued(election: id),
            operators: entries.keys.sorted().map { .init(name: $0, count: entries[$0]?.count ?? 0) },
            mine: mine.count,
            // the numbers as printed on the paper, as the operator typed them (not the list's ids)
            last: mine.suffix(5).reversed().map { .init(serial: $0.serial, struck: $0.struck.compactMap { printedNumber[$0] }.sorted()
                                                            .map(String.init).joined(separator: " "),
                                                        marks: $0.marks.map { Catalogue.say($0.vietnamese, l) }.joined(separator: ", ")) },
            canEnter: e.status == .printed, isDraft: e.status == .draft, canPrint: e.status != .published,
            suggested: max(1, try store.quorum().present + 10),
            differences: reconciliation.differences.prefix(50).map { .init(serial: $0.serial) },
            differenceCount: reconciliation.differences.count, hasDifferences: !reconciliation.differences.isEmpty,
            result: result, canReadMinutes: ResultSeal.mayRead(published: published, role: user.role),
            // shown from printing on, zeros and all: the figures follow the scanner as it reads
            scans: user.role == .counting && e.status != .draft ? try Self.scans(store.scannedSheets(election: id)) : nil,
            entryMode: Catalogue.say(e.entryMode.vietnamese, l), printedPaper: e.paper?.uppercased())
        adjust(&page)
        return Templates.render(page, "election", l)
    }
}
