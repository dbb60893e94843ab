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

    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func parse(_ text: String) -> Date? {
        if let d = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return d }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
