import ArgumentParser
import BallotReader
import CongressCore
import CongressStore
import Documents
import Foundation

extension BallotsCommand {
    /// `congress ballots scan E FILE…`: the scanner's files read sheet by sheet; a counted
    /// sheet is entered as a ballot of the scanning operator, through the same entry path as
    /// typed ballots; a sheet seen again with the same reading enters nothing.
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đọc phiếu đã quét (PDF, TIFF, JPEG, PNG) và nhập những phiếu máy chắc chắn. / Read scanned ballots; enter those the machine is sure of.",
            discussion: """
                congress ballots scan 3 hop-phieu-1.pdf --json
                Mỗi tờ một dòng: counted (đã nhập), review (chờ Ban kiểm phiếu quyết định) hoặc rejected (trả lại, kèm lý do).
                Exit 0 khi mọi tờ được đếm hoặc chờ xem xét, 1 khi có tờ bị trả lại, 2 khi tệp sai.
                Mặt sau trắng của máy quét hai mặt: blank, không giữ gì.
                congress ballots scan 3 --watch /srv/may-quet --json: đọc từng tệp máy quét ghi vào thư mục, cho đến khi dừng (Ctrl-C).
                """)

        func validate() throws {
            guard !files.isEmpty || watch != nil else {
                throw ValidationError("Cần tệp quét hoặc --watch THƯ_MỤC / give scan files, or --watch FOLDER.")
            }
            // a page drawn at a resolution no scanner gives reads nothing (and a number that is
            // not one cannot size an image)
            guard dpi.isFinite, (72...1200).contains(dpi) else {
                throw ValidationError("--dpi \(dpi): cần từ 72 đến 1200, thường là 200 hoặc 300 / give 72 to 1200, usually 200 or 300.")
            }
        }
        @OptionGroup var options: GlobalOptions
        @Argument var election: Int64
        @Argument(help: "Tệp quét / scan files.") var files: [String] = []
        @Option(help: "Thư mục máy quét: đọc từng tệp khi nó được ghi vào, cho đến khi dừng (Ctrl-C) / a folder: read each file the scanner drops into it, until stopped.")
        var watch: String?
        @Option(name: .customLong("operator"), help: "Người nhập ghi cho các phiếu máy đọc / the operator the machine enters as.")
        var operatorName = ScanDesk.scannerName
        @Option(help: "a5 hoặc a4; mặc định thử cả hai / the paper printed (default: either).") var paper: BallotPaperSize?
        @Option(help: "Độ phân giải vẽ trang PDF / the dpi PDF pages are drawn at.") var dpi: Double = 200
        @Flag(help: "Mỗi tờ một đối tượng JSON một dòng / one JSON object per sheet per line.") var json = false

        func run() throws {
            let store = try options.openStore()
            let printed: (paper: BallotPaper, elections: [ElectionRecord])
            let verifier: CredentialVerifier
            do {
                printed = try BallotPaper.printed(for: election, in: store)
                verifier = try store.signatureVerifier()
            } catch { throw options.fail(error) }
            // a count not open for ballots (a draft, a published result) takes no scans: nothing is kept
            if let closed = printed.elections.first(where: { $0.status != .printed }) {
                throw options.fail(.election(closed.status == .draft ? .notPrinted(title: closed.title) : .published(title: closed.title)))
            }
            // a combined paper's QR carries its first election; each part is entered in its own
            let paperID = printed.elections.first?.id ?? election
            let combined = printed.elections.count > 1
            // the size the ballots were printed on, as recorded; either, for ballots printed
            // before the size was kept (A5 first, the usual)
            let recorded = printed.elections.first?.paper.flatMap(BallotPaperSize.init(rawValue:))
            // a size said against the one printed would read every sheet as "marks not found"
            if let paper, let recorded, paper != recorded {
                Output.error(options.lang == .vi
                             ? "--paper \(paper.rawValue): phiếu của cuộc bầu cử này in khổ \(recorded.rawValue.uppercased()); bỏ --paper hoặc ghi --paper \(recorded.rawValue)."
                             : "--paper \(paper.rawValue): this election's ballots were printed on \(recorded.rawValue.uppercased()); leave out --paper or give --paper \(recorded.rawValue).")
                throw ExitCode(2)
            }
            let readers = (paper.map { [$0] } ?? recorded.map { [$0] } ?? [.a5, .a4]).map { size in
                SheetReader(paper: printed.paper, size: size) { text in
                    BallotSerialCode.parse(text).flatMap { $0.isGenuine(for: paperID, verifier: verifier) ? $0.serial : nil }
                }
            }
            let session = Session(command: self, store: store, printed: printed, readers: readers, combined: combined)
            var anyRejected = false, anyBad = false
            // a file that is not a scan, or cut short, is said and passed over: the rest of the
            // box is read (the exit says one was bad)
            for file in files {
                do { anyRejected = try session.scan(file) || anyRejected } catch is Session.BadFile { anyBad = true }
            }
            if let watch {
                do {
                    try FolderWatch.check(watch)
                    Output.error(options.lang == .vi ? "Đang theo dõi \(Output.shown(watch)): mỗi tệp máy quét ghi vào được đọc ngay; Ctrl-C để dừng."
                                 : "Watching \(Output.shown(watch)): each file the scanner writes there is read at once; Ctrl-C to stop.")
                    try FolderWatch(path: watch).follow { file in
                        var isFolder: ObjCBool = false
                        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
                            // the scanner writes its files in the folder itself: one put in a
                            // folder inside is not read, and that is said, never passed over in silence
                            Output.error(options.lang == .vi ? "Bỏ qua \(Output.shown(file)): là một thư mục; chỉ đọc các tệp nằm ngay trong \(Output.shown(watch))."
                                         : "Passed over \(Output.shown(file)): a folder; only the files directly in \(Output.shown(watch)) are read.")
                            return
                        }
                        // a file that is not a scan, or cut short, is said and passed over: the box goes on
                        do { anyRejected = try session.scan(file) || anyRejected } catch is Session.BadFile {}
                    }
                } catch let failure as FolderWatch.Failure {
                    switch failure {
                    case .notAFolder(let path):
                        Output.error(options.lang == .vi ? "--watch \(Output.shown(path)): không có thư mục này (cần thư mục máy quét ghi tệp vào)."
                                     : "--watch \(Output.shown(path)): no such folder (give the folder the scanner writes its files to).")
                    case .cannotWatch(let path, let code):
                        Output.error((options.lang == .vi ? "Không theo dõi được \(path): " : "Cannot watch \(path): ") + String(cString: strerror(code)))
                    }
                    throw ExitCode(2)
                }
                Output.error(session.summary(options.lang))
            }
            if anyBad { throw ExitCode(2) }
            if anyRejected { throw ExitCode(1) }
        }

        /// One run's reading: the paper, the readers, and what came of each sheet so far.
        final class Session {
            struct BadFile: Error {}
            let command: Scan
            let store: CongressStore
            let printed: (paper: BallotPaper, elections: [ElectionRecord])
            let readers: [SheetReader]
            let combined: Bool
            let encoder = JSONEncoder()
            var tally: [ScanStatus: Int] = [:]
            /// Sheets read before (the same file, or the same paper read the same): not counted again.
            var duplicates = 0

            init(command: Scan, store: CongressStore, printed: (paper: BallotPaper, elections: [ElectionRecord]), readers: [SheetReader], combined: Bool) {
                (self.command, self.store, self.printed, self.readers, self.combined) = (command, store, printed, readers, combined)
                encoder.outputFormatting = [.sortedKeys]
            }

            var options: GlobalOptions { command.options }

            /// What the watch read, said when it stops.
            func summary(_ lang: Language) -> String {
                let n = { (s: ScanStatus) in self.tally[s, default: 0] }
                return lang == .vi
                    ? "Đã dừng. Đã đọc \(n(.counted) + n(.review) + n(.rejected)) tờ: máy đếm \(n(.counted)), chờ Ban kiểm phiếu \(n(.review)), trả lại \(n(.rejected)); trang trắng \(n(.blank)); đã quét trước đó, không nhập lại \(duplicates)."
                    : "Stopped. \(n(.counted) + n(.review) + n(.rejected)) sheets read: \(n(.counted)) counted, \(n(.review)) for the committee, \(n(.rejected)) rejected; \(n(.blank)) blank pages; \(duplicates) scanned before, not entered again."
            }

            /// Reads one file, page by page; true when a sheet of it was rejected. A file that
            /// is not a scan or is cut short is said, and `BadFile` thrown: nothing of it is kept.
            func scan(_ file: String) throws -> Bool {
                var anyRejected = false
                // the file is opened, its pages counted and measured, before anything of it is
                // kept: a file that is not a scan, too long, cut short, changes nothing
                let document: ScanDocument
                let content: Data
                do {
                    document = try ScanDocument(file, pdfDPI: command.dpi)
                    content = try Data(contentsOf: URL(fileURLWithPath: file))
                } catch let error as ScanFileError {
                    // the message names the file as it was dropped: shown, never obeyed by the terminal
                    Output.error(Output.shown(error.message(options.lang)))
                    throw BadFile()
                } catch {
                    Output.error(options.lang == .vi ? "Không đọc được \(Output.shown(file)): \(error.localizedDescription)"
                                 : "Cannot read \(Output.shown(file)): \(error.localizedDescription)")
                    throw BadFile()
                }
                let sha: String
                do { sha = try store.keepScanFile(name: (file as NSString).lastPathComponent, content: content) } catch { throw options.fail(error) }
                // one page in memory at a time: decoded, read, kept, let go
                for index in 0..<document.pageCount {
                    var (sheet, aligned): (SheetReading, ScanImage?)
                    var size = readers[0].size
                    do {
                        let page = try document.page(index)
                        (sheet, aligned) = readers[0].readSheet(page)
                        for other in readers.dropFirst() where sheet.reason == "marks_not_found" {
                            (sheet, aligned) = other.readSheet(page)
                            size = other.size
                        }
                    } catch {
                        // a page that measured whole but will not decode goes back to the people
                        (sheet, aligned) = (.rejected("page_damaged"), nil)
                    }
                    // the back of a duplex sheet: said, and kept as nothing
                    if sheet.status == .blank {
                        tally[.blank, default: 0] += 1
                        Output.line(command.json ? Scan.jsonLine(file: file, page: index + 1, sheet, duplicate: false)
                              : Scan.line(file: file, page: index + 1, sheet, duplicate: false, options.lang))
                        continue
                    }
                    let jpeg = aligned?.jpeg()
                    for (part, record) in printed.elections.enumerated() {
                        var reading = combined ? sheet.part(part) : sheet
                        let readingJSON = String(decoding: (try? encoder.encode(reading)) ?? Data("{}".utf8), as: UTF8.self)
                        let recorded: CongressStore.SheetRecorded
                        do {
                            recorded = try store.recordScannedSheet(
                                election: record.id, file: sha, fileName: file,
                                .init(page: index + 1, serial: reading.serial, status: reading.status, struck: reading.struck, review: reading.review,
                                      reason: reading.reason, readingJSON: readingJSON, aligned: jpeg,
                                      paper: aligned == nil ? nil : size.rawValue, part: part),
                                operator: command.operatorName)
                        } catch { throw options.fail(error) }
                        // what the store made of it: a second paper with an entered serial goes to review
                        reading.status = recorded.sheet.status
                        reading.review = recorded.sheet.review
                        if reading.status == .rejected { anyRejected = true }
                        if recorded.duplicate { duplicates += 1 } else { tally[reading.status, default: 0] += 1 }
                        let shown = combined ? record.id : nil
                        Output.line(command.json ? Scan.jsonLine(file: file, page: index + 1, reading, duplicate: recorded.duplicate, election: shown)
                              : Scan.line(file: file, page: index + 1, reading, duplicate: recorded.duplicate, election: shown, options.lang))
                    }
                }
                return anyRejected
            }
        }

        /// One sheet as the `--json` contract writes it.
        static func jsonLine(file: String, page: Int, _ r: SheetReading, duplicate: Bool, election: Int64? = nil) -> String {
            var object: [String: Any] = ["file": file, "page": page, "serial": r.serial ?? NSNull(), "status": r.status.rawValue,
                                         "struck": r.struck, "review": r.review.map(\.jsonObject)]
            if let reason = r.reason { object["reason"] = reason }
            if duplicate { object["duplicate"] = true }
            if r.upsideDown { object["upside_down"] = true }
            if let election { object["election"] = election }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }

        static func line(file: String, page: Int, _ r: SheetReading, duplicate: Bool, election: Int64? = nil, _ lang: Language) -> String {
            let vi = lang == .vi
            let place = (vi ? "\(Output.shown(file)) trang \(page)" : "\(Output.shown(file)) page \(page)")
                + (election.map { vi ? " (cuộc bầu cử \($0))" : " (election \($0))" } ?? "")
            let serial = r.serial ?? (vi ? "không đọc được số" : "serial unread")
            switch r.status {
            case .counted:
                let struck = r.struck.isEmpty ? (vi ? "không gạch ai" : "no one struck") : (vi ? "gạch " : "struck ") + r.struck.map(String.init).joined(separator: ", ")
                return "\(place): \(serial) — " + (duplicate ? (vi ? "đã quét trước đó, không nhập lại" : "scanned before, not entered again")
                                                   : (vi ? "đã đếm, " : "counted, ") + struck)
            case .review:
                let why = r.review.map { $0.words(lang) }.joined(separator: "; ")
                return "\(place): \(serial) — " + (vi ? "chờ Ban kiểm phiếu xem: " : "for the committee: ") + why
            case .rejected:
                return "\(place): \(serial) — " + (vi ? "trả lại: " : "rejected: ") + Catalogue.say(ScanReviewReason.words(r.reason ?? ""), lang)
            case .blank:
                return "\(place): " + (vi ? "trang trắng (mặt sau), bỏ qua" : "blank (a back), passed over")
            }
        }
    }
}
