import Foundation

extension TallyResult {
    /// The output of `congress tally --json`, exactly as DESIGN.md writes it.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Contract(self))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The contract's shape, for the OpenAPI document.
    public struct Contract: Codable {
        struct Threshold: Codable { var base: String; var denominator: Int; var votes_needed: Int }
        struct Candidate: Codable {
            var id: String; var name: String; var votes: Int; var percent: String; var passed: Bool; var elected: Bool
        }
        var ballots_issued: Int
        var ballots_collected: Int
        var valid: Int
        var invalid: Int
        var invalid_by_reason: [String: Int]
        var threshold: Threshold
        var candidates: [Candidate]
        var elected: [String]
        var tied: [String]
        var tied_seats: Int
        var seats_filled: Int
        var seats_open: Int
        var status: String
        /// Only when an identity of the minutes fails.
        var warnings: [String]?

        init(_ r: TallyResult) {
            ballots_issued = r.ballotsIssued
            ballots_collected = r.ballotsCollected
            valid = r.valid
            invalid = r.invalid
            invalid_by_reason = Dictionary(uniqueKeysWithValues: r.invalidByReason.map { ($0.key.rawValue, $0.value) })
            threshold = Threshold(base: r.thresholdBase.rawValue, denominator: r.denominator, votes_needed: r.votesNeeded)
            candidates = r.candidates.map {
                Candidate(id: $0.id, name: $0.name, votes: $0.votes, percent: $0.percent, passed: $0.passed, elected: $0.elected)
            }
            elected = r.elected
            tied = r.tied
            tied_seats = r.tiedSeats
            seats_filled = r.seatsFilled
            seats_open = r.seatsOpen
            status = r.status.rawValue
            warnings = r.warnings.isEmpty ? nil : r.warnings
        }
    }
}
