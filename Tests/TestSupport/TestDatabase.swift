import EmbeddedPostgres
import Foundation
import Kinerja
import Logging
import Postgres

/// A fresh, migrated database for one test suite, on the embedded test cluster (the same code the
/// demo uses) or on `KINERJA_TEST_DATABASE_URL` when that is set.
///
/// Databases are cloned from a template migrated once per schema version, so a suite costs one
/// `CREATE DATABASE … TEMPLATE` rather than a full migration.
public struct TestDatabase: Sendable {
    /// Conninfo of this suite's database, as the superuser.
    public let conninfo: String
    public let name: String

    public init(suite: String, migrated: Bool = true) throws {
        let server = try TestCluster.shared.serverConninfo()
        let safe = suite.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" }.prefix(30)
        name = "t_\(safe)_\(UInt32.random(in: 0...UInt32.max))"
        // The migrated template first, even for a suite that migrates its own database: 003 creates
        // the cluster-wide roles, and two migrations creating them at once collide (23505 on
        // pg_authid); the template is made once, under a lock, before any suite migrates.
        let migratedTemplate = try TestCluster.shared.migratedTemplate()
        let template = migrated ? migratedTemplate : "template1"
        let admin = try PostgresConnection.connect(server)
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(try admin.quoteIdentifier(name)) TEMPLATE \(try admin.quoteIdentifier(template))")
        conninfo = try PostgresConninfo.replacing(in: server, database: name)
    }

    public func connect() throws -> PostgresConnection {
        try PostgresConnection.connect(conninfo)
    }

    /// Conninfo for the same database as another role (e.g. a LOGIN role made in a test).
    public func conninfo(user: String) throws -> String {
        try PostgresConninfo.replacing(in: conninfo, user: user)
    }
}

/// The server the tests run against, started once per test process.
public final class TestCluster: @unchecked Sendable {
    // @unchecked Sendable: all mutable state is behind `lock`.
    public static let shared = TestCluster()
    private let lock = NSLock()
    private var server: String?
    private var templates: Set<String> = []

    /// Conninfo of the `postgres` database on the test server.
    public func serverConninfo() throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let server { return server }
        let conninfo: String
        if let url = ProcessInfo.processInfo.environment["KINERJA_TEST_DATABASE_URL"], !url.isEmpty {
            conninfo = try PostgresConninfo.replacing(in: url, database: "postgres")
        } else {
            let cluster = EmbeddedPostgres(directory: EmbeddedPostgres.defaultDirectory(named: "test-db"))
            conninfo = try cluster.start().url(database: "postgres")
        }
        try dropLeftovers(conninfo)
        server = conninfo
        return conninfo
    }

    /// The name of a database migrated to this build's schema, made once.
    public func migratedTemplate() throws -> String {
        let server = try serverConninfo()
        let migrator = try Migrator()
        let fingerprint = SHA256.hex(Array(migrator.migrations.map(\.checksum).joined().utf8)).prefix(12)
        let name = "kinerja_template_\(fingerprint)"
        lock.lock()
        defer { lock.unlock() }
        if templates.contains(name) { return name }
        let admin = try PostgresConnection.connect(server)
        defer { admin.close() }
        // another test process may be making the same template: one at a time, across processes
        try admin.query("SELECT pg_advisory_lock(\(Int64(0x6B74_706C)))")
        defer { _ = try? admin.query("SELECT pg_advisory_unlock(\(Int64(0x6B74_706C)))") }
        let exists = try admin.query("SELECT count(*) FROM pg_database WHERE datname = \(name)").scalar(Int.self) > 0
        if !exists {
            let building = name + "_wip"
            try admin.execute("DROP DATABASE IF EXISTS \(building)")
            try admin.execute("CREATE DATABASE \(building)")
            let db = try PostgresConnection.connect(try PostgresConninfo.replacing(in: server, database: building))
            try migrator.migrate(on: db)
            db.close()
            try admin.execute("ALTER DATABASE \(building) RENAME TO \(name)")
        }
        templates.insert(name)
        return name
    }

    /// Drops databases of earlier test runs (t_*) and stale templates.
    private func dropLeftovers(_ server: String) throws {
        let admin = try PostgresConnection.connect(server)
        defer { admin.close() }
        let names = try admin.query("""
            SELECT datname FROM pg_database
            WHERE (datname LIKE 't\\_%' OR datname LIKE 'kinerja\\_template\\_%')
              AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.datname = pg_database.datname)
            """).map { try $0.decode(String.self, at: 0) }
        for name in names { _ = try? admin.execute("DROP DATABASE IF EXISTS \(try admin.quoteIdentifier(name))") }
    }
}
