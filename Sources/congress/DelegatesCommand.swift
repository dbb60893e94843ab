import ArgumentParser
import CongressCore
import CongressStore

struct DelegatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delegates",
        abstract: "Liệt kê đại biểu; tìm không phân biệt hoa thường và dấu. / List delegates; search ignores case and diacritics.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Tìm theo tên, mã hoặc đoàn / search name, code or delegation, e.g. \"nguyen thi dao\".")
    var search: String?

    @Flag(help: "In dạng JSON / print as JSON.")
    var json = false

    func run() throws {
        let store = try options.openStore()
        var delegates: [Delegate]
        do { delegates = try store.delegates() } catch { throw options.fail(error) }
        if let search { delegates = DelegateSearchIndex(delegates).search(search) }
        if json {
            try Output.json(delegates.map(DelegateJSON.init))
            return
        }
        let vi = options.lang == .vi
        for d in delegates {
            let birth = d.birthDate?.vietnamese ?? ""
            print([d.code, d.name, vi ? d.sex.vietnamese : d.sex.rawValue, birth, d.delegation,
                   vi ? d.kind.vietnamese : d.kind.rawValue].joined(separator: "\t"))
        }
        Output.error(vi ? "\(delegates.count) đại biểu." : "\(delegates.count) delegate(s).")
    }
}

/// A delegate in JSON, with the English column names of the delegate list.
struct DelegateJSON: Encodable {
    var code, name, sex: String
    var birth_date: String?
    var delegation, kind, ethnicity: String
    var party_member: Bool?
    var education, political_theory, sector: String?
    var full_time: Bool?
    var position, seat: String?

    init(_ d: Delegate) {
        code = d.code; name = d.name; sex = d.sex.rawValue; birth_date = d.birthDate?.iso
        delegation = d.delegation; kind = d.kind.rawValue; ethnicity = d.ethnicity
        party_member = d.partyMember; education = d.education; political_theory = d.politicalTheory
        sector = d.sector?.code; full_time = d.fullTime; position = d.position; seat = d.seat
    }
}
