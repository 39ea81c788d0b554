import EmbeddedPostgres
import Foundation
import Logging
import Postgres

/// Where kinerja's data lives: an existing PostgreSQL named by a URL, or, by default, the embedded
/// cluster that kinerja runs itself under `.kinerja/db`.
public enum DatabaseTarget: Sendable {
    /// A conninfo or URL given by `--database-url` or `DATABASE_URL`.
    case external(String)
    /// The private cluster in this folder, with this database name.
    case embedded(directory: URL, database: String)

    /// The database used when the user names none.
    public static let defaultDatabaseName = "kinerja"

    /// `--database-url`, else `DATABASE_URL`, else the embedded cluster.
    /// - Parameter cluster: the embedded cluster's folder name under `.kinerja/` ("db"; tests use "test-db").
    public static func resolve(url: String?, cluster: String = "db", environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseTarget {
        if let url, !url.isEmpty { return .external(url) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .external(url) }
        return .embedded(directory: EmbeddedPostgres.defaultDirectory(named: cluster), database: defaultDatabaseName)
    }

    /// A conninfo to connect with. For the embedded target this starts the cluster when it is not
    /// running and creates the database when it is missing.
    public func conninfo(logger: Logger) throws -> String {
        switch self {
        case .external(let url):
            return url
        case .embedded(let directory, let database):
            let cluster = EmbeddedPostgres(directory: directory)
            let info = try cluster.start()
            try Self.ensureDatabase(database, maintenanceURL: info.url(database: "postgres"), logger: logger)
            return info.url(database: database)
        }
    }

    /// Connects (starting the embedded cluster if needed), with the session settings.
    public func connect(logger: Logger) throws -> PostgresConnection {
        // the embedded cluster's server is nearly always up already: try it before start()'s checks
        if case .embedded(let directory, let database) = self,
           let server = EmbeddedPostgres(directory: directory).lastStartedServer(),
           let connection = try? PostgresConnection.connect(Self.addingSessionSettings(to: server.url(database: database)), logger: logger) {
            return connection
        }
        return try PostgresConnection.connect(sessionConninfo(logger: logger), logger: logger)
    }

    /// `conninfo(logger:)` with `sessionSettings` added to libpq's `options`: what every kinerja
    /// session (CLI, loader, HTTP pool) connects with.
    public func sessionConninfo(logger: Logger) throws -> String {
        try Self.addingSessionSettings(to: conninfo(logger: logger))
    }

    /// Settings of every kinerja session. JIT off: the analytic queries are many small plan nodes
    /// over well-indexed data, and PostgreSQL's cost threshold made it compile them on large
    /// years: 1–3 s of compilation for queries that then ran in 0.1–0.3 s (benchmarks/consistency).
    public static let sessionSettings = ["jit": "off"]

    /// The conninfo (URL or key=value) with `-c name=value` for each session setting added to `options`
    /// (settings the conninfo already sets there are left as given).
    public static func addingSessionSettings(to conninfo: String) throws -> String {
        var options = try PostgresConninfo.parse(conninfo)
        let given = options["options"] ?? ""
        let added = sessionSettings.sorted { $0.key < $1.key }
            .filter { !given.contains("\($0.key)=") }
            .map { "-c \($0.key)=\($0.value)" }
        options["options"] = ([given] + added).filter { !$0.isEmpty }.joined(separator: " ")
        return PostgresConninfo.build(options)
    }

    /// A description safe to print: the URL without its password.
    public var displayName: String {
        switch self {
        case .external(let url): return Self.redactPassword(url)
        case .embedded(let directory, let database): return "embedded cluster at \(directory.path), database \(database)"
        }
    }

    static func ensureDatabase(_ name: String, maintenanceURL: String, logger: Logger) throws {
        let admin = try PostgresConnection.connect(maintenanceURL, logger: logger)
        defer { admin.close() }
        let exists = try admin.query("SELECT count(*) FROM pg_database WHERE datname = \(name)").scalar(Int.self) > 0
        if !exists {
            let statement = "CREATE DATABASE \(try admin.quoteIdentifier(name))"
            do {
                try admin.execute(statement)
                logger.info("created database \(name)")
            } catch {
                // 42P04: created meanwhile by a concurrent caller, which is fine
                guard (error as any Error as? PostgresError)?.sqlState == SQLState("42P04") else { throw error }
            }
        }
    }

    /// `postgresql://user:secret@host/db` → `postgresql://user:***@host/db`; `password=x` → `password=***`.
    public static func redactPassword(_ conninfo: String) -> String {
        var text = conninfo
        if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") {
            let credentials = text[scheme.upperBound..<at]
            if let colon = credentials.firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        return text.replacingOccurrences(of: #"password\s*=\s*('[^']*'|\S+)"#, with: "password=***", options: .regularExpression)
    }
}
