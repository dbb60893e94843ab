/// One count (một lần bỏ phiếu): the body, its seats, the candidates in ballot order, the
/// rule settings, and the ballots issued. A run-off or a further round is another Election.
public struct Election: Sendable, Hashable {
    public struct Candidate: Sendable, Hashable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var title: String
    /// Số lượng cần bầu.
    public var seats: Int
    public var thresholdBase: ThresholdBase
    /// Official delegates convened; needed for the `convened` base.
    public var convened: Int?
    /// Official delegates absent for the whole congress without an alternate.
    public var absentWholeCongress: Int
    /// In ballot order (the order printed on the paper).
    public var candidates: [Candidate]
    /// Phiếu phát ra, from the ballot desk.
    public var ballotsIssued: Int

    public init(title: String, seats: Int, thresholdBase: ThresholdBase = .ballotsCollected, convened: Int? = nil,
                absentWholeCongress: Int = 0, candidates: [Candidate], ballotsIssued: Int) {
        self.title = title
        self.seats = seats
        self.thresholdBase = thresholdBase
        self.convened = convened
        self.absentWholeCongress = absentWholeCongress
        self.candidates = candidates
        self.ballotsIssued = ballotsIssued
    }
}

/// One paper ballot as entered: its serial, the candidates struck through (by their index
/// in ballot order), and the reasons the committee saw to set it aside.
public struct EnteredBallot: Sendable, Hashable {
    public var serial: String
    /// Indices into `Election.candidates`, each at most once.
    public var struck: [Int]
    /// Reasons seen on the paper (unstamped, added name, private mark, unclear, not issued).
    public var marks: [InvalidReason]

    public init(serial: String, struck: [Int], marks: [InvalidReason] = []) {
        self.serial = serial
        self.struck = struck
        self.marks = marks
    }
}
