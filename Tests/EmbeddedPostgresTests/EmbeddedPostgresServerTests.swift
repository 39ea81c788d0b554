import Foundation
import Glibc
import Testing
@testable import EmbeddedPostgres

/// Tests that need a cluster of their own (they stop, kill or destroy it, or race to make it).
/// Each makes its cluster in a fresh folder under /tmp and destroys it at the end; the tests run in
/// parallel. Tests that only use a running server are in `SharedClusterTests`.
@Suite("EmbeddedPostgres with a real server", .timeLimit(.minutes(3)))
struct EmbeddedPostgresServerTests {
    @Test("start, reuse, stop, start again, destroy")
    func lifecycle() async throws {
        try await offCooperativePool { try withTemporaryCluster("lifecycle") { cluster in
            #expect(cluster.status() == .notInitialized)

            let first = try cluster.start()
            #expect(cluster.status() == .running(first))
            #expect(first.superuser == "kinerja")
            #expect(first.dataDirectory == cluster.directory.path + "/data" || first.dataDirectory.hasPrefix("/var/lib/kinerja/pg-"))
            #expect(try cluster.psql("select 1") == "1")

            // The URL and the key/value conninfo work with libpq (through psql).
            #expect(try psql(url: first.url(database: "postgres"), "select current_user") == "kinerja")
            #expect(try psql(url: first.keyValueConninfo(database: "postgres"), "select current_database()") == "postgres")

            // cluster.json says where it runs.
            let state = try #require(try ClusterState.read(from: cluster.directory.path + "/cluster.json"))
            #expect(state.port == first.port)
            #expect(state.pid == first.pid)
            #expect(state.dataDirectory == first.dataDirectory)
            #expect(state.socketDirectory == first.socketDirectory)

            // A second start reuses the running server.
            let second = try cluster.start()
            #expect(second.port == first.port)
            #expect(second.pid == first.pid)

            try cluster.stop()
            #expect(cluster.status() == .stopped)
            #expect(!PostmasterPIDFile.isPostmaster(pid: first.pid, of: first.dataDirectory))
            #expect(try ClusterState.read(from: cluster.directory.path + "/cluster.json")?.pid == nil)
            try cluster.stop() // stopping a stopped cluster is fine
            #expect(throws: EmbeddedPostgresError.self) { try cluster.psql("select 1") }

            let third = try cluster.start()
            #expect(third.pid != first.pid)
            #expect(cluster.status() == .running(third))
            #expect(try cluster.psql("select 2") == "2")

            try cluster.destroy()
            #expect(cluster.status() == .notInitialized)
            #expect(!FileManager.default.fileExists(atPath: cluster.directory.path))
            #expect(!PostmasterPIDFile.isPostmaster(pid: third.pid, of: third.dataDirectory))
            try cluster.destroy() // destroying nothing is fine
        } }
    }

    @Test("two concurrent start() calls make and start one cluster")
    func concurrentStarts() async throws {
        let cluster = EmbeddedPostgres(directory: temporaryClusterFolder("concurrent"))
        do {
            // Two threads of their own (not the cooperative pool), each with its own lock file descriptor.
            async let a = offCooperativePool { try cluster.start() }
            async let b = offCooperativePool { try cluster.start() }
            let (first, second) = try await (a, b)
            #expect(first == second)
            #expect(try await offCooperativePool { try cluster.psql("select 1") } == "1")
            let log = try String(contentsOfFile: first.logFile, encoding: .utf8)
            #expect(log.components(separatedBy: "database system is ready to accept connections").count == 2)
        } catch {
            _ = try? await offCooperativePool { try cluster.destroy() }
            throw error
        }
        try await offCooperativePool { try cluster.destroy() }
    }

