import Foundation

/// Streams a CSV file's records to COPY with each record prefixed by the line it starts on, so
/// every rejection can name its line even when quoted fields hold line breaks.
///
/// Also, in the same single pass over the bytes: skips the header and blank lines, fingerprints the
/// whole file (SHA-256) and counts bytes and records. Memory is two fixed buffers.
///
/// With a `CanonicalForm` the records go out as they are, without line numbers, for a COPY straight
/// into a year table: each cell is checked on the way, and the first one that is not canonical ends
/// the stream with a `CanonicalForm.Deviation` (also kept in `deviation`).
final class RecordNumberingReader {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private let delimiter: UInt8
    private let canonical: CanonicalForm?
    private let cell = UnsafeMutablePointer<UInt8>.allocate(capacity: CanonicalForm.maximumCellBytes)
    private var cellLength = 0
    private var cellIndex = 0
    private var cellLast: UInt8 = 0
    private var cellQuoted = false
    /// A quote inside a quoted cell: it closes the cell, or a second one follows (an escaped quote).
    private var afterQuote = false
    private var input: [UInt8]
    private var inputStart = 0
    private var inputEnd = 0
    private var endOfFile = false

    private var line = 2              // records start after the header line
    private var atRecordStart = true
    private var inQuotes = false
    private var pendingCarriageReturn = false

    private(set) var hash = SHA256()
    private(set) var bytesRead = 0
    private(set) var records = 0
    /// File lines skipped as blank, in order: to map COPY's stream line numbers back to the file's.
    private(set) var skippedLines: [Int] = []
    /// The file line the current (or last) record starts on.
    private(set) var recordStartLine = 2
    /// Records spanning several lines (a quoted line break), in order: (first line, last line). COPY
    /// names a record by its last line; a person looks for its first. Only these records cost memory.
    private var multiLineRecords: [(first: Int, last: Int)] = []
    /// What made `read` fail, with the file line it concerns (the COPY error only says it failed).
    private(set) var problem: (line: Int, reason: String)?
    /// The first cell that is not canonical (with a `CanonicalForm` only).
    private(set) var deviation: CanonicalForm.Deviation?

