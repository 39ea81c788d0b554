import Foundation

/// The canonical spelling of a file's values: what a program writes, and exactly what the year
/// table's columns hold (`197812201997072001,Y,197302151996091001,rekan,AKUNTABEL,81.1`).
///
/// A file whose every value is canonical needs no decoding, so the loader COPYs it straight into
/// the year's new table (`LoadFileSpec.directTable`), whose constraints refuse there what they refuse
/// at the publish. `RecordNumberingReader` checks each cell as it streams the file; at the first one
/// that is not canonical (a label in another case, a decimal comma, a code in quotes, …) the loader
/// falls back to staging the file as text and decoding it (sql/load/<file>.ready.sql), which accepts
/// every spelling docs/data-format.md allows and names every rejected row.
///
/// So a rule here only decides which path a file takes, never what is accepted: a value outside
/// these rules takes the staging path, and one inside them that the table refuses fails the COPY,
/// which falls back too. What a rule must guarantee is that the staging path would store the same
/// value (LoaderTests' "canonical … go straight in" tests load one file both ways and compare).
public indirect enum CanonicalCell: Sendable, Equatable {
    /// Exactly this many ASCII digits (a NIP: 18).
    case digits(Int)
    /// 1 to 3 digits, optionally a point and 1 or 2 digits: a score as numeric(6,2) reads it, and as
    /// `round(kinerja.parse_decimal(raw), 2)` decodes it.
    case decimal
    /// One of these codes, exactly (the table's CHECK lists them).
    case oneOf([String])
    /// A value of the `code` column of this reference table of the kinerja schema, exactly (read when
    /// the load starts): `rating_item`, `grade`.
    case codeOf(String)
    /// The year being loaded, in digits (the optional `year` column).
    case loadYear
    /// Free text as `kinerja.cell` leaves it: not empty, no space, tab or line break at either end.
    /// It may be quoted (a name with a comma): COPY unquotes it alike on both paths.
    case text
    /// The rule, or an empty cell without quotes: NULL on both paths (COPY's CSV NULL; `kinerja.cell`).
    case orEmpty(CanonicalCell)
}

/// A file's canonical rules resolved for one load: one matcher per header column, in file order.
struct CanonicalForm {
    enum Matcher {
        case digits(Int)
        case decimal
        case oneOf([[UInt8]])
        case text
    }

    /// The first cell that is not canonical.
    struct Deviation: Error, Equatable, CustomStringConvertible {
        let line: Int
        let column: String
        let reason: String
        var description: String { "line \(line), \(column): \(reason)" }
    }

    /// Longer codes are never canonical (the longest is 22 bytes); the reader keeps a cell's first
    /// bytes only (text is judged by its ends).
    static let maximumCellBytes = 32

    let columns: [String]
    let matchers: [Matcher]
    /// Whether an empty cell (without quotes) is canonical, per column.
    let allowsEmpty: [Bool]

    /// nil when a header column has no canonical rule (the file then always takes the staging path).
    /// `codes` reads the codes of a reference table that a `codeOf` rule of a header column names.
    init?(header columns: [String], spec: LoadFileSpec, year: Int, codes: (String) throws -> [String]) rethrows {
        func bytes(_ values: [String]) -> [[UInt8]] { values.map { Array($0.utf8) } }
        func resolve(_ rule: CanonicalCell) throws -> (Matcher, allowsEmpty: Bool) {
            switch rule {
            case .digits(let count): return (.digits(count), false)
            case .decimal: return (.decimal, false)
            case .oneOf(let values): return (.oneOf(bytes(values)), false)
            case .codeOf(let table): return (.oneOf(bytes(try codes(table))), false)
            case .loadYear: return (.oneOf(bytes([String(year)])), false)
            case .text: return (.text, false)
            case .orEmpty(let inner): return (try resolve(inner).0, true)
            }
        }
        var matchers: [Matcher] = []
        var allowsEmpty: [Bool] = []
        for name in columns {
            let rule = name == LoadFileSpec.optionalYearColumn ? .loadYear : spec.columns.first { $0.name == name }?.canonical
            guard let rule else { return nil }
            let (matcher, empty) = try resolve(rule)
            matchers.append(matcher)
            allowsEmpty.append(empty)
        }
        self.columns = columns
        self.matchers = matchers
        self.allowsEmpty = allowsEmpty
    }

    /// Whether column `index` may hold a quoted value.
    func allowsQuotes(column index: Int) -> Bool {
        guard index < matchers.count, case .text = matchers[index] else { return false }
        return true
    }

    /// Whether a cell is canonical for column `index`: its `count` bytes (the first
    /// `maximumCellBytes` of them at `cell`), its last byte, and whether it was quoted.
    func accepts(_ cell: UnsafePointer<UInt8>, count: Int, last: UInt8, quoted: Bool, column index: Int) -> Bool {
        guard index < matchers.count else { return false }
        // a quoted empty cell is '' to COPY but NULL to kinerja.cell
        if count == 0 { return allowsEmpty[index] && !quoted }
        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
        }
        switch matchers[index] {
        case .text:
            return !isBlank(cell[0]) && !isBlank(last)
        case _ where quoted || count > Self.maximumCellBytes:
            return false  // codes are never quoted, nor long
        case .digits(let length):
            guard count == length else { return false }
            for i in 0..<count where !isDigit(cell[i]) { return false }
            return true
        case .decimal:
            var i = 0
            while i < count && isDigit(cell[i]) { i += 1 }
            guard (1...3).contains(i) else { return false }
            if i == count { return true }
            guard cell[i] == UInt8(ascii: "."), (2...3).contains(count - i) else { return false }
            for j in (i + 1)..<count where !isDigit(cell[j]) { return false }
            return true
        case .oneOf(let codes):
            for code in codes where code.count == count {
                if code.withUnsafeBufferPointer({ memcmp($0.baseAddress!, cell, count) == 0 }) { return true }
            }
            return false
        }
    }
}
