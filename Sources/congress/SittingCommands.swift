import ArgumentParser
import CongressCore
import CongressStore

struct SittingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitting",
        abstract: "Mở, đóng phiên họp. / Open and close sittings.",
        subcommands: [Open.self, Close.self, List.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mở phiên họp (mỗi lúc một phiên). / Open a sitting (one at a time).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Tên phiên / name, e.g. \"Phiên trù bị\".") var name: String

        func run() throws {
            let store = try options.openStore()
            do {
                let sitting = try store.openSitting(name: name, actor: options.actor)
                let (_, quorum) = try store.quorum()
                let time = try store.congress().time
                let at = time.dateTime(stored: sitting.openedAt, options.lang)
                print(options.lang == .vi ? "Đã mở phiên «\(sitting.name)» lúc \(at); có mặt \(quorum.present)/\(quorum.convened)."
                      : "Opened «\(sitting.name)» at \(at); present \(quorum.present)/\(quorum.convened).")
            } catch { throw options.fail(error) }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đóng phiên đang mở. / Close the open sitting.")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            let store = try options.openStore()
            do {
                let sitting = try store.closeSitting(actor: options.actor)
                print(options.lang == .vi ? "Đã đóng phiên «\(sitting.name)»." : "Closed «\(sitting.name)».")
            } catch { throw options.fail(error) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các phiên và túc số đã ghi. / Sittings and recorded quorums.")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            let store = try options.openStore()
            do {
                let records = try store.quorumRecords()
                let time = try store.congress().time
                for s in try store.sittings() {
                    let closed = s.closedAt.map { time.dateTime(stored: $0, options.lang) } ?? (options.lang == .vi ? "đang mở" : "open")
                    print("\(s.id)\t\(s.name)\t\(time.dateTime(stored: s.openedAt, options.lang))\t\(closed)")
                    for r in records where r.sittingID == s.id {
                        print("\t\(time.dateTime(stored: r.at, options.lang))\t\(r.present)/\(r.convened)\t\(options.say(r.holds ? "ĐỦ" : "CHƯA ĐỦ"))\t\(r.reason)")
                    }
                }
            } catch { throw options.fail(error) }
        }
    }
}

struct QuorumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quorum",
        abstract: "Có mặt / triệu tập của phiên đang mở, và đủ 2/3 hay chưa. / Present / convened, and whether quorum holds.")
    @OptionGroup var options: GlobalOptions
    @Flag(help: "In dạng JSON / print as JSON.") var json = false
    @Option(help: "Ghi lại túc số lúc này với lý do / record the quorum now, with this reason.") var record: String?

    func run() throws {
        let store = try options.openStore()
        do {
            if let record { _ = try store.recordQuorum(reason: record, actor: options.actor) }
            let (sitting, q) = try store.quorum()
            if json {
                struct Out: Encodable { var sitting: String?; var present: Int; var convened: Int; var holds: Bool }
                try Output.json(Out(sitting: sitting?.name, present: q.present, convened: q.convened, holds: q.holds))
            } else {
                let name = sitting?.name ?? (options.lang == .vi ? "chưa mở phiên" : "no open sitting")
                print(options.lang == .vi
                      ? "\(name): có mặt \(q.present)/\(q.convened) (\(q.percentVietnamese)%) — \(q.holds ? "ĐỦ" : "CHƯA ĐỦ") điều kiện tiến hành đại hội"
                      : "\(name): present \(q.present)/\(q.convened) — quorum \(q.holds ? "holds" : "does not hold")")
            }
        } catch let error as StoreError {
            throw options.fail(error)
        }
    }
}

struct SubstituteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "substitute",
        abstract: "Ghi nhận đại biểu dự khuyết thay đại biểu chính thức. / Record an alternate replacing an official delegate.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Mã đại biểu dự khuyết / the alternate's code.") var alternate: String
    @Argument(help: "Mã đại biểu được thay / the replaced delegate's code.") var replaced: String
    @Option(help: "Số, ngày quyết định / the decision's reference.") var decision: String

    func run() throws {
        let store = try options.openStore()
        do {
            let s = try store.substitute(alternate: alternate.uppercased(), replaced: replaced.uppercased(),
                                         decision: decision, actor: options.actor)
            print(options.lang == .vi ? "Đã ghi nhận (số \(s.id)): \(s.alternate) thay \(s.replaced) theo \(s.decision)."
                  : "Recorded (no. \(s.id)): \(s.alternate) replaces \(s.replaced) by \(s.decision).")
        } catch { throw options.fail(error) }
    }
}
