import Foundation
import Logging
import Postgres
import ServiceLifecycle

/// The data's version kept in memory, so that a conditional request (`If-None-Match`) is answered
/// 304 without touching the database.
///
/// The version is `kinerja.data_version.batch_id`: the id of the last successful load (a load that
/// rolled back leaves it unchanged). A background loop reads it every `refreshInterval` (1 s by
/// default) through the pool. Between a load's commit and the next refresh — at most about one
/// interval — a 304 may still confirm the previous year's data. When the version cannot be read for
/// `staleAfter`, it is forgotten: responses then carry no ETag and nothing is answered 304 until the
/// database answers again.
///
/// ETags are weak (`W/"v<batch>-<hash>"`, the same for gzip and identity bodies) and derived from
/// the version and the request: path, the query parameters sorted by name, and the response format.
public final class ETagCache: Service, @unchecked Sendable {
    // @unchecked Sendable: the mutable state is behind `lock`.
    private let lock = NSLock()
    private var version: Int64?
    private var readAt: ContinuousClock.Instant?
    private var failing = false
    private let refreshInterval: Duration
    private let staleAfter: Duration
    private let read: @Sendable () async throws -> Int64
    private let logger: Logger

    public init(refreshInterval: Duration = .seconds(1), staleAfter: Duration = .seconds(10), logger: Logger, read: @escaping @Sendable () async throws -> Int64) {
        self.refreshInterval = refreshInterval
        self.staleAfter = staleAfter
        self.read = read
        self.logger = logger
    }

    /// Reads `kinerja.data_version` through `pool`.
    public convenience init(pool: PostgresPool, refreshInterval: Duration = .seconds(1), logger: Logger) {
        self.init(refreshInterval: refreshInterval, logger: logger) {
            try await pool.withConnection(idempotent: true) { db in
                try db.query("SELECT batch_id::bigint FROM kinerja.data_version").scalar(Int64.self)
            }
        }
    }

    /// The version known now, or nil when none was read recently.
    public var current: Int64? {
        lock.lock()
        defer { lock.unlock() }
        guard let version, let readAt, ContinuousClock.now - readAt < staleAfter else { return nil }
        return version
    }

    /// Reads the version once now.
    @discardableResult
    public func refresh() async -> Int64? {
        do {
            let value = try await read()
            let (previous, wasFailing) = lock.withLock { () -> (Int64?, Bool) in
                defer { version = value; readAt = .now; failing = false }
                return (version, failing)
            }
            if previous != value { logger.info("data version", metadata: ["version": "\(value)"]) }
            if wasFailing { logger.notice("the data version can be read again") }
            return value
        } catch {
            // logged once per outage, not every second
            let wasFailing = lock.withLock { () -> Bool in defer { failing = true }; return failing }
            if !wasFailing { logger.warning("could not read the data version", metadata: ["error": "\(error)"]) }
            return nil
        }
    }

    /// Refreshes until the service group shuts down (SIGTERM), then returns normally.
    public func run() async throws {
        // the loop throws nothing: cancelled, its sleep returns early and it sees the cancellation
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.refresh()
                try? await Task.sleep(for: self.refreshInterval)
            }
        }
    }

    /// The ETag of a response to `path` with these parameters and format, at `version`.
    public static func etag(version: Int64, path: String, query: String, format: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a, 64 bits
        for byte in "\(path)?\(query)#\(format)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "W/\"v\(version)-\(String(repeating: "0", count: 16 - hex.count))\(hex)\""
    }

    /// True when an `If-None-Match` header names `etag` (weak comparison) or is `*`.
    public static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        let wanted = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        for part in header.split(separator: ",") {
            var tag = part.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag == wanted { return true }
        }
        return false
    }
}
