import CongressCore
import Foundation
import Synchronization

/// Whether the door can reach the server.
public enum Connection: Sendable, Hashable {
    case connecting
    case online
    /// Unreachable: scans are decided here and wait in the outbox.
    case offline(String)
    /// The server refuses this kiosk's token: the operator must fix it.
    case refused(String)
    /// The server's certificate is not the hall's: the operator must give the right `--ca`.
    case untrusted(String)

    public var isOnline: Bool { self == .online }

    /// The last attempt to reach the server failed.
    public var isOffline: Bool {
        switch self {
        case .offline, .refused, .untrusted: true
        case .online, .connecting: false
        }
    }
}

/// What the screen's status line shows.
public struct StationStatus: Sendable, Hashable {
    public var connection: Connection
    public var unsent: Int
    public var admittedHere: Int
    public var quorum: Quorum
    public var sitting: String?
    public var hasCopy: Bool
    /// The congress's zone: the screen's clock and times read in it, as in the hall.
    public var time: CongressTime = .vietnam
}

/// Something the screen or `--json` must show without a scan: a correction from the
/// server, or a change of connection.
public enum StationEvent: Sendable {
    case correction(ScanOutcome)
    case connection(Connection)
}

/// A scan station (trạm quét thẻ) at one entrance. Every scan is decided here, from the
/// station's copy of the congress, and written to the outbox before its verdict is shown;
/// a sender uploads the outbox in batches and reconciles with the server's verdicts, and a
/// follower keeps the copy current from the change feed. Without the server the door keeps
/// working; when it returns the outbox drains, each scan recorded once (the server keys
/// them by the scan's UUID).
public final class Station: Sendable {
    public let name: String
    public let entrance: Entrance
    let store: StationStore
    let link: ServerLink

    struct State {
        var copy: DoorCopy?
        var connection: Connection = .connecting
        var lastScan: (payload: String, at: ContinuousClock.Instant)?
        var needsBootstrap = true
    }
    let state: Mutex<State>
    public let events: AsyncStream<StationEvent>
    let eventSink: AsyncStream<StationEvent>.Continuation
    let wake: AsyncStream<Void>
    let wakeSender: AsyncStream<Void>.Continuation

    /// The seconds a repeated payload counts as the scanner's key bounce.
    public static let bounce: Duration = .seconds(1)

