import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HummingbirdBcrypt
import NIOCore
import NIOPosix

/// The guard at the sign-in form (chống dò mật khẩu): passwords are checked on a thread of
/// their own, a few at a time, so that a flood of sign-ins (an attacker's or a whole desk
/// signing in at 7:30) never takes the threads the kiosks, the hall screen and the store
/// run on; and guessing is slowed per account and per client address, then locked.
final class SignInGuard: Sendable {
    /// bcrypt's work runs here: one thread, half of a two-core laptop at most, never the
    /// store's threads or Swift's cooperative pool.
    private let pool: NIOThreadPool
    /// Where a check's answer is handed back to the waiting sign-in: never the guard's own
    /// low-priority thread, whose priority a thread started from it would inherit (Swift's
    /// executor starts its worker threads from the thread that wakes a task).
    private let answerLoop: EventLoop = MultiThreadedEventLoopGroup.singleton.next()
    /// Checks running or waiting at most; one more is answered at once (429).
    let capacity: Int
    private let waiting = LockedCounter()
    let throttle: SignInThrottle
    /// A hash of the cost real ones have (`congress user add` makes cost 12), checked for a
    /// name nobody has: the same work, so the same time, whether the name exists or not.
    /// Made on the pool the first time it is needed, not at start-up.
    private let decoy = LockedValue<String?>(nil)
    private let cost: UInt8

    init(capacity: Int = 16, throttle: SignInThrottle = SignInThrottle(), cost: UInt8 = 12) {
        pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        // The hall before the desk: the thread yields the cores to the kiosks, the hall
        // screen and the store whenever they want them (nice 19). A sign-in waits a little
        // longer on a busy machine; on a quiet one bcrypt still has a whole core. On Linux
        // PRIO_PROCESS with 0 names the calling thread alone; the first work the pool's one
        // thread takes is this.
        // Only when it runs on the pool's thread: a pool shut down before its thread took the
        // item runs it, cancelled, on a shared dispatch thread, which must keep its priority
        // (CI found Swift's tasks running at 19 after a guard made and dropped at once)
        pool.submit { state in
            guard case .active = state else { return }
            Self.yieldToTheHall()
        }
        self.capacity = capacity
        self.throttle = throttle
        self.cost = cost
    }

    deinit {
        // the pool's one thread ends with the server; nothing waits on it by then
        pool.shutdownGracefully { _ in }
    }

    /// Lowers the calling thread's priority as far as it goes (a failure leaves it as it was).
    private static func yieldToTheHall() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }

    /// The guard thread's scheduling priority as the system sees it (19: it yields to everything).
    func niceness() async -> Int32? {
        #if canImport(Glibc)
        // a pool shut down has no thread to ask
        return try? await pool.runIfActive(eventLoop: answerLoop) { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }.get()
        #else
        return nil
        #endif
    }

    /// Runs `work` on the guard's thread without waiting for it (tests hold the thread with it).
    func submit(_ work: @escaping @Sendable () -> Void) {
        pool.submit { _ in work() }
    }

    /// Checks running or waiting now.
    var checksUnderWay: Int { waiting.value }

    /// How long, in seconds, a sign-in over the cap is told to wait (Retry-After): the
    /// queue's length at bcrypt's pace, at least one second.
    var retryAfter: Int { max(1, capacity * 7 / 10) }

    /// A new password's hash, made on the guard's thread (an admin giving a password; not capped).
    func hash(_ password: String) async -> String {
        let cost = self.cost
        // a pool shut down (the server stopping) makes it here instead
        return (try? await pool.runIfActive(eventLoop: answerLoop) { Bcrypt.hash(password, cost: cost) }.get()) ?? Bcrypt.hash(password, cost: cost)
    }

    /// Checks a password against a hash (nil: nobody has that name; the decoy is checked).
    /// Nil when the checks are at capacity: the caller answers 429 without waiting.
    func verify(_ password: String, hash: String?) async -> Bool? {
        guard waiting.enter(limit: capacity) else { return nil }
        defer { waiting.leave() }
        let (decoy, cost) = (self.decoy, self.cost)
        // a pool shut down (the server stopping) checks nothing: not signed in
        let result = try? await pool.runIfActive(eventLoop: answerLoop) {
            if let hash { return Bcrypt.verify(password, hash: hash) }
            let made = decoy.get() ?? Bcrypt.hash("decoy \(UUID().uuidString)", cost: cost)
            decoy.set(made)
            return Bcrypt.verify(password, hash: made)
        }.get()
        return (result ?? false) && hash != nil
    }
}

