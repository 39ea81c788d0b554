import Foundation
import Glibc
import Testing
@testable import EmbeddedPostgres

/// Tests that only need a running server share one cluster, made in a fresh folder under /tmp
/// when the suite begins and destroyed when it ends (see `SharedCluster`). Every test calls
/// `start()` itself, so the parallel tests also race to start the same cluster.
@Suite("A shared embedded cluster", .sharedCluster, .timeLimit(.minutes(3)))
struct SharedClusterTests {
    @Test func repeatedStartsReuseTheServer() async throws {
        let first = try await SharedCluster.start()
        let second = try await SharedCluster.start()
        #expect(first == second)
        #expect(SharedCluster.cluster.status() == .running(first))
    }

    @Test func psqlOverTheUnixSocket() async throws {
        let info = try await SharedCluster.start()
        let cluster = SharedCluster.cluster
        try await offCooperativePool { () throws -> Void in
            #expect(try cluster.psql("select 1") == "1")
            // The URL and the key/value conninfo work with libpq (through psql).
            #expect(try psql(url: info.url(database: "postgres"), "select current_user") == "kinerja")
            #expect(try psql(url: info.keyValueConninfo(database: "template1"), "select current_database()") == "template1")
            #expect(try cluster.psql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user") == "t")
        }
    }

    @Test func listensOn127001Only() async throws {
        let info = try await SharedCluster.start()
        let cluster = SharedCluster.cluster
        try await offCooperativePool { () throws -> Void in
            #expect(try cluster.psql("SHOW listen_addresses") == "127.0.0.1")
            #expect(try cluster.psql("SHOW port") == String(info.port))
            #expect(try cluster.psql("SHOW unix_socket_directories").contains(info.socketDirectory))
        }
        #expect(canConnectTCP(host: "127.0.0.1", port: info.port))
        #expect(!canConnectTCP(host: "::1", port: info.port))
        #expect(try mode(of: info.socketDirectory) == 0o700)
    }

    @Test func runsAsAnUnprivilegedAccount() async throws {
        let info = try await SharedCluster.start()
        let user = try await offCooperativePool { () throws -> String in
            try run("/bin/ps", ["-o", "user=", "-p", String(info.pid)]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(!user.isEmpty)
        #expect(user != "root")
        #expect(info.serverUser != "root")
        #expect(try owner(of: info.dataDirectory) != 0)
        #expect(try mode(of: info.dataDirectory) & 0o077 == 0)
        if geteuid() != 0 {
            #expect(try owner(of: info.dataDirectory) == geteuid())
        }
    }

    @Test func hasTheKinerjaSettings() async throws {
        _ = try await SharedCluster.start()
        let cluster = SharedCluster.cluster
        try await offCooperativePool { () throws -> Void in
            #expect(try cluster.psql("SHOW fsync") == "on")
            #expect(try cluster.psql("SHOW shared_buffers") == "256MB")
            #expect(try cluster.psql("SHOW max_connections") == "200")
            #expect(try cluster.psql("SHOW work_mem") == "32MB")
            #expect(try cluster.psql("SHOW maintenance_work_mem") == "512MB")
            #expect(try cluster.psql("SHOW max_wal_size") == "4GB")
            #expect(try cluster.psql("SHOW wal_level") == "minimal")
            #expect(try cluster.psql("SHOW server_encoding") == "UTF8")
        }
    }

    @Test func createAndDropDatabases() async throws {
        _ = try await SharedCluster.start()
        let cluster = SharedCluster.cluster
        try await offCooperativePool { () throws -> Void in
            #expect(try !cluster.databaseExists("emb_one"))
            try cluster.createDatabase("emb_one")
            #expect(try cluster.databaseExists("emb_one"))
            try cluster.psql("CREATE TABLE marker (id int); INSERT INTO marker VALUES (42)", database: "emb_one")
            try cluster.createDatabase("emb_two", template: "emb_one")
            #expect(try cluster.psql("SELECT id FROM marker", database: "emb_two") == "42")
            #expect(throws: EmbeddedPostgresError.self) { try cluster.createDatabase("emb_one") }
            try cluster.dropDatabase("emb_two", force: true)
            try cluster.dropDatabase("emb_one", force: true)
            try cluster.dropDatabase("emb_one") // IF EXISTS
            #expect(throws: EmbeddedPostgresError.self) { try cluster.dropDatabase("emb_one", ifExists: false) }
            #expect(try !cluster.databaseExists("emb_one"))
            let invalid = #expect(throws: EmbeddedPostgresError.self) { try cluster.createDatabase("Robert'); DROP TABLE x; --") }
            #expect(invalid?.kind == .invalidIdentifier)
        }
    }
}

/// A suite trait giving the suite's tests one cluster in a fresh folder under /tmp, destroyed
/// when the whole suite has run.
struct SharedCluster: SuiteTrait, TestScoping {
    @TaskLocal static var current: EmbeddedPostgres?

    /// The suite's cluster (inside a suite marked `.sharedCluster`; elsewhere one that does not exist).
    static var cluster: EmbeddedPostgres {
        current ?? EmbeddedPostgres(directory: URL(fileURLWithPath: "/nonexistent/no-shared-cluster"))
    }

    /// `cluster.start()`, off the cooperative pool.
    static func start() async throws -> ClusterInfo {
        let cluster = try #require(current, "only inside a suite marked .sharedCluster")
        return try await offCooperativePool { try cluster.start() }
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let cluster = EmbeddedPostgres(directory: temporaryClusterFolder("shared"))
        do {
            try await Self.$current.withValue(cluster) { try await function() }
        } catch {
            _ = try? await offCooperativePool { try cluster.destroy() }
            throw error
        }
        try await offCooperativePool { try cluster.destroy() }
    }
}

extension Trait where Self == SharedCluster {
    /// One cluster for the whole suite.
    static var sharedCluster: Self { SharedCluster() }
}
