import Foundation

/// The canonical spelling of a file's values: what a program writes, and exactly what the year
/// table's columns hold (`197812201997072001,Y,197302151996091001,rekan,AKUNTABEL,81.1`).
///
/// A file whose every value is canonical needs no decoding, so the loader COPYs it straight into
/// the year's new table (`LoadFileSpec.directTable`), whose constraints refuse there what they refuse
/// at the publish. `RecordNumberingReader` checks each cell as it streams the file; at the first one
/// that is not canonical (a label in another case, a decimal comma, a quoted value, …) the loader
/// falls back to staging the file as text and decoding it (sql/load/<file>.ready.sql), which accepts
/// every spelling docs/data-format.md allows and names every rejected row.
///
/// So a rule here only decides which path a file takes, never what is accepted: a value outside
/// these rules takes the staging path, and one inside them that the table refuses fails the COPY,
/// which falls back too. What a rule must guarantee is that the staging path would store the same
/// value (LoaderTests' "canonical ratings …" test loads one file both ways and compares).
public enum CanonicalCell: Sendable, Equatable {
    /// Exactly this many ASCII digits (a NIP: 18).
    case digits(Int)
    /// 1 to 3 digits, optionally a point and 1 or 2 digits: a score as numeric(6,2) reads it, and as
    /// `round(kinerja.parse_decimal(raw), 2)` decodes it.
    case decimal
    /// One of these codes, exactly (the table's CHECK lists them).
    case oneOf([String])
    /// A code of `kinerja.rating_item`, exactly (read when the load starts).
    case ratingItem
    /// The year being loaded, in digits (the optional `year` column).
    case loadYear
}

/// A file's canonical rules resolved for one load: one matcher per header column, in file order.
struct CanonicalForm {
    enum Matcher {
        case digits(Int)
        case decimal
        case oneOf([[UInt8]])
    }

    /// The first cell that is not canonical.
    struct Deviation: Error, Equatable, CustomStringConvertible {
        let line: Int
        let column: String
        let reason: String
        var description: String { "line \(line), \(column): \(reason)" }
    }

    /// Longer cells are never canonical (the longest code is 22 bytes).
    static let maximumCellBytes = 32

    let columns: [String]
    let matchers: [Matcher]

    /// nil when a header column has no canonical rule (the file then always takes the staging path).
    init?(header columns: [String], spec: LoadFileSpec, year: Int, ratingItems: [String]) {
        var matchers: [Matcher] = []
        for name in columns {
            let rule = name == LoadFileSpec.optionalYearColumn ? .loadYear : spec.columns.first { $0.name == name }?.canonical
            switch rule {
            case .digits(let count): matchers.append(.digits(count))
            case .decimal: matchers.append(.decimal)
            case .oneOf(let codes): matchers.append(.oneOf(codes.map { Array($0.utf8) }))
            case .ratingItem: matchers.append(.oneOf(ratingItems.map { Array($0.utf8) }))
            case .loadYear: matchers.append(.oneOf([Array(String(year).utf8)]))
            case nil: return nil
            }
        }
        self.columns = columns
        self.matchers = matchers
    }

    /// Whether `count` bytes at `cell` are canonical for column `index`.
    func accepts(_ cell: UnsafePointer<UInt8>, count: Int, column index: Int) -> Bool {
        guard index < matchers.count, count <= Self.maximumCellBytes else { return false }
        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        switch matchers[index] {
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
