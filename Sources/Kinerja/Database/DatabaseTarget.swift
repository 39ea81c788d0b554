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

    /// Connects (starting the embedded cluster if needed).
    public func connect(logger: Logger) throws -> PostgresConnection {
        try PostgresConnection.connect(conninfo(logger: logger), logger: logger)
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
