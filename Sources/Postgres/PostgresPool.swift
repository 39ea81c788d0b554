import Dispatch
import Foundation
import Logging

/// A bounded pool of connections for the server.
///
/// - Bounded: at most `maxConnections` are open; a caller waits at most `acquireTimeout` for one and
///   then gets `.poolTimeout` (the HTTP layer answers 503), so nothing hangs.
/// - Off the event loops: libpq is blocking, so each use runs on the connection's own serial
///   dispatch queue, one thread per busy connection; async callers only await.
/// - Self-healing: a connection found broken (on checkout or after a failed use) is closed and
///   replaced by a fresh one on demand, so a database restart heals without restarting the server.
/// - Each use may set a `statement_timeout`, applied only when it differs from the session's.
public final class PostgresPool: Sendable {
    public struct Configuration: Sendable {
        public var conninfo: String
        public var maxConnections: Int
        public var acquireTimeout: Duration
        /// The default per-statement limit; nil leaves the server's setting.
        public var statementTimeout: Duration?

        public init(conninfo: String, maxConnections: Int = 8, acquireTimeout: Duration = .seconds(2), statementTimeout: Duration? = .seconds(10)) {
            self.conninfo = conninfo
            self.maxConnections = max(1, maxConnections)
            self.acquireTimeout = acquireTimeout
            self.statementTimeout = statementTimeout
        }
    }

    /// A snapshot of the pool for `/metrics` and `/readyz`.
    public struct Statistics: Sendable {
        public var open: Int
        public var idle: Int
        public var waiting: Int
        public var created: Int
        public var discarded: Int
        public var timeouts: Int
        public var inUse: Int { open - idle }
    }

    public let configuration: Configuration
    private let logger: Logger
    private let state: LockedState<State>

    public init(_ configuration: Configuration, logger: Logger = Logger(label: "kinerja.pool")) {
        self.configuration = configuration
        self.logger = logger
        self.state = LockedState(State())
    }

    /// Runs `body` with a connection, on a thread that is not an event loop.
    /// - Parameters:
    ///   - statementTimeout: overrides the configured limit for this use.
    ///   - idempotent: when true and the connection is lost (server restarted, a standby of a
    ///     multi-host conninfo stopped), the idle connections are dropped too and the body runs once
    ///     more on a fresh connection. Use it for reads only.
    public func withConnection<T: Sendable>(
        statementTimeout: Duration? = nil, idempotent: Bool = false,
        _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        let timeout = statementTimeout ?? configuration.statementTimeout
        var attempt = 0
        while true {
            attempt += 1
            let lease = try await acquire()
            do {
                let value = try await lease.run { connection in
                    try lease.applyStatementTimeout(timeout)
                    defer { if connection.isInTransaction { _ = try? connection.execute("ROLLBACK") } }
                    return try body(connection)
                }
                release(lease)
                return value
            } catch let error as PostgresError where error.isConnectionLost && idempotent && attempt == 1 {
                release(lease)
                // the server (or the host of a multi-host conninfo) is likely gone for every idle
                // connection too: drop them, so the retry connects afresh and libpq picks a live host
                discardIdle()
                logger.info("retrying on a fresh connection after a lost one")
                continue
            } catch {
                release(lease)
                throw error
            }
        }
    }

    /// Closes idle connections and refuses new work; waiters get `.poolClosed`.
    public func shutdown() {
        let (idle, waiters) = state.withLock { state -> ([Lease], [Waiter]) in
            state.closed = true
            defer { state.idle.removeAll(); state.waiters.removeAll() }
            state.open -= state.idle.count
            return (state.idle, state.waiters)
        }
        for lease in idle { lease.queue.async { lease.connection.close() } }
        for waiter in waiters { waiter.continuation.resume(throwing: PostgresError(.poolClosed, message: "the connection pool is shut down")) }
    }

    public var statistics: Statistics {
        state.withLock { Statistics(open: $0.open, idle: $0.idle.count, waiting: $0.waiters.count, created: $0.created, discarded: $0.discarded, timeouts: $0.timeouts) }
    }

    // MARK: - Checkout

