import Foundation
import Testing

@testable import Kinerja

/// The loader's read-ahead thread hands COPY exactly the bytes the reader produces, in order, and
/// the reader's results (hash, counts, the line of a problem) are the same as reading in turn.
@Suite("Read-ahead")
struct ReadAheadTests {
    /// A CSV body with CRLF line ends, blank lines and quoted fields holding commas and line breaks.
    static func csv(records: Int) -> [UInt8] {
        var text = "nip,period,score\r\n"
        for i in 0..<records {
            if i % 97 == 0 { text += "\r\n" }
            let note = i % 13 == 0 ? "\"two\r\nlines, \"\"quoted\"\"\"" : "\(i * 7)"
            text += "19800101200\(String(format: "%07d", i)),Y,\(note)\r\n"
        }
        return Array(text.utf8)
    }

    static func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("readahead-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Reads everything through `next` with an output buffer of `size` bytes.
    static func drain(size: Int, _ next: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var out: [UInt8] = []
        while true {
            let count = try next(buffer)
            if count == 0 { return out }
            out += buffer.prefix(count)
        }
    }

    @Test func handsOnTheReadersBytesInOrder() throws {
        let bytes = Self.csv(records: 20_000)
        let path = try Self.file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let header = Array("nip,period,score\r\n".utf8).count

        let direct = try RecordNumberingReader(path: path, headerBytes: header, delimiter: UInt8(ascii: ","), bufferSize: 4096)
        let expected = try Self.drain(size: 1 << 16) { try direct.read(into: $0) }

        // small pieces and an output buffer that does not divide them: every piece is taken in parts
        let reader = try RecordNumberingReader(path: path, headerBytes: header, delimiter: UInt8(ascii: ","), bufferSize: 4096)
        let readAhead = ReadAhead(reader, pieces: 2, pieceSize: 5000)
        let got = try Self.drain(size: 1234) { try readAhead.read(into: $0) }
        readAhead.finish()

        #expect(got.count == expected.count)
        #expect(got == expected)
        #expect(reader.records == 20_000)
        #expect(readAhead.records == 20_000)
        #expect(readAhead.bytesRead == bytes.count)
        var a = reader.hash, b = direct.hash
        #expect(SHA256.hexString(a.finalize()) == SHA256.hexString(b.finalize()))
        #expect(reader.fileLine(forStreamLine: 5) == direct.fileLine(forStreamLine: 5))
    }

    @Test func passesTheReadersErrorOn() throws {
        var bytes = Self.csv(records: 5_000)
        let nul = bytes.count - 200
        bytes[nul] = 0
        let path = try Self.file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try RecordNumberingReader(path: path, headerBytes: 18, delimiter: UInt8(ascii: ","), bufferSize: 4096)
        let readAhead = ReadAhead(reader, pieces: 3, pieceSize: 4096)
        #expect(throws: LoadError.self) { _ = try Self.drain(size: 4096) { try readAhead.read(into: $0) } }
        readAhead.finish()
        let line = try #require(reader.problem?.line)
        let expectedLine = bytes[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        #expect(line == expectedLine)
    }

    @Test func finishStopsAReaderThatIsStillAhead() throws {
        let path = try Self.file(Self.csv(records: 50_000))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try RecordNumberingReader(path: path, headerBytes: 18, delimiter: UInt8(ascii: ","), bufferSize: 4096)
        let readAhead = ReadAhead(reader, pieces: 2, pieceSize: 4096)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
        defer { buffer.deallocate() }
        #expect(try readAhead.read(into: buffer) > 0)
        readAhead.finish()   // the COPY ended early: the thread, blocked on full pieces, must end
        #expect(reader.records < 50_000)
        #expect(reader.records > 0)
    }
}
