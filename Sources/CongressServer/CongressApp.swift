import CongressCore
import CongressStore
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import Logging

/// The congress server: one store, one router, the live events.
public enum CongressApp {
    /// `signingKey` lets the secretariat's pages reissue badges; without it they cannot.
    /// `tls`: served over HTTPS, so every cookie is `Secure` and browsers are told to stay on HTTPS.
    /// `passwordCost`: the bcrypt cost of the people's passwords (`congress user add` uses
    /// 12), so that a name nobody has costs the same check.
    public static func router(store: CongressStore, signingKey: CongressSigningKey? = nil, tls: Bool = false,
                              passwordCost: UInt8 = 12) -> Router<CongressRequestContext> {
        build(store: store, signingKey: signingKey, tls: tls, signIn: SignInGuard(cost: passwordCost)).router
    }

    /// The router, and every route it holds with its rule (the access tests read them).
    static func build(store: CongressStore, signingKey: CongressSigningKey? = nil, tls: Bool = false, signIn: SignInGuard = SignInGuard())
        -> (router: Router<CongressRequestContext>, routes: GatedRouter.Ledger) {
        let runner = StoreRunner(store: store)
        let live = LiveEvents(makeBoard: {
            try? await runner.run { store in try BoardSnapshot.make(store) }.json
        })
        let router = Router(context: CongressRequestContext.self)
        router.add(middleware: LanguageChoice())
        router.add(middleware: SecurityHeaders(tls: tls))
        let tokens = TokenCache()
        let authentication = Authentication(store: runner, tokens: tokens)
        router.add(middleware: authentication)
        let gated = GatedRouter(router, tokens: authentication)
        let keys = (try? store.signatureVerifier()) ?? CredentialVerifier(publicKeys: [:])
        Routes(store: runner, live: live, committer: ScanCommitter(store: store, keys: keys)).addRoutes(to: gated)
        SignInPages(store: runner, guardian: signIn).addRoutes(to: gated)
        DelegatePages(store: runner, live: live, signingKey: signingKey).addRoutes(to: gated)
        SittingPages(store: runner, live: live).addRoutes(to: gated)
        StaticFiles().addRoutes(to: gated)
        ImportPages(store: runner, live: live, signingKey: signingKey).addRoutes(to: gated)
        BadgePages(store: runner).addRoutes(to: gated)
        ElectionPages(store: runner, live: live).addRoutes(to: gated)
        ReviewPages(store: runner).addRoutes(to: gated)
        DevicesPages(store: runner, tokens: tokens, guardian: signIn).addRoutes(to: gated)
        ElectionSetupPages(store: runner, signingKey: signingKey).addRoutes(to: gated)
        ReportPages(store: runner).addRoutes(to: gated)
        return (router, gated.ledger)
    }

    /// How the server listens: where, HTTPS or not, what one client may hold.
    public struct Listening: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// PEM files of the certificate (with its chain) and its private key: HTTPS.
        public var tls: (certificate: String, key: String)?
        /// Connections one client address may hold at once.
        public var connectionsPerAddress = 256
        /// Seconds a connection has to send a request whole once the server waits for one.
        public var requestTimeout = 15
        /// The counts themselves, when a test wants to read them.
        var limits: ConnectionLimits?

        public init(host: String = "127.0.0.1", port: Int = 8080, tls: (certificate: String, key: String)? = nil) {
            (self.host, self.port, self.tls) = (host, port, tls)
        }
    }

    /// The certificate or key given for HTTPS could not be read.
    public struct TLSFilesUnreadable: Error {
        public var reason: String
    }

    public static func application(store: CongressStore, signingKey: CongressSigningKey? = nil,
                                   listening: Listening = Listening(), logLevel: Logger.Level = .info) throws -> some ApplicationProtocol {
        var logger = Logger(label: "congress.server")
        logger.logLevel = logLevel
        let limits = listening.limits ?? ConnectionLimits(perAddress: listening.connectionsPerAddress, timeout: .seconds(Int64(listening.requestTimeout)))
        let http = HTTP1Channel.Configuration(additionalChannelHandlers: [limits.handler()])
        let server: HTTPServerBuilder
        if let tls = listening.tls {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
                guard !chain.isEmpty else { throw TLSFilesUnreadable(reason: "\(tls.certificate): no certificate") }
                let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
                var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
                // TLS 1.0 and 1.1 are broken and withdrawn (RFC 8996); every browser and the kiosk speak 1.2
                configuration.minimumTLSVersion = .tlsv12
                server = try .tls(.http1(configuration: http), tlsConfiguration: configuration)
            } catch let error as TLSFilesUnreadable {
                throw error
            } catch {
                throw TLSFilesUnreadable(reason: "\(error)")
            }
        } else {
            server = .http1(configuration: http)
        }
        return Application(router: router(store: store, signingKey: signingKey, tls: listening.tls != nil),
                           server: server,
                           configuration: .init(address: .hostname(listening.host, port: listening.port), serverName: "congress",
                                                availableConnectionsDelegate: MaximumAvailableConnections(4_000)),
                           logger: logger)
    }
}
