import Foundation

/// Databases of the embedded cluster, managed with the `psql` program (this module does not link
/// libpq; everything beyond this is the `Postgres` module's job).
extension EmbeddedPostgres {
    /// True when `name` is acceptable as a database name here: `^[a-z_][a-z0-9_]{0,62}$`.
    public static func isValidIdentifier(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, (1...63).contains(scalars.count),
              ("a"..."z").contains(first) || first == "_" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `name` double-quoted as an SQL identifier, after checking `isValidIdentifier`.
    public static func quotedIdentifier(_ name: String) throws -> String {
        guard isValidIdentifier(name) else {
            throw EmbeddedPostgresError(
                .invalidIdentifier, "\(name.debugDescription) is not an acceptable name: use 1 to 63 of a-z, 0-9 and _, not starting with a digit")
        }
        return "\"\(name)\""
    }

    /// `CREATE DATABASE name [TEMPLATE template]` on the running server. Throws when the server is
    /// not running or the database exists.
    public func createDatabase(_ name: String, template: String? = nil) throws {
        var sql = "CREATE DATABASE \(try Self.quotedIdentifier(name))"
        if let template { sql += " TEMPLATE \(try Self.quotedIdentifier(template))" }
        _ = try psql(sql)
    }

    /// `DROP DATABASE [IF EXISTS] name [WITH (FORCE)]` on the running server.
    /// - Parameters:
    ///   - ifExists: no error when there is no such database.
    ///   - force: disconnect its sessions first (PostgreSQL 13 and later).
    public func dropDatabase(_ name: String, ifExists: Bool = true, force: Bool = false) throws {
        let sql = "DROP DATABASE \(ifExists ? "IF EXISTS " : "")\(try Self.quotedIdentifier(name))\(force ? " WITH (FORCE)" : "")"
        _ = try psql(sql)
    }

    /// True when the running server has a database called `name`.
    public func databaseExists(_ name: String) throws -> Bool {
        let literal = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
        return try psql("SELECT count(*) FROM pg_database WHERE datname = \(literal)") == "1"
    }

    /// Runs `sql` with `psql -X -v ON_ERROR_STOP=1 -At -c …` over the unix socket as the
    /// superuser, and returns its output without the final line break (rows on lines, fields
    /// separated by `|`). For small administrative statements, not for data.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        _ = try Self.quotedIdentifier(database)
        let inspection = inspect(Self.canonicalPath(directory.path))
        guard let info = inspection.info else {
            throw EmbeddedPostgresError(.notRunning, "the embedded PostgreSQL cluster in \(directory.path) is not running: call start() first")
        }
        let binaries = try inspection.binaries ?? ServerBinaries.locate(preferringMajorVersion: info.majorVersion)
        guard let psql = binaries.psql else {
            throw EmbeddedPostgresError(.binariesNotFound, "psql was found neither next to \(binaries.initdb) nor on PATH; install postgresql-client")
        }
        let result = try ProcessRunner.run(
            psql,
            ["-X", "-w", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
             "-h", info.socketDirectory, "-p", String(info.port), "-U", info.superuser, "-d", database, "-c", sql],
            environment: ProcessRunner.childEnvironment(locale: Self.utf8LocaleAvailable ? "C.UTF-8" : "C")
        )
        guard result.succeeded else {
            throw EmbeddedPostgresError.commandFailed("psql failed on database \(database)", result)
        }
        var output = result.stdout
        if output.hasSuffix("\n") { output.removeLast() }
        return output
    }
}
