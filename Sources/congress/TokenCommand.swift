import ArgumentParser
import CongressCore
import CongressStore

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Mã truy cập API. / API tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo mã (in ra một lần duy nhất). / Create a token, printed once, alone on standard output.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "admin, credentials, kiosk, counting, viewer") var role: Role
        @Option(help: "Tên, ví dụ \"Cửa A\" / a name, e.g. \"Door A\".") var name: String

        func run() throws {
            let store = try options.openStore()
            do {
                let (token, record) = try store.createToken(role: role, name: name, actor: options.actor)
                print(token)
                Output.error(options.lang == .vi
                    ? "Mã số \(record.id), vai trò \(role.rawValue), «\(name)». Hãy chép ngay: mã không được lưu và không in lại được."
                    : "Token no. \(record.id), role \(role.rawValue), «\(name)». Copy it now: it is not stored and cannot be shown again.")
            } catch { throw options.fail(error) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê mã (không hiện mã). / List tokens (never the tokens).")
        @OptionGroup var options: GlobalOptions
        @Flag var json = false

        func run() throws {
            let store = try options.openStore()
            do {
                let tokens = try store.tokens()
                if json { try Output.json(tokens); return }
                let time = try store.congress().time
                for t in tokens {
                    let revoked = t.revokedAt.map { (options.lang == .vi ? "thu hồi " : "revoked ") + time.dateTime(stored: $0, options.lang) } ?? ""
                    print("\(t.id)\t\(t.role.rawValue)\t\(t.name)\t\(time.dateTime(stored: t.createdAt, options.lang))\t\(revoked)")
                }
            } catch let error as StoreError { throw options.fail(error) }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thu hồi mã theo số hoặc tên. / Revoke a token by number or name.")
        @OptionGroup var options: GlobalOptions
        @Argument var token: String

        func run() throws {
            let store = try options.openStore()
            let count: Int
            do { count = try store.revokeToken(token, actor: options.actor) } catch { throw options.fail(error) }
            guard count > 0 else {
                Output.error(options.lang == .vi ? "Không có mã đang dùng nào là «\(token)»." : "No active token «\(token)».")
                throw ExitCode(2)
            }
            print(options.lang == .vi ? "Đã thu hồi \(count) mã." : "Revoked \(count) token(s).")
        }
    }
}

extension Role: ExpressibleByArgument {}
