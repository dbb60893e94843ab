/// Attendance at one sitting (danh sách đại biểu có mặt / vắng mặt), by delegation: every
/// delegate who holds a seat, with the time and door of their first admission, or absent
/// (with the reason where one was recorded).
public struct AttendanceReport: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var delegation: String
        public var code: String
        public var name: String
        public var kind: DelegateKind
        public var present: Bool
        public var at: String?
        public var station: String?
        public var reason: String?
    }

    public var sitting: String
    public var rows: [Row]
    /// The congress's zone: the times of admission as the secretariat reads them.
    public var time: CongressTime = .vietnam

    public var present: [Row] { rows.filter(\.present) }
    public var absent: [Row] { rows.filter { !$0.present } }

    /// The seats (official delegates not replaced, alternates in force) in delegation order,
    /// then ballot order within each delegation.
    public static func make(sitting: String, roster: Roster, admissions: [String: Admission],
                            reasons: [String: String] = [:], time: CongressTime = .vietnam) -> AttendanceReport {
        let seats = roster.delegates.values.filter { roster.counts($0.code) }
        var delegationOrder: [String] = []
        for d in seats.sorted(by: { $0.code < $1.code }) where !delegationOrder.contains(d.delegation) { delegationOrder.append(d.delegation) }
        let byDelegation = Dictionary(grouping: seats, by: \.delegation)
        var rows: [Row] = []
        for delegation in delegationOrder {
            let members = BallotOrder.sorted(byDelegation[delegation] ?? []) { BallotSortKey(name: $0.name, birthDate: $0.birthDate) }
            for d in members {
                let a = admissions[d.code]
                rows.append(Row(delegation: delegation, code: d.code, name: d.name, kind: d.kind, present: a != nil,
                                at: a?.at, station: a?.station, reason: a == nil ? reasons[d.code] : nil))
            }
        }
        return AttendanceReport(sitting: sitting, rows: rows, time: time)
    }

    /// The report as a table (CSV / XLSX): a header row, then one row per delegate.
    public var table: [[String]] {
        [["Đoàn đại biểu", "Mã đại biểu", "Họ và tên", "Loại đại biểu", "Có mặt", "Lúc", "Cửa", "Lý do vắng"]]
            + rows.map { [$0.delegation, $0.code, $0.name, $0.kind.vietnamese, $0.present ? "Có mặt" : "Vắng",
                          time.dateTime(stored: $0.at), $0.station ?? "", $0.reason ?? ""] }
    }
}
