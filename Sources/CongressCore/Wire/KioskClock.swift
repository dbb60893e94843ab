import Foundation

/// A kiosk's clock may be wrong (a laptop whose hardware clock keeps local time reads seven
/// hours off in Vietnam). A batch of scans says when the kiosk sent it (`sent_at`, by its
/// own clock); the server, receiving it a moment later, learns the kiosk's offset and moves
/// each scan's time by it. Offsets under five seconds are left alone: that is network
/// delay and ordinary drift, and a kiosk's exact times are worth more than a correction
/// by the delay of one request.
public enum KioskClock {
    public static let tolerance: TimeInterval = 5

    /// How far the kiosk's clock is behind the server's (positive) or ahead (negative);
    /// nil when within the tolerance or when `sentAt` cannot be read.
    public static func offset(sentAt: String?, received: Date) -> TimeInterval? {
        guard let sentAt, let sent = parse(sentAt) else { return nil }
        let offset = received.timeIntervalSince(sent)
        return abs(offset) < tolerance ? nil : offset
    }

    /// `scannedAt` moved by `offset`, in the same ISO 8601 form (UTC, milliseconds); as it
    /// was when there is no offset or it cannot be read.
    public static func corrected(_ scannedAt: String, by offset: TimeInterval?) -> String {
        guard let offset, let scanned = parse(scannedAt) else { return scannedAt }
        return format(scanned.addingTimeInterval(offset))
    }

    /// The one form every time is written in, by kiosks and the server: UTC, ISO 8601 with
    /// milliseconds ("2026-11-21T07:30:00.000Z"), so that times sort as text.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `text` in that form: as written when it already has its shape (no parsing: this is
    /// on the path of every scan, and a round trip through Date can lose the last
    /// millisecond), else read and written again; nil when unreadable.
    public static func normalized(_ text: String) -> String? {
        let utf8 = Array(text.utf8.prefix(25))
        if utf8.count == 24, utf8[4] == UInt8(ascii: "-"), utf8[10] == UInt8(ascii: "T"), utf8[23] == UInt8(ascii: "Z") {
            return text
        }
        return parse(text).map(format)
    }

    /// An ISO 8601 time with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        if let d = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return d }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
