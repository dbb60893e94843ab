import CongressCore
import CongressStore

/// Group commit for scans: batches that arrive while a transaction is being written wait
/// for the next one and are written together. Every scan is still durable before its
/// answer (one fsync for the group instead of one per request), which is what lets a few
/// dozen stations post single scans at once.
actor ScanCommitter {
    private typealias Waiter = (scans: [ScanInput], signatures: [CredentialCheck], continuation: CheckedContinuation<[ScanResult], any Error>)
    private var pending: [Waiter] = []
    private var draining = false
    private let store: StoreRunner
    /// The congress public keys, read once when the server starts (they do not change
    /// while it runs); checking signatures needs no hop onto this actor.
    private let keys: CredentialVerifier

    init(store: StoreRunner, keys: CredentialVerifier) {
        self.store = store
        self.keys = keys
    }

    /// Signatures are checked here, on the caller's task and so on every core, before the
    /// scans join the queue; the transaction then only applies revocations and decides.
    nonisolated func record(_ scans: [ScanInput]) async throws -> [ScanResult] {
        let signatures = scans.map { keys.checkSignature($0.payload) }
        return try await enqueue(scans, signatures)
    }

    private func enqueue(_ scans: [ScanInput], _ signatures: [CredentialCheck]) async throws -> [ScanResult] {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((scans, signatures, continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let group = pending
            pending = []
            let all = group.flatMap(\.scans)
            let signatures = group.flatMap(\.signatures)
            do {
                let results = try await store.run { try $0.recordScans(all, signatures: signatures) }
                var start = 0
                for waiter in group {
                    waiter.continuation.resume(returning: Array(results[start..<(start + waiter.scans.count)]))
                    start += waiter.scans.count
                }
            } catch {
                for waiter in group { waiter.continuation.resume(throwing: error) }
            }
        }
        draining = false
    }
}
