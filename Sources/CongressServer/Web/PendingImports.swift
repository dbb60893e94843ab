import CongressCore
import Foundation

/// Delegate lists uploaded and previewed, waiting for the person to confirm (nhập danh
/// sách: xem trước rồi xác nhận). Kept in the server's memory, not in the browser: the
/// confirmation names the preview by a random id and applies the very list that was read
/// and shown, together with the changes shown, so the store can refuse if the stored list
/// moved meanwhile. Only the person who uploaded may confirm; a preview lasts an hour; a
/// server restart forgets them (the person uploads again).
actor PendingImports {
    struct Pending: Sendable {
        var username: String
        var source: String
        var delegates: [Delegate]
        var changes: DelegateListChanges
        var at: ContinuousClock.Instant
    }

    private var pending: [String: Pending] = [:]
    static let lifetime = Duration.seconds(3600)
    /// At most this many previews are held (each a whole list); the oldest goes first.
    static let capacity = 16

    func keep(_ item: Pending) -> String {
        let now = ContinuousClock.now
        pending = pending.filter { now - $0.value.at < Self.lifetime && $0.value.username != item.username }
        while pending.count >= Self.capacity, let oldest = pending.min(by: { $0.value.at < $1.value.at }) {
            pending[oldest.key] = nil
        }
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in String(format: "%08x", generator.next() as UInt32) }.joined()
        pending[id] = item
        return id
    }

    /// The preview `id` of `username`, taken (a confirmation uses it once).
    func take(_ id: String, username: String) -> Pending? {
        guard let item = pending[id], item.username == username, ContinuousClock.now - item.at < Self.lifetime else { return nil }
        pending[id] = nil
        return item
    }
}
