import Foundation
import Glibc

/// The server settings of an embedded cluster, written to `<data>/kinerja.conf` before every
/// start and included from `postgresql.conf`.
///
/// Settings made with `ALTER SYSTEM` (in `postgresql.auto.conf`) still win over these.
enum ServerSettings {
    /// The file name, inside the data folder.
    static let fileName = "kinerja.conf"

    /// The line added once to `postgresql.conf`.
    static let includeLine = "include_if_exists = '\(fileName)'\t# added by kinerja EmbeddedPostgres"

    /// Sizing for a small analytics box. `fsync` and `synchronous_commit` keep their defaults (on):
    /// this is a real database.
    ///
    /// `wal_level = minimal`: a load builds each year's tables inside its own transaction, and at
    /// this level PostgreSQL writes such tables and their indexes once (synced at commit) instead
    /// of also into the WAL (about 15 s of a province load's 200 s). The price is no streaming
    /// replication or archiving from this cluster (scripts/replicas writes its own settings).
    static let defaults: [String: String] = [
        "shared_buffers": "256MB",
        "max_connections": "200",
        "wal_level": "minimal",
        "max_wal_senders": "0",
        "max_wal_size": "4GB",
        "work_mem": "32MB",
        "maintenance_work_mem": "512MB",
        "effective_cache_size": "2GB",
        "log_line_prefix": "%m [%p] %q%u@%d ",
    ]

    /// Settings the module decides itself; callers cannot override them.
    static let reserved: Set<String> = ["listen_addresses", "port", "unix_socket_directories", "unix_socket_permissions"]

    /// True when `name` looks like a PostgreSQL setting name (`work_mem`, `auto_explain.log_min_duration`).
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." }
    }

    /// The text of `kinerja.conf`.
    static func render(port: Int, socketDirectory: String, overrides: [String: String]) -> String {
        var settings = defaults
        if sharedMemoryFolderIsSmall() {
            // /dev/shm of a container is often 64 MB: parallel queries would fail to get dynamic
            // shared memory there, so use files in the data folder instead.
            settings["dynamic_shared_memory_type"] = "mmap"
        }
        for (name, value) in overrides where !reserved.contains(name) { settings[name] = value }
        var lines = [
            "# Written by kinerja's EmbeddedPostgres before every start: edits here are lost.",
            "# Use ALTER SYSTEM (postgresql.auto.conf) or EmbeddedPostgres(settings:) instead.",
            "listen_addresses = '127.0.0.1'",
            "port = \(port)",
            "unix_socket_directories = \(quoted(directoryListElement(socketDirectory)))",
            "unix_socket_permissions = 0700",
        ]
        for name in settings.keys.sorted() {
            lines.append("\(name) = \(quoted(settings[name] ?? ""))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A postgresql.conf string value: single quotes, embedded quotes doubled.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// One element of a comma-separated folder list, double-quoted (so commas and spaces are safe).
    static func directoryListElement(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// True when /dev/shm exists and has less than 1 GiB available.
    static func sharedMemoryFolderIsSmall() -> Bool {
        var info = statvfs()
        guard statvfs("/dev/shm", &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 1 << 30
    }
}