    private func acquire() async throws -> Lease {
        while true {
            // Deciding and queueing happen under one lock: a connection released between the two
            // would otherwise sit idle while its waiter times out.
            let id = state.withLock { state -> UInt64 in
                state.nextWaiter += 1
                return state.nextWaiter
            }
            let handoff: Handoff = try await withCheckedThrowingContinuation { continuation in
                enum Action { case resume(Handoff), fail, wait }
                let action = state.withLock { state -> Action in
                    if state.closed { return .fail }
                    if let lease = state.idle.popLast() {
                        lease.wasIdle = true
                        return .resume(.lease(lease))
                    }
                    if state.open < configuration.maxConnections {
                        state.open += 1
                        return .resume(.slot)
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .wait
                }
                switch action {
                case .resume(let handoff): continuation.resume(returning: handoff)
                case .fail: continuation.resume(throwing: PostgresError(.poolClosed, message: "the connection pool is shut down"))
                case .wait:
                    let timeout = configuration.acquireTimeout
                    Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        self?.expire(waiter: id)
                    }
                }
            }
            switch handoff {
            case .slot:
                return try await create()
            case .lease(let lease):
                guard lease.wasIdle else { return lease }
                if await lease.run({ $0.probeIdle() }) { return lease }
                discard(lease)  // broken while idle: drop it and look again
            }
        }
    }

    /// Opens a connection for a slot already counted in `open`.
    private func create() async throws -> Lease {
        let queue = DispatchQueue(label: "kinerja.pool.connection")
        let conninfo = configuration.conninfo
        let logger = logger
        do {
            let connection = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PostgresConnection, any Error>) in
                queue.async { continuation.resume(with: Result { try PostgresConnection.connect(conninfo, logger: logger) }) }
            }
            state.withLock { $0.created += 1 }
            return Lease(connection: connection, queue: queue)
        } catch {
            giveBackSlot()
            throw error
        }
    }

    private func expire(waiter id: UInt64) {
        let expired = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            state.timeouts += 1
            return state.waiters.remove(at: index)
        }
        expired?.continuation.resume(throwing: PostgresError(
            .poolTimeout, message: "no database connection became free within \(configuration.acquireTimeout) (pool of \(configuration.maxConnections))"))
    }

    // MARK: - Return

    private func release(_ lease: Lease) {
        guard lease.connection.isUsable else { return discard(lease) }
        let waiter = state.withLock { state -> Waiter? in
            if state.closed {
                state.open -= 1
                return nil
            }
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.idle.append(lease)
            return nil
        }
        if let waiter {
            lease.wasIdle = false
            waiter.continuation.resume(returning: .lease(lease))
        } else if state.withLock({ $0.closed }) {
            lease.queue.async { lease.connection.close() }
        }
    }

    private func discard(_ lease: Lease) {
        state.withLock { $0.discarded += 1 }
        lease.queue.async { lease.connection.close() }
        logger.warning("discarded a broken database connection")
        giveBackSlot()
    }

    /// Closes every idle connection (after a lost connection: they likely share its fate).
    private func discardIdle() {
        let idle = state.withLock { state -> [Lease] in
            defer { state.idle.removeAll() }
            return state.idle
        }
        for lease in idle { discard(lease) }
    }

    /// A slot freed (connection closed or failed to open): let a waiter open a new one.
    private func giveBackSlot() {
        let waiter = state.withLock { state -> Waiter? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.open -= 1
            return nil
        }
        waiter?.continuation.resume(returning: .slot)
    }

    // MARK: - State

    private struct State {
        var idle: [Lease] = []
        var waiters: [Waiter] = []
        var open = 0
        var closed = false
        var nextWaiter: UInt64 = 0
        var created = 0
        var discarded = 0
        var timeouts = 0
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Handoff, any Error>
    }

    private enum Handoff: Sendable {
        case lease(Lease)
        case slot
    }
}

/// A pooled connection with the serial queue all its libpq calls run on.
final class Lease: @unchecked Sendable {
    // @unchecked Sendable: `connection` and `statementTimeoutMilliseconds` are touched only on
    // `queue`; `wasIdle` only by the task holding the lease.
    let connection: PostgresConnection
    let queue: DispatchQueue
    var statementTimeoutMilliseconds: Int?
    var wasIdle = false

    init(connection: PostgresConnection, queue: DispatchQueue) {
        self.connection = connection
        self.queue = queue
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(self.connection) }) }
        }
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body(self.connection)) }
        }
    }

    func applyStatementTimeout(_ timeout: Duration?) throws {
        let wanted = timeout.map { Int($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) } ?? 0
        guard wanted != statementTimeoutMilliseconds else { return }
        try connection.execute("SET statement_timeout = \(wanted)")
        statementTimeoutMilliseconds = wanted
    }
}

/// A value behind a lock; the lock is held only for the closure, never across an await.
final class LockedState<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
