import Foundation
import Logging

/// A log handler that keeps messages, for tests that check what was logged.
final class LogRecorder: LogHandler, @unchecked Sendable {
    // @unchecked Sendable: `messages` is behind `lock`.
    private let lock = NSLock()
    private var stored: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var messages: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.lock()
        stored.append(event.message.description)
        lock.unlock()
    }
}
