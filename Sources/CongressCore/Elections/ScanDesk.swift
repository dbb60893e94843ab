import Foundation

/// What a scanned sheet does to the scanning operator's stack (RULES.md §4.5): the machine
/// enters only what it is sure of, once per paper, and asks the committee about the rest.
public enum ScanDesk {
    /// The scanner's own source (máy quét): the operator its sheets are entered as. A person
    /// never enters under it: one person would then be both sources of a double entry.
    public static let scannerName = "Máy quét"

    /// Whether `name` is the scanner's however it is typed (case, spaces, invisible marks,
    /// with or without its tone marks: "May quet" is the scanner's name typed in haste).
    public static func isScannerName(_ name: String) -> Bool {
        func bare(_ text: String) -> String {
            VietnameseText.nameKey(text).replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
                .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        }
        return bare(name) == bare(scannerName)
    }

    public enum Outcome: Sendable, Hashable {
        /// Entered as a ballot.
        case enter
        /// The same paper read the same way before: nothing entered.
        case duplicate
        /// A serial already entered, read differently: two papers, or one misread; the
        /// committee looks (`serial_seen`).
        case serialSeen
        /// In the committee's queue.
        case queue
        /// Back to the people.
        case reject
    }

    /// `earlier`: the struck lines of each ballot this operator has in force with the
    /// sheet's serial; `waiting`: whether another sheet of the serial waits for the committee
    /// (entered first, a copy would push the genuine paper aside as the second: it waits too).
    public static func outcome(status: ScanStatus, struck: [Int], earlier: [[Int]], waiting: Bool = false) -> Outcome {
        switch status {
        case .rejected, .blank: return .reject
        case .review: return .queue
        case .counted:
            if earlier.isEmpty { return waiting ? .serialSeen : .enter }
            return earlier.contains(struck.sorted()) ? .duplicate : .serialSeen
        }
    }

    /// Whether a sheet is told that another paper has its serial: one read for sure and
    /// seen before, or one for the committee anyway while another of the serial is entered
    /// or waits.
    public static func serialSeen(_ outcome: Outcome, earlier: [[Int]], waiting: Bool) -> Bool {
        outcome == .serialSeen || (outcome == .queue && (!earlier.isEmpty || waiting))
    }

    /// Whether the committee's decision on a sheet is entered: not when a ballot with its
    /// serial is already in force with the same content — the same paper, scanned twice,
    /// counts once. Otherwise it is entered; a second paper with one serial is then set
    /// aside by the tally as not issued.
    public static func decisionEnters(struck: [Int], marks: [InvalidReason], earlier: [(struck: [Int], marks: [InvalidReason])]) -> Bool {
        !earlier.contains { $0.struck.sorted() == struck.sorted() && Set($0.marks) == Set(marks) }
    }
}
