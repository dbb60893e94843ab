import ArgumentParser
import CongressCore
import CongressStore
import Documents
import Foundation

/// `congress election …`: the counting committee sets up each election, reconciles the
/// double entry, tallies, publishes, and opens a run-off or a further round.
struct ElectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "election",
        abstract: "Các cuộc bầu cử của đại hội. / The congress's elections.",
        subcommands: [Create.self, List.self, Show.self, Candidate.self, Withdraw.self, Committee.self, Order.self,
                      Reconcile.self, Tally.self, Minutes.self, Export.self, Publish.self, NextRound.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lập một cuộc bầu cử. / Set up an election (prints its number).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "executive_committee, inspection_committee, higher_congress, higher_congress_alternate, chair, other")
        var body: ElectionBody = .executiveCommittee
        @Option(help: "Tên, như in trên phiếu / the title, as printed on the ballot.") var title: String
        @Option(help: "Số lượng cần bầu / seats.") var seats: Int
        @Option(help: "ballots_collected (mặc định), valid_ballots, convened") var thresholdBase: ThresholdBase = .ballotsCollected
        @Option(help: "Cảnh báo khi số dư vượt quá % số lượng cần bầu / warn above this surplus, % of seats (e.g. 30).")
        var surplusCap: Int?
        @Option(help: "Số đại biểu vắng mặt cả kỳ đại hội (cơ sở convened); mặc định: số đã ghi bằng `congress absence record --whole-congress` / absent for the whole congress (convened base); default: as recorded.")
        var absentWholeCongress: Int?
        @Flag(help: "Nhập phiếu một lần (mặc định: hai nguồn độc lập phải khớp) / one source of entry (default: two independent sources that agree).")
        var singleEntry = false

        func run() throws {
            let store = try options.openStore()
            do {
                let e = try store.createElection(body: body, title: title, seats: seats, thresholdBase: thresholdBase,
                                                 absentWholeCongress: absentWholeCongress, surplusCapPercent: surplusCap,
                                                 entryMode: singleEntry ? .single : .double, actor: options.actor)
                print(e.id)
            } catch { throw options.fail(error) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê. / List the elections.")
        @OptionGroup var options: GlobalOptions
        @Flag var json = false
        func run() throws {
            let store = try options.openStore()
            let list: [ElectionRecord]
            do { list = try store.elections() } catch { throw options.fail(error) }
            if json { try Output.json(list); return }
            for e in list {
                print("\(e.id)\t\(e.status.rawValue)\t" + options.say("vòng {round}", ["round": String(e.round)]) + "\t"
                      + options.say("{seats} ghế", ["seats": String(e.seats)]) + "\t\(e.title)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách, ban kiểm phiếu, phiếu đã phát và đã nhập. / One election in full.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        func run() throws {
            let store = try options.openStore()
            do {
                let e = try store.election(election)
                let candidates = try store.candidates(election: election)
                print("\(e.title) — " + options.say("{body}, vòng {round}, {seats} ghế, ngưỡng: quá 1/2 {base}",
                                                      ["body": options.say(e.body.vietnamese), "round": String(e.round), "seats": String(e.seats),
                                                       "base": options.say(e.thresholdBase.vietnamese)]))
                let surplus = Surplus(candidates: candidates.count, seats: e.seats, capPercent: e.surplusCapPercent)
                print(options.say("Số dư: {count}", ["count": String(surplus.count)])
                      + (surplus.overCap ? " — " + options.say("VƯỢT mức {cap}% số lượng cần bầu", ["cap": String(e.surplusCapPercent ?? 0)]) : ""))
                for (i, c) in candidates.enumerated() {
                    print("\(i + 1).\t\(c.displayName)\t\(c.delegateCode ?? options.say("(ngoài danh sách)"))\t\(options.say(c.nomination.vietnamese))\t\(c.details ?? "")")
                }
                for m in try store.committee(election: election) { print(options.say("Ban kiểm phiếu:") + " \(options.say(m.role.vietnamese)) \(m.name)") }
                print(options.say("Phiếu in: {printed}   phát ra: {issued}", ["printed": String(try store.printedSerials(election: election).count),
                                                                               "issued": String(try store.ballotsIssued(election: election))]))
                for (op, entries) in try store.ballotEntries(election: election).sorted(by: { $0.key < $1.key }) {
                    print(options.say("Đã nhập ({operator}): {count}", ["operator": op, "count": String(entries.count)]))
                }
            } catch { throw options.fail(error) }
        }
    }

    struct Candidate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thêm ứng cử viên. / Add a candidate (a delegate by --code, or an outsider by --name).")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Option(help: "Mã đại biểu / delegate code.") var code: String?
        @Option(help: "Họ và tên (người ngoài danh sách đại biểu) / name of an outsider.") var name: String?
        @Option(help: "Ngày sinh / birth date.") var birthDate: String?
        @Option(help: "Chức vụ, đơn vị công tác / position and workplace.") var details: String?
        @Flag(help: "Tự ứng cử / self-nominated.") var selfNominated = false

        func run() throws {
            guard (code == nil) != (name == nil) else { throw ValidationError("--code hoặc --name, một trong hai / one of --code or --name") }
            var birth: BirthDate?
            if let birthDate {
                guard case .success(let b) = BirthDate.parse(birthDate) else { throw ValidationError("--birth-date: \(birthDate)") }
                birth = b
            }
            let store = try options.openStore()
            do {
                let c = try store.addCandidate(election: election, delegateCode: code?.uppercased(), name: name, birthDate: birth,
                                               details: details, nomination: selfNominated ? .selfNominated : .nominated, actor: options.actor)
                Output.error(options.say("Đã thêm ứng cử viên «{name}».", ["name": c.name]))
            } catch { throw options.fail(error) }
        }
    }

    /// Rút tên: a candidate who withdraws before the ballots are printed leaves the list.
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rút tên một ứng cử viên trước khi in phiếu. / Take a candidate who withdraws off the list, before printing.",
            discussion: "congress election withdraw ELECTION NUMBER [--reason TEXT]: NUMBER như `election show` in / as `election show` lists it.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Argument(help: "Số thứ tự trong danh sách / the number on the list.") var number: Int
        @Option(help: "Họ và tên người rút, để chắc đúng người / the name, to be sure of the person.") var name: String
        @Option(help: "Lý do, ghi vào nhật ký / why, for the audit log.") var reason: String?

        func run() throws {
            let store = try options.openStore()
            do throws(StoreError) {
                let record = try store.election(election)
                let list = try store.candidates(election: election)
                // the number and the name must agree: the list renumbers after a withdrawal, and
                // the same command run twice must not take the next person off
                // a name shared with another candidate is said with its note ("(1981)")
                let said = VietnameseText.nameKey(name)
                guard list.indices.contains(number - 1), VietnameseText.nameKey(list[number - 1].displayName) == said else {
                    throw StoreError.election(.noSuchCandidate(title: record.title, candidate: number))
                }
                let gone = try store.withdrawCandidate(election: election, candidate: list[number - 1].id, reason: reason, actor: options.actor)
                Output.error(options.say("Đã rút tên «{name}» khỏi danh sách.", ["name": gone.displayName]))
            } catch { throw options.fail(error) }
        }
    }

    struct Committee: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thêm thành viên Ban kiểm phiếu. / Add a counting committee member.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Option var name: String?
        @Option(help: "head (Trưởng ban), member, secretary (Thư ký)") var role: CommitteeRole = .member
        @Option(help: "Mã đại biểu / delegate code.") var code: String?
        func run() throws {
            let store = try options.openStore()
            do {
                try store.addCommitteeMember(election: election, name: name ?? "", role: role, delegateCode: code?.uppercased(), actor: options.actor)
            } catch { throw options.fail(error) }
        }
    }

    struct Order: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thứ tự thủ công trên phiếu. / A manual ballot order, by candidate number in the current order.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Argument(help: "Số thứ tự hiện tại, theo thứ tự mới / current numbers, in the new order (e.g. 3 1 2).") var numbers: [Int]
        func run() throws {
            let store = try options.openStore()
            let current: [CandidateRecord]
            do { current = try store.candidates(election: election) } catch { throw options.fail(error) }
            let ids = try numbers.map { n -> Int in
                guard n >= 1, n <= current.count else { throw ValidationError("số \(n) không có / no number \(n)") }
                return current[n - 1].id
            }
            do { try store.setManualOrder(election: election, candidateIDs: ids, actor: options.actor) } catch { throw options.fail(error) }
        }
    }

    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Đối chiếu hai lần nhập. / Compare the two operators' entries (exit 1 while any differ, a source is missing or a sheet waits for review).")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        func run() throws {
            let store = try options.openStore()
            let r: Reconciliation
            let printedNumber: [Int: Int]
            let mode: EntryMode
            let waiting: Int
            do {
                r = try store.reconcile(election: election)
                // the numbers as printed on the paper (what the operators typed), not the list's ids
                printedNumber = Dictionary(uniqueKeysWithValues: try store.candidates(election: election).enumerated().map { ($0.element.id, $0.offset + 1) })
                mode = try store.election(election).entryMode
                waiting = try store.reviewQueue(election: election).count
            } catch { throw options.fail(error) }
            // a ballot one source has not entered yet is not a difference: it waits for its typist
            let oneSided = r.differences.filter(\.enteredByOneOnly).count
            print(options.say("Người nhập: {operators}   khớp: {agreed}   khác nhau: {differ}   mới một người nhập: {alone}",
                              ["operators": r.operators.joined(separator: ", "), "agreed": String(r.agreed.count),
                               "differ": String(r.differences.count - oneSided), "alone": String(oneSided)]))
            for d in r.differences {
                func text(_ e: [BallotEntryRecord]) -> String {
                    e.isEmpty ? options.say("(chưa nhập)") : e.map { entry in
                        ([options.say("gạch [{struck}]", ["struck": entry.struck.compactMap { printedNumber[$0] }.sorted().map(String.init).joined(separator: " ")])]
                         + entry.marks.map { options.say($0.vietnamese) }).joined(separator: ", ")
                    }.joined(separator: "; ")
                }
                print("\(d.serial)\t\(r.operators[0]): \(text(d.first))\t\(r.operators[1]): \(text(d.second))")
            }
            // one source under double entry agrees with nothing yet: it must not read as done
            let alone = mode == .double && r.operators.count < 2
            if alone {
                print(options.say("Mới có một nguồn nhập ({source}): cần nguồn thứ hai (một người nhập cả tập phiếu) trước khi đối chiếu và công bố.",
                                  ["source": r.operators.first ?? options.say("chưa ai")]))
            }
            if waiting > 0 {
                print(options.say("Còn {count} tờ quét chờ Ban kiểm phiếu quyết định (congress ballots review {election}).",
                                  ["count": String(waiting), "election": String(election)]))
            }
            if !r.differences.isEmpty || alone || waiting > 0 { throw ExitCode(1) }
        }
    }

    struct Tally: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Kiểm phiếu các phiếu đã đối chiếu. / Tally the reconciled ballots.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Flag var json = false
        func run() throws {
            let store = try options.openStore()
            do {
                let (e, ballots) = try store.tallyInput(election: election)
                let result = CongressCore.Tally.count(e, ballots)
                print(json ? result.json() : TallyTable.text(e, result, options.lang))
            } catch { throw options.fail(error) }
        }
    }

    struct Minutes: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Biên bản kiểm phiếu (PDF hoặc XLSX). / The counting minutes as PDF or XLSX.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Option var out: String
        @Option(help: "Khiếu nại và việc giải quyết / complaints and how they were settled.") var complaints: String?
        func run() throws {
            let store = try options.openStore()
            let minutes: CountingMinutes
            do { minutes = try store.countingMinutes(election: election, complaints: complaints) } catch { throw options.fail(error) }
            try ReportFiles.write(out, options, table: minutes.table) { path throws(PDFFailure) in try MinutesPrinter.pdf(minutes, to: path) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xuất tệp cuộc bầu cử (lưu trữ, kiểm lại bằng `congress tally`). / Write the election file.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Option var out: String
        func run() throws {
            let store = try options.openStore()
            let input: (Election, [EnteredBallot])
            do { input = try store.tallyInput(election: election) } catch { throw options.fail(error) }
            do { try ElectionFile.encode(input.0, input.1).write(to: URL(fileURLWithPath: out)) } catch {
                Output.error("\(out): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Công bố kết quả (không thay đổi được nữa). / Publish the result; final.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Option(help: "Khiếu nại và việc giải quyết, ghi vào biên bản / complaints and how they were settled, for the minutes.")
        var complaints: String?
        @Flag(help: "Xác nhận, không hỏi (cho script) / confirm without asking (for scripts).") var yes = false

        func run() throws {
            let store = try options.openStore()
            let seen = yes ? nil : try confirm(store)
            do {
                let r = try store.publishElection(election, actor: options.actor, complaints: complaints, expecting: seen)
                Output.error(options.lang == .vi ? "Đã công bố: \(r.elected.count) người trúng cử; biên bản đã chốt."
                             : "Published: \(r.elected.count) elected; the minutes are frozen.")
            } catch { throw options.fail(error) }
        }

        /// Publishing is final: on a terminal the committee sees what will go up and says
        /// so; from a script, `--yes` says it (without either, nothing is published).
        /// Returns the count's fingerprint as shown: what is published must be what was confirmed.
        func confirm(_ store: CongressStore) throws -> String {
            let vi = options.lang == .vi
            guard isatty(STDIN_FILENO) == 1 else {
                Output.error(vi ? "Công bố là cuối cùng, không rút lại được: chạy lệnh trên một terminal để xác nhận, hoặc thêm --yes. Chưa công bố."
                             : "Publishing is final: run this on a terminal to confirm, or add --yes. Nothing was published.")
                throw ExitCode(2)
            }
            let result: TallyResult
            do throws(StoreError) {
                let record: ElectionRecord
                (record, result) = try store.countToPublish(election: election)
                let names = Dictionary(uniqueKeysWithValues: result.candidates.map { ($0.id, $0.name) })
                Output.error("«\(record.title)»: " + (vi
                    ? "phiếu thu về \(result.ballotsCollected), hợp lệ \(result.valid), không hợp lệ \(result.invalid); trúng cử: "
                    : "collected \(result.ballotsCollected), valid \(result.valid), invalid \(result.invalid); elected: ")
                    + (result.elected.isEmpty ? (vi ? "không ai" : "nobody") : result.elected.compactMap { names[$0] }.joined(separator: ", ")) + ".")
            } catch { throw options.fail(error) }
            Output.error(vi ? "Công bố kết quả này? Không rút lại được. Gõ «có» để công bố: " : "Publish this result? It is final. Type «yes» to publish: ")
            let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            // "có" (yes) typed with or without its tone mark, or in English
            guard ["c\u{F3}", "co", "c", "yes", "y"].contains(answer) else {
                Output.error(vi ? "Chưa công bố." : "Not published.")
                throw ExitCode(1)
            }
            return result.fingerprint
        }
    }

    struct NextRound: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "next-round",
            abstract: "Bầu lại giữa những người bằng phiếu, hoặc bầu bổ sung số còn thiếu. / A run-off, or a further round for the open seats.")
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        func run() throws {
            let store = try options.openStore()
            do { print(try store.createNextRound(after: election, actor: options.actor).id) } catch { throw options.fail(error) }
        }
    }
}

extension ElectionBody: ExpressibleByArgument {}
extension ThresholdBase: ExpressibleByArgument {}
extension CommitteeRole: ExpressibleByArgument {}
