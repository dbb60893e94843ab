/// Ngày sinh: a full date, or only the year when that is all the list gives.
public enum BirthDate: Sendable, Hashable, Codable, Comparable {
    case day(year: Int, month: Int, day: Int)
    case year(Int)

    public var year: Int {
        switch self {
        case .day(let y, _, _), .year(let y): y
        }
    }

    /// dd/mm/yyyy, or yyyy alone: the form the secretariat writes.
    public var vietnamese: String {
        switch self {
        case .day(let y, let m, let d): "\(Self.pad(d))/\(Self.pad(m))/\(y)"
        case .year(let y): "\(y)"
        }
    }

    /// yyyy-mm-dd or yyyy, for JSON.
    public var iso: String {
        switch self {
        case .day(let y, let m, let d): "\(y)-\(Self.pad(m))-\(Self.pad(d))"
        case .year(let y): "\(y)"
        }
    }

    /// Earlier births sort first; a year alone sorts before the dates of that year.
    public static func < (a: BirthDate, b: BirthDate) -> Bool {
        a.sortTuple < b.sortTuple
    }

    private var sortTuple: (Int, Int, Int) {
        switch self {
        case .day(let y, let m, let d): (y, m, d)
        case .year(let y): (y, 0, 0)
        }
    }

    /// Years a delegate may plausibly be born in.
    public static let plausibleYears = 1900...2100

    /// Why a birth date could not be read.
    public enum ParseFailure: Error, Sendable, Equatable {
        /// Not in any accepted form.
        case unreadable
        /// In an accepted form but not a day that exists (31/02/1980) or outside 1900–2100.
        case impossible
    }

    /// Reads dd/mm/yyyy (also d/m/yyyy, with - or . between), yyyy-mm-dd, a year alone, or an
    /// Excel serial day number (what a date cell holds when the sheet is read raw).
    public static func parse(_ raw: String) -> Result<BirthDate, ParseFailure> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let serial = Double(text), !text.contains("/"), !text.contains("-") {
            return fromNumber(serial)
        }
        let separators: Set<Character> = ["/", "-", "."]
        let parts = text.split(whereSeparator: { separators.contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else {
            return .failure(.unreadable)
        }
        let (y, m, d): (Int, Int, Int)
        if parts[0].count == 4 {
            (y, m, d) = (a, b, c)  // yyyy-mm-dd
        } else if parts[2].count == 4 {
            (y, m, d) = (c, b, a)  // dd/mm/yyyy: Vietnamese order, never month first
        } else {
            return .failure(.unreadable)
        }
        return make(year: y, month: m, day: d)
    }

    /// A date from its parts, if that day exists.
    public static func make(year y: Int, month m: Int, day d: Int) -> Result<BirthDate, ParseFailure> {
        guard plausibleYears.contains(y), (1...12).contains(m),
              (1...daysIn(month: m, year: y)).contains(d) else {
            return .failure(.impossible)
        }
        return .success(.day(year: y, month: m, day: d))
    }

    private static func fromNumber(_ value: Double) -> Result<BirthDate, ParseFailure> {
        guard value.rounded() == value, value >= 0, value < 3_000_000 else { return .failure(.unreadable) }
        let n = Int(value)
        // Up to four digits is a year; five or more, an Excel serial day (10000 is 1927-05-18,
        // so no birth year and no plausible birth date can be mistaken for the other).
        if n < 10_000 { return plausibleYears.contains(n) ? .success(.year(n)) : .failure(.impossible) }
        // Excel serial days: 1 is 1900-01-01, counted as if 1900 were a leap year.
        let (y, m, d) = civil(fromDaysSinceEpoch: n - 25_569)
        return make(year: y, month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's civil_from_days).
    static func civil(fromDaysSinceEpoch days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Age in whole years on a given day (for reports); a year alone counts as 1 January.
    public func age(onYear year: Int, month: Int, day: Int) -> Int {
        let (by, bm, bd): (Int, Int, Int) = switch self {
        case .day(let y, let m, let d): (y, m, d)
        case .year(let y): (y, 1, 1)
        }
        return year - by - ((month, day) < (bm, bd) ? 1 : 0)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