/// A value shared between threads.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func get() -> Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    @discardableResult
    func set(_ new: Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        value = new
        return new
    }
}

/// A count of work under way, with a ceiling.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func enter(limit: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard count < limit else { return false }
        count += 1
        return true
    }

    var value: Int { lock.withLock { count } }

    func leave() {
        lock.lock()
        defer { lock.unlock() }
        count -= 1
    }
}

/// Failed sign-ins counted per account (its name as the form normalises it) and per client
/// address. After a few failures in a row each next try must wait, twice as long each time
/// (up to five minutes); a try before then is refused at once, without checking the
/// password. `lockAfter` failures in a row on one name lock it (the store keeps the lock;
/// an admin lifts it). One address has at most two checks under way at once.
actor SignInThrottle {
    struct Record { var failures = 0; var until = -Double.infinity; var inFlight = 0; var last = -Double.infinity }

    enum Decision: Equatable {
        case go
        /// Try again after this many seconds: failures in a row.
        case wait(Int)
        /// This address has its checks under way already: try again in a moment.
        case busy
    }

    private var accounts: [String: Record] = [:]
    private var addresses: [String: Record] = [:]
    /// Seconds on a monotonic clock; injected so that tests move time instead of sleeping.
    private let now: @Sendable () -> Double
    static let freeAccountFailures = 3
    static let freeAddressFailures = 10
    static let lockAfter = 10
    static let maxDelay = 300.0
    static let parallelPerAddress = 2
    static let forgiveAfter = 900.0
    /// Names and addresses remembered at most; past it the expired ones are forgotten.
    static let remembered = 50_000

    init(now: @escaping @Sendable () -> Double = SignInThrottle.monotonicSeconds) { self.now = now }

    static func monotonicSeconds() -> Double {
        let origin = start
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
    private static let start = ContinuousClock.now

    /// The account's key: what the sign-in looks up (trimmed, lower case, NFC), so that
    /// " Thuky " and "THUKY" share one counter.
    static func account(_ typed: String) -> String {
        typed.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
    }

    /// May this try go ahead now? When it may, it is counted as under way until `finished`.
    func begin(account: String, address: String) -> Decision {
        let t = now()
        let a = accounts[account] ?? Record(), c = addresses[address] ?? Record()
        let until = max(a.until, c.until)
        if until > t { return .wait(Int((until - t).rounded(.up))) }
        if c.inFlight >= Self.parallelPerAddress { return .busy }
        addresses[address, default: Record()].inFlight += 1
        return .go
    }

    /// A try that went ahead but was not checked (the checks were full): not a failure.
    func cancelled(address: String) { addresses[address, default: Record()].inFlight -= 1 }

    /// The try's outcome; answers the account's failures in a row (0 after a success).
    @discardableResult
    func finished(account: String, address: String, succeeded: Bool) -> Int {
        let t = now()
        addresses[address, default: Record()].inFlight -= 1
        if succeeded {
            accounts[account] = nil
            return 0
        }
        var a = accounts[account] ?? Record()
        // a quarter of an hour without a failure starts the count again
        if t - a.last > Self.forgiveAfter { a.failures = 0 }
        a.failures += 1
        a.last = t
        a.until = t + Self.delay(a.failures, free: Self.freeAccountFailures)
        accounts[account] = a
        var c = addresses[address] ?? Record()
        if t - c.last > Self.forgiveAfter { c.failures = 0 }
        c.failures += 1
        c.last = t
        c.until = t + Self.delay(c.failures, free: Self.freeAddressFailures)
        addresses[address] = c
        forgetExpired(at: t)
        return a.failures
    }

    /// `free` failures cost nothing; after them 1, 2, 4 … seconds before each next try, at most `maxDelay`.
    static func delay(_ failures: Int, free: Int) -> Double {
        failures < free ? 0 : min(maxDelay, Double(1 << min(failures - free, 20)))
    }

    /// Keeps the memory bounded whatever names an attacker types.
    private func forgetExpired(at t: Double) {
        guard accounts.count + addresses.count > Self.remembered else { return }
        accounts = accounts.filter { $0.value.until > t }
        addresses = addresses.filter { $0.value.until > t || $0.value.inFlight > 0 }
        if accounts.count > Self.remembered { accounts.removeAll() }
    }
}
