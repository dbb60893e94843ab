import Foundation

/// The record of a published count (hồ sơ kiểm phiếu): frozen when the committee publishes,
/// in the same transaction that reconciles and tallies. The minutes and the list of the
/// elected of a published election are drawn from it alone, so they read the same whenever
/// and wherever they are printed: after the sitting closes, after a later import changes a
/// delegate's details, on a machine in another zone.
public struct CountRecord: Sendable, Hashable, Codable {
    /// The figures, the committee, present and convened at the vote, the rule settings.
    public var minutes: CountingMinutes
    public var elected: ElectedList
    /// When it was published (UTC ISO 8601, as stored).
    public var publishedAt: String

    public init(minutes: CountingMinutes, elected: ElectedList, publishedAt: String) {
        self.minutes = minutes
        self.elected = elected
        self.publishedAt = publishedAt
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ text: String) throws -> CountRecord {
        try JSONDecoder().decode(CountRecord.self, from: Data(text.utf8))
    }
}
