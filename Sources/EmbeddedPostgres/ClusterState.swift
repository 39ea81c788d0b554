import Foundation

/// What `cluster.json` (in the cluster folder) records about a cluster: where its parts are and,
/// while it runs, the server's port and process id.
///
/// The file is a convenience for people and tools (`jq .port .kinerja/db/cluster.json`); the
/// truth about a running server is `pg_ctl status` and the server's own `postmaster.pid`, which
/// `EmbeddedPostgres` checks before trusting this file.
struct ClusterState: Codable, Sendable, Equatable {
    /// Format of this file.
    var formatVersion: Int = 1
    /// The folder holding the data folder and the log: the cluster folder itself, or the
    /// `/var/lib/kinerja` fallback when the server account cannot reach the cluster folder.
    var clusterRoot: String
    /// The data folder.
    var dataDirectory: String
    /// The unix socket folder.
    var socketDirectory: String
    /// The server log.
    var logFile: String
    /// The port the server last used (and will try first on its next start).
    var port: Int
    /// The postmaster's pid while running; nil after `stop()`.
    var pid: Int32?
    /// The OS account the server runs as.
    var serverUser: String
    /// The folder of the server programs last used.
    var binDirectory: String
    /// The PostgreSQL major version of the data folder.
    var majorVersion: String
    /// When the server was last started.
    var startedAt: Date?

    /// The layout this state describes.
    var layout: ClusterLayout {
        ClusterLayout(clusterRoot: clusterRoot, dataDirectory: dataDirectory, socketDirectory: socketDirectory, logFile: logFile)
    }

    /// Reads the state file; nil when there is none.
    static func read(from path: String) throws -> ClusterState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(ClusterState.self, from: data)
        } catch {
            // A damaged state file is not fatal: everything in it can be found again.
            return nil
        }
    }

    /// Writes the state file atomically (write to a temporary file, then rename).
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw EmbeddedPostgresError(.fileSystem, "could not write \(path): \(error)")
        }
    }
}
