import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RoadmapKit

/// `roadmap serve`: the roadmap in a browser (SPEC §16, docs/serve.md).
public enum RoadmapServer {
    /// The router with every route behind the one guard.
    static func router(_ app: WebApp) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityMiddleware(app: app))
        ReadRoutes(app: app).register(router)
        ItemRoutes(app: app).register(router)
        ProposalRoutes(app: app).register(router)
        MarketingRoutes(app: app).register(router)
        LoginRoutes(app: app).register(router)
        ExportRoute(app: app).register(router)
        return router
    }

    /// The application for `options` (tests drive it with HummingbirdTesting).
    public static func application(_ options: ServeOptions, onRunning: @escaping @Sendable (String) -> Void = { _ in })
        throws -> some ApplicationProtocol {
        let app = try WebApp(options: options)
        var logger = Logger(label: "roadmap-serve")
        logger.logLevel = .error
        let host = options.host
        return Application(
            router: router(app),
            server: .http1(configuration: .init(additionalChannelHandlers: [ParserErrorResponder()],
                                                httpDecoderConfiguration: ParserErrorResponder.decoderConfiguration)),
            configuration: .init(address: .hostname(host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let shown = host.contains(":") ? "[\(host)]" : host
                onRunning("http://\(shown):\(port)/")
            },
            logger: logger
        )
    }

    /// Serves until SIGINT or SIGTERM, then stops cleanly (open requests finish first).
    public static func run(_ options: ServeOptions, onRunning: @escaping @Sendable (String) -> Void) async throws {
        let server = try Self.application(options, onRunning: onRunning)
        try await server.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
