/// SQL text plus bound parameters.
///
/// Interpolated values become `$n` parameters, never SQL text:
/// ```swift
/// let q: PostgresQuery = "SELECT name FROM kinerja.employee WHERE year = \(year) AND nip = \(nip)"
/// // sql: "SELECT name FROM kinerja.employee WHERE year = $1 AND nip = $2", binds: [year, nip]
/// ```
/// Identifiers cannot be parameters; splice a checked identifier with `\(unescaped: name)` only when
/// it comes from the program, never from input.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    public var sql: String
    public var binds: [(any PostgresEncodable)?]

    public init(_ sql: String, binds: [(any PostgresEncodable)?] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: StringInterpolation) {
        self.init(stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [(any PostgresEncodable)?] = []

        public init(literalCapacity: Int, interpolationCount: Int) { sql.reserveCapacity(literalCapacity + 4 * interpolationCount) }
        public mutating func appendLiteral(_ literal: String) { sql += literal }

        /// A bound parameter.
        public mutating func appendInterpolation(_ value: (some PostgresEncodable)?) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// Raw SQL text: the explicit, deliberately awkward escape hatch for program-made identifiers.
        public mutating func appendInterpolation(unescaped text: String) { sql += text }
    }

    /// The parameter texts as libpq wants them.
    var parameterTexts: [String?] { binds.map { $0?.postgresText } }
}
