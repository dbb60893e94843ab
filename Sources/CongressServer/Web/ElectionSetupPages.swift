import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird

/// Setting an election up on the web (counting role): create it, add candidates and the
/// committee, print the ballots (PDF, signed serials: the server needs the signing key),
/// the ballot desk, and the minutes as a PDF.
struct ElectionSetupPages {
    let store: StoreRunner
    let signingKey: CongressSigningKey?

    /// The creation form as typed: every field text, checked here one by one so that each
    /// error is said beside its own field.
    struct CreateForm: Decodable {
        var title: String?
        var seats: String?
        var body: String?
        var threshold_base: String?
        var absent: String?
        var surplus_cap: String?
        var single_entry: String?
    }
    struct CandidateForm: Decodable { var code: String?; var name: String?; var details: String?; var nomination: Nomination? }
    struct WithdrawForm: Decodable { var reason: String? }
    struct CommitteeForm: Decodable { var code: String?; var name: String?; var role: CommitteeRole? }
    struct PrintForm: Decodable { var count: Int; var paper: String? }
    struct DeskForm: Decodable { var badge: String; var station: String? }
    struct IssueBody: Decodable { var badge: String; var station: String? }
    struct IssueAnswer: ResponseEncodable, Decodable { var decision: String; var words: String; var code: String; var name: String? }

    /// The creation form: empty, or as it was sent with what is wrong beside each field.
    static func newPage(user: Person, context: CongressRequestContext, absent: String = "", form: CreateForm? = nil) -> ElectionNewPage {
        let body = form?.body ?? ElectionBody.executiveCommittee.rawValue
        let base = form?.threshold_base ?? ThresholdBase.ballotsCollected.rawValue
        var page = ElectionNewPage(
            user: UserView(user),
            bodies: ElectionBody.allCases.map { .init(value: $0.rawValue, name: context.say($0.vietnamese), selected: $0.rawValue == body) },
            bases: ThresholdBase.allCases.map { .init(value: $0.rawValue, name: context.say($0.vietnamese), selected: $0.rawValue == base) },
            absent: form?.absent ?? absent)
        guard let form else { return page }
        let l = context.language
        page.name = form.title ?? ""
        page.seats = form.seats ?? ""
        page.surplusCap = form.surplus_cap ?? ""
        page.singleEntry = form.single_entry != nil
        let given = checked(form)
        if VietnameseText.cleaned(page.name).isEmpty { page.nameError = ElectionRefusal.titleRequired.message(l) }
        if given?.seats == nil, Int(page.seats.trimmingCharacters(in: .whitespaces)).map({ $0 >= 1 }) != true {
            page.seatsError = Catalogue.say("Số lượng cần bầu phải là một số nguyên từ 1 trở lên (đã nhận «{got}»).", l,
                                            ["got": String(page.seats.prefix(20))])
        }
        func count(_ text: String?) -> Bool { text.map { $0.isEmpty || (Int($0).map { $0 >= 0 } ?? false) } ?? true }
        if !count(form.absent) {
            page.absentError = Catalogue.say("Số vắng mặt cả kỳ đại hội phải là một số nguyên từ 0 trở lên, hoặc để trống.", l)
        }
        if !count(form.surplus_cap) {
            page.surplusCapError = Catalogue.say("Mức cảnh báo số dư phải là một số nguyên từ 0 trở lên (phần trăm), hoặc để trống.", l)
        }
        if ElectionBody(rawValue: body) == nil {
            page.bodyError = Catalogue.say("Hãy chọn một trong danh sách.", l)
        }
        if ThresholdBase(rawValue: base) == nil {
            page.baseError = Catalogue.say("Hãy chọn một trong danh sách.", l)
        }
        page.hasErrors = [page.nameError, page.seatsError, page.absentError, page.surplusCapError, page.bodyError, page.baseError].contains { $0 != nil }
        return page
    }

