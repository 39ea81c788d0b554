import Foundation
import Glibc

/// The server's own `postmaster.pid` in the data folder (PostgreSQL 10 and later), which says
/// what a running server actually uses.
///
/// Lines: pid, data folder, start time, port, first socket folder, first listen address, shared
/// memory key, status ("starting", "ready", "stopping", "standby").
struct PostmasterPIDFile: Sendable, Equatable {
    /// The postmaster's pid.
    let pid: Int32
    /// Its port.
    let port: Int?
    /// Its first unix socket folder.
    let socketDirectory: String?
    /// "ready" once it accepts connections.
    let status: String?

    /// Reads `<dataDirectory>/postmaster.pid`; nil when absent or unreadable.
    static func read(dataDirectory: String) -> PostmasterPIDFile? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first, let pid = Int32(first), pid > 0 else { return nil }
        func line(_ number: Int) -> String? { lines.count >= number && !lines[number - 1].isEmpty ? lines[number - 1] : nil }
        return PostmasterPIDFile(pid: pid, port: line(4).flatMap { Int($0) }, socketDirectory: line(5), status: line(8))
    }

    /// True when `pid` is alive and is a process working in `dataDirectory` — i.e. really this
    /// cluster's postmaster, not an unrelated process that got the same pid after a reboot.
    ///
    /// The postmaster's working folder is its data folder. When `/proc` cannot tell (no `/proc`,
    /// or a `/proc` mounted with `hidepid`), a live pid we may signal counts.
    static func isPostmaster(pid: Int32, of dataDirectory: String) -> Bool {
        // ESRCH: gone. EPERM: another account's process, so not our server (which runs as us,
        // or, when we are root, is signalable anyway).
        if kill(pid, 0) != 0 { return false }
        guard FileManager.default.fileExists(atPath: "/proc/self") else { return true }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/\(pid)/cwd", &buffer, buffer.count - 1)
        if count < 0 {
            return errno == EACCES || errno == EPERM
        }
        let cwd = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return cwd == canonicalPath(dataDirectory)
    }

    /// `path` with symlinks resolved (`realpath`), or as given when that fails.
    static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
