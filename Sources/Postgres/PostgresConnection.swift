import CLibPQ
import Foundation
import Logging

/// One connection to PostgreSQL through libpq. Blocking: every method waits for the server.
///
/// Use it from one thread at a time (libpq's rule for a `PGconn`). The command-line tool uses it
/// directly; the server reaches it only through `PostgresPool`, which runs each use on a thread of
/// its own, never on an event loop. Call `close()` when done; `deinit` closes a forgotten one.
///
/// ```swift
/// let db = try PostgresConnection.connect("postgresql:///kinerja", logger: logger)
/// defer { db.close() }
/// let n = try db.query("SELECT count(*) FROM kinerja.appraisal WHERE year = \(2024)").scalar(Int.self)
/// ```
public final class PostgresConnection: @unchecked Sendable {
    // @unchecked Sendable: the handle moves between threads (pool checkout) but is used by one at a
    // time; the pool's lock hands it over, which orders every access.
    private var handle: OpaquePointer?
    private let cancelHandle: OpaquePointer?
    private let notices: NoticeSink
    public let logger: Logger

    /// Prepared statements of this session, by SQL text.
    private var preparedNames: [String: String] = [:]
    private var preparedOrder: [String] = []
    private var nextStatementNumber = 0
    /// How many prepared statements a session keeps before deallocating the oldest.
    public var preparedStatementLimit = 256

    private var transactionDepth = 0

    private init(handle: OpaquePointer, logger: Logger) {
        self.handle = handle
        self.logger = logger
        self.cancelHandle = PQgetCancel(handle)
        self.notices = NoticeSink(logger: logger)
        PQsetNoticeReceiver(handle, noticeReceiver, Unmanaged.passUnretained(notices).toOpaque())
    }

    deinit {
        if handle != nil { logger.debug("PostgresConnection deinitialized without close(); closing it") }
        close()
        if let cancelHandle { PQfreeCancel(cancelHandle) }
    }

    /// Connects with a URL (`postgresql://user@host:5432/db?sslmode=require`) or key=value conninfo
    /// (`host=/run/pg port=5433 dbname=kinerja`). libpq fills what is missing from its environment
    /// (`PGHOST`, `PGPORT`, `PGUSER`, `PGSERVICE`, `PGSSLMODE`, …) and handles multi-host lists and
    /// `target_session_attrs`.
    public static func connect(_ conninfo: String, logger: Logger = Logger(label: "kinerja.postgres")) throws(PostgresError) -> PostgresConnection {
        // a string libpq cannot parse: its error would quote a piece of it (maybe the password)
        _ = try PostgresConninfo.parse(conninfo)
        guard let handle = PQconnectdb(conninfo) else {
            throw PostgresError(.connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
            PQfinish(handle)  // a failed PGconn must still be freed
            throw PostgresError(.connection, message: message.isEmpty ? "connection failed" : message)
        }
        PQsetClientEncoding(handle, "UTF8")
        return PostgresConnection(handle: handle, logger: logger)
    }

    /// Closes the connection; safe to call twice.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        preparedNames.removeAll()
        preparedOrder.removeAll()
    }

    /// False once the connection is closed or libpq has seen it break.
    public var isUsable: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// True inside a transaction block (including a failed one).
    public var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// The server's version as an integer (150018 for 15.18).
    public var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// A server setting reported at startup (`server_version`, `TimeZone`, `is_superuser`, …).
    public func parameterStatus(_ name: String) -> String? {
        guard let handle, let value = PQparameterStatus(handle, name) else { return nil }
        return String(cString: value)
    }

