/// A five-character SQLSTATE code, with names for the codes this project acts on.
/// See PostgreSQL's documentation, appendix A "PostgreSQL Error Codes".
public struct SQLState: Hashable, Sendable, CustomStringConvertible {
    public let code: String

    public init(_ code: String) { self.code = code }

    public var description: String { code }

    /// The two-character class (for example "23" for integrity constraint violations).
    public var errorClass: String { String(code.prefix(2)) }

    public var isConnectionException: Bool { errorClass == "08" || errorClass == "57" && code != "57014" }

    public static let successfulCompletion = SQLState("00000")
    public static let uniqueViolation = SQLState("23505")
    public static let foreignKeyViolation = SQLState("23503")
    public static let checkViolation = SQLState("23514")
    public static let notNullViolation = SQLState("23502")
    public static let invalidTextRepresentation = SQLState("22P02")
    public static let badCopyFileFormat = SQLState("22P04")
    public static let characterNotInRepertoire = SQLState("22021")
    public static let undefinedTable = SQLState("42P01")
    public static let undefinedColumn = SQLState("42703")
    public static let syntaxError = SQLState("42601")
    public static let insufficientPrivilege = SQLState("42501")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let cannotConnectNow = SQLState("57P03")
    public static let lockNotAvailable = SQLState("55P03")
    public static let readOnlySQLTransaction = SQLState("25006")
    public static let inFailedSQLTransaction = SQLState("25P02")
    public static let featureNotSupported = SQLState("0A000")
    public static let raiseException = SQLState("P0001")
}
