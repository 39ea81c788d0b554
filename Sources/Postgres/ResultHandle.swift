import CLibPQ

/// Owns one `PGresult*` and frees it exactly once, when the last reference goes.
///
/// `@unchecked Sendable` is safe: libpq documents a finished `PGresult` as read-only, so it may be
/// read from any thread; nothing here mutates it.
final class ResultHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { PQclear(pointer) }

    var status: ExecStatusType { PQresultStatus(pointer) }
    var rowCount: Int { Int(PQntuples(pointer)) }
    var columnCount: Int { Int(PQnfields(pointer)) }

    func columnName(_ column: Int) -> String { String(cString: PQfname(pointer, Int32(column))) }
    func columnType(_ column: Int) -> PostgresTypeOID { PostgresTypeOID(rawValue: PQftype(pointer, Int32(column))) }
    func isNull(row: Int, column: Int) -> Bool { PQgetisnull(pointer, Int32(row), Int32(column)) == 1 }

    /// The value's text as UTF-8 bytes, valid while this handle lives.
    func bytes(row: Int, column: Int) -> UnsafeBufferPointer<UInt8> {
        let length = Int(PQgetlength(pointer, Int32(row), Int32(column)))
        let base = PQgetvalue(pointer, Int32(row), Int32(column))!
        return base.withMemoryRebound(to: UInt8.self, capacity: length) { UnsafeBufferPointer(start: $0, count: length) }
    }

    func string(row: Int, column: Int) -> String { String(decoding: bytes(row: row, column: column), as: UTF8.self) }

    /// Rows affected by INSERT/UPDATE/DELETE/COPY/…, when the command reports it.
    var affectedRows: Int? { Int(String(cString: PQcmdTuples(pointer))) }

    /// The server's error fields, when this result is an error.
    func error(kind: PostgresError.Kind = .server) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(pointer, code) else { return nil }
            return String(cString: value)
        }
        let message = field(KPG_DIAG_MESSAGE_PRIMARY)
            ?? String(cString: PQresultErrorMessage(pointer)).trimmingTrailingNewlines()
        return PostgresError(
            kind, message: message.isEmpty ? "unknown error" : message,
            sqlState: field(KPG_DIAG_SQLSTATE).map(SQLState.init),
            severity: field(KPG_DIAG_SEVERITY_NONLOCALIZED) ?? field(KPG_DIAG_SEVERITY),
            detail: field(KPG_DIAG_MESSAGE_DETAIL), hint: field(KPG_DIAG_MESSAGE_HINT),
            position: field(KPG_DIAG_STATEMENT_POSITION).flatMap { Int($0) },
            context: field(KPG_DIAG_CONTEXT), schema: field(KPG_DIAG_SCHEMA_NAME),
            table: field(KPG_DIAG_TABLE_NAME), column: field(KPG_DIAG_COLUMN_NAME),
            constraint: field(KPG_DIAG_CONSTRAINT_NAME))
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}
