import Foundation

/// A small RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF or LF).
enum CSVReader {
    /// Calls `row` for every record after the header; returns the header.
    @discardableResult
    static func read(_ url: URL, row: ([String]) throws -> Void) throws -> [String] {
        let data = try Data(contentsOf: url)
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [String] in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return [] }
            let n = bytes.count
            var header: [String]?
            var fields: [String] = []
            var i = 0
            while i < n {
                // One field.
                if base[i] == 34 {
                    var field: [UInt8] = []
                    i += 1
                    while i < n {
                        if base[i] == 34 {
                            if i + 1 < n && base[i + 1] == 34 { field.append(34); i += 2; continue }
                            i += 1
                            break
                        }
                        field.append(base[i])
                        i += 1
                    }
                    fields.append(String(decoding: field, as: UTF8.self))
                } else {
                    let start = i
                    while i < n && base[i] != 44 && base[i] != 10 && base[i] != 13 { i += 1 }
                    fields.append(String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self))
                }
                // Separator or end of record.
                if i < n && base[i] == 44 { i += 1; continue }
                if i < n && base[i] == 13 { i += 1 }
                if i < n && base[i] == 10 { i += 1 }
                if header == nil { header = fields } else { try row(fields) }
                fields.removeAll(keepingCapacity: true)
            }
            return header ?? []
        }
    }

    /// All records after the header.
    static func rows(_ url: URL) throws -> (header: [String], rows: [[String]]) {
        var out: [[String]] = []
        let h = try read(url) { out.append($0) }
        return (h, out)
    }

    /// The raw bytes of the file.
    static func raw(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    /// Number of LF bytes in the file.
    static func lineFeeds(_ url: URL) throws -> Int { try count(byte: 10, in: url) }

    /// Number of occurrences of `byte` in the file.
    static func count(byte: UInt8, in url: URL) throws -> Int {
        let data = try Data(contentsOf: url)
        return data.withUnsafeBytes { raw in
            var c = 0
            var p = raw.baseAddress!
            let end = p + raw.count
            while let hit = memchr(p, Int32(byte), end - p) {
                c += 1
                p = UnsafeRawPointer(hit) + 1
            }
            return c
        }
    }
}
