import Foundation
import NIOCore
import NIOHTTPTypes

/// What one client may hold of the server (giới hạn kết nối): a few hundred slow
/// connections from one laptop in the hall must not leave the kiosks and the hall screen
/// without a place. Each connection has `timeout` to send a request whole (head and
/// body) once the server is waiting for one: from when it opens, and from the end of each
/// answer, which makes it the idle timeout too. While the server answers (a long poll, the
/// hall screen's event stream) no clock runs. One address holds at most `perAddress`
/// connections; one more is closed at once.
final class ConnectionLimits: @unchecked Sendable {
    let perAddress: Int
    let timeout: TimeAmount
    private let lock = NSLock()
    private var open: [String: Int] = [:]

    init(perAddress: Int = 256, timeout: TimeAmount = .seconds(15)) {
        (self.perAddress, self.timeout) = (perAddress, timeout)
    }

    /// Counts a new connection from `address`; false when it would be one too many.
    func opened(_ address: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let n = open[address, default: 0]
        guard n < perAddress else { return false }
        open[address] = n + 1
        return true
    }

    func closed(_ address: String) {
        lock.lock()
        defer { lock.unlock() }
        let n = open[address, default: 1] - 1
        open[address] = n > 0 ? n : nil
    }

    /// Connections open now from `address` (tests).
    func count(_ address: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return open[address, default: 0]
    }

    /// A handler for one new connection.
    func handler() -> ConnectionGuard { ConnectionGuard(limits: self) }
}

/// One connection's share of `ConnectionLimits`, in its pipeline after HTTP decoding.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ConnectionLimits
    private var address: String?
    private var started = false
    private var deadline: Scheduled<Void>?
    /// A request has come in and its answer has not ended.
    private var answering = false

    init(limits: ConnectionLimits) { self.limits = limits }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard limits.opened(address) else {
            context.close(promise: nil)
            return
        }
        self.address = address
        waitForRequest(context)
    }

    /// The next request must arrive whole within the timeout.
    private func waitForRequest(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: limits.timeout) {
            loopBound.value.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: answering = true
        // the request is whole: the server's answer takes the time it takes (unless it
        // was answered already, as a body too large is, and the clock runs for the next)
        case .end where answering:
            deadline?.cancel()
            deadline = nil
        default: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            answering = false
            waitForRequest(context)
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        if let address {
            limits.closed(address)
            self.address = nil
        }
        context.fireChannelInactive()
    }
}
