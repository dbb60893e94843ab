/// When a scan that arrives after its sitting closed may still count in it (quét muộn): a
/// door that lost the network across the close uploads its outbox late, and those
/// admissions belong to the sitting they were made in. Anything else that claims an old
/// sitting is refused, since a kiosk's token can write any time it likes into a scan.
///
/// Times are the store's ISO 8601 text, which orders as time.
public enum LateScanRule {
    /// - scannedAt: when the door says it scanned, inside the closed sitting's window.
    /// - closedAt: when that sitting closed.
    /// - doorSince: when the door's token was made (nil: not known).
    /// - contactBetween: whether the door reached the server after the scan and before the
    ///   close: a door online then would have sent the scan then.
    public static func accepts(scannedAt: String, closedAt: String, doorSince: String?, contactBetween: Bool) -> Bool {
        guard scannedAt < closedAt, let doorSince, doorSince <= scannedAt else { return false }
        return !contactBetween
    }
}
