import Foundation
import HTTPTypes
import Hummingbird
import Kinerja
import Postgres

/// An error answered as JSON: `{"error": {"code": "...", "message": "..."}}`.
public struct APIError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    /// Extra headers (WWW-Authenticate, Retry-After).
    public var headers: [(HTTPField.Name, String)] = []

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func badParameter(_ name: String, _ message: String) -> APIError {
        APIError(.badRequest, "bad_parameter", "query parameter '\(name)': \(message)")
    }

    static func unknownParameter(_ name: String) -> APIError {
        APIError(.badRequest, "unknown_parameter", "unknown query parameter '\(name.prefix(64))'")
    }

    static let notFound = APIError(.notFound, "not_found", "no such route")

    static var unauthorized: APIError {
        var error = APIError(.unauthorized, "unauthorized", "this route needs Authorization: Bearer <token>")
        error.headers = [(.wwwAuthenticate, "Bearer")]
        return error
    }

    static let forbidden = APIError(.forbidden, "forbidden", "the token is not valid")

    /// Maps a database failure: the database unreachable or the pool exhausted is 503 (retry
    /// later), a statement that ran out of time or lost a deadlock to a load 503 too; anything else
    /// 500 without details.
    static func database(_ error: PostgresError) -> APIError {
        var answer: APIError
        switch error.kind {
        case .poolTimeout:
            answer = APIError(.serviceUnavailable, "pool_exhausted", "no database connection became free in time")
        case .connection, .poolClosed:
            answer = APIError(.serviceUnavailable, "database_unavailable", "the database cannot be reached")
        default:
            if error.sqlState?.code == "57014" {
                answer = APIError(.serviceUnavailable, "statement_timeout", "the query took longer than the statement timeout")
            } else if ["40P01", "40001", "55P03"].contains(error.sqlState?.code) {
                // a deadlock or serialization failure with a load's swap: the same request succeeds again
                answer = APIError(.serviceUnavailable, "retry", "the data is being replaced; try again")
            } else if error.isConnectionLost {
                answer = APIError(.serviceUnavailable, "database_unavailable", "the database cannot be reached")
            } else {
                return APIError(.internalServerError, "database_error", "the database answered with an error")
            }
        }
        answer.headers = [(.retryAfter, "1")]
        return answer
    }

    /// The JSON body.
    var body: Data {
        var out = "{\"error\":{\"code\":"
        out += Self.quote(code)
        out += ",\"message\":"
        out += Self.quote(message)
        out += "}}\n"
        return Data(out.utf8)
    }

    static func quote(_ text: String) -> String { JSONWriter.quoted(text) }
}
