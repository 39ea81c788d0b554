import CLibPQ

/// Reads and rewrites connection strings with libpq's own parser, so URLs and key=value strings
/// are treated exactly as libpq will treat them.
public enum PostgresConninfo {
    /// The options a conninfo sets (URL or key=value), e.g. `["host": "/tmp", "dbname": "kinerja"]`.
    public static func parse(_ conninfo: String) throws(PostgresError) -> [String: String] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            let message = errorMessage.map { String(cString: $0).trimmingTrailingNewlines() } ?? "invalid connection string"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(.connection, message: redactingQuotedTokens(message))
        }
        defer { PQconninfoFree(options) }
        var result: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { result[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return result
    }

    /// libpq's parse errors quote the offending piece of the string, which may be a password
    /// (`invalid percent-encoded token: "s3cret%zz"`): the quotes' content is dropped.
    public static func redactingQuotedTokens(_ message: String) -> String {
        message.replacing(/"[^"]*"/, with: "\"…\"")
    }

    /// Builds a key=value conninfo, quoting values as libpq requires.
    public static func build(_ options: [String: String]) -> String {
        options.sorted { $0.key < $1.key }.map { key, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            return "\(key)='\(escaped)'"
        }.joined(separator: " ")
    }

    /// The same connection settings with another database (and optionally another user).
    public static func replacing(in conninfo: String, database: String? = nil, user: String? = nil) throws(PostgresError) -> String {
        var options = try parse(conninfo)
        if let database { options["dbname"] = database }
        if let user { options["user"] = user }
        return build(options)
    }
}
