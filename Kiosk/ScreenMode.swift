import CongressCore
import Dispatch
import Foundation
import KioskStation
#if canImport(Glibc)
import Glibc
#endif

/// The full-screen view: keys from the scanner (or the operator) in, frames out. The
/// terminal is put in non-canonical mode without echo so a scan never prints itself over
/// the view; it is restored on exit, Ctrl-C and SIGTERM included.
final class ScreenMode: @unchecked Sendable {
    let station: Station
    private let lock = NSLock()
    private var screen: KioskScreen
    private var typed: [UInt8] = []
    private let terminal: Terminal
    private let sounds: Sounds

    init(station: Station) {
        self.station = station
        terminal = Terminal()
        sounds = Sounds(terminal: terminal)
        screen = KioskScreen(station: station.name, entrance: station.entrance, status: station.status())
        screen.bigType = { name, columns, rows in BigType.render(name, width: columns, rows: rows) }
    }

    func run() async -> Int32 {
        terminal.enter()
        let signals = terminal.onSignals { [self] in terminal.leave(); exit(0) } resize: { [self] in redraw() }
        defer {
            signals.forEach { $0.cancel() }
            terminal.leave()
        }
        let events = Task { [self] in
            for await event in station.events {
                if case .correction(let c) = event { showCorrection(c) }
                redraw()
            }
        }
        let ticker = Task { [self] in
            while !Task.isCancelled {
                redraw()
                try? await Task.sleep(for: .seconds(1))
            }
        }
        defer {
            events.cancel()
            ticker.cancel()
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let reader = Thread { [self] in
                var buffer = [UInt8](repeating: 0, count: 1024)
                while true {
                    let n = read(0, &buffer, buffer.count)
                    if n <= 0 { break }
                    let readAt = ContinuousClock.now
                    for byte in buffer[0..<n] { key(byte, readAt: readAt) }
                }
                done.resume()
            }
            reader.start()
        }
        return 0
    }

    /// One byte from the keyboard or the scanner.
    private func key(_ byte: UInt8, readAt: ContinuousClock.Instant) {
        lock.lock()
        var outcome: ScanOutcome?
        defer {
            lock.unlock()
            if let outcome, !outcome.isRepeat { sounds.play(Sounds.Pattern(outcome.verdict)) }
            redraw()
        }
        switch byte {
        case 0x0A, 0x0D, 0x09:
            let line = String(decoding: typed, as: UTF8.self)
            typed.removeAll()
            if var lookup = screen.lookup, !line.hasPrefix("DH1.") {
                outcome = lookupEnter(&lookup)
                return
            }
            guard !line.isEmpty else { return }
            screen.lookup = nil
            outcome = scan(line, readAt: readAt)
        case 0x1B:  // Esc: leave the lookup
            typed.removeAll()
            screen.lookup = nil
        case 0x7F, 0x08:  // backspace: one character, not one byte
            var text = String(decoding: typed, as: UTF8.self)
            if !text.isEmpty { text.removeLast() }
            typed = Array(text.utf8)
            if screen.lookup != nil { updateLookup() }
        case UInt8(ascii: "/") where typed.isEmpty && screen.lookup == nil:
            screen.lookup = KioskScreen.Lookup()
        default:
            guard byte >= 0x20 else { return }
            if typed.count < ScanLineSplitter.longest { typed.append(byte) }
            if let lookup = screen.lookup {
                if case .choosing = lookup.stage, let digit = Int(String(UnicodeScalar(byte))), digit >= 1, digit <= lookup.matches.count {
                    typed.removeAll()
                    screen.lookup?.stage = .confirming(lookup.matches[digit - 1])
                } else if case .typing = lookup.stage {
                    updateLookup()
                }
            }
        }
    }

    private func showCorrection(_ c: ScanOutcome) {
        lock.withLock { screen.correction = (c, Date()) }
        sounds.play(.correction)
    }

    private func updateLookup() {
        guard var lookup = screen.lookup, case .typing = lookup.stage else { return }
        lookup.query = String(decoding: typed, as: UTF8.self)
        lookup.matches = lookup.query.count >= 2 ? station.lookup(lookup.query) : []
        screen.lookup = lookup
    }

    private func lookupEnter(_ lookup: inout KioskScreen.Lookup) -> ScanOutcome? {
        switch lookup.stage {
        case .typing:
            guard !lookup.matches.isEmpty else { return nil }
            lookup.stage = .choosing
            screen.lookup = lookup
            return nil
        case .choosing:
            return nil
        case .confirming(let entry):
            screen.lookup = nil
            do {
                guard let outcome = try station.admitManually(code: entry.code, reason: "Quên thẻ — cho vào thủ công tại cửa \(station.name)")
                else { return nil }
                screen.last = (outcome, Date())
                return outcome
            } catch {
                screen.last = nil
                Log.error("\(error)")
                return nil
            }
        }
    }

    private func scan(_ line: String, readAt: ContinuousClock.Instant) -> ScanOutcome? {
        do {
            guard let outcome = try station.scan(line, readAt: readAt) else { return nil }
            // A key bounce (the same badge again within a second) is shown once.
            if !outcome.isRepeat { screen.last = (outcome, Date()) }
            return outcome
        } catch {
            Log.error("Không ghi được lần quét / could not record the scan: \(error)")
            return nil
        }
    }

    private func redraw() {
        let status = station.status()
        lock.lock()
        screen.status = status
        let (w, h) = terminal.size()
        let frame = screen.render(width: w, height: h, now: Date())
        lock.unlock()
        terminal.write(frame)
    }
}
