import Foundation
import Logging
import Postgres

/// Applies `sql/migrations/NNN_name.sql` in order, each in its own transaction, recording each with
/// its SHA-256 in `kinerja.schema_migration`.
///
/// - A migration already applied whose file has changed since is refused: migrations are history;
///   correct it with a new file.
/// - Two migrators at once are serialized by a session advisory lock; the second waits, then finds
///   the work done.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let sql: String
        public let checksum: String
    }

    public struct Applied: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let checksum: String
        public let appliedAt: Date
    }

    public struct Status: Sendable {
        public var applied: [Applied]
        public var pending: [Migration]
        /// Applied migrations whose file in this build differs (checksum mismatch).
        public var changed: [Migration]
        /// Versions in the database that this build does not know (the binary is older).
        public var unknown: [Applied]
        public var isCurrent: Bool { pending.isEmpty && changed.isEmpty && unknown.isEmpty }
    }

    public struct MigrationError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The advisory lock key that serializes migrators ("kinerja.migrate").
    static let lockKey: Int64 = 0x6B69_6E65_726A_6101

    public let migrations: [Migration]

    public init(files: [String: String] = SQLCatalog.files) throws {
        var migrations: [Migration] = []
        for (path, sql) in files where path.hasPrefix("migrations/") && path.hasSuffix(".sql") {
            let file = String(path.dropFirst("migrations/".count).dropLast(4))
            guard let underscore = file.firstIndex(of: "_"), let version = Int(file[..<underscore]) else {
                throw MigrationError(description: "migration file \(path) must be named NNN_name.sql")
            }
            migrations.append(Migration(version: version, name: String(file[file.index(after: underscore)...]), sql: sql, checksum: SHA256.hex(Array(sql.utf8))))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw MigrationError(description: "two migrations share version \(a.version): \(a.name) and \(b.name)")
        }
        self.migrations = migrations
    }

    /// What is applied and what is pending, without changing anything.
    public func status(on connection: PostgresConnection) throws -> Status {
        let applied = try appliedMigrations(on: connection)
        return compare(applied)
    }

    /// Applies every pending migration. Returns those applied by this call.
    @discardableResult
    public func migrate(on connection: PostgresConnection, logger: Logger = Logger(label: "kinerja.migrate")) throws -> [Migration] {
        try connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", prepared: false)
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", prepared: false) }
        try connection.execute("""
            CREATE SCHEMA IF NOT EXISTS kinerja;
            CREATE TABLE IF NOT EXISTS kinerja.schema_migration (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            );
            """)
        let status = compare(try appliedMigrations(on: connection))
        if let changed = status.changed.first {
            let recorded = status.applied.first { $0.version == changed.version }?.checksum ?? "?"
            throw MigrationError(description: """
                migration \(String(format: "%03d", changed.version))_\(changed.name).sql was changed after it was applied \
                (database checksum \(recorded.prefix(12)), this build \(changed.checksum.prefix(12))); \
                applied migrations are history: restore the file and put the change in a new migration
                """)
        }
        if let unknown = status.unknown.first {
            throw MigrationError(description: "the database has migration \(unknown.version) (\(unknown.name)) that this build does not know: this kinerja is older than the database")
        }
        for migration in status.pending {
            let started = Date()
            try connection.transaction { db in
                try db.execute(migration.sql)
                try db.query("INSERT INTO kinerja.schema_migration (version, name, checksum) VALUES (\(migration.version), \(migration.name), \(migration.checksum))")
            }
            logger.info("applied migration \(String(format: "%03d", migration.version))_\(migration.name) in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        }
        return status.pending
    }

    private func appliedMigrations(on connection: PostgresConnection) throws -> [Applied] {
        let exists = try connection.query("SELECT to_regclass('kinerja.schema_migration') IS NOT NULL").scalar(Bool.self)
        guard exists else { return [] }
        return try connection.query("SELECT version, name, checksum, applied_at FROM kinerja.schema_migration ORDER BY version").map { row in
            let (version, name, checksum, appliedAt) = try row.decode((Int, String, String, Date).self)
            return Applied(version: version, name: name, checksum: checksum, appliedAt: appliedAt)
        }
    }

    private func compare(_ applied: [Applied]) -> Status {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let appliedVersions = Set(applied.map(\.version))
        return Status(
            applied: applied,
            pending: migrations.filter { !appliedVersions.contains($0.version) },
            changed: applied.compactMap { a in known[a.version].flatMap { $0.checksum == a.checksum ? nil : $0 } },
            unknown: applied.filter { known[$0.version] == nil })
    }
}
