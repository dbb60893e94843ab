import CongressCore
@testable import CongressServer
import CongressStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// A clock the tests move by hand.
final class HandClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 1_000.0
    var now: Double { lock.withLock { seconds } }
    func advance(_ by: Double) { lock.withLock { seconds += by } }
}

@Suite("Sign-in cannot stall the hall, and guessing goes nowhere")
struct SignInGuardTests {
    /// The throttle as a table: each failure in a row, and what the next try is told.
    @Test func failuresInARowMakeEachNextTryWaitLonger() async {
        let clock = HandClock()
        let throttle = SignInThrottle(now: { clock.now })
        var told: [SignInThrottle.Decision] = []
        for _ in 0..<6 {
            // a try as soon as it is allowed; one a moment before is refused without a check
            while case let .wait(seconds) = await throttle.begin(account: "thuky", address: "10.0.0.5") {
                told.append(.wait(seconds))
                clock.advance(Double(seconds))
            }
            await throttle.finished(account: "thuky", address: "10.0.0.5", succeeded: false)
        }
        // three free, then 1, 2, 4 s
        #expect(told == [.wait(1), .wait(2), .wait(4)], "\(told)")
        // another name from the same address is not held by thuky's count (the address's own starts at 10)
        #expect(await throttle.begin(account: "kiemphieu", address: "10.0.0.5") == .go)
    }

    @Test func anAccountIsOneAccountHoweverItIsTyped() async {
        let clock = HandClock()
        let throttle = SignInThrottle(now: { clock.now })
        for typed in ["thuky", " thuky ", "ThuKy\t"] {
            let key = SignInThrottle.account(typed)
            #expect(key == "thuky")
            _ = await throttle.begin(account: key, address: "10.0.0.\(typed.count)")
            await throttle.finished(account: key, address: "10.0.0.\(typed.count)", succeeded: false)
        }
        // three failures, from three addresses: the name waits (README: three free per account)
        #expect(await throttle.begin(account: SignInThrottle.account(" Thuky"), address: "10.0.0.99") == .wait(1))
        // NFC: a name typed decomposed is the same name
        #expect(SignInThrottle.account("Nguye\u{302}\u{303}n") == SignInThrottle.account("Nguyễn"))
    }

    @Test func oneAddressGuessingManyNamesIsSlowedToo() async {
        let clock = HandClock()
        let throttle = SignInThrottle(now: { clock.now })
        for n in 0..<SignInThrottle.freeAddressFailures {
            #expect(await throttle.begin(account: "name\(n)", address: "10.0.0.7") == .go)
            await throttle.finished(account: "name\(n)", address: "10.0.0.7", succeeded: false)
        }
        #expect(await throttle.begin(account: "another", address: "10.0.0.7") == .wait(1))
        #expect(await throttle.begin(account: "another", address: "10.0.0.8") == .go, "another address is not held")
        // a quarter of an hour later the address starts again
        clock.advance(SignInThrottle.forgiveAfter + 1)
        #expect(await throttle.begin(account: "another", address: "10.0.0.7") == .go)
    }

    @Test func oneAddressHasAtMostTwoChecksUnderWay() async {
        let throttle = SignInThrottle(now: { 5 })
        #expect(await throttle.begin(account: "a", address: "10.0.0.9") == .go)
        #expect(await throttle.begin(account: "b", address: "10.0.0.9") == .go)
        #expect(await throttle.begin(account: "c", address: "10.0.0.9") == .busy)
        await throttle.finished(account: "a", address: "10.0.0.9", succeeded: true)
        #expect(await throttle.begin(account: "c", address: "10.0.0.9") == .go)
    }

    /// Over the cap the answer comes at once; the check already under way is not disturbed.
    @Test func overTheCapTheAnswerIsAtOnce() async throws {
        let guardian = SignInGuard(capacity: 1, cost: 4)
        let hash = Bcrypt.hash("mật khẩu đúng", cost: 11)
        let first = Task { await guardian.verify("mật khẩu đúng", hash: hash) }
        while guardian.checksUnderWay == 0 { await Task.yield() }
        let start = ContinuousClock.now
        #expect(await guardian.verify("mật khẩu đúng", hash: hash) == nil, "a second check over the cap of one is refused")
        #expect(ContinuousClock.now - start < .milliseconds(20), "at once")
        #expect(await first.value == true, "the first is not disturbed")
        #expect(await guardian.verify("mật khẩu đúng", hash: hash) == true, "and one goes again once the first is done")
    }

