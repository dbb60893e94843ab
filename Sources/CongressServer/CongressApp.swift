import CongressCore
import CongressStore
import Hummingbird
import Logging

/// The congress server: one store, one router, the live events.
public enum CongressApp {
    /// `signingKey` lets the secretariat's pages reissue badges; without it they cannot.
    public static func router(store: CongressStore, signingKey: CongressSigningKey? = nil) -> Router<CongressRequestContext> {
        let runner = StoreRunner(store: store)
        let live = LiveEvents(makeBoard: {
            try? await runner.run { store in try BoardSnapshot.make(store) }.json
        })
        let router = Router(context: CongressRequestContext.self)
        router.add(middleware: LanguageChoice())
        router.add(middleware: SecurityHeaders())
        let tokens = TokenCache()
        router.add(middleware: Authentication(store: runner, tokens: tokens))
        router.add(middleware: APIRoleGate())
        router.add(middleware: PageGate())
        let keys = (try? store.signatureVerifier()) ?? CredentialVerifier(publicKeys: [:])
        Routes(store: runner, live: live, committer: ScanCommitter(store: store, keys: keys)).addRoutes(to: router)
        SignInPages(store: runner).addRoutes(to: router)
        DelegatePages(store: runner, live: live, signingKey: signingKey).addRoutes(to: router)
        SittingPages(store: runner, live: live).addRoutes(to: router)
        StaticFiles().addRoutes(to: router)
        ImportPages(store: runner, live: live, signingKey: signingKey).addRoutes(to: router)
        BadgePages(store: runner).addRoutes(to: router)
        ElectionPages(store: runner, live: live).addRoutes(to: router)
        ReviewPages(store: runner).addRoutes(to: router)
        DevicesPages(store: runner, tokens: tokens).addRoutes(to: router)
        ElectionSetupPages(store: runner, signingKey: signingKey).addRoutes(to: router)
        ReportPages(store: runner).addRoutes(to: router)
        return router
    }

    public static func application(store: CongressStore, signingKey: CongressSigningKey? = nil,
                                   host: String = "127.0.0.1", port: Int = 8080,
                                   logLevel: Logger.Level = .info) -> some ApplicationProtocol {
        var logger = Logger(label: "congress.server")
        logger.logLevel = logLevel
        return Application(router: router(store: store, signingKey: signingKey),
                           configuration: .init(address: .hostname(host, port: port), serverName: "congress"),
                           logger: logger)
    }
}
