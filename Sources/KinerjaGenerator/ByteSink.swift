#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A piece of pre-encoded UTF-8 text (owned by a ``TextPool``), already CSV-escaped when made with
/// ``TextPool/field(_:)``.
struct Text {
    let ptr: UnsafePointer<UInt8>
    let count: Int
}

/// Owns the bytes of every ``Text`` of a run and frees them at the end.
final class TextPool {
    private var blocks: [UnsafeMutablePointer<UInt8>] = []

    deinit { for b in blocks { b.deallocate() } }

    /// The raw UTF-8 bytes of `s`.
    func raw(_ s: String) -> Text {
        let bytes = Array(s.utf8)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        p.initialize(from: bytes, count: bytes.count)
        blocks.append(p)
        return Text(ptr: UnsafePointer(p), count: bytes.count)
    }

    /// `s` as one CSV field: quoted (RFC 4180, inner quotes doubled) when it contains `,`, `"`, CR or LF.
    func field(_ s: String) -> Text { raw(CSV.escape(s)) }
}

enum CSV {
    static func needsQuotes(_ s: String) -> Bool {
        s.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
    }

    static func escape(_ s: String) -> String {
        needsQuotes(s) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

#if os(Linux) && (arch(x86_64) || arch(i386))
/// Linux `O_DIRECT` (a `_GNU_SOURCE` constant that the Glibc module does not export).
private let oDirect: Int32 = 0o40000
#elseif os(Linux) && (arch(arm64) || arch(arm))
private let oDirect: Int32 = 0o200000
#else
private let oDirect: Int32 = 0
#endif

/// `open(2)` with mode 0644 (a free function, so the name does not clash with members called `open`).
private func openFile(_ path: String, _ flags: Int32) -> Int32 { open(path, flags, 0o644) }

/// One background thread that writes filled buffers to their files in submission order, so that
/// generation continues while the kernel copies and flushes. Buffers (1 MiB + slack) circulate between
/// the generator and this thread; with all of them in flight the generator waits.
final class AsyncWriter: @unchecked Sendable {
    private struct Job {
        let fd: Int32
        let buf: UnsafeMutablePointer<UInt8>?
        let len: Int
        let close: Bool
        /// The last, unaligned piece of a file opened with O_DIRECT: written through the page cache.
        let tail: Bool
    }

    private let cond = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var free: [UnsafeMutablePointer<UInt8>] = []
    private var all: [UnsafeMutablePointer<UInt8>] = []
    private var busy = false
    private var stopping = false
    private var failure: String?
    private var thread: Thread?
    static let bufferSize = ByteSink.chunk + (1 << 16)

    init(buffers: Int = 16) {
        for _ in 0..<buffers {
            // Page-aligned, as O_DIRECT needs.
            let b = UnsafeMutableRawPointer.allocate(byteCount: AsyncWriter.bufferSize, alignment: 4096)
                .bindMemory(to: UInt8.self, capacity: AsyncWriter.bufferSize)
            free.append(b)
            all.append(b)
        }
        let t = Thread { [self] in self.loop() }
        t.stackSize = 1 << 20
        thread = t
        t.start()
    }

    deinit { for b in all { UnsafeMutableRawPointer(b).deallocate() } }

    /// A free buffer (waits while all are queued).
    func acquire() -> UnsafeMutablePointer<UInt8> {
        cond.lock()
        defer { cond.unlock() }
        while free.isEmpty { cond.wait() }
        return free.removeLast()
    }

    /// Queues `len` bytes of `buf` for `fd`; the buffer comes back to the free list once written.
    func submit(fd: Int32, buf: UnsafeMutablePointer<UInt8>, len: Int, tail: Bool = false) {
        cond.lock()
        jobs.append(Job(fd: fd, buf: buf, len: len, close: false, tail: tail))
        cond.broadcast()
        cond.unlock()
    }

    /// Queues the closing of `fd` after its pending writes.
    func submitClose(fd: Int32) {
        cond.lock()
        jobs.append(Job(fd: fd, buf: nil, len: 0, close: true, tail: false))
        cond.broadcast()
        cond.unlock()
    }

    /// Waits until every queued job is done; throws the first write failure.
    func drain() throws {
        cond.lock()
        while head < jobs.count || busy { cond.wait() }
        let f = failure
        cond.unlock()
        if let f { throw GeneratorError.cannotWrite(f) }
    }

    /// Ends the thread after the queue drains.
    func shutdown() {
        cond.lock()
        stopping = true
        cond.broadcast()
        cond.unlock()
    }

    /// Opens `path` for writing, with O_DIRECT where the platform and file system allow it (bypassing
    /// the page cache saves the kernel's copy of every byte and leaves the cache to others).
    static func open(path: String) -> (fd: Int32, direct: Bool) {
        if oDirect != 0 {
            let fd = openFile(path, O_WRONLY | O_CREAT | O_TRUNC | oDirect)
            if fd >= 0 { return (fd, true) }
        }
        return (openFile(path, O_WRONLY | O_CREAT | O_TRUNC), false)
    }

    /// Turns O_DIRECT on or off for `fd`; returns whether it was on before (Linux only).
    @discardableResult
    static func setDirect(_ fd: Int32, _ on: Bool) -> Bool {
        guard oDirect != 0 else { return false }
        let flags = fcntl(fd, F_GETFL)
        let was = flags & oDirect != 0
        _ = fcntl(fd, F_SETFL, on ? flags | oDirect : flags & ~oDirect)
        return was
    }

    private func loop() {
        while true {
            cond.lock()
            while head == jobs.count && !stopping { cond.wait() }
            if head == jobs.count && stopping { cond.unlock(); return }
            let job = jobs[head]
            head += 1
            if head == jobs.count { jobs.removeAll(keepingCapacity: true); head = 0 }
            busy = true
            cond.unlock()

            var error: String?
            if job.close {
                if close(job.fd) != 0 { error = "close failed (errno \(errno))" }
            } else if let buf = job.buf {
                if job.tail { AsyncWriter.setDirect(job.fd, false) }
                var done = 0
                while done < job.len {
                    let n = write(job.fd, buf + done, job.len - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        if errno == EINVAL && AsyncWriter.setDirect(job.fd, false) { continue }   // no O_DIRECT here
                        error = "write failed (errno \(errno))"
                        break
                    }
                    done += n
                }
            }
            cond.lock()
            if let buf = job.buf { free.append(buf) }
            if let error, failure == nil { failure = error }
            busy = false
            cond.broadcast()
            cond.unlock()
        }
    }
}

/// A streamed CSV file: rows are appended as bytes into a reusable buffer that is handed to the
/// ``AsyncWriter`` in chunks of about 1 MiB. Numbers are formatted by hand.
final class ByteSink {
    static let chunk = 1 << 20
    private let fd: Int32
    private let writer: AsyncWriter
    /// Writes go out in multiples of 4 KiB (O_DIRECT); the remainder moves to the next buffer.
    private let direct: Bool
    let path: String
    private(set) var buf: UnsafeMutablePointer<UInt8>
    var pos = 0
    /// Data rows written (the header is not counted).
    private(set) var rows = 0
    private(set) var bytesWritten = 0
    private var closed = false

    init(path: String, header: String, writer: AsyncWriter) throws {
        let (fd, direct) = AsyncWriter.open(path: path)
        guard fd >= 0 else { throw GeneratorError.cannotWrite(path) }
        self.fd = fd
        self.direct = direct
        self.path = path
        self.writer = writer
        buf = writer.acquire()
        append(header)
        byte(10)
    }

    func append(_ s: String) {
        for b in s.utf8 { buf[pos] = b; pos += 1 }
    }

    @inline(__always) func byte(_ b: UInt8) { buf[pos] = b; pos += 1 }

    @inline(__always) func comma() { buf[pos] = 44; pos += 1 }

    @inline(__always) func text(_ t: Text) {
        (buf + pos).update(from: t.ptr, count: t.count)
        pos += t.count
    }

    @inline(__always) func bytes(_ p: UnsafePointer<UInt8>, _ n: Int) {
        (buf + pos).update(from: p, count: n)
        pos += n
    }

    /// Ends a data row (LF) and hands the buffer over when it holds a chunk.
    @inline(__always) func endRow() {
        buf[pos] = 10
        pos += 1
        rows += 1
        if pos >= ByteSink.chunk { flush() }
    }

    /// Counts rows written directly into ``buf`` by a caller.
    func addRows(_ n: Int) { rows += n }

    /// Hands the filled part of the buffer to the writer and continues in a fresh buffer. With O_DIRECT
    /// only whole 4 KiB blocks go out; the rest is carried over, so ``pos`` may be non-zero afterwards.
    func flush() {
        guard pos > 0 else { return }
        let out = direct ? pos & ~4095 : pos
        guard out > 0 else { return }
        let next = writer.acquire()
        let rest = pos - out
        if rest > 0 { next.update(from: buf + out, count: rest) }
        writer.submit(fd: fd, buf: buf, len: out)
        bytesWritten += out
        buf = next
        pos = rest
    }

    /// Writes what is left and closes the file (asynchronously; ``AsyncWriter/drain()`` waits).
    func close() throws {
        guard !closed else { return }
        closed = true
        flush()
        writer.submit(fd: fd, buf: buf, len: pos, tail: direct && pos > 0)
        bytesWritten += pos
        pos = 0
        writer.submitClose(fd: fd)
    }

    /// A non-negative integer.
    @inline(__always) func int(_ v: Int) {
        var v = v
        if v < 10 { byte(UInt8(48 + v)); return }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { t in
            while v > 0 { t[n] = UInt8(48 + v % 10); v /= 10; n += 1 }
            for i in 0..<n { buf[pos + i] = t[n - 1 - i] }
        }
        pos += n
    }

    /// A number of tenths as a decimal with one digit, e.g. 853 → `85.3`, 1200 → `120.0`.
    @inline(__always) func tenths(_ t: Int) {
        int(t / 10)
        byte(46)
        byte(UInt8(48 + t % 10))
    }

    /// An 18-digit number with leading zeros.
    @inline(__always) func nip(_ v: UInt64) {
        var v = v
        var i = 17
        while i >= 0 {
            buf[pos + i] = UInt8(48 + v % 10)
            v /= 10
            i -= 1
        }
        pos += 18
    }

    /// `YYYY-MM-DD`.
    @inline(__always) func date(_ y: Int, _ m: Int, _ d: Int) {
        buf[pos] = UInt8(48 + y / 1000)
        buf[pos + 1] = UInt8(48 + (y / 100) % 10)
        buf[pos + 2] = UInt8(48 + (y / 10) % 10)
        buf[pos + 3] = UInt8(48 + y % 10)
        buf[pos + 4] = 45
        buf[pos + 5] = UInt8(48 + m / 10)
        buf[pos + 6] = UInt8(48 + m % 10)
        buf[pos + 7] = 45
        buf[pos + 8] = UInt8(48 + d / 10)
        buf[pos + 9] = UInt8(48 + d % 10)
        pos += 10
    }

    /// Scratch-built text as one CSV field, quoted when needed.
    func field(_ p: UnsafePointer<UInt8>, _ n: Int) {
        var quote = false
        for i in 0..<n where p[i] == 44 || p[i] == 34 || p[i] == 10 || p[i] == 13 { quote = true; break }
        if !quote { bytes(p, n); return }
        byte(34)
        for i in 0..<n {
            if p[i] == 34 { byte(34) }
            byte(p[i])
        }
        byte(34)
    }
}

/// Errors of the generator.
public enum GeneratorError: Error, CustomStringConvertible, Sendable {
    case invalidYears(ClosedRange<Int>)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .invalidYears(let r): "years \(r.lowerBound)-\(r.upperBound) are not supported (use years within 1990-2100, at most 40 of them)"
        case .cannotWrite(let p): "cannot write \(p)"
        }
    }
}
