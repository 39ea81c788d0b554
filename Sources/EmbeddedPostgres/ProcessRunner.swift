import Foundation
import Glibc

/// What a finished program did.
struct ProcessResult: Sendable, Equatable {
    /// The command line, executable first.
    let command: [String]
    /// The exit status, 128 + the signal number when a signal ended it, or -1 when unknown (the
    /// child was reaped by someone else).
    let exitCode: Int32
    /// Everything it wrote to standard output.
    let stdout: String
    /// Everything it wrote to standard error.
    let stderr: String

    /// True when it exited with status 0.
    var succeeded: Bool { exitCode == 0 }
}

/// Runs a program to completion and collects its output.
///
/// Built on `posix_spawn` rather than `Foundation.Process` so that the child gets exactly the file
/// descriptors it should: standard input from `/dev/null`, standard output and error into pipes,
/// and nothing else (descriptors 3 and up are closed). This matters because `pg_ctl start` leaves
/// a long-lived postmaster behind: it must not inherit our lock file or another thread's socket.
/// Signal dispositions and the signal mask are reset to defaults in the child.
enum ProcessRunner {
    /// The environment children get: ours without `PG*` variables (so a caller's `PGHOST`,
    /// `PGPASSWORD`, `PGOPTIONS`, … cannot redirect or alter our commands), with `LC_ALL` set.
    static func childEnvironment(locale: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["LC_ALL"] = locale
        environment.removeValue(forKey: "LANGUAGE")
        return environment
    }

    /// Runs `executable` (an absolute path) with `arguments` and waits for it to finish.
    ///
    /// Returns even when the program fails; throws only when it could not be started. Output is
    /// read until the program exits; anything a daemonized grandchild might later write to an
    /// inherited pipe is not waited for.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String],
        currentDirectory: String = "/"
    ) throws -> ProcessResult {
        let command = [executable] + arguments

        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { throw spawnError(command, "pipe", errno) }
        guard pipe(&errPipe) == 0 else {
            let code = errno
            close(outPipe[0]); close(outPipe[1])
            throw spawnError(command, "pipe", code)
        }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var readEnds = [outPipe[0], errPipe[0]]
        defer { for fd in readEnds where fd >= 0 { close(fd) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        GNUSpawnExtensions.closeFrom(&actions, 3)
        GNUSpawnExtensions.changeDirectory(&actions, currentDirectory)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else { throw spawnError(command, "posix_spawn", spawned) }

        for fd in readEnds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var collected = [[UInt8](), [UInt8]()]
        var status: Int32 = 0
        var reaped = true
        var exited = false
        while !exited {
            var polls = readEnds.compactMap { fd in fd >= 0 ? pollfd(fd: fd, events: Int16(POLLIN), revents: 0) : nil }
            if polls.isEmpty {
                // Both pipes are at end of file: the program is exiting, wait for it.
                var waited: pid_t
                repeat { waited = waitpid(pid, &status, 0) } while waited < 0 && errno == EINTR
                reaped = waited == pid
                exited = true
                break
            }
            _ = poll(&polls, nfds_t(polls.count), 50)
            drain(&readEnds, into: &collected)
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid {
                exited = true
            } else if waited < 0 && errno != EINTR {
                reaped = false // someone else reaped it (ECHILD): its status is unknown
                exited = true
            }
        }
        // The program is gone: take what is left in the pipes without waiting for other writers.
        drain(&readEnds, into: &collected)

        return ProcessResult(
            command: command,
            exitCode: reaped ? exitCode(fromWaitStatus: status) : -1,
            stdout: String(decoding: collected[0], as: UTF8.self),
            stderr: String(decoding: collected[1], as: UTF8.self)
        )
    }

    /// Reads whatever is available from each open descriptor; closes those at end of file.
    private static func drain(_ fds: inout [Int32], into buffers: inout [[UInt8]]) {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        for index in fds.indices where fds[index] >= 0 {
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fds[index], $0.baseAddress, $0.count) }
                if count > 0 {
                    buffers[index].append(contentsOf: chunk[0..<count])
                } else if count == 0 {
                    close(fds[index])
                    fds[index] = -1
                    break
                } else {
                    if errno == EINTR { continue }
                    break // EAGAIN: nothing more for now
                }
            }
        }
    }

    /// WEXITSTATUS / 128 + WTERMSIG, spelled out because the C macros are not imported.
    private static func exitCode(fromWaitStatus status: Int32) -> Int32 {
        let signal = status & 0x7f
        if signal == 0 { return (status >> 8) & 0xff }
        return 128 + signal
    }

    private static func spawnError(_ command: [String], _ call: String, _ code: Int32) -> EmbeddedPostgresError {
        EmbeddedPostgresError(.commandFailed, "could not run \(command[0]): \(call) failed: \(String(cString: strerror(code)))", command: command)
    }

    /// The absolute path of `name` on `PATH` (or nil), like a shell would find it.
    static func findOnPath(_ name: String, path: String?) -> String? {
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    /// True when `path` is a regular file (after following symlinks) that we may execute.
    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29), looked up
/// at run time because Swift's Glibc module is imported without `_GNU_SOURCE`. Where they are
/// missing, children still get no pipes of ours (those are close-on-exec) and run in our folder.
private enum GNUSpawnExtensions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// Adds "close every descriptor from `lowest` up" to `actions`.
    static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(actions, lowest)
    }

    /// Adds "change to `directory`" to `actions`.
    static func changeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ directory: String) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return }
        _ = directory.withCString { unsafeBitCast(symbol, to: ChangeDirectory.self)(actions, $0) }
    }
}
