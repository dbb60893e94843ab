import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// The kiosk's full-screen view in a real terminal: tmux runs it at 80 × 24 (and larger),
/// keys are sent as a scanner and an operator would type them, and the pane's text is read
/// back. Skipped where tmux is not installed (`make setup` installs it).
@Suite("kiosk screen, through tmux", .serialized, .enabled(if: Tmux.available))
struct KioskScreenTests {
    @Test func scanShowsTheVerdictAndManualLookupAdmits() throws {
        let hall = try KioskEndToEndTests.Hall()
        defer { hall.cli.cleanUp() }
        let server = try ServerProcess(cli: hall.cli)
        try server.start()
        let tmux = try Tmux.kiosk(hall, server, station: "Cửa Đông", width: 80, height: 24)
        defer { tmux.close() }
        try tmux.waitFor("MỜI QUÉT THẺ")
        #expect(tmux.capture().contains("TRẠM Cửa Đông"))

        // a scan: a badge typed by the scanner, ended by Enter; the scanner's key bounce sends
        // the same line again at once (both go in before the screen is read, so the second
        // comes well inside the second however slow the machine): shown once, still MỜI VÀO
        let badge = try hall.badge("DB0001")
        try tmux.typeLines([badge, badge])
        let admitted = try tmux.waitFor("MỜI VÀO")
        #expect(admitted.contains("Hà Kim Nga"))
        #expect(admitted.contains("█"), "the name drawn large in block characters")
        #expect(admitted.contains("Đại biểu chính thức"))
        try tmux.waitFor("Có mặt: 1/282")
        Thread.sleep(forTimeInterval: 0.5)
        let afterBounce = tmux.capture()
        #expect(afterBounce.contains("MỜI VÀO"))
        #expect(!afterBounce.contains("ĐÃ ĐIỂM DANH"))
        #expect(afterBounce.contains("Có mặt: 1/282"))
        #expect(afterBounce.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 80 })

        // a guest at a delegates' door, ended by Tab this time
        try tmux.type(try hall.badge("DB0049"))
        tmux.key("Tab")
        try tmux.waitFor("KHÔNG ĐƯỢC VÀO CỬA NÀY")

        // a delegate without their badge: "/" and part of the name, no diacritics
        try tmux.type("/luong bich")
        let found = try tmux.waitFor("1. Lương Bích Mai")
        #expect(found.contains("TÌM ĐẠI BIỂU QUÊN THẺ"))
        tmux.key("Enter")
        try tmux.type("1")
        try tmux.waitFor("Cho vào thủ công: Lương Bích Mai")
        tmux.key("Enter")
        let manual = try tmux.waitFor("(cho vào thủ công)")
        #expect(manual.contains("MỜI VÀO"))
        try tmux.waitFor("Có mặt: 2/282")

        // the server goes away (once it has everything so far): the door says so and keeps admitting
        try tmux.waitFor("Chờ gửi: 0", seconds: 60)
        server.kill()
        try tmux.type(try hall.badge("DB0004"))
        tmux.key("Enter")
        try tmux.type(try hall.badge("DB0005"))
        tmux.key("Enter")
        let offline = try tmux.waitFor("Có mặt: 4/282")
        #expect(offline.contains("MỜI VÀO"))
        try tmux.waitFor("NGOẠI TUYẾN", seconds: 20)
        try tmux.waitFor("Chờ gửi: 2", seconds: 20)
    }

    @Test func aLargerTerminalIsUsed() throws {
        let hall = try KioskEndToEndTests.Hall()
        defer { hall.cli.cleanUp() }
        let server = try ServerProcess(cli: hall.cli)
        try server.start()
        let tmux = try Tmux.kiosk(hall, server, station: "B", width: 160, height: 48)
        defer { tmux.close() }
        try tmux.waitFor("MỜI QUÉT THẺ")
        try tmux.type(try hall.badge("DB0002"))
        tmux.key("Enter")
        let screen = try tmux.waitFor("MỜI VÀO")
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast()  // the last newline
        #expect(rows.count == 48)
        #expect(rows.last(where: { !$0.isEmpty })?.contains("Quét thẻ") == true, "the help line sits at the bottom")
    }
}

/// A tmux server of the test's own (its own socket), with one pane running a command.
struct Tmux {
    static var available: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let socket = "congress-test-\(UUID().uuidString.prefix(8))"

    /// The kiosk of `hall` against `server`, full-screen in a pane of this size.
    static func kiosk(_ hall: KioskEndToEndTests.Hall, _ server: ServerProcess, station: String,
                      width: Int, height: Int) throws -> Tmux {
        try Tmux(width: width, height: height, command: [
            KioskProcess.binary.path, "--server", server.url, "--token", hall.token, "--station", station,
            "--data", hall.cli.directory.appendingPathComponent("kiosk-\(width)").path,
        ])
    }

    init(width: Int, height: Int, command: [String]) throws {
        let line = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        try #require(run(["new-session", "-d", "-s", "kiosk", "-x", String(width), "-y", String(height), line]) == 0)
    }

    /// Runs tmux and waits for it. Not Foundation's Process: the first tmux forks its
    /// server, and Process then never sees the client exit; posix_spawn and waitpid do.
    @discardableResult
    func run(_ arguments: [String], output: String? = nil) -> Int32 {
        let quoted = (["tmux", "-u", "-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "LANG=C.UTF-8; unset TMUX; " + quoted.joined(separator: " ") + " >\(output ?? "/dev/null") 2>/dev/null </dev/null"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xFF
    }

    /// Text typed as keys (a scanner in keyboard mode does the same).
    func type(_ text: String) throws {
        try #require(run(["send-keys", "-t", "kiosk", "-l", text]) == 0)
    }

    func key(_ name: String) { run(["send-keys", "-t", "kiosk", name]) }

    /// Lines typed, each ended by Enter, in one tmux command: they reach the kiosk together,
    /// as a scanner's key bounce does.
    func typeLines(_ lines: [String]) throws {
        let commands = lines.flatMap { [["send-keys", "-t", "kiosk", "-l", $0], ["send-keys", "-t", "kiosk", "Enter"]] }
        try #require(run(Array(commands.joined(separator: [";"]))) == 0)
    }

    func capture() -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-pane.txt")
        defer { try? FileManager.default.removeItem(at: file) }
        run(["capture-pane", "-p", "-t", "kiosk"], output: file.path)
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// Waits for the text to appear on the screen and returns the screen.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 60) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = capture()
        while !screen.contains(text) {
            try #require(Date() < deadline, "«\(text)» on the screen:\n\(screen)")
            Thread.sleep(forTimeInterval: 0.05)
            screen = capture()
        }
        return screen
    }

    func close() { run(["kill-server"]) }
}