    /// Opens the file and skips `headerBytes` (BOM and header line), hashing them.
    init(path: String, headerBytes: Int, delimiter: UInt8, canonical: CanonicalForm? = nil, bufferSize: Int = 256 * 1024) throws {
        guard let file = fopen(path, "rb") else {
            throw LoadError.io("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.file = file
        self.delimiter = delimiter
        self.canonical = canonical
        self.input = [UInt8](repeating: 0, count: bufferSize)
        var remaining = headerBytes
        while remaining > 0 {
            refill()
            if inputEnd == inputStart { break }
            let take = min(remaining, inputEnd - inputStart)
            inputStart += take  // refill() hashed these bytes already
            remaining -= take
        }
    }

    deinit {
        fclose(file)
        cell.deallocate()
    }

    /// The file line of a COPY error's stream line (COPY counts lines of what it received: no header,
    /// no blank lines).
    func fileLine(forStreamLine streamLine: Int) -> Int {
        var line = streamLine + 1
        for skipped in skippedLines where skipped <= line { line += 1 }
        // a line inside a multi-line record: the record's first line
        var low = 0, high = multiLineRecords.count
        while low < high {
            let middle = (low + high) / 2
            if multiLineRecords[middle].last < line { low = middle + 1 } else { high = middle }
        }
        if low < multiLineRecords.count, multiLineRecords[low].first <= line { return multiLineRecords[low].first }
        return line
    }

    /// A CR outside quotes not followed by LF: COPY would end a line there, and a following `\.`
    /// line would end its data, silently, with the rest of the file unread.
    private func loneCarriageReturn() -> LoadError {
        let reason = "line \(line) has a carriage return without a line feed outside quotes (old Mac line endings?): save the file with LF or CRLF line endings"
        problem = (line, reason)
        return LoadError.io(reason)
    }

    private func nulByte() -> LoadError {
        let reason = "line \(line) contains a NUL byte, which text files never hold (is it a binary or UTF-16 file?)"
        problem = (line, reason)
        return LoadError.io(reason)
    }

    /// Fills `output` with prefixed record bytes; returns the count, 0 at the end of the file.
    func read(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        let out = output.bindMemory(to: UInt8.self)
        var written = 0
        let reserve = 24  // room for a line-number prefix
        while written < out.count - reserve {
            if inputStart == inputEnd {
                if endOfFile {
                    // a last record without a line break
                    if canonical != nil && !atRecordStart { try endCanonicalCell(endsRecord: true); atRecordStart = true }
                    break
                }
                refill()
                continue  // at the end of the file, the branch above checks a last record without a line break
            }
            try input.withUnsafeBufferPointer { bytes in
                while inputStart < inputEnd && written < out.count - reserve {
                    if !atRecordStart && !pendingCarriageReturn {
                        // most bytes are plain ones inside a record: copy their run at once, in
                        // locals (byte by byte through this object's fields, parsing cost as much
                        // CPU as the server's COPY of them)
                        let start = inputStart, limit = min(inputEnd, start + (out.count - reserve - written))
                        let delimiter = self.delimiter
                        var end = start
                        while end < limit {
                            let byte = bytes[end]
                            if byte == delimiter || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r")
                                || byte == UInt8(ascii: "\n") || byte == 0 { break }
                            end += 1
                        }
                        if end > start {
                            let run = end - start
                            (out.baseAddress! + written).update(from: bytes.baseAddress! + start, count: run)
                            if let canonical {
                                if afterQuote { throw deviate("text after a closing quote", canonical) }
                                let kept = min(run, max(0, CanonicalForm.maximumCellBytes - cellLength))
                                if kept > 0 { (cell + cellLength).update(from: bytes.baseAddress! + start, count: kept) }
                                cellLength += run
                                cellLast = bytes[end - 1]
                            }
                            written += run
                            inputStart = end
                            continue
                        }
                    }
                    let byte = bytes[inputStart]
                    inputStart += 1
                    if atRecordStart {
                        // blank lines between records are skipped (a spreadsheet's trailing rows)
                        if byte == UInt8(ascii: "\r") { pendingCarriageReturn = true; continue }
                        if byte == UInt8(ascii: "\n") {
                            skippedLines.append(line)
                            line += 1
                            pendingCarriageReturn = false
                            continue
                        }
                        if byte == 0 { throw nulByte() }
                        atRecordStart = false
                        recordStartLine = line
                        records += 1
                        if canonical != nil {
                            cellIndex = 0
                            startCanonicalCell()
                        } else {
                            written += writePrefix(line, into: out, at: written)
                        }
                        if pendingCarriageReturn { throw loneCarriageReturn() }
                    } else if pendingCarriageReturn {
                        // CR LF ends records as LF does: COPY gets LF only, so a file mixing the two
                        // (a CRLF file with one LF line added by hand) is fine
                        pendingCarriageReturn = false
                        if byte != UInt8(ascii: "\n") { throw loneCarriageReturn() }
                    }
                    if byte == UInt8(ascii: "\r") && !inQuotes {
                        pendingCarriageReturn = true
                        continue
                    }
                    if canonical != nil { try canonicalByte(byte) }
                    if byte == UInt8(ascii: "\"") {
                        inQuotes.toggle()
                    } else if byte == UInt8(ascii: "\n") {
                        if !inQuotes {
                            atRecordStart = true
                            if line > recordStartLine { multiLineRecords.append((recordStartLine, line)) }
                        }
                        line += 1
                    } else if byte == 0 {
                        throw nulByte()
                    }
                    out[written] = byte
                    written += 1
                }
            }
        }
        return written
    }

    /// Checks one byte of a record against the canonical form (a line feed ends the record), before
    /// `read` toggles `inQuotes` on a quote. Quotes are COPY's CSV quotes: they open a cell, a doubled
    /// one inside is one quote, and the cell ends at the closing one.
    @inline(__always)
    private func canonicalByte(_ byte: UInt8) throws {
        guard let canonical else { return }
        if byte == UInt8(ascii: "\"") {
            if inQuotes {
                afterQuote = true
            } else if afterQuote {
                afterQuote = false
                canonicalContent(byte)
            } else if cellLength == 0 && !cellQuoted && canonical.allowsQuotes(column: cellIndex) {
                cellQuoted = true
            } else {
                throw deviate("a quoted value", canonical)
            }
        } else if inQuotes {
            canonicalContent(byte)  // a delimiter or a line break inside quotes is text
        } else if byte == delimiter {
            try endCanonicalCell(endsRecord: false)
        } else if byte == UInt8(ascii: "\n") {
            try endCanonicalCell(endsRecord: true)
        } else if afterQuote {
            throw deviate("text after a closing quote", canonical)
        } else {
            canonicalContent(byte)
        }
    }

    @inline(__always)
    private func canonicalContent(_ byte: UInt8) {
        if cellLength < CanonicalForm.maximumCellBytes { cell[cellLength] = byte }
        cellLength += 1
        cellLast = byte
    }

    private func startCanonicalCell() {
        cellLength = 0
        cellQuoted = false
        afterQuote = false
    }

    private func endCanonicalCell(endsRecord: Bool) throws {
        guard let canonical else { return }
        if !canonical.accepts(cell, count: cellLength, last: cellLast, quoted: cellQuoted, column: cellIndex) {
            let value = String(decoding: UnsafeBufferPointer(start: cell, count: min(cellLength, CanonicalForm.maximumCellBytes)), as: UTF8.self)
            throw deviate(cellIndex < canonical.columns.count ? "'\(value)' is not in canonical form" : "more cells than columns", canonical)
        }
        if endsRecord && cellIndex != canonical.columns.count - 1 { throw deviate("fewer cells than columns", canonical) }
        cellIndex += 1
        startCanonicalCell()
    }

    private func deviate(_ reason: String, _ canonical: CanonicalForm) -> CanonicalForm.Deviation {
        let column = cellIndex < canonical.columns.count ? canonical.columns[cellIndex] : "after the last column"
        let found = CanonicalForm.Deviation(line: recordStartLine, column: column, reason: reason)
        deviation = found
        return found
    }

    /// True when the file ended inside a quoted field.
    var endedInsideQuotes: Bool { inQuotes }

    private func refill() {
        if inputStart > 0 && inputStart == inputEnd {
            inputStart = 0
            inputEnd = 0
        }
        let count = input.withUnsafeMutableBytes { buffer in
            fread(buffer.baseAddress! + inputEnd, 1, buffer.count - inputEnd, file)
        }
        if count == 0 { endOfFile = true }
        input.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[inputEnd..<(inputEnd + count)])) }
        inputEnd += count
        bytesRead += count
    }

    private func writePrefix(_ value: Int, into out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            } while remaining > 0
            for i in 0..<count { out[index + i] = d[count - 1 - i] }
        }
        out[index + count] = delimiter
        return count + 1
    }
}
