import CongressCore
import Foundation

/// A sound pattern per verdict, on the terminal's bell, so the operator hears the answer
/// without looking: one beep come in, two already in, three long-spaced no, four for a
/// correction from the server.
final class Sounds: Sendable {
    let terminal: Terminal
    init(terminal: Terminal) { self.terminal = terminal }

    enum Pattern: Sendable {
        case admitted, already, refused, correction

        init(_ verdict: ScanVerdict) {
            switch verdict {
            case .admitted: self = .admitted
            case .alreadyAdmitted: self = .already
            default: self = .refused
            }
        }

        /// Gaps between beeps, in milliseconds.
        var gaps: [Int] {
            switch self {
            case .admitted: [0]
            case .already: [0, 180]
            case .refused: [0, 350, 350]
            case .correction: [0, 120, 120, 120]
            }
        }
    }

    func play(_ pattern: Pattern) {
        let terminal = self.terminal
        Task.detached {
            for gap in pattern.gaps {
                if gap > 0 { try? await Task.sleep(for: .milliseconds(gap)) }
                terminal.write("\u{07}")  // between frames, never inside one
            }
        }
    }
}
