/// How the ballots of a count were entered (RULES.md §4.5): read by the machine, decided by
/// the committee on review, typed by hand. Printed in the minutes when a scanner was used.
public struct BallotSources: Sendable, Hashable, Codable {
    public var machine: Int
    public var review: Int
    public var typed: Int

    public init(machine: Int, review: Int, typed: Int) {
        self.machine = machine
        self.review = review
        self.typed = typed
    }

    /// Whether the scanner took part in this count.
    public var scanned: Bool { machine + review > 0 }

    /// The minutes' sentence.
    public var vietnamese: String {
        "Phiếu do máy đọc: \(machine); do Ban kiểm phiếu quyết định khi xem lại: \(review); nhập tay: \(typed)."
    }
}
