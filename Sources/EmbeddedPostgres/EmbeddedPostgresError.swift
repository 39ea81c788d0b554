import Foundation

/// Every failure of the `EmbeddedPostgres` module.
///
/// The description says what failed and, when a program was run, the command line, its exit code
/// and the last lines of its standard error; when the server itself failed, the last lines of the
/// server log.
public struct EmbeddedPostgresError: Error, CustomStringConvertible, LocalizedError, Sendable, Equatable {
    /// What kind of step failed.
    public enum Kind: String, Sendable, Equatable {
        /// No `initdb`/`pg_ctl` were found.
        case binariesNotFound
        /// The OS account that runs the server could not be found, made or used.
        case serverAccount
        /// A file or folder could not be made, read, written or removed.
        case fileSystem
        /// A program (initdb, pg_ctl, psql, useradd, …) failed.
        case commandFailed
        /// The server did not start or did not become ready.
        case serverStartFailed
        /// The operation needs a running server and there is none.
        case notRunning
        /// The cluster on disk was made by another PostgreSQL major version than the binaries found.
        case incompatibleCluster
        /// A database name (or other identifier) is not acceptable.
        case invalidIdentifier
        /// No free TCP port could be found.
        case noFreePort
    }

    /// What kind of step failed.
    public let kind: Kind
    /// One sentence saying what failed.
    public let message: String
    /// The command line that was run, when a program failed.
    public let command: [String]?
    /// Its exit code (or 128 + signal number when it was killed by a signal).
    public let exitCode: Int32?
    /// The last lines of its standard error (or standard output when stderr was empty).
    public let stderrTail: String?
    /// The last lines of the server log, when the server was involved.
    public let logTail: String?
    /// Where the server log is, when the server was involved.
    public let logFile: String?

    /// Makes an error; only `kind` and `message` are required.
    public init(
        _ kind: Kind, _ message: String, command: [String]? = nil, exitCode: Int32? = nil,
        stderrTail: String? = nil, logTail: String? = nil, logFile: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.command = command
        self.exitCode = exitCode
        self.stderrTail = stderrTail
        self.logTail = logTail
        self.logFile = logFile
    }

    /// An error for a program that exited unsuccessfully.
    static func commandFailed(_ what: String, _ result: ProcessResult, kind: Kind = .commandFailed, logFile: String? = nil) -> EmbeddedPostgresError {
        let stderr = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        let output = stderr.isEmpty ? result.stdout : result.stderr
        return EmbeddedPostgresError(
            kind, what, command: result.command, exitCode: result.exitCode,
            stderrTail: Self.lastLines(output, 20),
            logTail: logFile.flatMap { Self.tailOfFile($0, lines: 20) },
            logFile: logFile
        )
    }

    /// The description: the message, then the command, its exit code, its stderr and the log tail.
    public var description: String {
        var text = "EmbeddedPostgres: \(message)"
        if let command {
            text += "\n  command: \(command.map(Self.shellQuoted).joined(separator: " "))"
        }
        if let exitCode { text += "\n  exit code: \(exitCode)" }
        if let stderrTail, !stderrTail.isEmpty {
            text += "\n  output (last lines):\n" + Self.indent(stderrTail)
        }
        if let logTail, !logTail.isEmpty {
            text += "\n  server log \(logFile ?? "") (last lines):\n" + Self.indent(logTail)
        } else if let logFile {
            text += "\n  server log: \(logFile)"
        }
        return text
    }

    /// Same as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }

    /// The last `count` non-empty-trailing lines of `text`.
    static func lastLines(_ text: String, _ count: Int) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        return lines.suffix(count).joined(separator: "\n")
    }

    /// The last `lines` lines of a text file (reading at most its last 64 KiB), or nil if unreadable.
    static func tailOfFile(_ path: String, lines: Int, from offset: UInt64 = 0) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        let start = max(offset, end > 65_536 ? end - 65_536 : 0)
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return nil }
        let tail = lastLines(String(decoding: data, as: UTF8.self), lines)
        return tail.isEmpty ? nil : tail
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    /// `word` as it would be typed in a POSIX shell (quoted only when needed).
    static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@%+")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
