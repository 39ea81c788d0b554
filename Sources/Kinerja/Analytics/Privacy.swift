import Foundation

/// Small-group suppression: aggregates over fewer people than this show no ratings, so that no
/// individual's rating can be read from a small group's figures.
public enum Privacy {
    /// The default threshold; `KINERJA_MIN_GROUP_SIZE` or `--min-group-size` change it.
    public static let defaultMinimumGroupSize = 5

    public static var minimumGroupSize: Int {
        ProcessInfo.processInfo.environment["KINERJA_MIN_GROUP_SIZE"].flatMap(Int.init).map { max(1, $0) } ?? defaultMinimumGroupSize
    }
}