    /// Checks an idle connection without a round trip: if the server has closed it (restart,
    /// `pg_terminate_backend`), the socket is readable and libpq notices. Returns false when broken.
    /// A server shutting down first sends a FATAL message and closes the socket a moment later:
    /// reading the message alone leaves libpq's status OK, so it keeps reading (a few rounds, a few
    /// milliseconds at most) until the end of the stream shows.
    public func probeIdle() -> Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return true }
        for _ in 0..<4 {
            guard PQconsumeInput(handle) == 1 else { return false }
            while PQisBusy(handle) == 0, let raw = PQgetResult(handle) { PQclear(raw) }
            guard PQstatus(handle) == CONNECTION_OK else { return false }
            // an idle connection has nothing to say unless it is being closed: wait briefly for the EOF
            descriptor.revents = 0
            guard poll(&descriptor, 1, 5) > 0 else { return true }
        }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Asks the server to cancel whatever this connection is running. Safe from any thread.
    public func cancel() {
        guard let cancelHandle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
    }

    /// Quotes an identifier (`"unit code"`) for the rare SQL built from program-made names.
    public func quoteIdentifier(_ name: String) throws(PostgresError) -> String {
        let handle = try liveHandle()
        guard let quoted = PQescapeIdentifier(handle, name, name.utf8.count) else { throw connectionError() }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    // MARK: - Queries

    /// Runs a query with bound parameters and returns all its rows.
    ///
    /// Statements run as named prepared statements, cached per connection by SQL text, so a repeated
    /// query is parsed and planned once. Pass `prepared: false` for one-off statements.
    @discardableResult
    public func query(_ query: PostgresQuery, prepared: Bool = true) throws(PostgresError) -> PostgresRows {
        let parameters = query.parameterTexts
        if !prepared {
            let handle = try liveHandle()
            let result = withCStringArray(parameters) { values in
                PQexecParams(handle, query.sql, Int32(parameters.count), nil, values, nil, nil, 0)
            }
            return try PostgresRows(check(result))
        }
        do {
            return try runPrepared(query.sql, parameters)
        } catch let error where isStalePreparedStatement(error) {
            // The schema changed under a cached plan, or the session was reset: prepare afresh once.
            forgetPrepared(query.sql)
            return try runPrepared(query.sql, parameters)
        }
    }

    /// Runs SQL text through the simple query protocol: no parameters, several statements allowed
    /// (migrations, DDL). Returns the last statement's result.
    @discardableResult
    public func execute(_ sql: String) throws(PostgresError) -> PostgresRows {
        let handle = try liveHandle()
        return try PostgresRows(check(PQexec(handle, sql)))
    }

    private func runPrepared(_ sql: String, _ parameters: [String?]) throws(PostgresError) -> PostgresRows {
        let handle = try liveHandle()
        let name = try preparedName(for: sql, parameterCount: parameters.count)
        let result = withCStringArray(parameters) { values in
            PQexecPrepared(handle, name, Int32(parameters.count), values, nil, nil, 0)
        }
        return try PostgresRows(check(result))
    }

    private func preparedName(for sql: String, parameterCount: Int) throws(PostgresError) -> String {
        if let name = preparedNames[sql] { return name }
        let handle = try liveHandle()
        if preparedOrder.count >= preparedStatementLimit, let oldest = preparedOrder.first {
            forgetPrepared(oldest)
        }
        nextStatementNumber += 1
        let name = "kinerja_\(nextStatementNumber)"
        _ = try check(PQprepare(handle, name, sql, 0, nil))
        preparedNames[sql] = name
        preparedOrder.append(sql)
        return name
    }

    private func forgetPrepared(_ sql: String) {
        guard let name = preparedNames.removeValue(forKey: sql) else { return }
        preparedOrder.removeAll { $0 == sql }
        if let handle, PQtransactionStatus(handle) == PQTRANS_IDLE {
            PQclear(PQexec(handle, "DEALLOCATE \(name)"))
        }
    }

    private func isStalePreparedStatement(_ error: PostgresError) -> Bool {
        guard let handle, PQtransactionStatus(handle) == PQTRANS_IDLE else { return false }
        // 26000: prepared statement does not exist (DISCARD ALL); 0A000: cached plan changed result type.
        return error.sqlState == SQLState("26000")
            || (error.sqlState == .featureNotSupported && error.message.contains("cached plan"))
    }

    // MARK: - Transactions

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    /// Nested calls use savepoints, so an inner failure can be caught without losing the outer work.
    @discardableResult
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let depth = transactionDepth
        let savepoint = "kinerja_sp_\(depth)"
        try execute(depth == 0 ? "BEGIN" : "SAVEPOINT \(savepoint)")
        transactionDepth += 1
        defer { transactionDepth = depth }
        do {
            let value = try body(self)
            try execute(depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT \(savepoint)")
            return value
        } catch {
            if isUsable {
                do {
                    try execute(depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint)")
                } catch let rollbackError {
                    logger.warning("rollback failed", metadata: ["error": "\(rollbackError)"])
                }
            }
            throw error
        }
    }

    // MARK: - COPY

    /// Streams bytes into `COPY … FROM STDIN`. `read` fills the buffer it is given and returns how many
    /// bytes it wrote, 0 at the end. Memory stays at one buffer whatever the size.
    /// Returns the number of rows the server copied. A server error (with its line number in
    /// `context`, e.g. "COPY staging, line 42, column score") is thrown as `.server`; an error thrown
    /// by `read` aborts the COPY on the server and is rethrown as `.copySource`.
    @discardableResult
    public func copyIn(_ sql: String, bufferSize: Int = 1 << 20, read: (UnsafeMutableRawBufferPointer) throws -> Int) throws(PostgresError) -> Int {
        let handle = try liveHandle()
        let start = ResultHandle(PQexec(handle, sql) ?? { fatalNull() }())
        guard start.status == PGRES_COPY_IN else {
            drainResults()
            throw start.status == PGRES_FATAL_ERROR ? start.error() : PostgresError(.protocolViolation, message: "the statement did not start COPY FROM STDIN")
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var sourceError: (any Error)?
        while true {
            let count: Int
            do { count = try read(buffer) } catch {
                sourceError = error
                break
            }
            if count == 0 { break }
            let sent = PQputCopyData(handle, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(count))
            if sent != 1 { break }  // the server ended the COPY early; its error follows in the results
        }
        let reason = sourceError.map { "client aborted COPY: \($0)" }
        _ = PQputCopyEnd(handle, reason)
        let outcome = collectResults()
        if let sourceError {
            throw PostgresError(.copySource, message: "reading the COPY data failed: \(sourceError)")
        }
        switch outcome {
        case .success(let result): return result?.affectedRows ?? 0
        case .failure(let error): throw error
        }
    }

    /// Copies a whole byte array into `COPY … FROM STDIN` (for tests and small inputs).
    @discardableResult
    public func copyIn(_ sql: String, bytes: [UInt8]) throws(PostgresError) -> Int {
        var offset = 0
        return try copyIn(sql) { buffer in
            let count = min(buffer.count, bytes.count - offset)
            bytes.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
            }
            offset += count
            return count
        }
    }

    /// Streams `COPY … TO STDOUT` into `write`, one server message (usually one row) at a time.
    /// Returns the number of rows. An error thrown by `write` cancels the COPY and is rethrown.
    @discardableResult
    public func copyOut(_ sql: String, write: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let handle = try liveHandle()
        let start = ResultHandle(PQexec(handle, sql) ?? { fatalNull() }())
        guard start.status == PGRES_COPY_OUT else {
            drainResults()
            throw start.status == PGRES_FATAL_ERROR ? start.error() : PostgresError(.protocolViolation, message: "the statement did not start COPY TO STDOUT")
        }
        var sinkError: (any Error)?
        while true {
            var pointer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &pointer, 0)
            if length > 0, let pointer {
                if sinkError == nil {
                    do { try write(UnsafeRawBufferPointer(start: pointer, count: Int(length))) } catch {
                        sinkError = error
                        cancel()  // stop the server; keep reading until libpq says the COPY is over
                    }
                }
                PQfreemem(pointer)
            } else {
                break  // -1: done, -2: error; the final result says which
            }
        }
        let outcome = collectResults()
        if let sinkError { throw sinkError }
        switch outcome {
        case .success(let result): return result?.affectedRows ?? 0
        case .failure(let error): throw error
        }
    }

    // MARK: - Streaming

    /// Runs a query and hands its rows to `body` one at a time (libpq single-row mode), so a result of
    /// millions of rows never sits in memory. If `body` throws, the query is cancelled, the
    /// connection drained, and the error rethrown.
    public func forEachRow(_ query: PostgresQuery, _ body: (PostgresRow) throws -> Void) throws {
        let handle = try liveHandle()
        let parameters = query.parameterTexts
        let sent = withCStringArray(parameters) { values in
            PQsendQueryParams(handle, query.sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw connectionError() }
        guard PQsetSingleRowMode(handle) == 1 else {
            drainResults()
            throw PostgresError(.protocolViolation, message: "libpq refused single-row mode")
        }
        var columns: ColumnIndex?
        var failure: (any Error)?
        while let raw = PQgetResult(handle) {
            let result = ResultHandle(raw)
            switch result.status {
            case PGRES_SINGLE_TUPLE:
                guard failure == nil else { continue }
                let index = columns ?? ColumnIndex(result)
                columns = index
                do { try body(PostgresRow(result: result, index: 0, columns: index)) } catch {
                    failure = error
                    cancel()
                }
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                continue
            default:
                if failure == nil { failure = result.error() }
            }
        }
        if let failure { throw failure }
    }

    // MARK: - Plumbing

    private func liveHandle() throws(PostgresError) -> OpaquePointer {
        guard let handle else { throw PostgresError(.connection, message: "the connection is closed") }
        return handle
    }

    private func connectionError() -> PostgresError {
        let message = handle.map { String(cString: PQerrorMessage($0)).trimmingTrailingNewlines() } ?? "the connection is closed"
        return PostgresError(.connection, message: message.isEmpty ? "connection lost" : message)
    }

    /// Turns a libpq result into rows or a thrown error; frees it on every path.
    private func check(_ raw: OpaquePointer?) throws(PostgresError) -> ResultHandle {
        guard let raw else { throw connectionError() }
        let result = ResultHandle(raw)
        switch result.status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        case PGRES_FATAL_ERROR:
            var error = result.error()
            if !isUsable { error.kind = .connection }
            throw error
        case PGRES_COPY_IN, PGRES_COPY_OUT:
            // A COPY started through the wrong method: end it so the connection stays usable.
            if let handle {
                if result.status == PGRES_COPY_IN {
                    _ = PQputCopyEnd(handle, "COPY must use copyIn")
                } else {
                    var pointer: UnsafeMutablePointer<CChar>?
                    while PQgetCopyData(handle, &pointer, 0) > 0 { PQfreemem(pointer) }
                }
            }
            drainResults()
            throw PostgresError(.protocolViolation, message: "use copyIn/copyOut for COPY statements")
        default:
            throw PostgresError(.protocolViolation, message: "unexpected result status \(result.status.rawValue)")
        }
    }

    /// Reads every pending result until libpq returns NULL, keeping the last success or first error.
    private func collectResults() -> Result<ResultHandle?, PostgresError> {
        guard let handle else { return .failure(PostgresError(.connection, message: "the connection is closed")) }
        var last: ResultHandle?
        var firstError: PostgresError?
        while let raw = PQgetResult(handle) {
            let result = ResultHandle(raw)
            if result.status == PGRES_FATAL_ERROR {
                if firstError == nil { firstError = result.error() }
            } else {
                last = result
            }
        }
        if var firstError {
            if !isUsable { firstError.kind = .connection }
            return .failure(firstError)
        }
        if !isUsable { return .failure(connectionError()) }
        return .success(last)
    }

    private func drainResults() { _ = collectResults() }
}

private func fatalNull() -> OpaquePointer {
    // PQexec returns NULL only when out of memory; there is nothing sensible to continue with.
    preconditionFailure("libpq returned no result (out of memory)")
}

/// Receives server notices (NOTICE, WARNING, …) and sends them to the logger.
final class NoticeSink: @unchecked Sendable {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
}

private let noticeReceiver: PQnoticeReceiver = { argument, result in
    guard let argument, let result else { return }
    let sink = Unmanaged<NoticeSink>.fromOpaque(argument).takeUnretainedValue()
    let severity = PQresultErrorField(result, KPG_DIAG_SEVERITY_NONLOCALIZED).map { String(cString: $0) } ?? "NOTICE"
    let message = PQresultErrorField(result, KPG_DIAG_MESSAGE_PRIMARY).map { String(cString: $0) } ?? ""
    let level: Logger.Level = severity == "WARNING" ? .warning : (severity == "DEBUG" || severity == "LOG" ? .debug : .info)
    sink.logger.log(level: level, "\(message)", metadata: ["postgres.severity": "\(severity)"])
}
