import Foundation
import Postgres

/// A small Prometheus text exporter (format 0.0.4) for `/metrics`: request counts and latency by
/// route and status, database errors by kind, data queries, and the pool's use read from
/// `PostgresPool.statistics` at scrape time. Routes are the table's paths (`unmatched` otherwise),
/// so label values stay few.
public final class MetricsExporter: @unchecked Sendable {
    // @unchecked Sendable: the mutable state is behind `lock`.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Key: Hashable { let route: String; let status: Int }
    private struct Histogram { var counts = [Int](repeating: 0, count: MetricsExporter.buckets.count); var sum = 0.0; var count = 0 }

    private let lock = NSLock()
    private var requests: [Key: Histogram] = [:]
    private var databaseErrors: [String: Int] = [:]
    private var dataQueries = 0
    private var notModified = 0

    public init() {}

    public func observe(route: String, status: Int, seconds: Double) {
        lock.withLock {
            var histogram = requests[Key(route: route, status: status)] ?? Histogram()
            for (i, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[i] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            requests[Key(route: route, status: status)] = histogram
            if status == 304 { notModified += 1 }
        }
    }

    public func databaseError(kind: String) { lock.withLock { databaseErrors[kind, default: 0] += 1 } }
    public func dataQuery() { lock.withLock { dataQueries += 1 } }

    /// Data queries run so far (a 304 runs none).
    public var dataQueryCount: Int { lock.withLock { dataQueries } }

    public func render(pool: PostgresPool.Statistics?, dataVersion: Int64?) -> String {
        let (requests, errors, queries) = lock.withLock { (self.requests, self.databaseErrors, self.dataQueries) }
        var out = ""
        out += "# HELP kinerja_http_requests_total HTTP requests answered, by route and status.\n"
        out += "# TYPE kinerja_http_requests_total counter\n"
        let keys = requests.keys.sorted { ($0.route, $0.status) < ($1.route, $1.status) }
        for key in keys {
            out += "kinerja_http_requests_total{route=\"\(key.route)\",status=\"\(key.status)\"} \(requests[key]!.count)\n"
        }
        out += "# HELP kinerja_http_request_duration_seconds Time to answer, by route and status.\n"
        out += "# TYPE kinerja_http_request_duration_seconds histogram\n"
        for key in keys {
            let h = requests[key]!
            let labels = "route=\"\(key.route)\",status=\"\(key.status)\""
            for (i, bound) in Self.buckets.enumerated() {
                out += "kinerja_http_request_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(h.counts[i])\n"
            }
            out += "kinerja_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(h.count)\n"
            out += "kinerja_http_request_duration_seconds_sum{\(labels)} \(h.sum)\n"
            out += "kinerja_http_request_duration_seconds_count{\(labels)} \(h.count)\n"
        }
        out += "# HELP kinerja_db_errors_total Database failures seen by requests, by kind.\n"
        out += "# TYPE kinerja_db_errors_total counter\n"
        for (kind, count) in errors.sorted(by: { $0.key < $1.key }) { out += "kinerja_db_errors_total{kind=\"\(kind)\"} \(count)\n" }
        out += "# HELP kinerja_db_queries_total Data requests that went to the database.\n"
        out += "# TYPE kinerja_db_queries_total counter\n"
        out += "kinerja_db_queries_total \(queries)\n"
        if let pool {
            out += "# HELP kinerja_pool_connections Pooled database connections by state.\n"
            out += "# TYPE kinerja_pool_connections gauge\n"
            out += "kinerja_pool_connections{state=\"open\"} \(pool.open)\n"
            out += "kinerja_pool_connections{state=\"idle\"} \(pool.idle)\n"
            out += "kinerja_pool_connections{state=\"in_use\"} \(pool.inUse)\n"
            out += "# HELP kinerja_pool_waiting Requests waiting for a connection.\n"
            out += "# TYPE kinerja_pool_waiting gauge\n"
            out += "kinerja_pool_waiting \(pool.waiting)\n"
            out += "# HELP kinerja_pool_created_total Connections opened.\n# TYPE kinerja_pool_created_total counter\nkinerja_pool_created_total \(pool.created)\n"
            out += "# HELP kinerja_pool_discarded_total Broken connections closed.\n# TYPE kinerja_pool_discarded_total counter\nkinerja_pool_discarded_total \(pool.discarded)\n"
            out += "# HELP kinerja_pool_timeouts_total Waits for a connection that timed out.\n# TYPE kinerja_pool_timeouts_total counter\nkinerja_pool_timeouts_total \(pool.timeouts)\n"
        }
        if let dataVersion {
            out += "# HELP kinerja_data_version The last successful load's batch id, as the server knows it.\n"
            out += "# TYPE kinerja_data_version gauge\n"
            out += "kinerja_data_version \(dataVersion)\n"
        }
        return out
    }
}
