import Foundation

/// A Swift type that a result column can be decoded into.
///
/// Decoding checks the column's type: an `Int` will not silently read a `numeric` that might carry a
/// fraction, and a non-optional type refuses SQL NULL (decode as `T?` to accept it).
public protocol PostgresDecodable: Sendable {
    /// Decodes the text form of a non-NULL value of the given type; nil means "not decodable".
    static func decode(text: String, type: PostgresTypeOID) -> Self?
    /// The value for SQL NULL; throws for non-optional types.
    static func decodeNull() throws(PostgresDecodingFailure) -> Self
}

/// Why a value could not be decoded (the row decoder adds the column's name and type).
public enum PostgresDecodingFailure: Error, Sendable {
    case unexpectedNull
    case typeMismatch
}

extension PostgresDecodable {
    public static func decodeNull() throws(PostgresDecodingFailure) -> Self { throw .unexpectedNull }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(text: String, type: PostgresTypeOID) -> Self? {
        Wrapped.decode(text: text, type: type).map { .some($0) }
    }
    public static func decodeNull() throws(PostgresDecodingFailure) -> Self { .none }
}

extension String: PostgresDecodable {
    /// Any column reads as its text form (PostgreSQL's output function), as psql shows it.
    public static func decode(text: String, type: PostgresTypeOID) -> String? { text }
}

extension Int: PostgresDecodable {
    public static func decode(text: String, type: PostgresTypeOID) -> Int? { type.isInteger ? Int(text) : nil }
}

extension Int32: PostgresDecodable {
    public static func decode(text: String, type: PostgresTypeOID) -> Int32? { type.isInteger ? Int32(text) : nil }
}

extension Int64: PostgresDecodable {
    public static func decode(text: String, type: PostgresTypeOID) -> Int64? { type.isInteger ? Int64(text) : nil }
}

extension Bool: PostgresDecodable {
    public static func decode(text: String, type: PostgresTypeOID) -> Bool? {
        guard type == .bool else { return nil }
        switch text {
        case "t": return true
        case "f": return false
        default: return nil
        }
    }
}

extension Double: PostgresDecodable {
    /// Reads float4, float8, numeric and integers (numeric may lose precision: use `Decimal` to keep it).
    public static func decode(text: String, type: PostgresTypeOID) -> Double? {
        guard type.isFloat || type == .numeric || type.isInteger else { return nil }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }
}

extension Decimal: PostgresDecodable {
    public static func decode(text: String, type: PostgresTypeOID) -> Decimal? {
        guard type == .numeric || type.isInteger else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}

extension PostgresDate: PostgresDecodable {
    public static func decode(text: String, type: PostgresTypeOID) -> PostgresDate? {
        type == .date ? PostgresDate(text) : nil
    }
}

extension Date: PostgresDecodable {
    /// Reads `timestamptz` as an instant. The session's DateStyle must be ISO (libpq's default) and the
    /// text carries the offset, so the session time zone does not matter.
    public static func decode(text: String, type: PostgresTypeOID) -> Date? {
        guard type == .timestamptz else { return nil }
        return TimestampParser.parse(text)
    }
}

/// Parses PostgreSQL's ISO output for timestamptz: `2024-05-01 10:20:30.123456+07` (offset may be
/// `+05:30` or `+05:30:15`; fraction optional).
enum TimestampParser {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 22 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for b in bytes[from..<(from + count)] {
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2) else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { return nil }
        let sign = bytes[index] == UInt8(ascii: "+") ? 1 : -1
        guard let offsetHours = number(index + 1, 2) else { return nil }
        var offsetSeconds = offsetHours * 3600
        if index + 3 < bytes.count, bytes[index + 3] == UInt8(ascii: ":"), let minutes = number(index + 4, 2) {
            offsetSeconds += minutes * 60
            if index + 6 < bytes.count, bytes[index + 6] == UInt8(ascii: ":"), let seconds = number(index + 7, 2) {
                offsetSeconds += seconds
            }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let epoch = Double(days * 86_400 + hour * 3600 + minute * 60 + second - sign * offsetSeconds) + fraction
        return Date(timeIntervalSince1970: epoch)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
