import CongressCore
import CongressStore
import Dispatch
import Foundation
import Hummingbird

/// Group commit for scans: batches that arrive while a transaction is being written wait
/// for the next one and are written together. Every scan is still durable before its
/// answer (one fsync for the group instead of one per request), which is what lets a few
/// dozen stations post single scans at once. The writing runs on a thread of its own, so
/// neither an actor hop nor SQLite's fsync holds one of Swift's few cooperative threads.
final class ScanCommitter: @unchecked Sendable {
    private typealias Waiter = (scans: [ScanInput], signatures: [CredentialCheck], continuation: CheckedContinuation<[ScanResult], any Error>)
    private let lock = NSLock()
    private var pending: [Waiter] = []
    private var draining = false
    private let store: CongressStore
    private let queue = DispatchQueue(label: "congress.scans")
    /// The congress public keys, read once when the server starts (they do not change
    /// while it runs).
    private let keys: CredentialVerifier

    init(store: CongressStore, keys: CredentialVerifier) {
        self.store = store
        self.keys = keys
    }

    /// Signatures are checked here, on the caller's task and so on every core, before the
    /// scans join the queue; the transaction then only applies revocations and decides.
    func record(_ scans: [ScanInput]) async throws -> [ScanResult] {
        let signatures = scans.map { keys.checkSignature($0.payload) }
        return try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            pending.append((scans, signatures, continuation))
            let start = !draining
            draining = true
            lock.unlock()
            if start { queue.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            lock.lock()
            let group = pending
            pending = []
            if group.isEmpty { draining = false }
            lock.unlock()
            if group.isEmpty { return }
            do {
                let results = try store.recordScans(group.flatMap(\.scans), signatures: group.flatMap(\.signatures))
                var start = 0
                for waiter in group {
                    waiter.continuation.resume(returning: Array(results[start..<(start + waiter.scans.count)]))
                    start += waiter.scans.count
                }
            } catch {
                for waiter in group { waiter.continuation.resume(throwing: Refusal(error)) }
            }
        }
    }
}
