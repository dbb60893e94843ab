import Foundation

/// How people read a time at this congress: in the congress's own time zone (múi giờ),
/// whatever the machine's zone, in the Vietnamese form. The server of a congress in Đà Lạt
/// may be kept in UTC, and a count made at 02:54 on 2 December in Vietnam must not be
/// signed as 19:54 on 1 December. Stored times, JSON and the API stay ISO 8601 in UTC.
public struct CongressTime: Sendable, Hashable {
    /// The IANA identifier, e.g. "Asia/Ho_Chi_Minh".
    public let identifier: String
    public let zone: TimeZone
    private let calendar: Calendar

    /// Vietnam's zone: the default for a new congress.
    public static let vietnamIdentifier = "Asia/Ho_Chi_Minh"
    public static let vietnam = CongressTime(zone: TimeZone(identifier: vietnamIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt,
                                             identifier: vietnamIdentifier)

    private init(zone: TimeZone, identifier: String) {
        self.zone = zone
        self.identifier = identifier
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        self.calendar = calendar
    }

    /// The zone named by `identifier` (IANA: "Asia/Ho_Chi_Minh", "Europe/Berlin"; "UTC").
    public init(identifier: String) throws(CongressTimeError) {
        let name = identifier.trimmingCharacters(in: .whitespaces)
        // Only real IANA names: "GMT+7" or an abbreviation would read differently on another machine.
        guard name.contains("/") || name == "UTC", let zone = TimeZone(identifier: name) else {
            throw .unknownZone(identifier)
        }
        self.init(zone: zone, identifier: name)
    }

    public static func == (a: CongressTime, b: CongressTime) -> Bool { a.identifier == b.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

    /// The wall-clock parts of `date` in this zone.
    public func parts(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// "02:54 ngày 02/12/2026": pages, command-line lines, spreadsheets; in English
    /// "02:54, 02/12/2026" (the day first, as in Vietnam, whatever the language).
    public func dateTime(_ date: Date, _ language: Language = .vi) -> String {
        let p = parts(date)
        return "\(two(p.hour)):\(two(p.minute))" + (language == .vi ? " ngày " : ", ") + "\(two(p.day))/\(two(p.month))/\(p.year)"
    }

    /// "02:54": a time within the day (attendance lists).
    public func clock(_ date: Date) -> String {
        let p = parts(date)
        return "\(two(p.hour)):\(two(p.minute))"
    }

    /// "02:54:07": the kiosk's screen.
    public func clockWithSeconds(_ date: Date) -> String {
        let p = parts(date)
        return "\(two(p.hour)):\(two(p.minute)):\(two(p.second))"
    }

    /// "Hồi 2 giờ 54 phút, ngày 2 tháng 12 năm 2026": the opening line of the minutes.
    public func formal(_ date: Date) -> String { "Hồi " + spoken(date) }

    /// "2 giờ 54 phút, ngày 2 tháng 12 năm 2026": a moment in an official document's text.
    public func spoken(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.hour) giờ \(p.minute) phút, ngày \(p.day) tháng \(p.month) năm \(p.year)"
    }

    /// The moment a person typed as this zone's wall clock, in a browser's
    /// `datetime-local` form ("2026-12-02T08:30", seconds optional); nil when it is not one.
    public func date(wallClock text: String) -> Date? {
        let digits = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0) }
        guard digits.count == 5 || digits.count == 6, digits.allSatisfy({ $0 != nil }) else { return nil }
        let n = digits.compactMap { $0 }
        var c = DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4], second: n.count == 6 ? n[5] : 0)
        c.timeZone = zone
        guard (1...12).contains(n[1]), (1...31).contains(n[2]), (0...23).contains(n[3]), (0...59).contains(n[4]),
              let date = calendar.date(from: c) else { return nil }
        // 31/02 rolls over to March in the calendar: not a day that exists
        let back = parts(date)
        return back.day == n[2] && back.month == n[1] ? date : nil
    }

    /// The same moment as a `datetime-local` field shows it in this zone.
    public func wallClock(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.year)-\(two(p.month))-\(two(p.day))T\(two(p.hour)):\(two(p.minute))"
    }

    /// A stored time (UTC ISO 8601, KioskClock's form) as a person reads it; "" for none,
    /// the text itself when it is not a time (never "nil").
    public func dateTime(stored: String?, _ language: Language = .vi) -> String {
        guard let stored, !stored.isEmpty else { return "" }
        guard let date = KioskClock.parse(stored) else { return stored }
        return dateTime(date, language)
    }

    private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Why a time zone was refused.
public enum CongressTimeError: Error, Sendable, Equatable, LocalizedMessage {
    case unknownZone(String)

    public func message(_ language: Language) -> String {
        switch (self, language) {
        case (.unknownZone(let z), .vi):
            "Múi giờ «\(z)» không có; hãy ghi tên IANA, ví dụ Asia/Ho_Chi_Minh (mặc định) hoặc Asia/Bangkok."
        case (.unknownZone(let z), .en):
            "No time zone «\(z)»; give an IANA name such as Asia/Ho_Chi_Minh (the default) or Asia/Bangkok."
        }
    }
}
