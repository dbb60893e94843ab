import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdBcrypt

/// The secretariat's delegate pages: the list (searched, paged), a delegate's page with
/// attendance, scans and absences, manual admission, an absence, a badge reissued or
/// downloaded, a substitution. Server-rendered with mustache; plain forms, no JavaScript.
struct DelegatePages {
    let store: StoreRunner
    let live: LiveEvents
    let signingKey: CongressSigningKey?

    struct AdmitForm: Decodable { var station: String; var reason: String }
    struct ReasonForm: Decodable { var reason: String }
    struct AbsenceForm: Decodable { var reason: String; var whole: String? }
    struct SubstitutionForm: Decodable { var alternate: String; var replaced: String; var decision: String }

    func addRoutes(to router: GatedRouter) {
        router.get("delegates") { request, context -> Response in
            let flash = context.flash
            let user = try Web.signedIn(context)
            let form = FormQuery(request)
            let query = form.get("q") ?? ""
            let pageNumber = max(1, form.get("page", as: Int.self) ?? 1)
            let page = try await store.run { store -> String in
                let roster = try store.roster()
                let sitting = try store.openSittingNow()
                let present = try sitting.map { try store.admissions(sittingID: $0.id) } ?? [:]
                var list = try store.delegates()
                if !query.isEmpty { list = DelegateSearchIndex(list).search(query, limit: 300) }
                let paging = Paging.of(count: list.count, page: pageNumber, language: context.language) { n in
                    "/delegates?" + (query.isEmpty ? "" : "q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&") + "page=\(n)"
                }
                let shown = min(max(pageNumber, 1), max(1, (list.count + Paging.size - 1) / Paging.size))
                let rows = list.count > Paging.size ? Array(list.dropFirst((shown - 1) * Paging.size).prefix(Paging.size)) : list
                return Templates.render(DelegatesPage(
                    user: UserView(user), flash: flash, query: query, count: list.count, sitting: sitting?.name,
                    delegates: rows.map { d in
                        DelegatesPage.Row(code: d.code, name: d.name, delegation: d.delegation, kind: context.say(d.kind.vietnamese),
                                          present: present[d.code] != nil && roster.counts(d.code))
                    }, canImport: [.admin, .credentials].contains(user.role), paging: paging), "delegates", context.language)
            }
            return Web.html(page)
        }
        router.get("delegates/:code") { _, context -> Response in
            let flash = context.flash
            let user = try Web.signedIn(context)
            let code = try context.parameters.require("code").uppercased()
            let canEdit = user.role == .admin || user.role == .credentials
            let canSign = signingKey != nil
            let page = try await store.run { store -> String? in
                guard let d = try store.delegate(code: code) else { return nil }
                let time = try store.congress().time
                let roster = try store.roster()
                let serial = try store.credentials().first { $0.code == code }?.serial ?? 0
                // A badge scanned again after its admission (two doors offline, a second pass)
                // is flagged for the secretariat.
                let language = context.language
                let scans = try store.scans(code: code).map {
                    DelegatePage.Scan(at: time.dateTime(stored: $0.at, language), station: $0.station, verdict: context.say($0.verdict.vietnamese),
                                      duplicate: $0.verdict == .alreadyAdmitted)
                }
                let kinds = ["admission": context.say("Quét thẻ"), "manual": context.say("Thủ công"), "undo": context.say("Huỷ điểm danh")]
                let attendance = try store.attendance(code: code).map {
                    DelegatePage.AttendanceRow(sitting: $0.sitting, kind: kinds[$0.kind] ?? $0.kind, at: time.dateTime(stored: $0.at, language),
                                               station: $0.station, reason: $0.reason ?? "")
                }
                let sittings = Dictionary(uniqueKeysWithValues: try store.sittings().map { ($0.id, $0.name) })
                let absences = try store.absences().filter { $0.code == code }.map { a in
                    let scope = switch a.scope {
                    case .wholeCongress: context.say("Cả đại hội")
                    case .sitting(let id): sittings[id] ?? "#\(id)"
                    }
                    return DelegatePage.AbsenceRow(scope: scope, reason: a.reason, at: time.dateTime(stored: a.recordedAt, language), actor: a.actor)
                }
                func link(_ other: String?) -> DelegateLink? {
                    other.map { DelegateLink(code: $0, name: roster.delegates[$0]?.name ?? $0) }
                }
                let page = DelegatePage(
                    title: d.name, user: UserView(user), flash: flash, code: d.code, name: d.name, delegation: d.delegation,
                    kind: context.say(d.kind.vietnamese), seat: d.seat.flatMap { $0.isEmpty ? nil : $0 }, counts: roster.counts(code),
                    replacedBy: link(roster.replacedBy[code]), replacing: link(roster.replacing[code]), serial: serial,
                    scans: scans, attendance: attendance, absences: absences, hasAbsences: !absences.isEmpty,
                    canAdmit: canEdit, canAbsent: canEdit && roster.counts(code), canReissue: canEdit && canSign,
                    canSubstitute: canEdit && d.kind == .alternate && roster.replacing[code] == nil)
                return Templates.render(page, "delegate", language)
            }
            guard let page else { throw Refusal(.notFound, code: "unknown_delegate", vi: "Không có đại biểu \(code).", en: "There is no delegate \(code).") }
            return Web.html(page)
        }
        router.post("delegates/:code/admit") { request, context -> Response in
            let user = try Web.signedIn(context)
            let code = try context.parameters.require("code").uppercased()
            let form = try await Web.form(AdmitForm.self, request, context)
            let decision = try await store.run {
                try $0.admitManually(code: code, station: form.station, reason: form.reason, actor: "web:\(user.username)")
            }
            if decision.verdict == .admitted { await live.changed() }
            let said = decision.verdict == .admitted ? context.say("Đã điểm danh thủ công {code} ({reason}).", ["code": code, "reason": form.reason])
                : context.say("Chưa điểm danh {code}: {verdict}.", ["code": code, "verdict": context.say(decision.verdict.vietnamese).lowercased()
                                                                        + (decision.first.map { context.say(" (từ {station})", ["station": $0.station]) } ?? "")])
            return Web.redirect("/delegates/\(code)", flash: said)
        }
        router.post("delegates/:code/absence") { request, context -> Response in
            let user = try Web.signedIn(context)
            let code = try context.parameters.require("code").uppercased()
            let form = try await Web.form(AbsenceForm.self, request, context)
            _ = try await store.run {
                try $0.recordAbsence(code: code, reason: form.reason, scope: form.whole == nil ? nil : .wholeCongress,
                                     actor: "web:\(user.username)")
            }
            return Web.redirect("/delegates/\(code)", flash: context.say(form.whole == nil ? "Đã ghi {code} vắng có lý do: {reason}." : "Đã ghi {code} vắng có lý do cả đại hội: {reason}.",
                                                                                  ["code": code, "reason": form.reason]))
        }
        router.post("delegates/:code/reissue") { request, context -> Response in
            let user = try Web.signedIn(context)
            let code = try context.parameters.require("code").uppercased()
            let form = try await Web.form(ReasonForm.self, request, context)
            guard let key = signingKey else { throw Refusal(.conflict, code: "no_signing_key", vi: "Máy chủ không có khoá ký.", en: "No signing key on this server.") }
            _ = try await store.run { try $0.reissueCredential(code: code, reason: form.reason, actor: "web:\(user.username)", key: key) }
            return Web.redirect("/delegates/\(code)", flash: context.say("Đã cấp lại thẻ cho {code}; thẻ cũ bị từ chối từ nay. Tải thẻ mới để in.", ["code": code]))
        }
        router.get("delegates/:code/badge.png") { request, context -> Response in
            _ = try Web.signedIn(context)
            let code = try context.parameters.require("code").uppercased()
            let png = try await store.run { store -> Data? in
                guard let d = try store.delegate(code: code),
                      let payload = try store.credentials().first(where: { $0.code == code })?.payload else { return nil }
                let badge = Badge(congress: try store.congress(), delegate: d, payload: payload)
                return try Download.rendered("png") { path in try BadgePrinter.single(badge, layout: .card, to: path) }
            }
            guard let png else { throw Refusal(.notFound, code: "no_badge", vi: "Chưa có thẻ cho \(code) (hãy chạy congress credentials).", en: "No badge yet for \(code) (run congress credentials).") }
            return Download.response(png, name: "\(code).png")
        }
        router.post("substitutions") { request, context -> Response in
            let user = try Web.signedIn(context)
            let form = try await Web.form(SubstitutionForm.self, request, context)
            _ = try await store.run {
                try $0.substitute(alternate: form.alternate.uppercased(), replaced: form.replaced.uppercased(),
                                  decision: form.decision, actor: "web:\(user.username)")
            }
            await live.changed()
            return Web.redirect("/delegates/\(form.alternate.uppercased())",
                                 flash: context.say("Đã ghi nhận {alternate} thay cho {replaced} theo {decision}.",
                                                    ["alternate": form.alternate.uppercased(), "replaced": form.replaced.uppercased(), "decision": form.decision]))
        }
    }
}
