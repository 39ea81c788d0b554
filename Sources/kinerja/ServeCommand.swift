import ArgumentParser
import Foundation
import Kinerja
import KinerjaHTTP
import Logging

/// `kinerja serve`: the JSON endpoint for dashboards (issue #6). Flags override the environment:
/// KINERJA_HTTP_HOST, KINERJA_HTTP_PORT, KINERJA_API_TOKENS, KINERJA_TOKENS_FILE, KINERJA_CORS_ORIGINS,
/// KINERJA_CACHE_MAX_AGE, KINERJA_POOL_SIZE, KINERJA_ACQUIRE_TIMEOUT_MS, KINERJA_STATEMENT_TIMEOUT_MS,
/// KINERJA_REQUIRE_TOKEN_EVERYWHERE, KINERJA_DB_ROLE, KINERJA_MIN_GROUP_SIZE.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the analytic questions as JSON over HTTP (GET /v1/..., /healthz, /readyz, /metrics, /openapi.json).",
        discussion: """
            Every pooled session runs as the read-only role kinerja_reader (the login role must be a member of it, \
            e.g. GRANT kinerja_reader TO dashboard). /v1/decliners and /v1/employee need Authorization: Bearer <token>; \
            tokens come from --tokens-file (one per line) or KINERJA_API_TOKENS (comma-separated). SIGTERM stops it gracefully.
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(help: ArgumentHelp("Address to listen on (default $KINERJA_HTTP_HOST or 127.0.0.1).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("Port (default $KINERJA_HTTP_PORT or 8080).", valueName: "port"))
    var port: Int?

    @Option(name: .customLong("tokens-file"), help: ArgumentHelp("File of API tokens, one per line (default $KINERJA_TOKENS_FILE).", valueName: "path"))
    var tokensFile: String?

    @Flag(name: .customLong("require-token-everywhere"), help: "Require a token on the aggregate routes too (or KINERJA_REQUIRE_TOKEN_EVERYWHERE=1).")
    var requireTokenEverywhere = false

    @Option(name: .customLong("cache-max-age"), help: ArgumentHelp("Cache-Control max-age of data responses in seconds; 0 = no-cache (default $KINERJA_CACHE_MAX_AGE or 0).", valueName: "seconds"))
    var cacheMaxAge: Int?

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp("An origin allowed by CORS, or * (repeatable; default $KINERJA_CORS_ORIGINS, comma-separated).", valueName: "origin"))
    var corsOrigins: [String] = []

    @Option(name: .customLong("pool-size"), help: ArgumentHelp("Database connections at most (default $KINERJA_POOL_SIZE or 8).", valueName: "n"))
    var poolSize: Int?

    @Option(name: .customLong("acquire-timeout-ms"), help: ArgumentHelp("Wait at most this long for a free connection, then 503 (default 2000).", valueName: "ms"))
    var acquireTimeout: Int?

    @Option(name: .customLong("statement-timeout-ms"), help: ArgumentHelp("Cancel a query after this long, then 503 (default 10000).", valueName: "ms"))
    var statementTimeout: Int?

    @Option(name: .customLong("role"), help: ArgumentHelp("Role every pooled session takes (default $KINERJA_DB_ROLE or kinerja_reader).", valueName: "role"))
    var role: String?

    @Option(help: ArgumentHelp("Suppress figures of groups smaller than this (default \(Privacy.defaultMinimumGroupSize), or $KINERJA_MIN_GROUP_SIZE).", valueName: "n"))
    var minGroupSize: Int?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be 0-65535") }
        if let poolSize, poolSize < 1 { throw ValidationError("--pool-size must be at least 1") }
        if let minGroupSize, minGroupSize < 1 { throw ValidationError("--min-group-size must be at least 1") }
    }

    func run() async throws {
        var logger = options.makeLogger("kinerja.http")
        let env = ProcessInfo.processInfo.environment
        // a server's access log (one line per request, at info) is shown unless KINERJA_LOG_LEVEL says otherwise
        if env["KINERJA_LOG_LEVEL"] == nil, logger.logLevel > .info { logger.logLevel = .info }
        func number(_ name: String) throws -> Int? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let value = Int(text), value >= 0 else { throw ValidationError("\(name) must be a non-negative integer") }
            return value
        }
        var configuration = KinerjaServer.Configuration(conninfo: try options.target.sessionConninfo(logger: logger))
        configuration.host = host ?? env["KINERJA_HTTP_HOST"] ?? "127.0.0.1"
        configuration.port = try port ?? number("KINERJA_HTTP_PORT") ?? 8080
        configuration.tokens = try TokenStore.load(file: tokensFile ?? env["KINERJA_TOKENS_FILE"], environment: env)
        configuration.requireTokenEverywhere = requireTokenEverywhere || ["1", "true", "yes"].contains(env["KINERJA_REQUIRE_TOKEN_EVERYWHERE"]?.lowercased() ?? "")
        configuration.cacheMaxAge = try cacheMaxAge ?? number("KINERJA_CACHE_MAX_AGE") ?? 0
        configuration.corsOrigins = corsOrigins.isEmpty
            ? (env["KINERJA_CORS_ORIGINS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            : corsOrigins
        configuration.maxConnections = try poolSize ?? number("KINERJA_POOL_SIZE") ?? 8
        configuration.acquireTimeout = .milliseconds(try acquireTimeout ?? number("KINERJA_ACQUIRE_TIMEOUT_MS") ?? 2000)
        configuration.statementTimeout = .milliseconds(try statementTimeout ?? number("KINERJA_STATEMENT_TIMEOUT_MS") ?? 10000)
        let chosenRole = role ?? env["KINERJA_DB_ROLE"] ?? "kinerja_reader"
        configuration.role = chosenRole.isEmpty ? nil : chosenRole
        configuration.minimumGroupSize = minGroupSize ?? Privacy.minimumGroupSize
        if configuration.tokens.isEmpty {
            logger.notice("no API tokens configured: /v1/decliners and /v1/employee answer 403\(configuration.requireTokenEverywhere ? ", and so does every data route" : "")")
        }
        logger.notice("serving on http://\(configuration.host):\(configuration.port) (database \(options.target.displayName), role \(configuration.role ?? "login role"))")
        try await KinerjaServer.run(configuration, logger: logger)
    }
}
