import Foundation
import Glibc

/// A private PostgreSQL cluster in a folder of its own, made and run on demand: what kinerja's
/// CLI, demo and tests use when `DATABASE_URL` is not set.
///
/// ```swift
/// let cluster = EmbeddedPostgres(directory: EmbeddedPostgres.defaultDirectory())
/// let info = try cluster.start()              // initdb on first use; reuses a running server
/// try cluster.createDatabase("kinerja")
/// let url = info.url(database: "kinerja")     // hand to libpq
/// ```
///
/// The folder holds `data/` (the cluster), `socket/` (the unix socket, mode 0700), `server.log`,
/// `cluster.json` (port, pid, paths: see `ClusterState`) and `cluster.lock`. The server listens on
/// 127.0.0.1 only, on a free port chosen at start (the previous one when it is still free), and on
/// the private unix socket, which is what `ClusterInfo.url(database:)` uses. The superuser role is
/// `kinerja`, trusted over the unix socket; TCP connections need a password (scram-sha-256) and the
/// role has none, so nothing outside this machine's root and the server account can connect.
///
/// Every method is synchronous, may take seconds (`initdb`, starting the server) and is safe to call
/// from several threads or processes at once: `start()`, `stop()` and `destroy()` hold an exclusive
/// `flock` on `cluster.lock` while they work.
///
/// Running as root: PostgreSQL refuses to run as root, so the server runs as an unprivileged
/// account (`postgres`, else `kinerja-pg`, made on first use) that owns the cluster's files; see
/// `UnprivilegedUser`. If that account cannot enter the cluster folder's parent (a project under
/// `/root`, say), the data, socket and log go to `/var/lib/kinerja/pg-<hash of the folder path>`
/// instead and `cluster.json` in the folder points there; see `ClusterLayout`.
public struct EmbeddedPostgres: Sendable {
    /// The superuser role made by `initdb`.
    public static let superuser = "kinerja"
    /// The state file in the cluster folder.
    public static let stateFileName = "cluster.json"
    /// The lock file in the cluster folder.
    public static let lockFileName = "cluster.lock"
    /// The default server settings (written to `<data>/kinerja.conf` at every start).
    public static var defaultSettings: [String: String] { ServerSettings.defaults }

    /// The cluster folder.
    public let directory: URL
    /// Settings that override `defaultSettings` (name → postgresql.conf value, e.g. `"work_mem": "64MB"`).
    /// `listen_addresses`, `port`, `unix_socket_directories` and `unix_socket_permissions` are
    /// managed by this type and may not be given.
    public let settings: [String: String]

    /// A cluster in `directory` (nothing happens on disk until `start()`).
    public init(directory: URL, settings: [String: String] = [:]) {
        self.directory = directory.standardizedFileURL
        self.settings = settings
    }

    /// The state of a cluster.
    public enum Status: Sendable, Equatable, Hashable {
        /// There is no cluster in the folder (or no folder).
        case notInitialized
        /// The cluster exists and its server is not running.
        case stopped
        /// The server runs.
        case running(ClusterInfo)
    }

    // MARK: - Where

    /// The folder for a cluster named `name` ("db" for the CLI and demo, "test-db" for tests):
    /// `$KINERJA_HOME/<name>` when `KINERJA_HOME` is set; else `<project root>/.kinerja/<name>`, the
    /// project root being the nearest folder, from the current folder up, that holds both
    /// `Package.swift` and a `sql/` folder; else `~/.kinerja/<name>`.
    public static func defaultDirectory(named name: String = "db") -> URL {
        defaultDirectory(
            named: name,
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            home: FileManager.default.homeDirectoryForCurrentUser.path
        )
    }

