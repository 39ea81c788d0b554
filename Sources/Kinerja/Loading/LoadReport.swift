import Foundation

/// What a load did: its batch in the load history, each file's fingerprint, and its rejections.
public struct LoadReport: Sendable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// The year was replaced.
        case succeeded
        /// Rows were rejected; nothing was written.
        case rejected
        /// `--dry-run`: everything validated, nothing written.
        case validated
    }

    public struct FileInfo: Sendable, Codable, Equatable {
        public var file: String
        public var sha256: String
        public var bytes: Int
        public var rows: Int
        public var delimiter: String
    }

    public var batchID: Int
    public var year: Int
    public var outcome: Outcome
    public var files: [FileInfo]
    public var rejectedCount: Int
    /// The first rejections, for the terminal; all of them are in `reportPath`.
    public var firstRejections: [Rejection]
    public var reportPath: String?
    public var seconds: Double

    public var totalRows: Int { files.reduce(0) { $0 + $1.rows } }
    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }
}

/// Progress of the COPY phase, for a progress bar or log lines.
public struct LoadProgress: Sendable {
    public var file: String
    public var bytesDone: Int
    public var bytesTotal: Int
    public var rowsDone: Int
    public var elapsed: Double
    /// The file's last report: its rows are all counted. (`bytesDone` reaches `bytesTotal` earlier,
    /// when the reader has read the file's last block but not yet cut it into rows.)
    public var finished: Bool = false
}
