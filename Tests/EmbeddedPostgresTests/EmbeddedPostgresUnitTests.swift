import Foundation
import Glibc
import Testing
@testable import EmbeddedPostgres

/// Tests that need no server.
@Suite("EmbeddedPostgres pieces")
struct EmbeddedPostgresUnitTests {
    private func info(socket: String = "/work/main/.kinerja/db/socket") -> ClusterInfo {
        ClusterInfo(port: 54_321, socketDirectory: socket, dataDirectory: "/x/data", pid: 1, logFile: "/x/server.log", serverUser: "postgres", majorVersion: "15")
    }

    @Test func urlUsesThePercentEncodedSocketFolder() {
        #expect(info().url(database: "kinerja") == "postgresql://kinerja@/kinerja?host=%2Fwork%2Fmain%2F.kinerja%2Fdb%2Fsocket&port=54321")
        #expect(info(socket: "/tmp/a b&c").url(database: "t_1") == "postgresql://kinerja@/t_1?host=%2Ftmp%2Fa%20b%26c&port=54321")
    }

    @Test func keyValueConninfoQuotesWhenNeeded() {
        #expect(info().keyValueConninfo(database: "kinerja") == "host=/work/main/.kinerja/db/socket port=54321 user=kinerja dbname=kinerja")
        #expect(info(socket: "/tmp/it's here\\").keyValueConninfo(database: "")
            == #"host='/tmp/it\'s here\\' port=54321 user=kinerja dbname=''"#)
    }

    @Test func identifiers() throws {
        for name in ["kinerja", "_x", "t_suite_123", String(repeating: "a", count: 63)] {
            #expect(EmbeddedPostgres.isValidIdentifier(name), "\(name)")
        }
        for name in ["", "Kinerja", "1abc", "a-b", "a b", "a\"b", "é", String(repeating: "a", count: 64)] {
            #expect(!EmbeddedPostgres.isValidIdentifier(name), "\(name)")
        }
        #expect(try EmbeddedPostgres.quotedIdentifier("kinerja") == "\"kinerja\"")
        #expect(throws: EmbeddedPostgresError.self) { try EmbeddedPostgres.quotedIdentifier("x; drop") }
    }

    @Test func defaultDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("embpg-root-\(UInt32.random(in: 0...UInt32.max))")
        let nested = root.appendingPathComponent("Sources/deep")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sql"), withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("Package.swift"))
        defer { try? FileManager.default.removeItem(at: root) }

        let fromProject = EmbeddedPostgres.defaultDirectory(named: "test-db", environment: [:], currentDirectory: nested.path, home: "/home/u")
        #expect(fromProject.path == root.standardizedFileURL.path + "/.kinerja/test-db")

        let fromHome = EmbeddedPostgres.defaultDirectory(named: "db", environment: [:], currentDirectory: "/", home: "/home/u")
        #expect(fromHome.path == "/home/u/.kinerja/db")

