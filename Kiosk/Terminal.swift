import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The terminal the kiosk draws on: non-canonical input without echo, the alternate screen,
/// a hidden cursor; all put back on the way out.
final class Terminal: @unchecked Sendable {
    private var saved = termios()
    private var entered = false
    private let lock = NSLock()

    func enter() {
        lock.lock()
        defer { lock.unlock() }
        guard !entered else { return }
        if isatty(0) != 0, tcgetattr(0, &saved) == 0 {
            var raw = saved
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(0, TCSANOW, &raw)
        }
        entered = true
        put("\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J")
    }

    func leave() {
        lock.lock()
        defer { lock.unlock() }
        guard entered else { return }
        entered = false
        put("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")
        if isatty(0) != 0 { tcsetattr(0, TCSANOW, &saved) }
    }

    /// Ctrl-C and SIGTERM run `stop`; a resized window runs `resize`.
    func onSignals(stop: @escaping @Sendable () -> Void, resize: @escaping @Sendable () -> Void) -> [DispatchSourceSignal] {
        var sources: [DispatchSourceSignal] = []
        for (signo, handler) in [(SIGINT, stop), (SIGTERM, stop), (SIGWINCH, resize)] {
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
        return sources
    }

    /// Columns × rows (80 × 24 when standard output is not a terminal).
    func size() -> (Int, Int) {
        var w = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 0, w.ws_row > 0 { return (Int(w.ws_col), Int(w.ws_row)) }
        return (80, 24)
    }

    func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        put(text)
    }

    private func put(_ text: String) {
        let data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return -1 }
                return Glibc.write(1, base + offset, bytes.count - offset)
            }
            if n <= 0 { return }
            offset += n
        }
    }
}
