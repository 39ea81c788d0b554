import Foundation
import Logging

/// A log handler that keeps messages, for tests that check what was logged.
public final class LogRecorder: LogHandler, @unchecked Sendable {
    // @unchecked Sendable: `messages` is behind `lock`.
    private let lock = NSLock()
    private var stored: [String] = []
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    public init() {}

    public var messages: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    /// Forgets what was logged so far.
    public func clear() {
        lock.lock()
        stored = []
        lock.unlock()
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        lock.lock()
        stored.append(event.message.description)
        lock.unlock()
    }
}
