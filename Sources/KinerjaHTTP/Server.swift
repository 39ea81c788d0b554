import Foundation
import Hummingbird
import Kinerja
import Logging
import Postgres

/// `kinerja serve`: the JSON endpoint for dashboards.
public enum KinerjaServer {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// The database (URL or conninfo) as given; every pooled session runs as `role`.
        public var conninfo: String
        /// The role each pooled session takes (`SET ROLE` through libpq's `options`); nil keeps the login role.
        public var role: String? = "kinerja_reader"
        public var maxConnections = 8
        public var acquireTimeout: Duration = .seconds(2)
        public var statementTimeout: Duration = .seconds(10)
        public var tokens = TokenStore(tokens: [])
        public var requireTokenEverywhere = false
        /// `Cache-Control: max-age=N` on data responses (0: `no-cache`, revalidate each time with the ETag).
        public var cacheMaxAge = 0
        /// Origins allowed by CORS (`*` for any); empty: no CORS headers.
        public var corsOrigins: [String] = []
        public var minimumGroupSize = Privacy.minimumGroupSize
        /// How often the in-memory data version is re-read.
        public var versionRefreshInterval: Duration = .seconds(1)
        /// Bodies at least this big are gzipped when the client accepts it.
        public var gzipMinimumBytes = 512

        public init(conninfo: String) { self.conninfo = conninfo }
    }

    /// The conninfo with `-c role=<role>` added to libpq's `options`, so each session starts as that role.
    public static func conninfo(_ conninfo: String, role: String?) throws -> String {
        var options = try PostgresConninfo.parse(conninfo)
        if let role {
            let setting = "-c role=\(role)"
            options["options"] = [options["options"], setting].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        }
        if options["application_name"] == nil { options["application_name"] = "kinerja-serve" }
        return PostgresConninfo.build(options)
    }

    /// The pool the server reads through: bounded, with acquire and statement timeouts, as `role`.
    public static func makePool(_ configuration: Configuration, logger: Logger) throws -> PostgresPool {
        PostgresPool(.init(
            conninfo: try conninfo(configuration.conninfo, role: configuration.role),
            maxConnections: configuration.maxConnections,
            acquireTimeout: configuration.acquireTimeout,
            statementTimeout: configuration.statementTimeout), logger: logger)
    }

    /// The application: the responder, and the data-version refresher as a service. Run it with
    /// `runService()` (graceful shutdown on SIGTERM/SIGINT); shut the pool down afterwards.
    public static func makeApplication(_ configuration: Configuration, pool: PostgresPool, logger: Logger) -> some ApplicationProtocol {
        let versions = ETagCache(pool: pool, refreshInterval: configuration.versionRefreshInterval, logger: logger)
        let responder = APIResponder(configuration: configuration, pool: pool, versions: versions, metrics: MetricsExporter(), logger: logger)
        return makeApplication(configuration, responder: responder, logger: logger)
    }

    /// Runs until SIGTERM or SIGINT, then stops gracefully: the listener closes, requests in flight
    /// finish, the version refresher stops, and the pool closes its connections.
    public static func run(_ configuration: Configuration, logger: Logger) async throws {
        let pool = try makePool(configuration, logger: logger)
        defer { pool.shutdown() }
        try await makeApplication(configuration, pool: pool, logger: logger).runService()
    }

    public static func makeApplication(_ configuration: Configuration, responder: APIResponder, logger: Logger) -> Application<APIResponder> {
        Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "kinerja"),
            services: [responder.versions],
            logger: logger)
    }
}
