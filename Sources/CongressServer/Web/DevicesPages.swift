import CongressCore
import CongressStore
import Foundation
import Hummingbird
import HummingbirdBcrypt

/// The administrator's devices (thiết bị): the tokens kiosks at the doors and the hall
/// screen use. A token is shown once, when it is made, with the command that starts a kiosk
/// with it (or the hall screen's address); only its hash is kept. A token is revoked in one
/// click and refused at once from then on.
struct DevicesPages {
    let store: StoreRunner
    /// The tokens the server has looked up lately: forgotten when one is revoked here.
    let tokens: TokenCache
    /// Hashes new passwords on its own thread, not the server's.
    let guardian: SignInGuard

    struct CreateForm: Decodable { var name: String; var role: String }
    struct PersonForm: Decodable { var username: String; var name: String; var role: String; var password: String }
    struct PasswordForm: Decodable { var password: String }

    func addRoutes(to router: GatedRouter) {
        router.get("devices") { _, context -> Response in
            let user = try Web.signedIn(context)
            let page = try await store.run { try Self.page($0, language: context.language, user: user, flash: context.flash, made: nil) }
            return Web.html(page)
        }
        router.post("devices") { request, context -> Response in
            let user = try Web.signedIn(context)
            let form = try await Web.form(CreateForm.self, request, context)
            let name = VietnameseText.cleaned(form.name)
            guard let role = Role(rawValue: form.role), [.kiosk, .viewer].contains(role) else {
                throw Refusal(.badRequest, code: "not_a_device_role", vi: "Chỉ tạo mã cho máy quét ở cửa (kiosk) hoặc màn hình hội trường (viewer).", en: "Tokens are made for door kiosks (kiosk) or the hall screen (viewer) only.")
            }
            guard !name.isEmpty else {
                let page = try await store.run { try Self.page($0, language: context.language, user: user, flash: context.say("Cần tên thiết bị (ví dụ: Cửa A)."), made: nil) }
                return Web.html(page, status: .badRequest)
            }
            let made = try await store.run { try $0.createToken(role: role, name: name, actor: "web:\(user.username)") }
            let server = "http://" + (request.head.authority ?? "127.0.0.1:8080")
            let shown = DevicesPage.Made(
                name: name, token: made.token,
                use: role == .kiosk ? "kiosk --server \(server) --token \(made.token) --station '\(name)'"
                    : "\(server)/board?token=\(made.token)")
            var response = Web.html(try await store.run { try Self.page($0, language: context.language, user: user, flash: nil, made: shown) })
            // the token is on this page only: never cached, never in a cookie or a redirect
            response.headers[.cacheControl] = "no-store"
            return response
        }
        // people who sign in: the administrator gives each a first password
        router.post("devices/people") { request, context -> Response in
            let user = try Web.signedIn(context)
            let form = try await Web.form(PersonForm.self, request, context)
            guard let role = Role(rawValue: form.role), role != .kiosk else {
                throw Refusal(.badRequest, code: "not_a_person_role", vi: "Vai trò không hợp lệ.", en: "Not a role for a person.")
            }
            guard form.password.count >= 8 else {
                let page = try await store.run { try Self.page($0, language: context.language, user: user, flash: context.say("Chưa thêm: mật khẩu cần ít nhất 8 ký tự."), made: nil) }
                return Web.html(page, status: .badRequest)
            }
            let hash = await guardian.hash(form.password)
            do {
                let person = try await store.run {
                    try $0.addPerson(username: form.username, name: VietnameseText.cleaned(form.name).isEmpty ? form.username : VietnameseText.cleaned(form.name),
                                     role: role, passwordHash: hash, actor: "web:\(user.username)")
                }
                return Web.redirect("/devices", flash: context.say("Đã thêm {username} ({role}); người đó đăng nhập được ngay.",
                                                                   ["username": person.username, "role": context.say(DevicesPage.words(person.role))]))
            } catch let error as Refusal {
                let page = try await store.run { try Self.page($0, language: context.language, user: user, flash: context.say("Chưa thêm:") + " " + error.message(context.language), made: nil) }
                return Web.html(page, status: error.status)
            }
        }
        // a person who leaves, or whose password was seen: disabled (signed out at once), or given a new password
        router.post("devices/people/:username/disable") { request, context -> Response in
            let user = try Web.signedIn(context)
            let username = try context.parameters.require("username")
            do {
                try await store.run { try $0.disablePerson(username, actor: "web:\(user.username)") }
                return Web.redirect("/devices", flash: context.say("Đã vô hiệu hoá {username}: người đó không đăng nhập được nữa và đã bị đăng xuất.", ["username": username]))
            } catch let error as Refusal {
                let page = try await store.run { try Self.page($0, language: context.language, user: user, flash: error.message(context.language), made: nil) }
                return Web.html(page, status: error.status)
            }
        }
        router.post("devices/people/:username/password") { request, context -> Response in
            let user = try Web.signedIn(context)
            let username = try context.parameters.require("username")
            let form = try await Web.form(PasswordForm.self, request, context)
            guard form.password.count >= 8 else {
                let page = try await store.run { try Self.page($0, language: context.language, user: user, flash: context.say("Chưa đổi: mật khẩu cần ít nhất 8 ký tự."), made: nil) }
                return Web.html(page, status: .badRequest)
            }
            let hash = await guardian.hash(form.password)
            do {
                try await store.run { try $0.setPassword(username, passwordHash: hash, actor: "web:\(user.username)") }
                return Web.redirect("/devices", flash: context.say("Đã đặt mật khẩu mới cho {username}; các phiên đăng nhập cũ của người đó đã đóng.", ["username": username]))
            } catch let error as Refusal {
                let page = try await store.run { try Self.page($0, language: context.language, user: user, flash: error.message(context.language), made: nil) }
                return Web.html(page, status: error.status)
            }
        }
        // an account locked by too many wrong passwords: the administrator lifts the lock
        router.post("devices/people/:username/unlock") { request, context -> Response in
            let user = try Web.signedIn(context)
            let username = try context.parameters.require("username")
            do {
                try await store.run { try $0.unlockPerson(username, actor: "web:\(user.username)") }
                return Web.redirect("/devices", flash: context.say("Đã mở khoá {username}; người đó đăng nhập lại được.", ["username": username]))
            } catch let error as Refusal {
                let page = try await store.run { try Self.page($0, language: context.language, user: user, flash: error.message(context.language), made: nil) }
                return Web.html(page, status: error.status)
            }
        }
        router.post("devices/:id/revoke") { request, context -> Response in
            let user = try Web.signedIn(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let name = try await store.run { store -> String? in
                guard let token = try store.tokens().first(where: { $0.id == id && $0.revokedAt == nil }) else { return nil }
                try store.revokeToken(String(id), actor: "web:\(user.username)")
                return token.name
            }
            tokens.forgetAll()
            return Web.redirect("/devices", flash: name.map { context.say("Đã thu hồi mã của «{name}»: thiết bị dùng nó bị từ chối từ nay.", ["name": $0]) }
                                      ?? context.say("Mã này đã bị thu hồi từ trước."))
        }
    }

    static func page(_ store: CongressStore, language: Language, user: Person, flash: String?, made: DevicesPage.Made?) throws -> String {
        let time = try store.congress().time
        let view = DevicesPage(
            user: UserView(user), flash: flash, made: made,
            people: try store.people().map {
                .init(username: $0.username, name: $0.name, role: Catalogue.say(DevicesPage.words($0.role), language), isYou: $0.username == user.username,
                      lockedAt: $0.lockedAt.map { time.dateTime(stored: $0, language) })
            },
            tokens: try store.tokens().reversed().map { t in
                DevicesPage.Row(id: t.id, name: t.name, role: Catalogue.say(DevicesPage.words(t.role), language), createdAt: time.dateTime(stored: t.createdAt, language),
                                revokedAt: t.revokedAt.map { time.dateTime(stored: $0, language) })
            })
        return Templates.render(view, "devices", language)
    }
}
