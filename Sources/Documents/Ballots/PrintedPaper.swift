import CongressCore
import CongressStore

extension BallotPaper.Part {
    /// A part from the list as stored: the names, and the notes that tell the same names apart.
    public init(title: String, seats: Int, list: [CandidateRecord]) {
        self.init(title: title, seats: seats, candidates: list.map(\.name), notes: list.map(\.note))
    }
}

extension BallotPaper {
    /// The paper election `id` was printed on, from the store: its own, or the combined
    /// paper it shares (chair mode 2); with the elections of its parts, in order. What the
    /// printer drew is what the reader and the review page expect.
    public static func printed(for id: Int64, in store: CongressStore) throws(StoreError) -> (paper: BallotPaper, elections: [ElectionRecord]) {
        let congress = try store.congress()
        let elections = try store.paperElections(id)
        var parts: [Part] = []
        for e in elections {
            parts.append(Part(title: e.title, seats: e.seats, list: try store.candidates(election: e.id)))
        }
        return (BallotPaper(congressName: congress.name, term: congress.term, parts: parts), elections)
    }
}