    /// `defaultDirectory(named:)` with its inputs given, for tests.
    static func defaultDirectory(named name: String, environment: [String: String], currentDirectory: String, home: String) -> URL {
        let current = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        if let kinerjaHome = environment["KINERJA_HOME"], !kinerjaHome.isEmpty {
            return URL(fileURLWithPath: kinerjaHome, isDirectory: true, relativeTo: current)
                .appendingPathComponent(name, isDirectory: true).standardizedFileURL
        }
        if let root = projectRoot(from: current) {
            return root.appendingPathComponent(".kinerja", isDirectory: true).appendingPathComponent(name, isDirectory: true)
        }
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".kinerja", isDirectory: true).appendingPathComponent(name, isDirectory: true)
    }

    /// The nearest folder from `start` up holding `Package.swift` and a `sql/` folder.
    static func projectRoot(from start: URL) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: folder.appendingPathComponent("sql").path, isDirectory: &isDirectory),
               isDirectory.boolValue {
                return folder
            }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    // MARK: - Lifecycle

    /// Makes the cluster if there is none, starts its server if it is not running, and says how to
    /// reach it. Idempotent: when the server already runs it is reused as it is.
    ///
    /// A server that `cluster.json` calls running but that is gone (killed, or the machine
    /// restarted) is started again, on its old port when that is still free, else on a new one.
    public func start() throws -> ClusterInfo {
        try validateSettings()
        let folder = try prepareFolder()
        let lock = folder + "/" + Self.lockFileName
        guard let info = try FileLock.withExclusiveLock(at: lock, createFolder: true, { try startLocked(folder) }) else {
            throw EmbeddedPostgresError(.fileSystem, "could not lock \(lock)")
        }
        return info
    }

    /// The server `cluster.json` says was last started, without checking that it runs: no lock, no
    /// `pg_ctl`, no process started. For a client that connects at once and falls back to `start()`
    /// when that fails: the socket is in this cluster's own folder, so a stale answer can only fail
    /// to connect, never reach another server. Saves a short command the 50 ms of `start()`'s checks.
    public func lastStartedServer() -> ClusterInfo? {
        let folder = Self.canonicalPath(directory.path)
        guard let state = try? ClusterState.read(from: folder + "/" + Self.stateFileName), let pid = state.pid,
              FileManager.default.fileExists(atPath: state.socketDirectory + "/.s.PGSQL.\(state.port)") else { return nil }
        return ClusterInfo(port: state.port, socketDirectory: state.socketDirectory, dataDirectory: state.dataDirectory,
                           pid: pid, logFile: state.logFile, serverUser: state.serverUser, majorVersion: state.majorVersion)
    }

    /// Stops the server (`pg_ctl stop -m fast`: sessions are disconnected, nothing is lost). No
    /// error when it is not running or there is no cluster.
    public func stop() throws {
        let folder = Self.canonicalPath(directory.path)
        guard FileManager.default.fileExists(atPath: folder) else { return }
        _ = try FileLock.withExclusiveLock(at: folder + "/" + Self.lockFileName, createFolder: false) { try stopLocked(folder) }
    }

    /// Whether there is a cluster and whether its server runs (checked with `pg_ctl status` and the
    /// server's `postmaster.pid`; `cluster.json` alone is not trusted).
    public func status() -> Status {
        let inspection = inspect(Self.canonicalPath(directory.path))
        guard inspection.layout != nil else { return .notInitialized }
        if let info = inspection.info { return .running(info) }
        return .stopped
    }

    /// Stops the server and removes the cluster folder with everything in it (and the
    /// `/var/lib/kinerja` and `/tmp` folders used instead of it, if any). No error when there is nothing to remove.
    public func destroy() throws {
        let folder = Self.canonicalPath(directory.path)
        guard FileManager.default.fileExists(atPath: folder) else { return }
        _ = try FileLock.withExclusiveLock(at: folder + "/" + Self.lockFileName, createFolder: false) {
            try stopLocked(folder)
            let state = try ClusterState.read(from: folder + "/" + Self.stateFileName)
            var paths: [String] = []
            for layout in [state?.layout, ClusterLayout.primary(folder), ClusterLayout.fallback(folder)].compactMap({ $0 }) {
                paths.append(layout.socketDirectory)
                paths.append(layout.clusterRoot)
            }
            for path in paths where path != folder && !path.hasPrefix(folder + "/") && FileManager.default.fileExists(atPath: path) {
                try Self.remove(path)
            }
            try Self.remove(folder)
            _ = rmdir(ClusterLayout.fallbackParent) // only when empty; fine to fail
        }
    }

    // MARK: - Start

    private func startLocked(_ folder: String) throws -> ClusterInfo {
        let stateFile = folder + "/" + Self.stateFileName
        let state = try ClusterState.read(from: stateFile)
        let environment = ProcessInfo.processInfo.environment
        let existing = Self.existingLayout(folder, state: state)
        let user = try UnprivilegedUser.resolve(existingDataOwner: existing?.dataOwner, environment: environment)
        let binaries = try ServerBinaries.locate(preferringMajorVersion: existing?.majorVersionOnDisk)
        let childEnvironment = ProcessRunner.childEnvironment(locale: Self.utf8LocaleAvailable ? "C.UTF-8" : "C")

        let layout: ClusterLayout
        if let existing {
            try Self.checkVersion(existing, binaries)
            if let info = try runningInfo(existing, user: user, binaries: binaries, environment: childEnvironment, waitUntilReady: true) {
                if state?.pid != info.pid || state?.port != info.port {
                    try Self.state(for: existing, info: info, binaries: binaries, previous: state).write(to: stateFile)
                }
                return info
            }
            layout = existing
        } else {
            layout = try prepareNewCluster(folder, user: user, environment: environment)
            try initdb(layout, user: user, binaries: binaries, environment: childEnvironment)
        }

        try Self.ensureInclude(layout)
        try Self.makePrivateFolder(layout.socketDirectory, for: user)
        try Self.removeStalePIDFile(layout)
        let info = try startServer(layout, user: user, binaries: binaries, environment: childEnvironment, preferredPort: state?.port)
        try Self.state(for: layout, info: info, binaries: binaries, previous: state).write(to: stateFile)
        return info
    }

    private func initdb(_ layout: ClusterLayout, user: UnprivilegedUser, binaries: ServerBinaries, environment: [String: String]) throws {
        var arguments = ["-D", layout.dataDirectory, "-U", Self.superuser, "--encoding=UTF8"]
        arguments.append(Self.utf8LocaleAvailable ? "--locale=C.UTF-8" : "--no-locale")
        // byte-order collation: the same order as C.UTF-8 for UTF-8 text, but PostgreSQL compares
        // with memcmp and abbreviated keys instead of strcoll, which makes the loads' index builds
        // and the analytics' sorts several times faster
        arguments.append("--lc-collate=C")
        arguments += ["--auth-local=trust", "--auth-host=scram-sha-256"]
        let result = try user.run(binaries.initdb, arguments, environment: environment)
        guard result.succeeded else {
            throw EmbeddedPostgresError.commandFailed("initdb could not create the cluster in \(layout.dataDirectory) (as \(user.name))", result)
        }
    }

    /// Starts the server with pg_ctl, retrying on another port when the chosen one was taken meanwhile.
    private func startServer(
        _ layout: ClusterLayout, user: UnprivilegedUser, binaries: ServerBinaries, environment: [String: String], preferredPort: Int?
    ) throws -> ClusterInfo {
        var port = try preferredPort.flatMap { FreePort.isFree($0) ? $0 : nil } ?? FreePort.pick()
        let attempts = 5
        for attempt in 1...attempts {
            let conf = layout.dataDirectory + "/" + ServerSettings.fileName
            try Self.writeFile(conf, ServerSettings.render(port: port, socketDirectory: layout.socketDirectory, overrides: settings), owner: user)
            let logOffset = Self.fileSize(layout.logFile)
            let result = try user.run(
                binaries.pgCtl, ["start", "-w", "-t", "120", "-D", layout.dataDirectory, "-l", layout.logFile],
                environment: environment
            )
            if result.succeeded {
                if let info = try runningInfo(layout, user: user, binaries: binaries, environment: environment, waitUntilReady: true) {
                    return info
                }
                throw EmbeddedPostgresError.commandFailed(
                    "pg_ctl reported the server started, but it is not running", result, kind: .serverStartFailed, logFile: layout.logFile)
            }
            let log = EmbeddedPostgresError.tailOfFile(layout.logFile, lines: 20, from: logOffset) ?? ""
            if attempt < attempts, log.contains("Address already in use") || log.contains("could not create any TCP/IP sockets") {
                port = try FreePort.pick()
                continue
            }
            if attempt < attempts, log.contains("pre-existing shared memory block") || log.contains("lock file \"postmaster.pid\" already exists") {
                // Processes of a killed server still hold its shared memory; they exit shortly.
                usleep(1_000_000)
                try Self.removeStalePIDFile(layout)
                continue
            }
            throw EmbeddedPostgresError(
                .serverStartFailed, "the PostgreSQL server in \(layout.dataDirectory) did not start (as \(user.name), port \(port))",
                command: result.command, exitCode: result.exitCode,
                stderrTail: EmbeddedPostgresError.lastLines(result.stderr.isEmpty ? result.stdout : result.stderr, 20),
                logTail: log, logFile: layout.logFile
            )
        }
        throw EmbeddedPostgresError(.serverStartFailed, "the PostgreSQL server did not start", logFile: layout.logFile)
    }

    /// Makes the folders of a new cluster, choosing the `/var/lib/kinerja` fallback when the server account
    /// cannot reach the cluster folder.
    private func prepareNewCluster(_ folder: String, user: UnprivilegedUser, environment: [String: String]) throws -> ClusterLayout {
        var layout = ClusterLayout.primary(folder)
        if !user.isCurrentUser {
            let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
            if try !user.canEnter(directory: parent, environment: environment) {
                layout = ClusterLayout.fallback(folder)
                do {
                    try FileManager.default.createDirectory(
                        atPath: ClusterLayout.fallbackParent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
                } catch {
                    throw EmbeddedPostgresError(.fileSystem, "could not create \(ClusterLayout.fallbackParent) for the cluster that \(user.name) cannot keep in \(folder): \(error)")
                }
            }
        }
        try Self.makePrivateFolder(layout.clusterRoot, for: user)
        if FileManager.default.fileExists(atPath: layout.dataDirectory) {
            // A data folder without PG_VERSION is the leftover of an interrupted initdb.
            try Self.remove(layout.dataDirectory)
        }
        return layout
    }

    // MARK: - Stop

    private func stopLocked(_ folder: String) throws {
        let stateFile = folder + "/" + Self.stateFileName
        var state = try ClusterState.read(from: stateFile)
        guard let layout = Self.existingLayout(folder, state: state) else { return }
        if let pidFile = PostmasterPIDFile.read(dataDirectory: layout.dataDirectory) {
            if PostmasterPIDFile.isPostmaster(pid: pidFile.pid, of: layout.dataDirectory) {
                let environment = ProcessInfo.processInfo.environment
                let user = try UnprivilegedUser.resolve(existingDataOwner: layout.dataOwner, environment: environment)
                let binaries = try ServerBinaries.locate(preferringMajorVersion: layout.majorVersionOnDisk)
                let childEnvironment = ProcessRunner.childEnvironment(locale: Self.utf8LocaleAvailable ? "C.UTF-8" : "C")
                let result = try user.run(binaries.pgCtl, ["stop", "-D", layout.dataDirectory, "-m", "fast", "-w", "-t", "120"], environment: childEnvironment)
                if !result.succeeded {
                    let check = try user.run(binaries.pgCtl, ["status", "-D", layout.dataDirectory], environment: childEnvironment)
                    if check.exitCode == 0 {
                        throw EmbeddedPostgresError.commandFailed("could not stop the PostgreSQL server in \(layout.dataDirectory)", result, logFile: layout.logFile)
                    }
                }
            } else {
                try Self.removeStalePIDFile(layout)
            }
        }
        if state?.pid != nil {
            state?.pid = nil
            try state?.write(to: stateFile)
        }
    }

    // MARK: - Inspect

    /// What is on disk and running, for `status()` and the database helpers.
    struct Inspection {
        /// The cluster on disk, if any.
        var layout: ClusterLayout?
        /// The account its server runs as (known only when it may be running).
        var user: UnprivilegedUser?
        /// The server programs for it (known only when it may be running).
        var binaries: ServerBinaries?
        /// The running server, if any.
        var info: ClusterInfo?
    }

    /// Looks at the cluster of `folder` without taking the lock or changing anything.
    func inspect(_ folder: String) -> Inspection {
        var inspection = Inspection()
        let state = try? ClusterState.read(from: folder + "/" + Self.stateFileName)
        guard let layout = Self.existingLayout(folder, state: state) else { return inspection }
        inspection.layout = layout
        guard PostmasterPIDFile.read(dataDirectory: layout.dataDirectory) != nil else { return inspection }
        let environment = ProcessInfo.processInfo.environment
        inspection.user = try? UnprivilegedUser.resolve(existingDataOwner: layout.dataOwner, environment: environment)
        inspection.binaries = try? ServerBinaries.locate(preferringMajorVersion: layout.majorVersionOnDisk)
        let childEnvironment = ProcessRunner.childEnvironment(locale: Self.utf8LocaleAvailable ? "C.UTF-8" : "C")
        inspection.info = try? runningInfo(
            layout, user: inspection.user, binaries: inspection.binaries, environment: childEnvironment, waitUntilReady: false)
        return inspection
    }

    /// The running server of `layout`, or nil when there is none.
    ///
    /// Running means: `pg_ctl status` says so (when the programs and account are known), and the
    /// pid in `postmaster.pid` is a live process working in this data folder (not a pid reused
    /// after a reboot). With `waitUntilReady`, also waits (up to 60 s) until the server accepts
    /// connections on its unix socket, and throws when it does not.
    private func runningInfo(
        _ layout: ClusterLayout, user: UnprivilegedUser?, binaries: ServerBinaries?, environment: [String: String], waitUntilReady: Bool
    ) throws -> ClusterInfo? {
        guard var pidFile = PostmasterPIDFile.read(dataDirectory: layout.dataDirectory) else { return nil }
        if let user, let binaries {
            let result = try user.run(binaries.pgCtl, ["status", "-D", layout.dataDirectory], environment: environment)
            guard result.exitCode == 0 else { return nil }
        }
        guard PostmasterPIDFile.isPostmaster(pid: pidFile.pid, of: layout.dataDirectory) else { return nil }

        if waitUntilReady {
            let deadline = Date().addingTimeInterval(60)
            while true {
                if let port = pidFile.port, pidFile.status == nil || pidFile.status == "ready",
                   FreePort.unixSocketAccepts((pidFile.socketDirectory ?? layout.socketDirectory) + "/.s.PGSQL.\(port)") {
                    break
                }
                guard Date() < deadline, PostmasterPIDFile.isPostmaster(pid: pidFile.pid, of: layout.dataDirectory) else {
                    throw EmbeddedPostgresError(
                        .serverStartFailed,
                        "the PostgreSQL server in \(layout.dataDirectory) (pid \(pidFile.pid)) runs but does not accept connections",
                        logTail: EmbeddedPostgresError.tailOfFile(layout.logFile, lines: 20), logFile: layout.logFile)
                }
                usleep(100_000)
                guard let reread = PostmasterPIDFile.read(dataDirectory: layout.dataDirectory) else { return nil }
                pidFile = reread
            }
        }
        guard let port = pidFile.port else { return nil }
        return ClusterInfo(
            port: port,
            socketDirectory: pidFile.socketDirectory ?? layout.socketDirectory,
            dataDirectory: layout.dataDirectory,
            superuser: Self.superuser,
            pid: pidFile.pid,
            logFile: layout.logFile,
            serverUser: user?.name ?? layout.dataOwner.flatMap { UnprivilegedUser.entry(uid: $0)?.name } ?? "?",
            majorVersion: layout.majorVersionOnDisk ?? binaries?.majorVersion ?? "?"
        )
    }

    // MARK: - Helpers

    /// The layout of the cluster that exists for `folder`: the one `cluster.json` names, else the
    /// usual one, else the `/var/lib/kinerja` fallback; nil when none holds a cluster.
    static func existingLayout(_ folder: String, state: ClusterState?) -> ClusterLayout? {
        if let layout = state?.layout, layout.isInitialized { return layout }
        let primary = ClusterLayout.primary(folder)
        if primary.isInitialized { return primary }
        let fallback = ClusterLayout.fallback(folder)
        if fallback.isInitialized { return fallback }
        return nil
    }

    private static func checkVersion(_ layout: ClusterLayout, _ binaries: ServerBinaries) throws {
        guard let version = layout.majorVersionOnDisk, version != binaries.majorVersion else { return }
        throw EmbeddedPostgresError(
            .incompatibleCluster,
            "the cluster in \(layout.dataDirectory) was made by PostgreSQL \(version) but the server programs found are \(binaries); "
                + "install PostgreSQL \(version) (apt-get install postgresql-\(version)) or remove the cluster (its data is lost) and start again"
        )
    }

    private static func state(for layout: ClusterLayout, info: ClusterInfo, binaries: ServerBinaries, previous: ClusterState?) -> ClusterState {
        ClusterState(
            clusterRoot: layout.clusterRoot,
            dataDirectory: layout.dataDirectory,
            socketDirectory: info.socketDirectory,
            logFile: layout.logFile,
            port: info.port,
            pid: info.pid,
            serverUser: info.serverUser,
            binDirectory: binaries.directory,
            majorVersion: info.majorVersion,
            startedAt: previous?.pid == info.pid ? previous?.startedAt ?? Date() : Date()
        )
    }

    /// Adds the `include_if_exists = 'kinerja.conf'` line to postgresql.conf once.
    private static func ensureInclude(_ layout: ClusterLayout) throws {
        let path = layout.dataDirectory + "/postgresql.conf"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw EmbeddedPostgresError(.fileSystem, "could not read \(path)")
        }
        guard !text.contains("include_if_exists = '\(ServerSettings.fileName)'") else { return }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw EmbeddedPostgresError(.fileSystem, "could not open \(path) for writing")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n\(ServerSettings.includeLine)\n".utf8))
        } catch {
            throw EmbeddedPostgresError(.fileSystem, "could not append to \(path): \(error)")
        }
    }

    /// Removes `postmaster.pid` when the process it names is not this cluster's postmaster (the
    /// server would otherwise refuse to start if that pid now belongs to another process).
    private static func removeStalePIDFile(_ layout: ClusterLayout) throws {
        guard let pidFile = PostmasterPIDFile.read(dataDirectory: layout.dataDirectory),
              !PostmasterPIDFile.isPostmaster(pid: pidFile.pid, of: layout.dataDirectory) else { return }
        if unlink(layout.dataDirectory + "/postmaster.pid") != 0 && errno != ENOENT {
            throw EmbeddedPostgresError(.fileSystem, "could not remove the stale \(layout.dataDirectory)/postmaster.pid: \(String(cString: strerror(errno)))")
        }
    }

    /// Makes the folder the caller named (and its parents), and returns its canonical path.
    private func prepareFolder() throws -> String {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw EmbeddedPostgresError(.fileSystem, "could not create the cluster folder \(directory.path): \(error)")
        }
        return Self.canonicalPath(directory.path)
    }

    /// Makes `path` (if missing) a folder owned by `user` with mode 0700, refusing a symlink or a
    /// folder that belongs to some third account (a trap in a shared `/tmp`).
    static func makePrivateFolder(_ path: String, for user: UnprivilegedUser) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw EmbeddedPostgresError(.fileSystem, "could not create \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw EmbeddedPostgresError(.fileSystem, "\(path) is not a folder (a symlink or a file is in the way); remove it")
        }
        guard info.st_uid == user.uid || info.st_uid == geteuid() else {
            throw EmbeddedPostgresError(.fileSystem, "\(path) belongs to uid \(info.st_uid), not to \(user.name); refusing to use it: remove it")
        }
        try user.takeOwnership(of: path)
        guard chmod(path, 0o700) == 0 else {
            throw EmbeddedPostgresError(.fileSystem, "could not chmod 0700 \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `text` to `path` (mode 0600) and gives it to `owner`.
    private static func writeFile(_ path: String, _ text: String, owner: UnprivilegedUser) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw EmbeddedPostgresError(.fileSystem, "could not write \(path): \(error)")
        }
        try owner.takeOwnership(of: path)
        _ = chmod(path, 0o600)
    }

    private static func remove(_ path: String) throws {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            if FileManager.default.fileExists(atPath: path) {
                throw EmbeddedPostgresError(.fileSystem, "could not remove \(path): \(error)")
            }
        }
    }

    private static func fileSize(_ path: String) -> UInt64 {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_size) : 0
    }

    /// `path` with symlinks resolved when it exists, else standardized.
    static func canonicalPath(_ path: String) -> String {
        PostmasterPIDFile.canonicalPath(URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    /// True when the C.UTF-8 locale exists on this machine (checked without touching the
    /// process-wide locale).
    static var utf8LocaleAvailable: Bool {
        guard let locale = newlocale(LC_CTYPE_MASK | LC_COLLATE_MASK, "C.UTF-8", nil) else { return false }
        freelocale(locale)
        return true
    }

    private func validateSettings() throws {
        for (name, value) in settings {
            guard ServerSettings.isValidName(name) else {
                throw EmbeddedPostgresError(.invalidIdentifier, "\(name.debugDescription) is not a PostgreSQL setting name")
            }
            guard !ServerSettings.reserved.contains(name) else {
                throw EmbeddedPostgresError(.invalidIdentifier, "the setting \(name) is managed by EmbeddedPostgres and cannot be overridden")
            }
            guard !value.contains(where: \.isNewline) else {
                throw EmbeddedPostgresError(.invalidIdentifier, "the value of the setting \(name) holds a line break")
            }
        }
    }
}
