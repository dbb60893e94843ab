import ArgumentParser
import CongressCore
import CongressStore

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

    func run() throws {
        let congress: Congress
        do {
            congress = try Congress.validated(name: name, term: term, level: level, form: form)
        } catch {
            Output.error(error.message(options.lang))
            throw ExitCode(2)
        }
        do {
            _ = try CongressStore.create(at: options.databasePath, congress: congress, actor: options.actor)
        } catch {
            throw options.fail(error)
        }
        let title = congress.name + (congress.term.map { ", nhiệm kỳ \($0)" } ?? "")
        print(options.lang == .vi ? "Đã tạo đại hội «\(title)» tại \(options.databasePath)."
              : "Created the congress «\(title)» in \(options.databasePath).")
    }
}

extension CongressLevel: ExpressibleByArgument {}
extension CongressForm: ExpressibleByArgument {}