    @Test("a killed server (stale cluster.json) is started again, on a new port when the old one is taken")
    func staleStateRecovers() async throws {
        try await offCooperativePool { try withTemporaryCluster("stale") { cluster in
            let first = try cluster.start()
            #expect(kill(first.pid, SIGKILL) == 0)
            try waitUntil("the killed postmaster is gone") { !PostmasterPIDFile.isPostmaster(pid: first.pid, of: first.dataDirectory) }

            // Something else takes the old port meanwhile.
            let squatter = try ListeningSocket(port: first.port)
            defer { squatter.close() }

            #expect(try ClusterState.read(from: cluster.directory.path + "/cluster.json")?.pid == first.pid)
            #expect(cluster.status() == .stopped)
            let second = try cluster.start()
            #expect(second.pid != first.pid)
            #expect(second.port != first.port)
            #expect(try cluster.psql("select 1") == "1")
            #expect(try ClusterState.read(from: cluster.directory.path + "/cluster.json")?.pid == second.pid)
        } }
    }

    @Test(
        "as root, a cluster folder the server account cannot reach moves to /var/lib/kinerja",
        .enabled(if: geteuid() == 0, "only root switches to another account")
    )
    func rootFallbackFolder() async throws {
        try await offCooperativePool { try rootFallbackFolderBody() }
    }

    private func rootFallbackFolderBody() throws {
        let parent = "/tmp/embpg-test-closed-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let cluster = EmbeddedPostgres(directory: URL(fileURLWithPath: parent + "/db"))
        defer { try? cluster.destroy() }

        let info = try cluster.start()
        let fallback = ClusterLayout.fallback(cluster.directory.path)
        #expect(info.dataDirectory == fallback.dataDirectory)
        #expect(info.dataDirectory.hasPrefix("/var/lib/kinerja/pg-"))
        #expect(try ClusterState.read(from: cluster.directory.path + "/cluster.json")?.dataDirectory == info.dataDirectory)
        #expect(try cluster.psql("select 1") == "1")
        #expect(try cluster.start().pid == info.pid)

        try cluster.destroy()
        #expect(!FileManager.default.fileExists(atPath: fallback.clusterRoot))
        #expect(!FileManager.default.fileExists(atPath: cluster.directory.path))
    }
}

// MARK: - Helpers

/// Runs `body` with a cluster in a fresh folder under /tmp, destroyed afterwards.
func withTemporaryCluster<T>(_ name: String, _ body: (EmbeddedPostgres) throws -> T) throws -> T {
    let cluster = EmbeddedPostgres(directory: temporaryClusterFolder(name))
    defer { try? cluster.destroy() }
    return try body(cluster)
}

/// Runs blocking work (initdb, pg_ctl, psql) on a thread of its own, so that it does not hold
/// one of the few threads of Swift's cooperative pool that other test suites need.
func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

func temporaryClusterFolder(_ name: String) -> URL {
    URL(fileURLWithPath: "/tmp/embpg-test-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
}

/// Output of psql given a conninfo or URL.
func psql(url: String, _ sql: String) throws -> String {
    let psql = try #require(try ServerBinaries.locate().psql)
    return try run(psql, ["-X", "-At", "-d", url, "-c", sql]).trimmingCharacters(in: .newlines)
}

/// Standard output of a program that must succeed.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> String {
    let result = try ProcessRunner.run(executable, arguments, environment: ProcessRunner.childEnvironment(locale: "C"))
    guard result.succeeded else { throw EmbeddedPostgresError.commandFailed("test command failed", result) }
    return result.stdout
}

func owner(of path: String) throws -> uid_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw EmbeddedPostgresError(.fileSystem, "stat \(path)") }
    return info.st_uid
}

func mode(of path: String) throws -> mode_t {
    var info = stat()
    guard stat(path, &info) == 0 else { throw EmbeddedPostgresError(.fileSystem, "stat \(path)") }
    return info.st_mode & 0o7777
}

func waitUntil(_ what: String, timeout: TimeInterval = 20, _ condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        guard Date() < deadline else { throw EmbeddedPostgresError(.serverStartFailed, "timed out waiting until \(what)") }
        usleep(50_000)
    }
}

/// True when a TCP connection to host:port succeeds.
func canConnectTCP(host: String, port: Int) -> Bool {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_flags = AI_NUMERICHOST
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return false }
    defer { freeaddrinfo(list) }
    let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0
}

/// A socket listening on 127.0.0.1:port, standing in for another program on that port.
final class ListeningSocket: Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 1) == 0 else {
            Glibc.close(fd)
            throw EmbeddedPostgresError(.noFreePort, "could not listen on 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
    }

    func close() { Glibc.close(fd) }
}