        let fromVariable = EmbeddedPostgres.defaultDirectory(named: "db", environment: ["KINERJA_HOME": "/srv/k"], currentDirectory: nested.path, home: "/home/u")
        #expect(fromVariable.path == "/srv/k/db")
        let relative = EmbeddedPostgres.defaultDirectory(named: "db", environment: ["KINERJA_HOME": "state"], currentDirectory: "/srv", home: "/home/u")
        #expect(relative.path == "/srv/state/db")
    }

    @Test func binariesAreFoundOnThisMachine() throws {
        let binaries = try ServerBinaries.locate()
        #expect(ServerBinaries.hasServerPrograms(binaries.directory))
        #expect(Int(binaries.majorVersion.split(separator: ".")[0]) ?? 0 >= 10)
        #expect(binaries.psql != nil)
    }

    @Test func missingBinariesSayWhereTheyWereSoughtAndHowToInstall() {
        let error = #expect(throws: EmbeddedPostgresError.self) {
            try ServerBinaries.locate(preferringMajorVersion: nil, environment: ["PATH": "/nonexistent"], packageRoot: "/nonexistent/postgresql")
        }
        #expect(error?.kind == .binariesNotFound)
        let text = error?.description ?? ""
        #expect(text.contains("/nonexistent/postgresql/*/bin"))
        #expect(text.contains("PATH (/nonexistent)"))
        #expect(text.contains("pg_config"))
        #expect(text.contains("apt-get install postgresql"))
    }

    @Test func versionParsing() {
        #expect(ServerBinaries.majorVersion(fromVersionOutput: "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n") == "15")
        #expect(ServerBinaries.majorVersion(fromVersionOutput: "pg_ctl (PostgreSQL) 9.6.24") == "9.6")
        #expect(ServerBinaries.majorVersion(fromVersionOutput: "pg_ctl (PostgreSQL) 17beta1") == "17")
        #expect(ServerBinaries.majorVersion(fromVersionOutput: "something else") == nil)
    }

    @Test func settingsFile() {
        let text = ServerSettings.render(port: 5555, socketDirectory: "/tmp/it's, here", overrides: ["work_mem": "64MB", "port": "1"])
        #expect(text.contains("listen_addresses = '127.0.0.1'\n"))
        #expect(text.contains("port = 5555\n"))
        #expect(!text.contains("port = '1'"))
        #expect(text.contains(#"unix_socket_directories = '"/tmp/it''s, here"'"#))
        #expect(text.contains("work_mem = '64MB'\n"))
        #expect(text.contains("shared_buffers = '256MB'\n"))
        #expect(!text.contains("fsync"))
        #expect(ServerSettings.isValidName("auto_explain.log_min_duration"))
        #expect(!ServerSettings.isValidName("work mem"))
    }

    @Test func reservedOrMalformedSettingsAreRefused() {
        for settings in [["port": "5432"], ["listen_addresses": "*"], ["work mem": "1MB"], ["work_mem": "1MB\nfsync = off"]] {
            let cluster = EmbeddedPostgres(directory: URL(fileURLWithPath: "/nonexistent/embpg"), settings: settings)
            let error = #expect(throws: EmbeddedPostgresError.self) { try cluster.start() }
            #expect(error?.kind == .invalidIdentifier)
        }
    }

    @Test func statusOfAMissingFolder() throws {
        let cluster = EmbeddedPostgres(directory: temporaryClusterFolder("missing"))
        #expect(cluster.status() == .notInitialized)
        try cluster.stop()
        try cluster.destroy()
        #expect(!FileManager.default.fileExists(atPath: cluster.directory.path))
    }

    @Test func freePorts() throws {
        let port = try FreePort.pick()
        #expect((1024...65_535).contains(port))
        #expect(FreePort.isFree(port))
        let squatter = try ListeningSocket(port: port)
        #expect(!FreePort.isFree(port))
        squatter.close()
        #expect(FreePort.isFree(port))
    }

    @Test func layoutMovesOverlongSocketPathsToTmp() {
        let short = ClusterLayout.primary("/work/main/.kinerja/db")
        #expect(short.socketDirectory == "/work/main/.kinerja/db/socket")
        #expect(short.dataDirectory == "/work/main/.kinerja/db/data")
        let deep = "/tmp/" + String(repeating: "x", count: 100) + "/db"
        let long = ClusterLayout.primary(deep)
        #expect(long.socketDirectory.hasPrefix("/tmp/kinerja-pg-"))
        #expect(long.dataDirectory == deep + "/data")
        #expect(ClusterLayout.hash("/a") != ClusterLayout.hash("/b"))
        #expect(ClusterLayout.hash("/a").count == 16)
    }

    @Test func processRunnerCapturesOutputAndPassesNoDescriptors() throws {
        let result = try ProcessRunner.run("/bin/sh", ["-c", "echo out; echo err >&2; ls /proc/self/fd; exit 3"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.exitCode == 3)
        #expect(result.stderr == "err\n")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "out")
        // 0, 1, 2 and the descriptor ls opens to read /proc/self/fd: nothing of ours leaks.
        #expect(lines.dropFirst().compactMap { Int($0) }.filter { $0 > 3 }.isEmpty)

        let killed = try ProcessRunner.run("/bin/sh", ["-c", "kill -9 $$"], environment: [:])
        #expect(killed.exitCode == 128 + SIGKILL)
        let cwd = try ProcessRunner.run("/bin/pwd", [], environment: [:], currentDirectory: "/tmp")
        #expect(cwd.stdout == "/tmp\n")
    }

    @Test func childrenGetNoPGVariables() {
        let environment = ProcessRunner.childEnvironment(locale: "C")
        #expect(environment.keys.allSatisfy { !$0.hasPrefix("PG") })
        #expect(environment["LC_ALL"] == "C")
    }

    @Test(
        "runuser, setpriv and su all run a program as the server account, arguments intact",
        .enabled(if: geteuid() == 0, "only root switches accounts")
    )
    func switchingAccounts() throws {
        let entry = try #require(UnprivilegedUser.entry(named: "postgres") ?? UnprivilegedUser.entry(named: "nobody"))
        let candidates: [UnprivilegedUser.Switcher] = [.runuser("/usr/sbin/runuser"), .setpriv("/usr/bin/setpriv"), .su("/usr/bin/su")]
        let switchers = candidates.filter {
            switch $0 {
            case .runuser(let path), .setpriv(let path), .su(let path): return ProcessRunner.isExecutableFile(path)
            }
        }
        #expect(!switchers.isEmpty)
        for switcher in switchers {
            let user = UnprivilegedUser(name: entry.name, uid: entry.uid, gid: entry.gid, isCurrentUser: false, switcher: switcher)
            let result = try user.run("/bin/sh", ["-c", #"echo "$(id -un) $# [$1] [$2]""#, "sh", "-D", "it's a \"test\""], environment: ["PATH": "/usr/bin:/bin"])
            #expect(result.exitCode == 0, "\(switcher): \(result.stderr)")
            #expect(result.stdout == "\(entry.name) 2 [-D] [it's a \"test\"]\n", "\(switcher)")
        }
    }

    @Test func errorDescriptionNamesCommandExitCodeAndOutput() {
        let result = ProcessResult(command: ["/usr/bin/initdb", "-D", "/a b"], exitCode: 1, stdout: "", stderr: (1...30).map { "line \($0)" }.joined(separator: "\n") + "\n")
        let text = EmbeddedPostgresError.commandFailed("initdb failed", result).description
        #expect(text.contains("initdb failed"))
        #expect(text.contains("command: /usr/bin/initdb -D '/a b'"))
        #expect(text.contains("exit code: 1"))
        #expect(text.contains("line 30"))
        #expect(text.contains("line 11"))
        #expect(!text.contains("line 10\n"))
    }
}
