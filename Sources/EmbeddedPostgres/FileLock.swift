import Foundation
import Glibc

/// An exclusive `flock(2)` on a file, so that two processes (or two threads of one process, each
/// with its own open file description) never initdb or start the same cluster at once.
enum FileLock {
    /// Runs `body` while holding an exclusive lock on `path` (made when missing).
    ///
    /// The lock file is opened with `O_CLOEXEC`, so programs started meanwhile (pg_ctl and the
    /// postmaster it leaves behind) do not inherit the lock. If the file was removed or replaced
    /// while we waited (by `destroy()`), the lock is taken again on the file now at `path`.
    /// - Returns: nil without running `body` when the folder holding `path` does not exist and
    ///   `createFolder` is false.
    static func withExclusiveLock<T>(at path: String, createFolder: Bool, _ body: () throws -> T) throws -> T? {
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            if fd < 0 {
                let code = errno
                if code == ENOENT {
                    guard createFolder else { return nil }
                    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                    do {
                        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    } catch {
                        throw EmbeddedPostgresError(.fileSystem, "could not create \(folder.path): \(error)")
                    }
                    continue
                }
                throw EmbeddedPostgresError(.fileSystem, "could not open the lock file \(path): \(String(cString: strerror(code)))")
            }
            defer { close(fd) }
            while flock(fd, LOCK_EX) != 0 {
                let code = errno
                if code == EINTR { continue }
                throw EmbeddedPostgresError(.fileSystem, "could not lock \(path): \(String(cString: strerror(code)))")
            }
            var held = stat()
            var current = stat()
            guard fstat(fd, &held) == 0, stat(path, &current) == 0,
                  held.st_dev == current.st_dev, held.st_ino == current.st_ino
            else {
                continue // removed or replaced while we waited; closing releases this stale lock
            }
            defer { flock(fd, LOCK_UN) }
            return try body()
        }
    }
}