    public init(name: String, entrance: Entrance, store: StationStore, link: ServerLink) throws {
        self.name = name
        self.entrance = entrance
        self.store = store
        self.link = link
        var initial = State()
        // The saved copy is used whatever address the server has today (a laptop's address
        // can change with the hall's router); the first bootstrap replaces it.
        if let saved = try store.load() { initial.copy = saved.copy }
        state = Mutex(initial)
        (events, eventSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        (wake, wakeSender) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        wakeSender.yield()  // whatever the last run left in the outbox goes first
    }

    // MARK: Scanning

    /// Decides one scanned line, writes it to the outbox, and returns what to show.
    /// `readAt` is when the line was read: `ms` runs from there. Nil until the station has
    /// a copy of the congress (its very first start needs the server once).
    public func scan(_ line: String, readAt: ContinuousClock.Instant = .now) throws -> ScanOutcome? {
        let payload = line.trimmingCharacters(in: .whitespaces)
        return try state.withLock { state throws -> ScanOutcome? in
            guard var copy = state.copy else { return nil }
            // Taken out while it changes, so the dictionaries inside are not copied per scan.
            state.copy = nil
            defer { state.copy = copy }
            let isRepeat = state.lastScan.map { $0.payload == payload && readAt - $0.at < Self.bounce } ?? false
            state.lastScan = (payload, readAt)
            let decision = copy.decide(payload, entrance: entrance)
            var outcome = self.outcome(decision, copy: copy, state: state)
            outcome.isRepeat = isRepeat
            if !isRepeat {
                try record(OutboxItem(id: outcome.id, payload: payload, scannedAt: Self.now(), entrance: entrance,
                                      localVerdict: decision.verdict, localCode: decision.code),
                           decision: decision, copy: &copy)
            }
            outcome.ms = Self.milliseconds(since: readAt)
            return outcome
        }
    }

    /// Names matching a typed query, for a delegate who forgot their badge.
    public func lookup(_ query: String, limit: Int = 9) -> [RosterEntry] {
        state.withLock { state in state.copy?.search.search(query, limit: limit) ?? [] }
    }

    /// Admits a delegate found by name (the operator confirmed), recorded as manual with
    /// this station and the reason.
    public func admitManually(code: String, reason: String, readAt: ContinuousClock.Instant = .now) throws -> ScanOutcome? {
        try state.withLock { state throws -> ScanOutcome? in
            guard var copy = state.copy else { return nil }
            state.copy = nil
            defer { state.copy = copy }
            let decision = copy.decideManual(code: code, entrance: entrance)
            var outcome = self.outcome(decision, copy: copy, state: state)
            outcome.manual = true
            try record(OutboxItem(id: outcome.id, payload: "", scannedAt: Self.now(), entrance: entrance, manualCode: code,
                                  reason: reason, localVerdict: decision.verdict, localCode: decision.code),
                       decision: decision, copy: &copy)
            outcome.ms = Self.milliseconds(since: readAt)
            return outcome
        }
    }

    private func outcome(_ decision: AdmissionRule.Decision, copy: DoorCopy, state: State) -> ScanOutcome {
        ScanOutcome(id: UUID().uuidString.lowercased(), verdict: decision.verdict, code: decision.code,
                    entry: decision.code.flatMap { copy.roster.entries[$0] }, sitting: copy.sitting?.name,
                    first: decision.first, offline: state.connection.isOffline, ms: 0)
    }

    /// Durable before shown: the outbox row and the admission it made, in one transaction.
    private func record(_ item: OutboxItem, decision: AdmissionRule.Decision, copy: inout DoorCopy) throws {
        var admission: (String, Admission)?
        if decision.verdict == .admitted, let code = decision.code {
            admission = (code, Admission(at: item.scannedAt, station: name))
        }
        try store.enqueue(item, sitting: copy.sitting?.id, admission: admission)
        if let (code, a) = admission { copy.admit(code, a) }
        wakeSender.yield()
    }

    public func status() -> StationStatus {
        let (connection, quorum, sitting, hasCopy, time) = state.withLock { s in
            (s.connection, s.copy?.quorum ?? Quorum(present: 0, convened: 0), s.copy?.sitting, s.copy != nil, s.copy?.time ?? .vietnam)
        }
        return StationStatus(connection: connection, unsent: (try? store.unsentCount()) ?? 0,
                             admittedHere: sitting.flatMap { try? store.admittedHere(sitting: $0.id) } ?? 0,
                             quorum: quorum, sitting: sitting?.name, hasCopy: hasCopy, time: time)
    }

    public var hasCopy: Bool { state.withLock { $0.copy != nil } }

    // MARK: Talking to the server

    /// Runs the sender and the feed follower until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.follow() }
            group.addTask { await self.send() }
        }
    }

    /// Waits until the station has a copy of the congress (at most `timeout`).
    public func waitForCopy(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !hasCopy {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Waits until the outbox is empty (at most `timeout`): true when it is.
    public func drain(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ((try? store.unsentCount()) ?? 1) > 0 {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Uploads the outbox, oldest first, in batches; backs off while the server is away.
    func send() async {
        var backoff = Backoff()
        var wakeups = wake.makeAsyncIterator()
        while !Task.isCancelled {
            let batch = (try? store.unsent(limit: 250)) ?? []
            if batch.isEmpty {
                guard await wakeups.next() != nil else { return }
                continue
            }
            do {
                let scans = batch.map { item -> ScanBatch.Scan in
                    var scan = item.wire
                    scan.station = name
                    return scan
                }
                let results = try await link.post(ScanBatch(scans: scans))
                try reconcile(batch, results)
                setConnection(.online)
                backoff.reset()
            } catch let error as LinkError {
                setConnection(Self.connection(after: error))
                try? await Task.sleep(for: backoff.next())
            } catch {
                // The local store failed to record the answers: try the batch again later
                // (the server answers the same ids with the same results).
                try? await Task.sleep(for: backoff.next())
            }
        }
    }

    /// Where the server's verdict differs from the one shown, the door shows a correction.
    /// The answers are marked in the outbox last, so that whoever waits for the outbox to
    /// drain has the corrections already in `events`.
    func reconcile(_ batch: [OutboxItem], _ results: [ScanResult]) throws {
        let items = Dictionary(batch.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var corrections: [ScanOutcome] = []
        state.withLock { state in
            guard var copy = state.copy else { return }
            state.copy = nil
            defer { state.copy = copy }
            for result in results {
                guard let item = items[result.id] else { continue }
                // A late scan the server placed in an earlier sitting says nothing of who is in now.
                if let code = result.code, result.sitting == nil || result.sitting == copy.sitting?.name {
                    switch result.verdict {
                    case .alreadyAdmitted:
                        if let at = result.firstAt, let station = result.firstStation {
                            copy.setAdmission(code, Admission(at: at, station: station))
                        }
                    case .admitted:
                        copy.admit(code, Admission(at: item.scannedAt, station: name))
                    default:
                        if item.localVerdict == .admitted, copy.admitted[code]?.station == name {
                            copy.setAdmission(code, nil)
                        }
                    }
                }
                guard result.verdict != item.localVerdict else { continue }
                corrections.append(ScanOutcome(
                    id: result.id, verdict: result.verdict, code: result.code,
                    entry: result.code.flatMap { copy.roster.entries[$0] }, sitting: result.sitting,
                    first: result.firstAt.map { Admission(at: $0, station: result.firstStation ?? "") },
                    offline: false, ms: 0, manual: item.manualCode != nil, correction: true, was: item.localVerdict))
            }
        }
        for c in corrections { eventSink.yield(.correction(c)) }
        try store.markSent(results)
    }

    /// Ends `events` (at the end of the input, once the outbox has drained).
    public func finishEvents() { eventSink.finish() }

    /// Keeps the copy current: a bootstrap when needed, then the change feed (long-poll).
    func follow() async {
        var backoff = Backoff()
        while !Task.isCancelled {
            do {
                if state.withLock({ $0.needsBootstrap }) {
                    try install(try await link.bootstrap())
                }
                let cursor = state.withLock { $0.copy?.cursor ?? 0 }
                let changes = try await link.changes(since: cursor, wait: 20)
                setConnection(.online)
                backoff.reset()
                try apply(changes)
            } catch let error as LinkError {
                setConnection(Self.connection(after: error))
                try? await Task.sleep(for: backoff.next())
            } catch {
                try? await Task.sleep(for: backoff.next())
            }
        }
    }

    /// A fresh copy from the server, keeping this door's admissions it has not sent yet.
    func install(_ bootstrap: KioskBootstrap) throws {
        let unsent = try bootstrap.sitting.map { try store.unsentAdmissions(sitting: $0.id) } ?? []
        try state.withLock { state in
            var copy = DoorCopy(bootstrap)
            for a in unsent { copy.admit(a.code, Admission(at: a.scannedAt, station: name)) }
            try store.save(copy, server: link.base)
            state.copy = copy
            state.needsBootstrap = false
        }
        setConnection(.online)
    }

    func apply(_ changes: FeedChanges) throws {
        guard !changes.events.isEmpty else { return }
        try state.withLock { state in
            guard var copy = state.copy else { return }
            state.copy = nil
            defer { state.copy = copy }
            for event in changes.events where copy.apply(event) == .reload { state.needsBootstrap = true }
            copy.cursor = max(copy.cursor, changes.cursor)
            try store.saveChanges(changes.events, copy: copy)
        }
    }

    func setConnection(_ connection: Connection) {
        let changed = state.withLock { state in
            defer { state.connection = connection }
            return state.connection != connection
        }
        if changed { eventSink.yield(.connection(connection)) }
    }

    static func connection(after error: LinkError) -> Connection {
        switch error {
        case .refused: .refused(error.description)
        case .untrusted: .untrusted(error.description)
        default: .offline(error.description)
        }
    }

    static func now() -> String { KioskClock.format(Date()) }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
}

/// Retry delays while the server is away: 0.25 s, doubling to 5 s.
struct Backoff {
    private var seconds = 0.25
    mutating func next() -> Duration {
        defer { seconds = min(seconds * 2, 5) }
        return .milliseconds(Int(seconds * 1000))
    }
    mutating func reset() { seconds = 0.25 }
}
