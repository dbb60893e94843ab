import ArgumentParser
import CongressCore
import CongressStore
import Documents
import Foundation

/// `congress ballots …`: the ballot desk and the entry of paper ballots from a file.
struct BallotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ballots",
        abstract: "Phiếu bầu: in, phát, nhập. / Ballots: print, issue, enter.",
        subcommands: [Print.self, Issue.self, Enter.self, Correct.self, Undo.self, List.self, Scan.self, Review.self, Decide.self, Reopen.self],
        defaultSubcommand: Print.self)

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "In phiếu bầu (PDF), mỗi phiếu một số sê-ri và mã QR có chữ ký. / Print ballots, each with a serial and a signed QR.",
            discussion: "congress ballots ELECTION --count N --out FILE.pdf [--paper a5|a4]. In phiếu thì danh sách không đổi được nữa. / Printing fixes the list.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Option(help: "Số phiếu / how many ballots.") var count: Int
        @Option(help: "Tệp PDF / the PDF to write.") var out: String
        @Option(help: "a5 hoặc a4; mặc định: khổ đã in của cuộc bầu cử, hoặc a5 / paper size; default: the size already printed, or a5.")
        var paper: BallotPaperSize?
        @Option(name: .customLong("with"),
                help: "Phiếu chung (bầu trực tiếp Chủ tịch, cách 2): in kèm phần của cuộc bầu cử này / a combined paper with this election (chair mode 2).")
        var with: [Int64] = []

        func run() throws {
            let store = try options.openStore()
            let key = try options.loadKey()
            let ids = [election] + with
            let congress: Congress
            var parts: [BallotPaper.Part] = []
            var printedOn: BallotPaperSize?
            do {
                congress = try store.congress()
                for id in ids {
                    let record = try store.election(id)
                    printedOn = printedOn ?? record.paper.flatMap(BallotPaperSize.init(rawValue:))
                    parts.append(.init(title: record.title, seats: record.seats, list: try store.candidates(election: id)))
                }
            } catch { throw options.fail(error) }
            // more ballots of an election come on the paper it was first printed on
            let paper = self.paper ?? printedOn ?? .a5
            let serials: [String]
            do { serials = try store.printBallotSerials(elections: ids, count: count, paper: paper.rawValue, actor: options.actor) } catch { throw options.fail(error) }
            var codes: [(serial: String, qr: String)] = []
            for serial in serials {
                do { codes.append((serial, try BallotSerialCode.sign(election: election, serial: serial, with: key).text)) } catch {
                    Output.error(options.say("Không ký được số sê-ri: {error}", ["error": "\(error)"]))
                    throw ExitCode(2)
                }
            }
            do { try BallotPrinter.pdf(BallotPaper(congressName: congress.name, term: congress.term, parts: parts), codes: codes, size: paper, to: out) } catch {
                Output.error(error.message(options.lang))
                throw ExitCode(2)
            }
            Output.error(options.say("Đã in {count} phiếu vào {file}.", ["count": String(serials.count), "file": out]))
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Phát phiếu cho một đại biểu (bàn phát phiếu). / Issue this election's ballot to a delegate.",
            discussion: "Ghi nhận đại biểu đã nhận phiếu, không ghi số sê-ri nào. / Records that they received one, never which serial.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Argument(help: "Mã đại biểu hoặc nội dung quét từ thẻ / the delegate's code, or their badge's scanned payload.")
        var delegate: String
        @Option var station = "Bàn phát phiếu"
        @Option(name: .customLong("with"), help: "Phiếu chung: phát cả phần này / a combined paper: issue this election's part too.")
        var with: [Int64] = []

        func run() throws {
            let store = try options.openStore()
            var code = delegate.uppercased()
            if delegate.hasPrefix(CredentialPayload.formatVersion + ".") {
                let check: CredentialCheck
                do { check = try store.credentialVerifier().check(delegate) } catch { throw options.fail(error) }
                guard case .valid(let id) = check else {
                    Output.error(options.say("Thẻ không dùng được: {verdict}", ["verdict": check.verdict]))
                    throw ExitCode(1)
                }
                code = id.code
            }
            var refused = false
            for id in [election] + with {
                let decision: BallotIssueDecision
                do { decision = try store.issueBallot(election: id, code: code, station: station, actor: options.actor) } catch {
                    throw options.fail(error)
                }
                print("\(code)\t\(id)\t\(options.say(decision.vietnamese))")
                refused = refused || decision != .issued
            }
            if refused { throw ExitCode(1) }
        }
    }

    struct Enter: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập phiếu từ tệp. / Enter ballots from a file, one a line.",
            discussion: """
                Mỗi dòng một phiếu: số sê-ri, rồi các số thứ tự bị gạch, rồi lý do không hợp lệ nếu có \
                (unstamped, added_name, private_mark, unclear, not_issued, hoặc phím d t k r p). Dòng bắt đầu bằng # là ghi chú.
                One ballot a line: the serial, the numbers struck, then any invalid reasons, e.g. \
                "K7QX2M 3 5 11" or "H2M9PC 1 unstamped". Lines starting with # are comments.
                """)
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Argument var file: String
        @Option(name: .customLong("operator"), help: "Người nhập / the operator (double entry: each enters the whole stack).")
        var operatorName: String

        func run() throws {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                Output.error("\(file): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            // Read the whole file first: a line that is wrong enters nothing.
            var lines: [BallotLine] = []
            var problems: [String] = []
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty || line.hasPrefix("#") { continue }
                switch BallotLine.parse(line) {
                case .success(let ballot): lines.append(ballot)
                case .failure(let problem):
                    problems.append(options.say("{file}, dòng {line}:", ["file": file, "line": String(n + 1)]) + " " + problem.message(options.lang))
                }
            }
            guard problems.isEmpty else {
                problems.forEach(Output.error)
                throw ExitCode(2)
            }
            try BallotsCommand.requirePerson(operatorName, options)
            let store = try options.openStore()
            do {
                try store.enterBallots(election: election, operator: operatorName,
                                       lines.map { .init(serial: $0.serial, struckNumbers: $0.struckNumbers, marks: $0.marks) }, actor: options.actor)
            } catch { throw options.fail(error) }
            Output.error(options.say("Đã nhập {count} phiếu.", ["count": String(lines.count)]))
        }
    }

    /// Every ballot entered and in force, in the order entered: the numbers struck as printed
    /// on the paper (as they were typed), and the reasons it was set aside.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Các phiếu đã nhập. / The ballots entered, in the order entered.",
            discussion: "congress ballots list ELECTION [--json]. --json: mỗi dòng một phiếu / one JSON object a line: {\"serial\", \"operator\", \"struck\": [số như in trên phiếu / numbers as printed], \"invalid\": [lý do / reasons]}.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Flag(help: "JSON, mỗi dòng một phiếu / JSON, one ballot a line.") var json = false

        struct Line: Encodable {
            var serial: String
            var `operator`: String
            var struck: [Int]
            var invalid: [String]
        }

        func run() throws {
            let store = try options.openStore()
            let entries: [String: [BallotEntryRecord]]
            let number: [Int: Int]
            do {
                entries = try store.ballotEntries(election: election)
                number = Dictionary(uniqueKeysWithValues: try store.candidates(election: election).enumerated().map { ($0.element.id, $0.offset + 1) })
            } catch { throw options.fail(error) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for entry in entries.values.flatMap({ $0 }).sorted(by: { $0.id < $1.id }) {
                let line = Line(serial: entry.serial, operator: entry.operatorName, struck: entry.struck.compactMap { number[$0] }.sorted(),
                                invalid: entry.marks.map(\.rawValue))
                if json {
                    guard let data = try? encoder.encode(line) else { continue }  // plain strings and numbers always encode
                    print(String(decoding: data, as: UTF8.self))
                } else {
                    print([line.serial, line.operator, line.struck.map(String.init).joined(separator: " "), line.invalid.joined(separator: " ")]
                        .joined(separator: "\t"))
                }
            }
        }
    }

    /// A ballot entered wrong, anywhere in the stack: that operator's entry of the serial is
    /// replaced (the old one kept, withdrawn, and both in the audit log).
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sửa một phiếu đã nhập. / Correct a ballot already entered.",
            discussion: "congress ballots correct ELECTION SERIAL 2 5 [--invalid REASON] --operator NAME: các số bị gạch như in trên phiếu (không số nào: phiếu không gạch ai) / the numbers struck as printed (none: nobody struck).")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Argument(help: "Số sê-ri / the serial.") var serial: String
        @Argument(help: "Các số bị gạch / the numbers struck.") var struck: [Int] = []
        @Option(help: "Lý do không hợp lệ (unstamped, added_name, private_mark, unclear, not_issued, hoặc d t k r p) / an invalid reason.")
        var invalid: [String] = []
        @Option(name: .customLong("operator"), help: "Người đã nhập phiếu đó / the operator whose entry it is.") var operatorName: String

        func run() throws {
            // the same words as a typed line: numbers, then reasons (a key or a code)
            let line = ([serial] + struck.map(String.init) + invalid).joined(separator: " ")
            let parsed: BallotLine
            switch BallotLine.parse(line) {
            case .success(let ballot): parsed = ballot
            case .failure(let problem):
                Output.error(problem.message(options.lang))
                throw ExitCode(2)
            }
            try BallotsCommand.requirePerson(operatorName, options)
            let store = try options.openStore()
            do {
                let entry = try store.correctEntry(election: election, operator: operatorName, serial: parsed.serial,
                                                   struckNumbers: parsed.struckNumbers, marks: parsed.marks, actor: options.actor)
                Output.error(options.say("Đã sửa phiếu {serial}.", ["serial": entry.serial]))
            } catch { throw options.fail(error) }
        }
    }

    /// A person enters under their own name: the scanner's (`Máy quét`) is the machine's
    /// source, and typing under it would make one person both sources of a double entry.
    static func requirePerson(_ name: String, _ options: GlobalOptions) throws {
        guard !ScanDesk.isScannerName(name) else {
            Output.error(ElectionRefusal.scannerNameReserved(ScanDesk.scannerName).message(options.lang))
            throw ExitCode(2)
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bỏ phiếu vừa nhập. / Take back the operator's last entry.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Option(name: .customLong("operator")) var operatorName: String
        func run() throws {
            let store = try options.openStore()
            let undone: BallotEntryRecord?
            do { undone = try store.undoLastEntry(election: election, operator: operatorName, actor: options.actor) } catch {
                throw options.fail(error)
            }
            guard let undone else {
                Output.error(options.say("Chưa nhập phiếu nào."))
                throw ExitCode(1)
            }
            Output.error(options.say("Đã bỏ phiếu {serial} vừa nhập.", ["serial": undone.serial]))
        }
    }
}

extension BallotPaperSize: ExpressibleByArgument {}
