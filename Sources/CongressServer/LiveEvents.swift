import Foundation

/// Tells the hall screens and waiting kiosks that something changed. Screens get a
/// fresh board at most every 200 ms however fast scans arrive; long-polls wake at once.
actor LiveEvents {
    private var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
    private var version: UInt64 = 0
    private var boardPending = false
    private let makeBoard: @Sendable () async -> String?

    init(makeBoard: @escaping @Sendable () async -> String?) {
        self.makeBoard = makeBoard
    }

    /// A stream of server-sent event texts, starting with the current board.
    func subscribe() async -> (UUID, AsyncStream<String>) {
        startHeartbeat()
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(4))
        subscribers[id] = continuation
        if let board = await makeBoard() { continuation.yield(Self.event("board", board)) }
        return (id, stream)
    }

    private var heartbeat: Task<Void, Never>?

    /// A comment every 15 s: proxies keep the stream open, and a screen that went away is
    /// noticed at the next write. Every 2 s an empty tick, written to nobody: each stream
    /// then asks whether the credential that opened it still holds (a token revoked, a
    /// person signed out), so a revoked screen stops within seconds, not at the next event.
    private func startHeartbeat() {
        guard heartbeat == nil else { return }
        heartbeat = Task { [weak self] in
            var ticks = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.tick)  // cancelled: the loop ends at its test
                ticks += 1
                await self?.ping(comment: ticks % 8 == 0)
            }
        }
    }

    static let tick = Duration.seconds(2)

    private func ping(comment: Bool) {
        for continuation in subscribers.values { continuation.yield(comment ? ": ping\n\n" : "") }
    }

    func unsubscribe(_ id: UUID) {
        subscribers[id]?.finish()
        subscribers[id] = nil
    }

    var subscriberCount: Int { subscribers.count }

    private var lastBoard = ContinuousClock.now - .seconds(1)
    static let boardInterval = Duration.milliseconds(100)

    /// Something changed: wake the long-polls, and send the board now, or, if one went out
    /// less than 100 ms ago, once that interval is over (many scans a second make one board
    /// a tenth of a second, not one board each).
    func changed() {
        version &+= 1
        guard !boardPending else { return }
        boardPending = true
        let wait = lastBoard + Self.boardInterval - ContinuousClock.now
        Task {
            if wait > .zero { try? await Task.sleep(for: wait) }
            await self.sendBoard()
        }
    }

    private func sendBoard() async {
        boardPending = false
        lastBoard = ContinuousClock.now
        guard !subscribers.isEmpty, let board = await makeBoard() else { return }
        let text = Self.event("board", board)
        for continuation in subscribers.values { continuation.yield(text) }
    }

    /// Waits until something changes after `seen`, or `timeout` passes; returns the version.
    func currentVersion() -> UInt64 { version }

    static func event(_ name: String, _ json: String) -> String {
        "event: \(name)\ndata: \(json)\n\n"
    }
}