    /// The guard's thread yields the cores to the hall's work (nice 19), and the server's
    /// own threads keep their priority.
    @Test func checksYieldTheCoresToTheHall() async throws {
        let guardian = SignInGuard(cost: 4)
        #if canImport(Glibc)
        #expect(await guardian.niceness() == 19)
        // the answer comes back on a thread of the server's own priority: a sign-in goes on
        // there, and no thread Swift starts to run it inherits the guard's (CI once found a
        // test resumed at 19 when answers were handed back from the guard's thread)
        let hash = Bcrypt.hash("x", cost: 4)
        for _ in 0..<30 {
            #expect(await guardian.verify("x", hash: hash) == true, "and it still checks")
            #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == 0, "the caller's thread is left as it was")
        }
        #endif
    }

    /// A guard made and dropped at once (as every router built in a test makes one) shuts
    /// its pool before the pool's thread has taken its first item; the item is then run,
    /// cancelled, on a shared dispatch thread. It must not lower that thread's priority:
    /// the server's own work and Swift's tasks run there next.
    @Test func aGuardDroppedAtOnceLeavesTheSharedThreadsAlone() async throws {
        #if canImport(Glibc)
        for _ in 0..<200 { _ = SignInGuard(cost: 4) }
        // the cancelled items run on the global queue: wait until they have, then look at
        // the threads that queue runs its work on
        try await Task.sleep(for: .milliseconds(300))
        final class Seen: @unchecked Sendable {
            private let lock = NSLock()
            private var values: [Int32] = []
            func add(_ value: Int32) { lock.lock(); values.append(value); lock.unlock() }
            var all: [Int32] { lock.lock(); defer { lock.unlock() }; return values }
        }
        let seen = Seen()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        DispatchQueue.global().async {
                            usleep(2_000)
                            seen.add(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))
                            done.resume()
                        }
                    }
                }
            }
        }
        let priorities = seen.all
        #expect(priorities.count == 64 && priorities.allSatisfy { $0 == 0 }, "\(priorities)")
        #endif
    }

    /// A name nobody has costs the same check as one that exists.
    @Test func unknownNamesTakeTheSameTime() async throws {
        let guardian = SignInGuard(cost: 10)
        let hash = Bcrypt.hash("mật khẩu đúng", cost: 10)
        _ = await guardian.verify("warm", hash: nil)  // the decoy is made once
        func time(_ hash: String?) async -> Duration {
            let start = ContinuousClock.now
            _ = await guardian.verify("sai", hash: hash)
            return ContinuousClock.now - start
        }
        // interleaved, so that whatever else the machine does weighs on both alike
        var known: [Duration] = [], unknown: [Duration] = []
        for _ in 0..<9 {
            known.append(await time(hash))
            unknown.append(await time(nil))
        }
        let (k, u) = (known.sorted()[4], unknown.sorted()[4])
        #expect(u > k * 0.5 && u < k * 2, "median known \(k), unknown \(u)")
        #expect(await guardian.verify("mật khẩu đúng", hash: nil) == false, "no password opens a name nobody has")
    }

    /// Sixteen checks queued behind a guard thread that is busy: the store and the API
    /// answer all the same, because nothing of a check waits on their threads.
    @Test func checksDoNotHoldTheServersThreads() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.addPerson(username: "thuky", name: "x", role: .credentials, passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 4), actor: "t")
        let guardian = SignInGuard(cost: 4)
        let held = DispatchSemaphore(value: 0)
        guardian.submit { held.wait() }  // the guard's one thread, busy until the reads are done
        let app = Application(router: CongressApp.build(store: fixture.store, signIn: guardian).router)
        try await app.test(.router) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for n in 0..<16 {
                    group.addTask {
                        try await client.execute(uri: "/login", method: .post, headers: WebTests.formHeaders,
                                                 body: WebTests.form(["username": "u\(n)", "password": "sai"])) { $0.status }
                    }
                }
                for _ in 0..<400 where guardian.checksUnderWay < 2 { try await Task.sleep(for: .milliseconds(10)) }
                for _ in 0..<20 {
                    try await client.execute(uri: "/api/v1/quorum", method: .get, headers: fixture.headers(.viewer)) { #expect($0.status == .ok) }
                    try await client.execute(uri: "/api/v1/delegates?search=nguyen", method: .get, headers: fixture.headers(.credentials)) { #expect($0.status == .ok) }
                }
                // every read answered while the checks still wait for the guard's thread
                #expect(guardian.checksUnderWay >= 2)
                held.signal()
                let statuses = try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                // two checked (one address may have two under way), the rest told to come back at once
                #expect(statuses.filter { $0 == .unauthorized }.count == 2, "\(statuses)")
                #expect(statuses.filter { $0 == .tooManyRequests }.count == 14)
            }
        }
    }

    /// Ten wrong passwords lock the name: the right one no longer works, the admin sees the
    /// lock and lifts it, and the log says so.
    @Test func tenFailuresLockTheAccountUntilTheAdminLiftsIt() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.addPerson(username: "thuky", name: "Tổ thư ký", role: .credentials, passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 4), actor: "t")
        _ = try fixture.store.addPerson(username: "bantochuc", name: "Ban tổ chức", role: .admin, passwordHash: Bcrypt.hash("quản trị viên", cost: 4), actor: "t")
        let clock = HandClock()
        let app = Application(router: CongressApp.build(store: fixture.store, signIn: SignInGuard(throttle: SignInThrottle(now: { clock.now }), cost: 4)).router)
        try await app.test(.router) { client in
            let admin = try #require(try await WebTests().signIn(client, "bantochuc", "quản trị viên"))
            var last = ""
            for _ in 0..<SignInThrottle.lockAfter {
                clock.advance(SignInThrottle.maxDelay)  // past any wait
                last = try await client.execute(uri: "/login", method: .post, headers: WebTests.formHeaders,
                                                body: WebTests.form(["username": " ThuKy ", "password": "đoán"])) { r in
                    #expect(r.status == .unauthorized)
                    return String(buffer: r.body)
                }
            }
            #expect(last.contains("nếu tài khoản có thật, nó đã bị khoá"))
            #expect(try fixture.store.people().first { $0.username == "thuky" }?.lockedAt != nil)
            clock.advance(SignInThrottle.maxDelay)
            #expect(try await WebTests().signIn(client, "thuky", "mật khẩu đúng") == nil, "the right password does not open a locked account")
            var h = HTTPFields.fromOurPages
            h[.cookie] = admin
            let page = try await client.execute(uri: "/devices", method: .get, headers: h) { String(buffer: $0.body) }
            #expect(page.contains("Bị khoá từ"))
            #expect(page.contains("action=\"/devices/people/thuky/unlock\""))
            try await client.execute(uri: "/devices/people/thuky/unlock", method: .post, headers: h) { #expect($0.status == .seeOther) }
            clock.advance(SignInThrottle.maxDelay)
            #expect(try await WebTests().signIn(client, "thuky", "mật khẩu đúng") != nil, "unlocked, the right password works")
        }
        let actions = try fixture.store.auditEntries().map(\.action)
        #expect(actions.contains("person.lock") && actions.contains("person.unlock"))
    }

    /// Over the cap, the sign-in page says to try again, with Retry-After, and checks nothing.
    @Test func aFullDeskIsToldToComeBack() async throws {
        let fixture = try ServerFixture()
        _ = try fixture.store.addPerson(username: "thuky", name: "x", role: .credentials, passwordHash: Bcrypt.hash("mật khẩu đúng", cost: 11), actor: "t")
        let app = Application(router: CongressApp.build(store: fixture.store, signIn: SignInGuard(capacity: 1, cost: 11)).router)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let answers = try await withThrowingTaskGroup(of: (Int, String?, String).self) { group in
                for n in 0..<6 {
                    group.addTask {
                        let one = Prober(port: port, timeout: .seconds(60))
                        defer { one.close() }
                        var h = WebTests.formHeaders
                        h[.contentType] = "application/x-www-form-urlencoded"
                        let r = try await one.execute("/login", .post, h, WebTests.form(["username": "u\(n)", "password": "sai"]))
                        return (Int(r?.status.code ?? 0), r?.headers[.retryAfter], String(buffer: r?.body ?? ByteBuffer()))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let busy = answers.filter { $0.0 == 429 }
            #expect(!busy.isEmpty, "\(answers.map(\.0))")
            #expect(busy.allSatisfy { $0.1 != nil && $0.2.contains("Nhiều người đang đăng nhập cùng lúc") })
        }
    }
}
