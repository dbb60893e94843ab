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
    /// noticed at the next write.
    private func startHeartbeat() {
        guard heartbeat == nil else { return }
        heartbeat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                await self?.ping()
            }
        }
    }

    private func ping() {
        for continuation in subscribers.values { continuation.yield(": ping\n\n") }
    }

    func unsubscribe(_ id: UUID) {
        subscribers[id]?.finish()
        subscribers[id] = nil
    }

    var subscriberCount: Int { subscribers.count }

    /// Something changed: wake the long-polls, and send the board soon.
    func changed() {
        version &+= 1
        guard !boardPending else { return }
        boardPending = true
        Task {
            try? await Task.sleep(for: .milliseconds(150))
            await self.sendBoard()
        }
    }

    private func sendBoard() async {
        boardPending = false
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
