// Walks every libpq path of the Postgres module — success and failure — so that a run under
// LeakSanitizer (or valgrind) proves each PGconn and PGresult is freed on every path.
//   swift build --sanitize=address --product postgres-leakcheck --scratch-path .build-asan
//   .build-asan/debug/postgres-leakcheck "$(kinerja db url)"
import Foundation
import Logging
import Postgres

guard CommandLine.arguments.count == 2 else {
    print("usage: postgres-leakcheck CONNINFO")
    exit(2)
}
let conninfo = CommandLine.arguments[1]
var checks = 0
@MainActor func check(_ name: String, _ body: () throws -> Void) {
    do { try body() } catch { print("FAILED \(name): \(error)"); exit(1) }
    checks += 1
}
@MainActor func expectFailure(_ name: String, _ body: () throws -> Void) {
    do { try body(); print("FAILED \(name): no error"); exit(1) } catch { checks += 1 }
}

for _ in 0..<3 {
    expectFailure("failed connect") { _ = try PostgresConnection.connect("host=127.0.0.1 port=1 connect_timeout=1") }
    expectFailure("bad conninfo") { _ = try PostgresConninfo.parse("host='unterminated") }
    check("conninfo") { _ = try PostgresConninfo.replacing(in: conninfo, database: "postgres") }

    let db = try PostgresConnection.connect(conninfo)
    check("typed query") {
        let row = try db.query("SELECT \(1)::int, \(2.5)::float8, \(Decimal(string: "1.5")!)::numeric, \("x")::text, true, now(), current_date, NULL::int")[0]
        _ = try row.decode((Int, Double, Decimal, String, Bool, Date, PostgresDate, Int?).self)
    }
    expectFailure("decode mismatch") { _ = try db.query("SELECT 1.5::numeric")[0].decode(Int.self, at: 0) }
    expectFailure("decode null") { _ = try db.query("SELECT NULL::int")[0].decode(Int.self, at: 0) }
    expectFailure("syntax error") { try db.query("SELEC 1", prepared: false) }
    expectFailure("prepared error") { try db.query("SELECT 1 / \(0)") }
    check("notice") { try db.execute("DO $$ BEGIN RAISE NOTICE 'n'; END $$") }
    check("transaction") {
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS lc (id int PRIMARY KEY)")
        try db.transaction { try $0.query("INSERT INTO lc VALUES (\(Int.random(in: 1...1_000_000)))") }
        _ = try? db.transaction { db -> Void in
            try db.query("INSERT INTO lc VALUES (\(-1))")
            _ = try? db.transaction { try $0.query("INSERT INTO lc VALUES (\(-1))") }
            throw PostgresError(.protocolViolation, message: "roll back")
        }
    }
    check("copy in") { try db.copyIn("COPY lc FROM STDIN", bytes: Array("1000001\n1000002\n".utf8)) }
    expectFailure("copy in server error") { try db.copyIn("COPY lc FROM STDIN", bytes: Array("x\n".utf8)) }
    expectFailure("copy in source error") { try db.copyIn("COPY lc FROM STDIN") { _ in throw PostgresError(.copySource, message: "boom") } }
    expectFailure("copy via query") { try db.query("COPY lc FROM STDIN", prepared: false) }
    expectFailure("copy out via query") { try db.query("COPY lc TO STDOUT", prepared: false) }
    check("copy out") { try db.copyOut("COPY (SELECT g FROM generate_series(1, 1000) g) TO STDOUT") { _ in } }
    expectFailure("copy out sink error") {
        try db.copyOut("COPY (SELECT g FROM generate_series(1, 100000) g) TO STDOUT") { _ in throw PostgresError(.copySource, message: "stop") }
    }
    check("stream") { try db.forEachRow("SELECT g FROM generate_series(1, 20000) g") { _ = try $0.decode(Int.self, at: 0) } }
    expectFailure("stream stopped early") {
        try db.forEachRow("SELECT g FROM generate_series(1, 1000000) g") { _ in throw PostgresError(.decoding, message: "enough") }
    }
    expectFailure("stream server error") { try db.forEachRow("SELECT 1 / (g - 5) FROM generate_series(1, 10) g") { _ in } }
    check("quote") { _ = try db.quoteIdentifier("a\"b") }
    check("probe") { _ = db.probeIdle() }
    db.close()
    expectFailure("closed") { try db.query("SELECT 1") }

    // the pool: reuse, a killed connection, exhaustion, statement timeout, shutdown
    let semaphore = DispatchSemaphore(value: 0)
    Task.detached {
        let pool = PostgresPool(.init(conninfo: conninfo, maxConnections: 2, acquireTimeout: .milliseconds(300), statementTimeout: .milliseconds(200)))
        do {
            let pid = try await pool.withConnection { try $0.query("SELECT pg_backend_pid()").scalar(Int.self) }
            let killer = try PostgresConnection.connect(conninfo)
            _ = try killer.query("SELECT pg_terminate_backend(\(pid))").scalar(Bool.self)
            killer.close()
            try await Task.sleep(for: .milliseconds(100))
            _ = try await pool.withConnection(idempotent: true) { try $0.query("SELECT 1").scalar(Int.self) }
            _ = try? await pool.withConnection { try $0.query("SELECT pg_sleep(1)") }
            async let a: Void = { _ = try? await pool.withConnection(statementTimeout: .seconds(2)) { try $0.query("SELECT pg_sleep(0.6)") } }()
            async let b: Void = { _ = try? await pool.withConnection(statementTimeout: .seconds(2)) { try $0.query("SELECT pg_sleep(0.6)") } }()
            try await Task.sleep(for: .milliseconds(100))
            _ = try? await pool.withConnection { try $0.query("SELECT 1") }  // times out waiting
            _ = await (a, b)
        } catch {
            print("FAILED pool: \(error)")
            exit(1)
        }
        pool.shutdown()
        semaphore.signal()
    }
    semaphore.wait()
    checks += 1
}
Thread.sleep(forTimeInterval: 0.5)  // let the pool's queues close their connections
print("postgres-leakcheck: \(checks) checks passed")
