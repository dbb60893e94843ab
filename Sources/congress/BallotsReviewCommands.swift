import ArgumentParser
import CongressCore
import CongressStore
import Foundation

extension BallotsCommand {
    /// `congress ballots review E`: the sheets the machine was not sure of, waiting for the
    /// committee.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Các tờ phiếu quét chờ Ban kiểm phiếu quyết định. / The scanned sheets waiting for the committee.",
            discussion: """
                congress ballots review 3 --json
                Mỗi tờ một dòng: số sê-ri, tệp và trang, máy đọc gạch những dòng nào, và vì sao cần xem.
                Quyết định: congress ballots decide 3 SERIAL --struck 2,5 [--invalid private_mark]
                """)
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Flag(help: "Mỗi tờ một đối tượng JSON một dòng / one JSON object per sheet per line.") var json = false

        func run() throws {
            let store = try options.openStore()
            let queue: [ScannedSheet], sentBack: [ScannedSheet]
            do {
                _ = try store.election(election)
                queue = try store.reviewQueue(election: election)
                // sheets sent back are paper too: the committee reads them by eye and decides
                // them by number, or the scanner's source never has them
                sentBack = try store.scannedSheets(election: election).filter { $0.status == .rejected && $0.decision == nil }
            } catch { throw options.fail(error) }
            let vi = options.lang == .vi
            for sheet in queue + sentBack {
                if json {
                    print(Self.jsonLine(sheet))
                } else if sheet.status == .rejected {
                    let why = Catalogue.say(ScanReviewReason.words(sheet.reason ?? ""), options.lang)
                    let foreign = sheet.reason == "not_this_election"
                    print("\(sheet.serial ?? "?")\t\(Output.shown(sheet.file)) \(vi ? "trang" : "page") \(sheet.page)\t"
                          + (foreign ? (vi ? "trả lại: \(why) — để riêng, không nhập" : "sent back: \(why) — set it aside, it is not entered")
                             : vi ? "trả lại: \(why) — đọc tờ phiếu rồi: ballots decide \(election) SỐ-SÊ-RI --sheet \(sheet.id) --struck …"
                             : "sent back: \(why) — read the paper, then: ballots decide \(election) SERIAL --sheet \(sheet.id) --struck …"))
                } else {
                    let struck = sheet.struck.isEmpty ? (vi ? "không gạch ai" : "no one struck")
                        : (vi ? "gạch " : "struck ") + sheet.struck.map(String.init).joined(separator: ", ")
                    let why = sheet.review.map { $0.words(options.lang) }.joined(separator: "; ")
                    print("\(sheet.serial ?? "?")\t\(Output.shown(sheet.file)) \(vi ? "trang" : "page") \(sheet.page)\t"
                          + "\(vi ? "máy đọc" : "machine"): \(struck)\t\(why)")
                }
            }
            Output.error(vi ? "\(queue.count) tờ chờ quyết định" + (sentBack.isEmpty ? "." : "; \(sentBack.count) tờ máy trả lại.")
                         : "\(queue.count) sheets waiting" + (sentBack.isEmpty ? "." : "; \(sentBack.count) sent back by the machine."))
        }

        static func jsonLine(_ sheet: ScannedSheet) -> String {
            var object: [String: Any] = [
                "sheet": sheet.id, "serial": sheet.serial ?? NSNull(), "file": sheet.file, "page": sheet.page, "struck": sheet.struck,
                "review": sheet.review.map(\.jsonObject), "status": sheet.status.rawValue,
            ]
            if let reason = sheet.reason, sheet.status == .rejected { object["reason"] = reason }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// `congress ballots decide E SERIAL --struck …`: the committee's decision on one sheet.
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ban kiểm phiếu quyết định một tờ phiếu quét. / The committee decides one scanned sheet.",
            discussion: """
                congress ballots decide 3 BF835F --struck 2,5
                congress ballots decide 3 2Y681D --struck 3 --invalid private_mark
                congress ballots decide 3 H2M9PC --struck none
                congress ballots decide 3 K7QX2M --sheet 41 --struck 1,4   (tờ máy trả lại / a sheet sent back)
                Số thứ tự như in trên phiếu; "none" khi không gạch ai. Tờ máy trả lại: đọc số sê-ri trên giấy, \
                chọn tờ bằng --sheet (xem ballots review). Lý do không hợp lệ: \
                not_issued, unstamped, added_name, private_mark, unclear.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Argument(help: "Số sê-ri của tờ phiếu / the sheet's serial.") var serial: String
        @Option(help: "Số của tờ (\"sheet\" trong ballots review --json), khi nhiều tờ cùng số sê-ri / the sheet's number, when several share the serial.")
        var sheet: Int64?
        @Option(help: "Các số bị gạch, cách nhau bằng dấu phẩy, hoặc none / the numbers struck through, or none.") var struck: String
        @Option(help: "Lý do không hợp lệ Ban kiểm phiếu thấy trên phiếu / a reason the committee sees on the paper.")
        var invalid: [InvalidReason] = []
        @Option(help: "Thành viên Ban kiểm phiếu quyết định (ghi vào nhật ký) / the committee member deciding (for the audit log).")
        var by: String?

        func run() throws {
            try options.refuseScannerAsMember(by)
            let numbers: [Int]
            let words = struck.split(whereSeparator: { $0 == "," || $0 == " " })
            if words.count == 1, ["none", "-"].contains(words[0].lowercased()) {
                numbers = []
            } else {
                // digits only: Int would take "+2"; 0 and numbers past the list are refused
                // by the list itself, naming them
                let parsed = words.map { $0.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int($0) : nil }
                guard !words.isEmpty, parsed.allSatisfy({ $0 != nil }) else {
                    Output.error(options.lang == .vi ? "--struck «\(struck)»: cần các số thứ tự như in trên phiếu, cách nhau bằng dấu phẩy (2,5), hoặc none."
                                 : "--struck «\(struck)»: give the numbers as printed on the paper, separated by commas (2,5), or none.")
                    throw ExitCode(2)
                }
                numbers = parsed.compactMap { $0 }
            }
            let store = try options.openStore()
            let sheet: ScannedSheet
            do {
                sheet = try store.decideScannedSheet(election: election, self.sheet.map { .sheet($0, serial: serial) } ?? .serial(serial), struck: numbers, marks: invalid,
                                                   actor: by.map { options.actor + " (\($0))" } ?? options.actor)
            } catch { throw options.fail(error) }
            let vi = options.lang == .vi
            let entered = sheet.decision?.entered ?? false
            Output.error(entered ? (vi ? "Đã quyết định và nhập phiếu \(sheet.serial ?? serial)." : "Decided and entered \(sheet.serial ?? serial).")
                         : (vi ? "Đã quyết định: cùng một tờ với phiếu \(sheet.serial ?? serial) đã nhập, không nhập lại."
                            : "Decided: the same paper as the entered \(sheet.serial ?? serial), not entered again."))
        }
    }
}

extension BallotsCommand {
    /// `congress ballots reopen E SERIAL --why TEXT`: the committee takes back a sheet the
    /// machine counted (a mark it did not see), to decide it with `ballots decide`.
    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ban kiểm phiếu xem lại một tờ máy đã đếm hay đã quyết định. / The committee takes back a sheet counted or decided.",
            discussion: """
                congress ballots reopen 3 4MJNNE --why "a tick beside line 8"
                congress ballots decide 3 4MJNNE --struck 4,6,7,8 --invalid private_mark
                Phiếu máy đã nhập được rút lại (vẫn lưu), tờ chờ Ban kiểm phiếu quyết định như mọi tờ khác. \
                The machine's entry is withdrawn (kept), and the sheet waits for the committee like any other.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Argument(help: "Số sê-ri của tờ phiếu / the sheet's serial.") var serial: String
        @Option(help: "Số của tờ, khi nhiều tờ cùng số sê-ri / the sheet's number, when several share the serial.") var sheet: Int64?
        @Option(help: "Vì sao Ban kiểm phiếu xem lại (ghi vào nhật ký) / why the committee takes it back (for the audit log).") var why: String
        @Option(help: "Thành viên Ban kiểm phiếu (ghi vào nhật ký) / the committee member (for the audit log).") var by: String?

        func run() throws {
            let vi = options.lang == .vi
            try options.refuseScannerAsMember(by)
            guard !why.trimmingCharacters(in: .whitespaces).isEmpty else {
                Output.error(vi ? "--why: cần nói vì sao xem lại tờ này." : "--why: say why the sheet is taken back.")
                throw ExitCode(2)
            }
            let store = try options.openStore()
            let sheet: ScannedSheet
            do {
                sheet = try store.reopenScannedSheet(election: election, self.sheet.map { .sheet($0, serial: serial) } ?? .serial(serial), why: why,
                                                     actor: by.map { options.actor + " (\($0))" } ?? options.actor)
            } catch { throw options.fail(error) }
            Output.error(vi ? "Đã rút phiếu đã nhập cho tờ \(sheet.serial ?? serial); tờ số \(sheet.id) chờ Ban kiểm phiếu quyết định (ballots decide)."
                         : "The entry for \(sheet.serial ?? serial) withdrawn; sheet \(sheet.id) waits for the committee (ballots decide).")
        }
    }
}

