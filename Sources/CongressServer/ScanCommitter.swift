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

    init(store: StoreRunner) {
        self.store = store
    }

    private var keys: CredentialVerifier?

    /// Signatures are checked here, on the caller's task and so on every core, before the
    /// scans join the queue; the transaction then only applies revocations and decides.
    nonisolated func record(_ scans: [ScanInput]) async throws -> [ScanResult] {
        let verifier = try await signatureVerifier()
        let signatures = scans.map { verifier.checkSignature($0.payload) }
        return try await enqueue(scans, signatures)
    }

    /// The congress public keys (they do not change while the server runs).
    private func signatureVerifier() async throws -> CredentialVerifier {
        if let keys { return keys }
        let loaded = try await store.run { store in
            CredentialVerifier(publicKeys: Dictionary(try store.signingKeys().map { ($0.keyID, $0.publicKey) }, uniquingKeysWith: { a, _ in a }))
        }
        keys = loaded
        return loaded
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
