/// The first line of a load file: its delimiter and column names, checked against the file's spec.
struct CSVHeader: Equatable {
    /// `,` or `;` (spreadsheets in the Indonesian locale write `;`).
    let delimiter: UInt8
    /// The delimiter as COPY's DELIMITER option and the load history write it.
    var delimiterText: String { delimiter == UInt8(ascii: ";") ? ";" : "," }
    /// Column names as written, lowercased and trimmed, in file order.
    let columns: [String]
    /// Bytes of the BOM and header line, including its line end (where the records start).
    let byteCount: Int

    enum Problem: Error, Equatable {
        case empty
        case notUTF8
        case duplicateColumn(String)
        case unknownColumns([String], expected: [String])
        case missingColumns([String])
    }

    /// Reads the header from the first bytes of a file (which must contain the whole first line,
    /// unless the file is that line alone).
    static func parse(_ bytes: some Collection<UInt8>) throws(Problem) -> CSVHeader {
        var data = Array(bytes)
        var offset = 0
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        var end = offset
        var inQuotes = false
        while end < data.count {
            let byte = data[end]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == UInt8(ascii: "\n") && !inQuotes { break }
            end += 1
        }
        let byteCount = min(end + 1, data.count)
        var lineEnd = end
        if lineEnd > offset, data[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        data = Array(data[offset..<lineEnd])
        guard let text = String(validating: data, as: UTF8.self) else { throw .notUTF8 }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw .empty }
        let commas = Self.countOutsideQuotes(data, UInt8(ascii: ","))
        let semicolons = Self.countOutsideQuotes(data, UInt8(ascii: ";"))
        let delimiter = semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
        let columns = Self.split(data, delimiter).map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
        }
        var seen = Set<String>()
        for column in columns where !seen.insert(column).inserted { throw .duplicateColumn(column) }
        return CSVHeader(delimiter: delimiter, columns: columns, byteCount: byteCount)
    }

    /// Unknown columns are an error (a typo is never silently ignored); so are missing required ones.
    func check(against spec: LoadFileSpec) throws(Problem) {
        let known = spec.columns.map(\.name) + [LoadFileSpec.optionalYearColumn]
        let unknown = columns.filter { !known.contains($0) }
        if !unknown.isEmpty { throw .unknownColumns(unknown, expected: known) }
        let missing = spec.columns.filter { $0.required && !columns.contains($0.name) }.map(\.name)
        if !missing.isEmpty { throw .missingColumns(missing) }
    }

    private static func countOutsideQuotes(_ data: [UInt8], _ target: UInt8) -> Int {
        var inQuotes = false
        var count = 0
        for byte in data {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() } else if byte == target && !inQuotes { count += 1 }
        }
        return count
    }

    private static func split(_ data: [UInt8], _ delimiter: UInt8) -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        for byte in data {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == delimiter && !inQuotes {
                fields.append(String(decoding: current, as: UTF8.self))
                current.removeAll()
            } else {
                current.append(byte)
            }
        }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields
    }
}

import Foundation
