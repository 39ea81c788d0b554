/// One row of a result. Reads values by column index or name, checking type and NULL.
///
/// ```swift
/// let rows = try connection.query("SELECT unit_code, n FROM kinerja.unit_rollup WHERE year = \(2024)")
/// for row in rows { let (code, n) = try row.decode((String, Int).self) }
/// ```
public struct PostgresRow: Sendable {
    let result: ResultHandle
    let index: Int
    let columns: ColumnIndex

    /// The number of columns.
    public var count: Int { result.columnCount }

    /// The column names, in order.
    public var columnNames: [String] { columns.names }

    /// Decodes column `column` (0-based) as `T`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws(PostgresError) -> T {
        guard column >= 0, column < result.columnCount else {
            throw PostgresError(.decoding, message: "column index \(column) is out of range (the row has \(result.columnCount) columns)")
        }
        let oid = result.columnType(column)
        if result.isNull(row: index, column: column) {
            do { return try T.decodeNull() } catch {
                throw PostgresError(.decoding, message: "column \"\(columns.names[column])\" is NULL but \(T.self) was requested; decode as \(T.self)? to accept NULL", column: columns.names[column])
            }
        }
        guard let value = T.decode(text: result.string(row: index, column: column), type: oid) else {
            throw PostgresError(.decoding, message: "column \"\(columns.names[column])\" of type \(oid) cannot be decoded as \(T.self)", column: columns.names[column])
        }
        return value
    }

    /// Decodes the column named `name` as `T`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws(PostgresError) -> T {
        guard let column = columns.position[name] else {
            throw PostgresError(.decoding, message: "the result has no column named \"\(name)\" (it has: \(columns.names.joined(separator: ", ")))")
        }
        return try decode(type, at: column)
    }

    /// Decodes the first columns as a tuple: `try row.decode((String, Int?).self)`.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type) throws(PostgresError) -> (repeat each T) {
        var column = 0
        func next<U: PostgresDecodable>(_ type: U.Type) throws(PostgresError) -> U {
            defer { column += 1 }
            return try decode(type, at: column)
        }
        return (repeat try next((each T).self))
    }

    /// The raw text of a column (nil for NULL), without type checks: for exporters that pass values on.
    public func text(at column: Int) -> String? {
        result.isNull(row: index, column: column) ? nil : result.string(row: index, column: column)
    }

    /// The type of column `column`.
    public func type(at column: Int) -> PostgresTypeOID { result.columnType(column) }
}

/// Column names and their positions, computed once per result.
final class ColumnIndex: Sendable {
    let names: [String]
    let position: [String: Int]

    init(_ result: ResultHandle) {
        let names = (0..<result.columnCount).map(result.columnName)
        self.names = names
        var position: [String: Int] = [:]
        for (i, name) in names.enumerated() where position[name] == nil { position[name] = i }
        self.position = position
    }
}

/// The rows of a completed query, held in one libpq result.
public struct PostgresRows: Sendable, RandomAccessCollection {
    let result: ResultHandle
    let columns: ColumnIndex

    init(_ result: ResultHandle) {
        self.result = result
        self.columns = ColumnIndex(result)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { result.rowCount }
    public subscript(position: Int) -> PostgresRow { PostgresRow(result: result, index: position, columns: columns) }

    /// The column names, in order.
    public var columnNames: [String] { columns.names }
    /// Each column's type.
    public var columnTypes: [PostgresTypeOID] { (0..<result.columnCount).map(result.columnType) }
    /// Rows affected, for commands that report it (INSERT, UPDATE, DELETE, COPY, …).
    public var affectedRows: Int? { result.affectedRows }

    /// The single value of a one-row, one-column result (for `SELECT count(*) …`).
    public func scalar<T: PostgresDecodable>(_ type: T.Type = T.self) throws(PostgresError) -> T {
        guard count == 1, result.columnCount >= 1 else {
            throw PostgresError(.decoding, message: "expected one row with a value, got \(count) rows")
        }
        return try self[0].decode(type, at: 0)
    }
}