extension GlobalOptions {
    /// A committee member's name (`--by`) is a person's: a decision is never written as the
    /// machine's (máy quét), however its name is typed.
    func refuseScannerAsMember(_ by: String?) throws {
        guard let by, ScanDesk.isScannerName(by) else { return }
        Output.error("--by: " + ElectionRefusal.scannerNameReserved(ScanDesk.scannerName).message(lang))
        throw ExitCode(2)
    }
}

/// Only the reasons the committee sees on the paper: more names standing than seats, or
/// every name struck, the tally finds itself from the struck numbers.
extension InvalidReason: ExpressibleByArgument {
    public init?(argument: String) {
        guard let reason = InvalidReason(rawValue: argument), InvalidReason.seenOnPaper.contains(reason) else { return nil }
        self = reason
    }

    public static var allValueStrings: [String] { seenOnPaper.map(\.rawValue) }
}

extension ScanReviewReason {
    /// As the `--json` lines write it: `{"line": N, "why": "unclear"}`, or `{"why": …}`.
    var jsonObject: [String: Any] {
        var object: [String: Any] = ["why": why]
        if let line { object["line"] = line }
        return object
    }

    /// As a CLI line says it: "dòng 3: máy không chắc", "có chữ hoặc ký hiệu ngoài danh sách".
    func words(_ lang: Language) -> String {
        (line.map { lang == .vi ? "dòng \($0): " : "line \($0): " } ?? "") + Catalogue.say(Self.words(why), lang)
    }
}
