import Foundation
import Postgres
import Testing
import TestSupport

@Suite("PostgresPool", .serialized)
struct PostgresPoolTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase(suite: "pgpool", migrated: false) }

    @Test func runsQueriesAndReusesConnections() async throws {
        // a generous wait for a connection: this is about reuse, and a busy machine connects slowly
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: 2, acquireTimeout: .seconds(60)))
        defer { pool.shutdown() }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<20 { group.addTask { try await pool.withConnection { try $0.query("SELECT \(i)::int").scalar(Int.self) } } }
            var sum = 0
            for try await value in group { sum += value }
            #expect(sum == 190)
        }
        #expect(pool.statistics.open <= 2)
        #expect(pool.statistics.created <= 2)
    }

    @Test func aKilledConnectionIsDetectedAndReplaced() async throws {
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: 1))
        defer { pool.shutdown() }
        let pid = try await pool.withConnection { try $0.query("SELECT pg_backend_pid()").scalar(Int.self) }
        let admin = try database.connect()
        defer { admin.close() }
        #expect(try admin.query("SELECT pg_terminate_backend(\(pid))").scalar(Bool.self))
        try await Task.sleep(for: .milliseconds(200))
        let newPid = try await pool.withConnection(idempotent: true) { try $0.query("SELECT pg_backend_pid()").scalar(Int.self) }
        #expect(newPid != pid)
        #expect(pool.statistics.discarded == 1)
        #expect(pool.statistics.open == 1)
    }

    @Test func anExhaustedPoolTimesOutInsteadOfHanging() async throws {
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: 1, acquireTimeout: .milliseconds(300)))
        defer { pool.shutdown() }
        let admin = try database.connect()
        defer { admin.close() }
        let slow = Task { try await pool.withConnection { try $0.query("SELECT pg_sleep(60)") } }
        // the pool's one connection is taken once the slow query runs (judged by the server, not by a clock)
        func slowQueryRuns() throws -> Bool {
            try admin.query("""
                SELECT count(*) FROM pg_stat_activity
                WHERE query LIKE '%pg_sleep(60)%' AND state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()
                """).scalar(Int.self) == 1
        }
        var polls = 0
        while try !slowQueryRuns() {
            polls += 1
            try #require(polls < 3000, "the slow query never started")
            try await Task.sleep(for: .milliseconds(20))
        }
        await #expect(throws: PostgresError.self) {
            try await pool.withConnection { try $0.query("SELECT 1") }
        }
        // it gave up after its acquire timeout, while the slow query still held the connection
        #expect(try slowQueryRuns(), "gave up after the acquire timeout, not after the slow query")
        #expect(pool.statistics.timeouts == 1)
        try admin.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid() AND datname = current_database()")
        await #expect(throws: PostgresError.self) { try await slow.value }
        // and it recovers by itself
        #expect(try await pool.withConnection { try $0.query("SELECT 3").scalar(Int.self) } == 3)
    }

    @Test func statementTimeoutBoundsEachUse() async throws {
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: 1, statementTimeout: .milliseconds(100)))
        defer { pool.shutdown() }
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { try $0.query("SELECT pg_sleep(2)") }
        }
        #expect(error?.sqlState == .queryCanceled)
        let longer = try await pool.withConnection(statementTimeout: .seconds(5)) { db -> String in
            try db.query("SELECT pg_sleep(0.2)")
            return try db.query("SHOW statement_timeout").scalar(String.self)
        }
        #expect(longer == "5s")
    }

    @Test func aTransactionLeftOpenIsRolledBack() async throws {
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: 1))
        defer { pool.shutdown() }
        try await pool.withConnection { db in
            try db.execute("CREATE TABLE IF NOT EXISTS pool_tx (id int)")
            try db.execute("BEGIN")
            try db.query("INSERT INTO pool_tx VALUES (\(1))")
        }
        let (count, inTransaction) = try await pool.withConnection { db in
            (try db.query("SELECT count(*) FROM pool_tx").scalar(Int.self), db.isInTransaction)
        }
        #expect(count == 0)
        #expect(inTransaction == false)
    }
}
