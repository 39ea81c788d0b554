import Foundation

/// How to reach a running embedded cluster.
public struct ClusterInfo: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The TCP port (the server listens on 127.0.0.1 only; the unix socket uses the same number).
    public let port: Int
    /// The folder holding the server's unix socket `.s.PGSQL.<port>` (mode 0700).
    public let socketDirectory: String
    /// The data folder (`PGDATA`).
    public let dataDirectory: String
    /// The PostgreSQL superuser role: "kinerja" (no password; unix-socket connections are trusted).
    public let superuser: String
    /// The postmaster's process id.
    public let pid: Int32
    /// The server log.
    public let logFile: String
    /// The OS account the server runs as (never root).
    public let serverUser: String
    /// The server's major version ("15").
    public let majorVersion: String

    /// Makes a value; the cluster makes these, callers normally only read them.
    public init(
        port: Int, socketDirectory: String, dataDirectory: String, superuser: String = EmbeddedPostgres.superuser,
        pid: Int32, logFile: String, serverUser: String, majorVersion: String
    ) {
        self.port = port
        self.socketDirectory = socketDirectory
        self.dataDirectory = dataDirectory
        self.superuser = superuser
        self.pid = pid
        self.logFile = logFile
        self.serverUser = serverUser
        self.majorVersion = majorVersion
    }

    /// A libpq URL for `database` over the unix socket:
    /// `postgresql://kinerja@/DBNAME?host=%2Fpath%2Fto%2Fsocket&port=PORT`.
    /// libpq percent-decodes the `host` parameter and takes a value starting with `/` as a socket folder.
    public func url(database: String) -> String {
        "postgresql://\(Self.percentEncoded(superuser))@/\(Self.percentEncoded(database))"
            + "?host=\(Self.percentEncoded(socketDirectory))&port=\(port)"
    }

    /// A libpq key/value conninfo for `database` over the unix socket:
    /// `host=/path/to/socket port=PORT user=kinerja dbname=DBNAME`, values single-quoted (with `\'`
    /// and `\\` escapes) when they are empty or hold spaces, quotes or backslashes.
    public func keyValueConninfo(database: String) -> String {
        [("host", socketDirectory), ("port", String(port)), ("user", superuser), ("dbname", database)]
            .map { "\($0.0)=\(Self.conninfoQuoted($0.1))" }
            .joined(separator: " ")
    }

    /// "PostgreSQL 15 on port 5432 (socket in …), data in …, pid …, run by postgres".
    public var description: String {
        "PostgreSQL \(majorVersion) on 127.0.0.1:\(port) and unix socket \(socketDirectory), data in \(dataDirectory), pid \(pid), run by \(serverUser)"
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet()
        allowed.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A conninfo value, quoted per libpq rules when needed.
    static func conninfoQuoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0.isWhitespace || $0 == "'" || $0 == "\\" }
        guard needsQuotes else { return value }
        return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
