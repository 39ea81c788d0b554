import Foundation
import HTTPTypes
import HummingbirdTesting
import Kinerja
@testable import KinerjaHTTP
import Logging
import ServiceLifecycle
import Testing
import TestSupport

/// The data version moving with a load, and the refresher stopping on graceful shutdown.
@Suite("HTTP data version and lifecycle", .serialized)
struct LifecycleTests {
    @Test func aNewLoadChangesTheETag() async throws {
        let database = try TestDatabase(suite: "http_version")
        @Sendable func load() throws {
            let folder = try LoadFolder(year: 2024)
            defer { folder.remove() }
            let report = try Loader(conninfo: database.conninfo, logger: Logger(label: "test")).load(.init(year: 2024, directory: try folder.write(), reportPath: "/dev/null"))
            precondition(report.outcome == .succeeded, "\(report.firstRejections)")
        }
        try load()
        try await HTTPFixture.withServer(HTTPFixture.configuration(conninfo: database.conninfo)) { client, responder async throws in
            await responder.versions.refresh()
            let before = try await client.get("/v1/units")
            let etag = try #require(before.headers[.eTag])
            #expect(try await client.get("/v1/units", [.ifNoneMatch: etag]).status == .notModified)
            try load()  // the same year again: a new successful batch
            // the refresher (every 200 ms here) picks the new version up without a request touching it
            let deadline = ContinuousClock.now + .seconds(5)
            var after = try await client.get("/v1/units", [.ifNoneMatch: etag])
            while after.status == .notModified, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                after = try await client.get("/v1/units", [.ifNoneMatch: etag])
            }
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != etag)
            #expect(after.object["total"] as? Int == 3)
        }
    }

    @Test func theVersionRefresherStopsOnGracefulShutdown() async throws {
        let reads = Counter()
        let cache = ETagCache(refreshInterval: .milliseconds(50), logger: Logger(label: "test")) { reads.increment(); return 42 }
        let group = ServiceGroup(services: [cache], gracefulShutdownSignals: [], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        // until it has refreshed twice (a busy machine may take longer than a few intervals)
        var polls = 0
        while reads.value < 2 {
            polls += 1
            try #require(polls < 3000, "the refresher never read the version twice")
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(cache.current == 42)
        await group.triggerGracefulShutdown()
        try await running.value  // returns without an error
        let count = reads.value
        try await Task.sleep(for: .milliseconds(200))
        #expect(reads.value == count)
        #expect(count >= 2)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
