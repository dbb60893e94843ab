import ArgumentParser
import CongressCore
import CongressStore

/// `congress absence`: why a delegate is away (vắng mặt có lý do), for the open sitting, a
/// named one, or the whole congress. The attendance and credentials reports print it.
struct AbsenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "absence",
        abstract: "Ghi lý do vắng mặt của đại biểu. / Record why a delegate is absent.",
        subcommands: [Record.self, Clear.self, List.self], defaultSubcommand: List.self)

    /// Which sitting: the open one unless told.
    struct Scope: ParsableArguments {
        @Option(help: "Số phiên (xem `congress sitting list`); mặc định phiên đang mở. / The sitting's number; default the open one.")
        var sitting: Int64?
        @Flag(help: "Vắng cả đại hội. / Absent from the whole congress.") var wholeCongress = false

        func validate() throws {
            if sitting != nil && wholeCongress {
                throw ValidationError("Chọn --sitting hoặc --whole-congress, không cả hai. / Give --sitting or --whole-congress, not both.")
            }
        }

        var scope: Absence.Scope? { wholeCongress ? .wholeCongress : sitting.map { .sitting($0) } }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ghi (hoặc sửa) lý do vắng. / Record (or change) an absence reason.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Mã đại biểu / delegate code, e.g. DB0042.") var code: String
        @Option(help: "Lý do vắng / the reason, e.g. \"Ốm, có đơn xin phép\".") var reason: String
        @OptionGroup var scope: Scope

        func run() throws {
            let store = try options.openStore()
            do {
                let absence = try store.recordAbsence(code: code.uppercased(), reason: reason, scope: scope.scope, actor: options.actor)
                let place = describe(absence.scope, sittings: try store.sittings(), lang: options.lang)
                print(options.lang == .vi ? "Đã ghi \(absence.code) vắng \(place): \(absence.reason)."
                      : "Recorded \(absence.code) absent \(place): \(absence.reason).")
            } catch { throw options.fail(error) }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xoá lý do vắng đã ghi nhầm. / Take back an absence reason.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Mã đại biểu / delegate code.") var code: String
        @OptionGroup var scope: Scope

        func run() throws {
            let store = try options.openStore()
            do {
                try store.clearAbsence(code: code.uppercased(), scope: scope.scope, actor: options.actor)
                print(options.lang == .vi ? "Đã xoá lý do vắng của \(code.uppercased())." : "Took back the absence reason of \(code.uppercased()).")
            } catch { throw options.fail(error) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các lý do vắng đã ghi. / The absence reasons recorded.")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            let store = try options.openStore()
            do {
                let sittings = try store.sittings()
                let time = try store.congress().time
                for a in try store.absences() {
                    print("\(a.code)\t\(describe(a.scope, sittings: sittings, lang: options.lang))\t\(a.reason)\t\(time.dateTime(stored: a.recordedAt, options.lang))\t\(a.actor)")
                }
            } catch { throw options.fail(error) }
        }
    }
}

/// "cả đại hội" or "phiên «Phiên khai mạc»".
private func describe(_ scope: Absence.Scope, sittings: [Sitting], lang: Language) -> String {
    switch scope {
    case .wholeCongress: return lang == .vi ? "cả đại hội" : "the whole congress"
    case .sitting(let id):
        let name = sittings.first { $0.id == id }?.name ?? "#\(id)"
        return lang == .vi ? "phiên «\(name)»" : "sitting «\(name)»"
    }
}
