/// Every failure of the Postgres layer.
///
/// A server error keeps all the fields PostgreSQL sends (SQLSTATE, severity, message, detail, hint,
/// position, context, schema, table, column, constraint). `description` names the kind, SQLSTATE and
/// primary message only: `detail` can quote row values (personal data), so it is left to
/// `debugDescription`, which callers print only where the data is theirs to show (the loader, the CLI).
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Kind: String, Sendable {
        /// The server answered with an error (the SQLSTATE says which).
        case server
        /// Could not connect, or the connection was lost.
        case connection
        /// A value could not be decoded into the requested Swift type.
        case decoding
        /// The pool had no connection free within the acquire timeout.
        case poolTimeout
        /// The pool was shut down.
        case poolClosed
        /// The byte source of a COPY failed; the COPY was aborted on the server.
        case copySource
        /// libpq or the server did something this layer does not expect.
        case protocolViolation
    }

    public var kind: Kind
    public var sqlState: SQLState?
    public var severity: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character position in the statement text, when the server gives one.
    public var position: Int?
    public var context: String?
    public var schema: String?
    public var table: String?
    public var column: String?
    public var constraint: String?

    public init(
        _ kind: Kind, message: String, sqlState: SQLState? = nil, severity: String? = nil,
        detail: String? = nil, hint: String? = nil, position: Int? = nil, context: String? = nil,
        schema: String? = nil, table: String? = nil, column: String? = nil, constraint: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.severity = severity
        self.detail = detail
        self.hint = hint
        self.position = position
        self.context = context
        self.schema = schema
        self.table = table
        self.column = column
        self.constraint = constraint
    }

    public var description: String {
        var text = "PostgreSQL \(kind.rawValue) error"
        if let sqlState { text += " \(sqlState.code)" }
        return text + ": " + message
    }

    public var debugDescription: String {
        var lines = [description]
        if let severity { lines.append("severity: \(severity)") }
        if let detail { lines.append("detail: \(detail)") }
        if let hint { lines.append("hint: \(hint)") }
        if let position { lines.append("position: \(position)") }
        if let context { lines.append("context: \(context)") }
        if let table { lines.append("table: \([schema, table].compactMap { $0 }.joined(separator: "."))") }
        if let column { lines.append("column: \(column)") }
        if let constraint { lines.append("constraint: \(constraint)") }
        return lines.joined(separator: "\n  ")
    }

    /// True when the connection that produced this error can no longer be used.
    public var isConnectionLost: Bool {
        kind == .connection || sqlState?.isConnectionException == true
    }
}
