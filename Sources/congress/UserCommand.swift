import ArgumentParser
import CongressCore
import CongressStore
import Foundation
import HummingbirdBcrypt

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Người đăng nhập trang web. / People who sign in to the web pages.",
        subcommands: [Add.self, Unlock.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Thêm người dùng; mật khẩu đọc từ đầu vào chuẩn (một dòng). / Add a person; the password is read from standard input (one line).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Tên đăng nhập / username.") var username: String
        @Option(help: "admin, credentials, kiosk, counting, viewer") var role: Role
        @Option(help: "Họ và tên / full name.") var name: String?

        func run() throws {
            let store = try options.openStore()
            if isatty(STDIN_FILENO) == 1 { Output.error(options.lang == .vi ? "Mật khẩu:" : "Password:") }
            guard let password = readLine(strippingNewline: true), password.count >= 8 else {
                Output.error(options.lang == .vi ? "Mật khẩu cần ít nhất 8 ký tự." : "The password needs at least 8 characters.")
                throw ExitCode(2)
            }
            do {
                let person = try store.addPerson(username: username, name: name ?? username, role: role,
                                                 passwordHash: Bcrypt.hash(password, cost: 12), actor: options.actor)
                print(options.lang == .vi ? "Đã thêm \(person.username) (\(person.role.rawValue))." : "Added \(person.username) (\(person.role.rawValue)).")
            } catch { throw options.fail(error) }
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mở khoá tài khoản bị khoá vì nhập sai mật khẩu quá nhiều lần. / Unlock an account locked by too many wrong passwords.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Tên đăng nhập / username.") var username: String

        func run() throws {
            let store = try options.openStore()
            do {
                try store.unlockPerson(username, actor: options.actor)
                print(options.lang == .vi ? "Đã mở khoá \(username.lowercased())." : "Unlocked \(username.lowercased()).")
            } catch { throw options.fail(error) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Người đăng nhập: tên, vai trò, khoá hay không. / People who sign in: name, role, locked or not.")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            let store = try options.openStore()
            do {
                let time = try store.congress().time
                for person in try store.people() {
                    let locked = person.lockedAt.map { (options.lang == .vi ? "bị khoá từ " : "locked since ") + time.dateTime(stored: $0, options.lang) } ?? ""
                    print([person.username, person.role.rawValue, person.name, locked].joined(separator: "\t"))
                }
            } catch { throw options.fail(error) }
        }
    }
}
