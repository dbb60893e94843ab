import BallotMarking
import BallotReader
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `congress ballots scan E --watch DIR`, as the committee runs it while the box is emptied:
/// the scanner drops a file in the folder (some write under a temporary name and rename,
/// some write in place), each is read as it lands and said at once; a duplex scanner's blank
/// backs are said blank and kept as nothing; a file that is not a scan is said and the watch
/// goes on; Ctrl-C stops it with what was read.
@Suite("Scanning as the box is emptied", .serialized)
struct WatchFolderTests {
    /// The binary running in the background, its standard output read line by line on a
    /// thread of its own.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let lock = NSCondition()
        private var lines: [String] = []
        private var errText = Data()
        private var ended = false

        init(_ cli: CLI, _ arguments: [String]) throws {
            process.executableURL = CLI.binary
            process.arguments = arguments + ["--db", cli.db]
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "CONGRESS_DB")
            process.environment = env
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            Thread.detachNewThread { [self] in
                var pending = Data()
                while true {
                    let chunk = out.fileHandleForReading.availableData
                    lock.lock()
                    if chunk.isEmpty { ended = true; lock.broadcast(); lock.unlock(); return }
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: 0x0A) {
                        lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                        pending.removeSubrange(pending.startIndex...newline)
                    }
                    lock.broadcast()
                    lock.unlock()
                }
            }
            Thread.detachNewThread { [self] in
                let all = err.fileHandleForReading.readDataToEndOfFile()
                lock.lock()
                errText = all
                lock.unlock()
            }
        }

        /// Waits until `count` lines have come (or the output ended, or a minute passed).
        func lines(_ count: Int) -> [String] {
            lock.lock()
            defer { lock.unlock() }
            let deadline = Date().addingTimeInterval(60)
            while lines.count < count, !ended, lock.wait(until: deadline) {}
            return lines
        }

        func stop() -> (status: Int32, err: String) {
            process.interrupt()
            process.waitUntilExit()
            _ = lines(Int.max)
            lock.lock()
            defer { lock.unlock() }
            return (process.terminationStatus, String(decoding: errText, as: UTF8.self))
        }
    }

    /// An election of three printed ballots, and the three sheets stamped, unmarked, scanned.
    static func threeSheets(_ cli: CLI) throws -> (e: String, serials: [String], box: ScannedBox) {
        let (e, serials) = try RecordTests.printedElection(cli, ballots: 3)
        let pdf = cli.directory.appendingPathComponent("ballots.pdf").path
        return (e, serials, try ScannedBox.make(cli, election: e, pdf: pdf, serials: serials, blank: true))
    }

    @Test func eachFileIsReadAsItLands() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let (e, serials, box) = try Self.threeSheets(cli)
        let folder = cli.directory.appendingPathComponent("may-quet")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // one file already there when the watch begins
        try FileManager.default.copyItem(atPath: box.sheets[0].file, toPath: folder.appendingPathComponent("0001.jpg").path)

        let watch = try Running(cli, ["ballots", "scan", e, "--watch", folder.path, "--json"])
        let first = try await onItsOwnThread { watch.lines(1) }
        #expect(first.count == 1 && first[0].contains(#""serial":"\#(serials[0])""#), "\(first)")

        // a scanner that writes under a temporary name, then renames
        let part = folder.appendingPathComponent("0002.jpg.part")
        try FileManager.default.copyItem(atPath: box.sheets[1].file, toPath: part.path)
        try FileManager.default.moveItem(at: part, to: folder.appendingPathComponent("0002.jpg"))
        // the blank back of a duplex sheet: the scanner's grain, the front showing through faintly
        var back = ScanImage(width: 1166, height: 1654, pixels: [UInt8](repeating: 238, count: 1166 * 1654), dpi: 200)
        var rng = SeededGenerator(seed: 7)
        for i in back.pixels.indices { back.pixels[i] = UInt8(clamping: 238 + Int.random(in: -9...9, using: &rng)) }
        for y in 300..<340 { for x in 200..<900 { back.pixels[y * 1166 + x] = 214 } }
        try #require(back.jpeg(quality: 80)).write(to: folder.appendingPathComponent("0002-back.jpg"))
        // something that is not a scan: said, and the watch goes on
        try Data("not a scan".utf8).write(to: folder.appendingPathComponent("ghi-chu.txt"))
        // a scanner that writes in place
        try Data(contentsOf: URL(fileURLWithPath: box.sheets[2].file)).write(to: folder.appendingPathComponent("0003.jpg"))

        // a file the kernel reports twice (FolderWatch: seen twice at worst, read once) is
        // written a second time as a duplicate: wait for the four files, whatever comes between
        var all: [String] = []
        var objects: [[String: Any]] = []
        for wanted in 4...8 {
            all = try await onItsOwnThread { watch.lines(wanted) }
            objects = try ScannedBox.objects(all.joined(separator: "\n")).filter { ($0["duplicate"] as? Bool) != true }
            if objects.count >= 4 || all.count < wanted { break }
        }
        #expect(objects.count == 4, "\(all)")
        #expect(Set(objects.compactMap { $0["serial"] as? String }) == Set(serials), "\(all)")
        #expect(objects.filter { $0["status"] as? String == "counted" }.count == 3, "\(objects)")
        let blank = objects.filter { $0["status"] as? String == "blank" }
        #expect(blank.count == 1 && (blank.first?["file"] as? String)?.hasSuffix("0002-back.jpg") == true, "\(objects)")

        let (status, said) = watch.stop()
        #expect(status == 0, "\(said)")
        #expect(said.contains("ghi-chu.txt"), "the file that is not a scan is named: \(said)")
        #expect(said.contains("Đã dừng. Đã đọc 3 tờ: máy đếm 3") && said.contains("trang trắng 1"), "\(said)")
        // kept as nothing: three sheets, three ballots
        let tally = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["election", "tally", e, "--json"]).out.utf8)) as? [String: Any])
        #expect(tally["ballots_collected"] as? Int == 3)
        let review = try cli.run(["ballots", "review", e, "--json"]).out
        #expect(!review.contains("blank") && !review.contains("0002-back"))
    }

    /// From the outside try: a folder inside the watched one was passed over in silence, a
    /// link the scanner's software made was never read, a file's name was written to the
    /// terminal as it was (a name can carry the terminal's control codes), and a folder that
    /// is not there was said to be watched before the refusal.
    @Test func foldersAreSaidLinksAreReadNamesCannotDriveTheTerminal() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let (e, serials, box) = try Self.threeSheets(cli)
        let missing = try cli.run(["ballots", "scan", e, "--watch", cli.directory.appendingPathComponent("khong-co").path])
        #expect(missing.status == 2 && missing.err.contains("khong-co") && !missing.err.contains("Đang theo dõi"), "\(missing.err)")

        let folder = cli.directory.appendingPathComponent("may-quet")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lo-cu"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("0001.jpg").path, withDestinationPath: box.sheets[0].file)
        let hostile = "0002\u{1B}[2J\u{1B}]0;owned\u{07}.jpg"
        try FileManager.default.copyItem(atPath: box.sheets[1].file, toPath: folder.appendingPathComponent(hostile).path)

        let watch = try Running(cli, ["ballots", "scan", e, "--watch", folder.path])
        _ = try await onItsOwnThread { watch.lines(2) }
        // while watching: a folder made, then a link to the third sheet
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lo-moi"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("0003.jpg").path, withDestinationPath: box.sheets[2].file)
        let lines = try await onItsOwnThread { watch.lines(3) }
        let (status, said) = watch.stop()
        #expect(status == 0, "\(said)")
        let out = lines.joined(separator: "\n")
        for serial in serials { #expect(out.contains(serial), "every sheet read, the links' too: \(out)") }
        #expect(!out.contains("\u{1B}") && !out.contains("\u{07}") && out.contains("\\u{1B}[2J"), "the name shown, not obeyed: \(out)")
        #expect(said.contains("lo-cu") && said.contains("lo-moi") && said.contains("thư mục"), "each folder said: \(said)")
        #expect(!said.contains("\u{1B}"), "\(said)")
    }
}