    /// The form's fields as the election's, when each is right.
    static func checked(_ form: CreateForm) -> (title: String, seats: Int, body: ElectionBody, base: ThresholdBase, absent: Int?,
                                                  surplusCap: Int?, single: Bool)? {
        func optional(_ text: String?) -> Int?? {
            guard let text, !text.isEmpty else { return .some(nil) }
            guard let n = Int(text), n >= 0 else { return nil }
            return .some(n)
        }
        guard let title = form.title, !VietnameseText.cleaned(title).isEmpty,
              let seats = form.seats.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), seats >= 1,
              let body = ElectionBody(rawValue: form.body ?? ElectionBody.executiveCommittee.rawValue),
              let base = ThresholdBase(rawValue: form.threshold_base ?? ThresholdBase.ballotsCollected.rawValue),
              let absent = optional(form.absent), let surplus = optional(form.surplus_cap) else { return nil }
        return (title, seats, body, base, absent, surplus, form.single_entry != nil)
    }

    func addRoutes(to router: GatedRouter) {
        router.get("elections/new") { _, context -> Response in
            let user = try Web.signedIn(context)
            let absent = try await store.run { try $0.absentWholeCongress() }
            return Web.html(Templates.render(Self.newPage(user: user, context: context, absent: String(absent)), "election-new", context.language))
        }
        router.post("elections") { request, context -> Response in
            let user = try Web.signedIn(context)
            let form = try await Web.form(CreateForm.self, request, context)
            var page = Self.newPage(user: user, context: context, form: form)
            guard !page.hasErrors, let checked = Self.checked(form) else {
                return Web.html(Templates.render(page, "election-new", context.language), status: .badRequest)
            }
            let made = try await store.run { store -> Result<ElectionRecord, ElectionRefusal> in
                do {
                    return .success(try store.createElection(body: checked.body, title: checked.title, seats: checked.seats, thresholdBase: checked.base,
                                                             absentWholeCongress: checked.absent, surplusCapPercent: checked.surplusCap,
                                                             entryMode: checked.single ? .single : .double, actor: "web:\(user.username)"))
                } catch StoreError.election(let refusal) { return .failure(refusal) }
            }
            switch made {
            case .success(let e):
                return Web.redirect("/elections/\(e.id)", flash: context.say("Đã lập cuộc bầu cử «{title}»; hãy thêm ứng cử viên và Ban kiểm phiếu.", ["title": e.title]))
            case .failure(let refusal):
                // the rules' own refusals, beside the field they are about
                let message = refusal.message(context.language)
                switch refusal {
                case .titleRequired: page.nameError = message
                case .seatsBelowOne: page.seatsError = message
                case .negativeAbsent: page.absentError = message
                case .titleUnprintable: page.nameError = message
                default: page.flash = message
                }
                page.hasErrors = true
                return Web.html(Templates.render(page, "election-new", context.language), status: .badRequest)
            }
        }
        router.post("elections/:id/candidates") { request, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await Web.form(CandidateForm.self, request, context)
            let code = Self.delegateCode(form.code)
            // a refusal is said on the form, with what was typed kept
            let added = try await store.run { store -> Result<CandidateRecord, StoreError> in
                do {
                    return .success(try store.addCandidate(election: id, delegateCode: code, name: code == nil ? form.name : nil,
                                                           details: form.details.flatMap { $0.isEmpty ? nil : $0 }, nomination: form.nomination ?? .nominated,
                                                           actor: "web:\(user.username)"))
                } catch let error as StoreError where error.saidOnTheForm { return .failure(error) }
            }
            switch added {
            case .success(let candidate):
                return Web.redirect("/elections/\(id)", flash: context.say("Đã thêm ứng cử viên «{name}».", ["name": candidate.name]))
            case .failure(let refusal):
                let message = refusal.message(context.language)
                let page = try await store.run { store in
                    try ElectionPages.electionPage(store, id, language: context.language, user: user, flash: nil) { page in
                        page.candidateError = message
                        (page.typedCode, page.typedName, page.typedDetails) = (form.code ?? "", form.name ?? "", form.details ?? "")
                    }
                }
                return Web.html(page, status: .badRequest)
            }
        }
        router.post("elections/:id/candidates/:candidate/withdraw") { request, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let candidate = try context.parameters.require("candidate", as: Int.self)
            let form = try await Web.form(WithdrawForm.self, request, context)
            let gone = try await store.run {
                try $0.withdrawCandidate(election: id, candidate: candidate, reason: form.reason, actor: "web:\(user.username)")
            }
            return Web.redirect("/elections/\(id)", flash: context.say("Đã rút tên «{name}» khỏi danh sách.", ["name": gone.displayName]))
        }
        router.post("elections/:id/committee") { request, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await Web.form(CommitteeForm.self, request, context)
            let code = Self.delegateCode(form.code)
            let refused = try await store.run { store -> StoreError? in
                do {
                    try store.addCommitteeMember(election: id, name: form.name ?? "", role: form.role ?? .member, delegateCode: code,
                                                 actor: "web:\(user.username)")
                    return nil
                } catch let error as StoreError where error.saidOnTheForm { return error }
            }
            if let refused {
                let message = refused.message(context.language)
                let page = try await store.run { store in
                    try ElectionPages.electionPage(store, id, language: context.language, user: user, flash: nil) { page in
                        page.committeeError = message
                        (page.typedCode, page.typedName) = (form.code ?? "", form.name ?? "")
                    }
                }
                return Web.html(page, status: .badRequest)
            }
            return Web.redirect("/elections/\(id)", flash: context.say("Đã thêm {who} vào Ban kiểm phiếu.", ["who": code ?? form.name ?? ""]))
        }
        router.post("elections/:id/ballots.pdf") { request, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await Web.form(PrintForm.self, request, context)
            guard let key = signingKey else { throw Refusal(.conflict, code: "no_signing_key", vi: "Máy chủ không có khoá ký: in phiếu bằng `congress ballots`.", en: "No signing key on this server: print the ballots with `congress ballots`.") }
            let pdf = try await store.run { store -> Data in
                let congress = try store.congress()
                let record = try store.election(id)
                let list = try store.candidates(election: id)
                // more ballots come on the paper the election was first printed on
                let size = record.paper.flatMap(BallotPaperSize.init(rawValue:)) ?? BallotPaperSize(rawValue: form.paper ?? "a5") ?? .a5
                let serials = try store.printBallotSerials(election: id, count: form.count, paper: size.rawValue, actor: "web:\(user.username)")
                let codes = try serials.map { (serial: $0, qr: try BallotSerialCode.sign(election: id, serial: $0, with: key).text) }
                let paper = BallotPaper(congressName: congress.name, term: congress.term,
                                        parts: [.init(title: record.title, seats: record.seats, list: list)])
                return try Download.rendered("pdf") { path in
                    try BallotPrinter.pdf(paper, codes: codes, size: size, to: path)
                }
            }
            return Download.response(pdf, name: "phieu-bau-\(id).pdf")
        }
        router.get("elections/:id/minutes.pdf") { _, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let pdf = try await store.run { store -> Data in
                try ElectionPages.requireReadable(store, id, role: user.role)
                let minutes = try store.countingMinutes(election: id)
                return try Download.rendered("pdf") { path in try MinutesPrinter.pdf(minutes, to: path) }
            }
            return Download.response(pdf, name: "bien-ban-kiem-phieu-\(id).pdf")
        }

        // The ballot desk: scan a badge (or type a code), one ballot each.
        router.get("elections/:id/desk") { _, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            return Web.html(try await store.run { try Self.deskPage($0, id, language: context.language, user: user, outcome: nil) })
        }
        router.post("elections/:id/desk") { request, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await Web.form(DeskForm.self, request, context)
            let outcome = try await store.run { store in
                try Self.issue(store, id, badge: form.badge, station: form.station ?? "Bàn phát phiếu", actor: "web:\(user.username)")
            }
            return Web.html(try await store.run { try Self.deskPage($0, id, language: context.language, user: user, outcome: outcome) })
        }
        router.group("api/v1").post("elections/:id/issues") { request, context -> IssueAnswer in
            let identity = try context.caller()
            let id = try context.parameters.require("id", as: Int64.self)
            let body = try await request.decode(as: IssueBody.self, context: context)
            let actor = context.actor
            return try await store.run { store in
                try Self.issue(store, id, badge: body.badge, station: body.station ?? identity.name, actor: actor)
            }
        }
    }

    /// A delegate code typed in a form: upper case, nil when the field was left empty.
    static func delegateCode(_ text: String?) -> String? {
        guard let code = text?.trimmingCharacters(in: .whitespaces).uppercased(), !code.isEmpty else { return nil }
        return code
    }

    /// A scanned badge or a typed code at the desk: the badge must be genuine and current.
    static func issue(_ store: CongressStore, _ id: Int64, badge: String, station: String, actor: String) throws(StoreError) -> IssueAnswer {
        var code = badge.trimmingCharacters(in: .whitespaces).uppercased()
        if code.hasPrefix(CredentialPayload.formatVersion + ".") {
            let check = try store.credentialVerifier().check(code)
            guard case .valid(let credential) = check else {
                return IssueAnswer(decision: check.verdict, words: "THẺ KHÔNG DÙNG ĐƯỢC", code: "", name: check.verdict)
            }
            code = credential.code
        }
        let decision = try store.issueBallot(election: id, code: code, station: station, actor: actor)
        let name = try store.delegate(code: code)?.name
        let word: String = switch decision {
        case .issued: "issued"
        case .alreadyIssued: "already_issued"
        case .notEligible: "not_eligible"
        case .notPresent: "not_present"
        }
        return IssueAnswer(decision: word, words: decision.vietnamese, code: code, name: name)
    }

    static func deskPage(_ store: CongressStore, _ id: Int64, language: Language, user: Person, outcome: IssueAnswer?) throws(StoreError) -> String {
        let e = try store.election(id)
        return Templates.render(DeskPage(
            title: "Bàn phát phiếu", user: UserView(user), election: e.title, id: id, issued: try store.ballotsIssued(election: id),
            outcome: outcome.map { .init(words: Catalogue.say($0.words, language), name: $0.name ?? "", code: $0.code, ok: $0.decision == "issued") }),
            "desk", language)
    }
}

extension StoreError {
    /// What a person typed into a form and can put right there: a rule's refusal, a code
    /// that names no delegate.
    var saidOnTheForm: Bool {
        if isRefusal { return true }
        if case .unknownDelegate = self { return true }
        return false
    }
}
