import ArgumentParser
import CongressCore
import CongressStore
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Tạo cơ sở dữ liệu cho một đại hội. / Create the congress database.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Tên đại hội / congress name, e.g. \"Đại hội Công đoàn tỉnh Lâm Đồng lần thứ XI\".")
    var name: String

    @Option(help: "Nhiệm kỳ / term, e.g. 2023-2028.")
    var term: String?

    @Option(help: "Cấp / level: grassroots, upper_grassroots, provincial, national.")
    var level: CongressLevel = .grassroots

    @Option(help: "Hình thức / form: delegates (đại hội đại biểu), all_members (đại hội toàn thể).")
    var form: CongressForm = .delegates

    @Option(name: .customLong("time-zone"),
            help: "Múi giờ của đại hội (IANA) / the congress's time zone: every time printed is in it.")
    var timeZone: String = CongressTime.vietnamIdentifier

    func run() throws {
        let congress: Congress
        do {
            congress = try Congress.validated(name: name, term: term, level: level, form: form, timeZone: timeZone)
        } catch {
            Output.error(error.message(options.lang))
            throw ExitCode(2)
        }
        // The key file first (it refuses to overwrite), then the database that names its
        // public half; if the database cannot be made, the key goes too.
        let key = CongressSigningKey()
        let keyPath = options.keyPath
        if FileManager.default.fileExists(atPath: options.databasePath) {
            throw options.fail(.alreadyExists(path: options.databasePath))
        }
        do {
            try SigningKeyFile.create(key, at: keyPath)
        } catch {
            throw options.fail(error)
        }
        do {
            _ = try CongressStore.create(at: options.databasePath, congress: congress,
                                         signingKey: PublicSigningKey(keyID: key.keyID, publicKey: key.publicKey),
                                         actor: options.actor)
        } catch {
            try? FileManager.default.removeItem(atPath: keyPath)
            throw options.fail(error)
        }
        let title = congress.name + (congress.term.map { ", nhiệm kỳ \($0)" } ?? "")
        print(options.lang == .vi ? "Đã tạo đại hội «\(title)» tại \(options.databasePath) (múi giờ \(congress.timeZone))."
              : "Created the congress «\(title)» in \(options.databasePath) (time zone \(congress.timeZone)).")
        Output.error(options.lang == .vi
            ? "Khoá ký \(key.keyID) ở \(keyPath) (chỉ chủ sở hữu đọc được); hãy giữ nó cạnh cơ sở dữ liệu và sao lưu riêng."
            : "Signing key \(key.keyID) is in \(keyPath) (owner-only); keep it beside the database and back it up separately.")
    }
}

extension CongressLevel: ExpressibleByArgument {}
extension CongressForm: ExpressibleByArgument {}
