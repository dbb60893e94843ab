import CongressCore
import Foundation
import GRDB

extension CongressStore {
    /// The counting minutes of an election, from what the store holds: the committee, the
    /// delegates convened and present in the open sitting, those who received a ballot,
    /// the list and the tally of the reconciled ballots.
    public func countingMinutes(election id: Int64, at date: Date = Date(), complaints: String? = nil) throws(StoreError) -> CountingMinutes {
        let (election, ballots) = try tallyInput(election: id)
        let result = Tally.count(election, ballots)
        let record = try self.election(id)
        let congress = try self.congress()
        let committee = try self.committee(election: id)
        let nominees = try candidates(election: id)
        let (_, quorum) = try self.quorum()
        let voting = try ballotsIssued(election: id)
        return CountingMinutes(
            congressName: congress.name, term: congress.term, title: record.title, body: record.body, round: record.round,
            when: Self.vietnameseTime(date), committee: committee.map { .init(name: $0.name, role: $0.role) },
            convened: quorum.convened, present: quorum.present, voting: voting, seats: record.seats,
            nominees: nominees.map { .init(name: $0.name, nomination: $0.nomination) }, result: result,
            complaints: complaints ?? "Không có khiếu nại.")
    }

    /// "10 giờ 25 phút, ngày 21 tháng 11 năm 2026", in the machine's time zone.
    static func vietnameseTime(_ date: Date) -> String {
        let c = Calendar.current.dateComponents([.hour, .minute, .day, .month, .year], from: date)
        return "\(c.hour ?? 0) giờ \(c.minute ?? 0) phút, ngày \(c.day ?? 0) tháng \(c.month ?? 0) năm \(c.year ?? 0)"
    }
}
