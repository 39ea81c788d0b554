import Foundation
import Glibc

/// Where the parts of a cluster live on disk.
///
/// Normally everything is inside the cluster folder the caller names (`<folder>/data`,
/// `<folder>/socket`, `<folder>/server.log`, plus `cluster.json` and `cluster.lock`). Two
/// exceptions, both to folders named after a hash of the cluster folder's path:
/// - when we run as root and the server account cannot enter the cluster folder's parent (say a
///   project under `/root`, mode 0700), data, socket and log go to `/var/lib/kinerja/pg-<hash>`
///   (not `/tmp` or `/var/tmp`: those are emptied at boot or by age, and this is a real database);
///   `cluster.json` and the lock stay in the cluster folder and point there;
/// - when `<socket folder>/.s.PGSQL.<port>` would exceed the kernel's 107-byte limit for unix
///   socket paths, the socket goes to `/tmp/kinerja-pg-<hash>.s`.
struct ClusterLayout: Sendable, Equatable {
    /// The folder holding the data folder and the log.
    let clusterRoot: String
    /// The data folder (`PGDATA`).
    let dataDirectory: String
    /// The unix socket folder.
    let socketDirectory: String
    /// The server log.
    let logFile: String

    /// The layout under `root`, with the socket moved to `/tmp` when its path would be too long.
    init(root: String, hashOf directory: String) {
        clusterRoot = root
        dataDirectory = root + "/data"
        logFile = root + "/server.log"
        let socket = root + "/socket"
        if (socket + "/.s.PGSQL.65535").utf8.count > FreePort.maximumUnixSocketPathLength {
            socketDirectory = "/tmp/kinerja-pg-\(Self.hash(directory)).s"
        } else {
            socketDirectory = socket
        }
    }

    /// A layout with every path given.
    init(clusterRoot: String, dataDirectory: String, socketDirectory: String, logFile: String) {
        self.clusterRoot = clusterRoot
        self.dataDirectory = dataDirectory
        self.socketDirectory = socketDirectory
        self.logFile = logFile
    }

    /// The usual layout, inside the cluster folder.
    static func primary(_ directory: String) -> ClusterLayout {
        ClusterLayout(root: directory, hashOf: directory)
    }

    /// The folder holding the fallback cluster folders.
    static let fallbackParent = "/var/lib/kinerja"

    /// The layout for a server account that cannot reach the cluster folder (only used as root).
    static func fallback(_ directory: String) -> ClusterLayout {
        ClusterLayout(root: "\(fallbackParent)/pg-\(hash(directory))", hashOf: directory)
    }

    /// True when the data folder holds a cluster (`PG_VERSION` exists).
    var isInitialized: Bool { majorVersionOnDisk != nil }

    /// The contents of `PG_VERSION` ("15"), or nil.
    var majorVersionOnDisk: String? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/PG_VERSION", encoding: .utf8) else { return nil }
        let version = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return version.isEmpty ? nil : version
    }

    /// The owner of the data folder, or nil when it does not exist.
    var dataOwner: uid_t? {
        var info = stat()
        guard stat(dataDirectory, &info) == 0 else { return nil }
        return info.st_uid
    }

    /// 16 hex digits of the 64-bit FNV-1a hash of `text`.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
