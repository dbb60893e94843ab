import CongressCore
import CongressStore
import Documents
import Foundation
import Hummingbird
import HummingbirdBcrypt

/// Sittings (phiên họp) on the pages: the list with the quorum recorded in each; the
/// administrator opens and closes one and records the quorum when the presidium asks.
struct SittingPages {
    let store: StoreRunner
    let live: LiveEvents

    struct NameForm: Decodable { var name: String }
    struct ReasonForm: Decodable { var reason: String }

    func addRoutes(to router: GatedRouter) {
        router.get("sittings") { _, context -> Response in
            let flash = context.flash
            let language = context.language
            let user = try Web.signedIn(context)
            let page = try await store.run { store -> String in
                let records = try store.quorumRecords()
                let time = try store.congress().time
                let open = try store.openSittingNow()
                let late = try store.lateAdmissions()
                return Templates.render(SittingsPage(
                    user: UserView(user), flash: flash, canManage: user.role == .admin,
                    open: open.map { .init(name: $0.name, openedAt: time.dateTime(stored: $0.openedAt, language)) },
                    sittings: try store.sittings().map { s in
                        SittingsPage.Row(
                            name: s.name, openedAt: time.dateTime(stored: s.openedAt, language),
                            closedAt: s.closedAt.map { time.dateTime(stored: $0, language) } ?? context.say("đang mở"),
                            records: records.filter { $0.sittingID == s.id }.map {
                                .init(at: time.dateTime(stored: $0.at, language), present: $0.present, convened: $0.convened, holds: $0.holds,
                                      reason: $0.reason)
                            },
                            late: (late[s.id] ?? []).map {
                                .init(code: $0.code, name: $0.name, station: $0.station, at: time.dateTime(stored: $0.at, language),
                                      receivedAt: time.dateTime(stored: $0.receivedAt, language))
                            })
                    }), "sittings", language)
            }
            return Web.html(page)
        }
        router.post("sittings/open") { request, context -> Response in
            let user = try Web.signedIn(context)
            let form = try await Web.form(NameForm.self, request, context)
            let sitting = try await store.run { try $0.openSitting(name: form.name, actor: "web:\(user.username)") }
            await live.changed()
            return Web.redirect("/sittings", flash: context.say("Đã mở phiên «{name}»; các cửa điểm danh vào phiên này từ bây giờ.", ["name": sitting.name]))
        }
        router.post("sittings/close") { request, context -> Response in
            let user = try Web.signedIn(context)
            let sitting = try await store.run { try $0.closeSitting(actor: "web:\(user.username)") }
            await live.changed()
            return Web.redirect("/sittings", flash: context.say("Đã đóng phiên «{name}».", ["name": sitting.name]))
        }
        router.post("sittings/quorum") { request, context -> Response in
            let user = try Web.signedIn(context)
            let form = try await Web.form(ReasonForm.self, request, context)
            let record = try await store.run { try $0.recordQuorum(reason: form.reason, actor: "web:\(user.username)") }
            return Web.redirect("/sittings", flash: context.say(record.holds ? "Đã ghi túc số: {present}/{convened}, đủ." : "Đã ghi túc số: {present}/{convened}, chưa đủ.",
                                                                 ["present": String(record.present), "convened": String(record.convened)]))
        }
    }
}
