import Foundation
import Logging
import Postgres
import Testing
import TestSupport

@Suite("PostgresConnection against a real server", .serialized)
struct PostgresConnectionTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase(suite: "pgconn", migrated: false) }

    @Test func bindsParametersAndDecodesEveryType() throws {
        let db = try database.connect()
        defer { db.close() }
        let name = "Teuku Ümar'; DROP TABLE x; --"
        let row = try db.query("""
            SELECT \(42)::int4 AS i, \(Int64(9_000_000_000))::int8 AS big, \(2.5)::float8 AS f,
                   \(Decimal(string: "123.45")!)::numeric AS n, \(name)::text AS t, \(true)::bool AS b,
                   \(PostgresDate(year: 2024, month: 2, day: 29))::date AS d,
                   '2024-05-01 10:20:30.25+07'::timestamptz AS ts, NULL::int AS missing
            """)[0]
        #expect(try row.decode(Int.self, column: "i") == 42)
        #expect(try row.decode(Int64.self, column: "big") == 9_000_000_000)
        #expect(try row.decode(Double.self, column: "f") == 2.5)
        #expect(try row.decode(Decimal.self, column: "n") == Decimal(string: "123.45"))
        #expect(try row.decode(Double.self, column: "n") == 123.45)
        #expect(try row.decode(String.self, column: "t") == name)
        #expect(try row.decode(Bool.self, column: "b") == true)
        #expect(try row.decode(PostgresDate.self, column: "d") == PostgresDate(year: 2024, month: 2, day: 29))
        let expected = Date(timeIntervalSince1970: 1_714_533_630.25)  // 2024-05-01T03:20:30.25Z
        #expect(try row.decode(Date.self, column: "ts") == expected)
        #expect(try row.decode(Int?.self, column: "missing") == nil)
    }

    @Test func interpolationBindsParametersInsteadOfSplicing() {
        let unit = "LANGSA-DINKES"
        let query: PostgresQuery = "SELECT * FROM t WHERE unit_code = \(unit) AND year = \(2024)"
        #expect(query.sql == "SELECT * FROM t WHERE unit_code = $1 AND year = $2")
        #expect(query.binds.count == 2)
    }

    @Test func nullAndTypeMismatchesAreClearErrors() throws {
        let db = try database.connect()
        defer { db.close() }
        let row = try db.query("SELECT NULL::int AS a, 1.5::numeric AS b")[0]
        let nullError = #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "a") }
        #expect(nullError?.kind == .decoding)
        #expect(nullError?.message.contains("\"a\" is NULL") == true)
        let typeError = #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "b") }
        #expect(typeError?.message.contains("of type numeric cannot be decoded as Int") == true)
        let nameError = #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "zzz") }
        #expect(nameError?.message.contains("no column named \"zzz\"") == true)
    }

    @Test func preparedStatementsAreCachedPerConnection() throws {
        let db = try database.connect()
        defer { db.close() }
        for i in 0..<5 { #expect(try db.query("SELECT \(i)::int + 1").scalar(Int.self) == i + 1) }
        let prepared = try db.query("SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 1'").scalar(Int.self)
        #expect(prepared == 1)
    }

    @Test func transactionsCommitOnReturnAndRollBackOnThrow() throws {
        let db = try database.connect()
        defer { db.close() }
        try db.execute("CREATE TABLE tx_test (id int PRIMARY KEY)")
        try db.transaction { try $0.query("INSERT INTO tx_test VALUES (\(1))") }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction { db in
                try db.query("INSERT INTO tx_test VALUES (\(2))")
                throw Boom()
            }
        }
        // nested: the inner failure rolls back to its savepoint, the outer work commits
        try db.transaction { db in
            try db.query("INSERT INTO tx_test VALUES (\(3))")
            _ = try? db.transaction { inner -> Void in
                try inner.query("INSERT INTO tx_test VALUES (\(4))")
                try inner.query("INSERT INTO tx_test VALUES (\(3))")  // duplicate: fails
            }
        }
        let ids = try db.query("SELECT id FROM tx_test ORDER BY id").map { try $0.decode(Int.self, at: 0) }
        #expect(ids == [1, 3])
        #expect(db.isInTransaction == false)
    }

    @Test func serverErrorsCarryTheirFields() throws {
        let db = try database.connect()
        defer { db.close() }
        try db.execute("CREATE TABLE err_test (id int CONSTRAINT err_pk PRIMARY KEY)")
        try db.query("INSERT INTO err_test VALUES (\(7))")
        let duplicate = #expect(throws: PostgresError.self) { try db.query("INSERT INTO err_test VALUES (\(7))") }
        #expect(duplicate?.sqlState == .uniqueViolation)
        #expect(duplicate?.constraint == "err_pk")
        #expect(duplicate?.table == "err_test")
        #expect(duplicate?.severity == "ERROR")
        #expect(duplicate?.detail == "Key (id)=(7) already exists.")
        #expect(duplicate?.description.contains("7") == false, "description must not leak row values")
        let syntax = #expect(throws: PostgresError.self) { try db.query("SELECT * FRM err_test", prepared: false) }
        #expect(syntax?.sqlState == .syntaxError)
        #expect(syntax?.position == 10)
        let hinted = #expect(throws: PostgresError.self) { try db.query("SELECT nosuchfunction(1)", prepared: false) }
        #expect(hinted?.hint?.contains("explicit type casts") == true)
        #expect(try db.query("SELECT 1").scalar(Int.self) == 1, "the connection stays usable")
    }

    @Test func copyInStreamsChunksAndReportsRows() throws {
        let db = try database.connect()
        defer { db.close() }
        try db.execute("CREATE TABLE copy_in (id int, label text)")
        let total = 100_000
        var next = 0
        var chunks = 0
        let copied = try db.copyIn("COPY copy_in FROM STDIN (FORMAT csv)", bufferSize: 64 * 1024) { buffer in
            var written = 0
            while next < total {
                let line = Array("\(next),\"row \(next), quoted\"\n".utf8)
                if written + line.count > buffer.count { break }
                line.withUnsafeBytes { buffer.baseAddress!.advanced(by: written).copyMemory(from: $0.baseAddress!, byteCount: line.count) }
                written += line.count
                next += 1
            }
            if written > 0 { chunks += 1 }
            return written
        }
        #expect(copied == total)
        #expect(chunks > 10, "the data went in many chunks, not one buffer")
        let (count, sum) = try db.query("SELECT count(*), sum(id) FROM copy_in")[0].decode((Int, Int).self)
        #expect(count == total)
        #expect(sum == total * (total - 1) / 2)
    }

    @Test func copyInReportsTheServerErrorWithItsLine() throws {
        let db = try database.connect()
        defer { db.close() }
        try db.execute("CREATE TABLE copy_bad (id int, label text)")
        let data = Array("1,a\n2,b\nthree,c\n4,d\n".utf8)
        let error = #expect(throws: PostgresError.self) { try db.copyIn("COPY copy_bad FROM STDIN (FORMAT csv)", bytes: data) }
        #expect(error?.sqlState == .invalidTextRepresentation)
        #expect(error?.context?.contains("line 3") == true)
        #expect(try db.query("SELECT count(*) FROM copy_bad").scalar(Int.self) == 0)
        #expect(try db.query("SELECT 1").scalar(Int.self) == 1)
    }

    @Test func copyInSourceFailureAbortsTheCopy() throws {
        let db = try database.connect()
        defer { db.close() }
        try db.execute("CREATE TABLE copy_abort (id int)")
        struct ReadFailed: Error {}
        var calls = 0
        let error = #expect(throws: PostgresError.self) {
            try db.copyIn("COPY copy_abort FROM STDIN") { buffer in
                calls += 1
                if calls == 2 { throw ReadFailed() }
                buffer[0] = UInt8(ascii: "1"); buffer[1] = UInt8(ascii: "\n")
                return 2
            }
        }
        #expect(error?.kind == .copySource)
        #expect(try db.query("SELECT count(*) FROM copy_abort").scalar(Int.self) == 0)
    }

    @Test func copyOutStreamsRows() throws {
        let db = try database.connect()
        defer { db.close() }
        var bytes: [UInt8] = []
        let rows = try db.copyOut("COPY (SELECT g, 'x' || g FROM generate_series(1, 1000) g) TO STDOUT (FORMAT csv)") { chunk in
            bytes.append(contentsOf: chunk)
        }
        #expect(rows == 1000)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 1000)
        #expect(lines.first == "1,x1")
        #expect(lines.last == "1000,x1000")
    }

    @Test func largeResultsStreamRowByRow() throws {
        let db = try database.connect()
        defer { db.close() }
        var count = 0
        var sum = 0
        try db.forEachRow("SELECT g FROM generate_series(1, \(300_000)) g") { row in
            count += 1
            sum += try row.decode(Int.self, at: 0)
        }
        #expect(count == 300_000)
        #expect(sum == 300_000 * 300_001 / 2)
        // stopping early cancels the query and leaves the connection usable
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try db.forEachRow("SELECT g FROM generate_series(1, 10000000) g") { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        }
        #expect(seen == 10)
        #expect(try db.query("SELECT 2").scalar(Int.self) == 2)
    }

    @Test func failedConnectIsAClearError() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection.connect("host=127.0.0.1 port=1 connect_timeout=2 dbname=nothing")
        }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("127.0.0.1") == true)
    }

    @Test func conninfoIsParsedAndRewrittenByLibpq() throws {
        let options = try PostgresConninfo.parse("postgresql://alice:s3cret@db.example:5433/kinerja?sslmode=require")
        #expect(options["host"] == "db.example")
        #expect(options["port"] == "5433")
        #expect(options["dbname"] == "kinerja")
        #expect(options["sslmode"] == "require")
        let rewritten = try PostgresConninfo.replacing(in: "host='/tmp/x y' port=5 dbname=a", database: "b")
        #expect(try PostgresConninfo.parse(rewritten)["dbname"] == "b")
        #expect(try PostgresConninfo.parse(rewritten)["host"] == "/tmp/x y")
        #expect(throws: PostgresError.self) { try PostgresConninfo.parse("host='unterminated") }
    }

    @Test func aConninfoThatDoesNotParseIsNotQuotedBackWithItsPassword() {
        for conninfo in ["postgresql://u:sEcReT%zzpw@localhost:1/db", "host=localhost port=1 user=u password=my sEcReT dbname=x"] {
            let error = #expect(throws: PostgresError.self) { try PostgresConnection.connect(conninfo) }
            #expect(error?.kind == .connection)
            #expect(error.map { !$0.description.contains("sEcReT") && !$0.message.contains("sEcReT") } == true, "\(error?.message ?? "")")
        }
    }

    @Test func noticesGoToTheLogger() throws {
        let recorder = LogRecorder()
        let db = try PostgresConnection.connect(database.conninfo, logger: Logger(label: "test") { _ in recorder })
        defer { db.close() }
        try db.execute("DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; END $$")
        #expect(recorder.messages.contains { $0.contains("hello from plpgsql") })
    }
}
