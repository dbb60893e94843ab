import Dispatch

/// Runs blocking work (a child process waited on, thousands of pixels read) on a thread of
/// its own, not one of Swift's few cooperative threads: on two cores, two such tests at
/// once would leave the live-server tests no thread to answer on.
public func onItsOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { done in
        DispatchQueue.global().async { done.resume(with: Result { try work() }) }
    }
}
