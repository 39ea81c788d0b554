import Foundation

/// A request's query string, checked against its route's parameters: an unknown name, a repeated
/// name or a value of the wrong shape is a 400 that names the parameter. Values are never put into
/// SQL text (they are bound parameters); a value that does not match its pattern is simply bad.
public struct QueryParameters: Sendable {
    public private(set) var values: [String: String] = [:]

    /// No route's parameters come near this; a longer query is hostile or broken, and refusing it
    /// early keeps the pattern checks cheap.
    public static let maximumBytes = 2048

    /// Parses `a=1&b=x%20y` (form encoding: `+` is a space).
    public static func parse(_ query: String?) throws(APIError) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        if query.utf8.count > maximumBytes {
            throw APIError(.badRequest, "query_too_long", "the query string is longer than \(maximumBytes) bytes")
        }
        var pairs: [(String, String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(pieces[0]) else { throw APIError(.badRequest, "bad_query", "the query string is not valid percent-encoding") }
            guard let value = pieces.count > 1 ? decode(pieces[1]) : "" else {
                throw APIError.badParameter(name, "not valid percent-encoding")
            }
            pairs.append((name, value))
        }
        return pairs
    }

    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// No parameters (the service routes ignore their query strings).
    public init() {}

    /// Checks every pair against `route`.
    public init(_ query: String?, route: RouteSpec) throws(APIError) {
        for (name, value) in try Self.parse(query) {
            guard let spec = route.parameter(name) else { throw APIError.unknownParameter(name) }
            if values[name] != nil { throw APIError.badParameter(name, "given more than once") }
            try Self.check(value, spec)
            values[name] = value
        }
        for spec in route.parameters where spec.required && values[spec.name] == nil {
            throw APIError.badParameter(spec.name, "is required")
        }
    }

    static func check(_ value: String, _ spec: ParameterSpec) throws(APIError) {
        switch spec.kind {
        case .string(let pattern):
            if value.isEmpty { throw APIError.badParameter(spec.name, "must not be empty") }
            // the match must cover the whole value: NSRegularExpression's `$` also matches before a
            // final newline, which JSON Schema's (and the OpenAPI document's) does not
            if let pattern, value.range(of: pattern, options: .regularExpression) != value.startIndex..<value.endIndex {
                throw APIError.badParameter(spec.name, "not a valid value")
            }
        case .integer(let min, let max):
            guard let number = Int(value), value.count <= 12 else { throw APIError.badParameter(spec.name, "must be an integer") }
            if number < min || number > max { throw APIError.badParameter(spec.name, "must be between \(min) and \(max)") }
        case .number(let min, let max):
            guard let number = Double(value), number.isFinite, value.count <= 24 else { throw APIError.badParameter(spec.name, "must be a number") }
            if number < min || number > max { throw APIError.badParameter(spec.name, "must be between \(min) and \(max)") }
        case .boolean:
            if Self.bool(value) == nil { throw APIError.badParameter(spec.name, "must be true or false") }
        case .choice(let choices):
            if !choices.contains(value) { throw APIError.badParameter(spec.name, "must be one of \(choices.joined(separator: ", "))") }
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: nil
        }
    }

    public func string(_ name: String) -> String? { values[name] }
    public func int(_ name: String) -> Int? { values[name].flatMap { Int($0) } }
    public func double(_ name: String) -> Double? { values[name].flatMap { Double($0) } }
    public func bool(_ name: String) -> Bool? { values[name].flatMap(Self.bool) }

    /// The parameters as a canonical string (sorted by name), for the ETag.
    public var canonical: String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }
}
