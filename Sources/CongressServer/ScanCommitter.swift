import CongressStore

/// Group commit for scans: batches that arrive while a transaction is being written wait
/// for the next one and are written together. Every scan is still durable before its
/// answer (one fsync for the group instead of one per request), which is what lets a few
/// dozen stations post single scans at once.
actor ScanCommitter {
    private typealias Waiter = (scans: [ScanInput], continuation: CheckedContinuation<[ScanResult], any Error>)
    private var pending: [Waiter] = []
    private var draining = false
    private let store: StoreRunner

    init(store: StoreRunner) {
        self.store = store
    }

    func record(_ scans: [ScanInput]) async throws -> [ScanResult] {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((scans, continuation))
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
            do {
                let results = try await store.run { try $0.recordScans(all) }
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
