import Foundation
import Postgres

/// A JSON-friendly value of a result cell.
public enum ResultValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// A nested list (e.g. a person's history), kept as JSON text from PostgreSQL.
    case json(String)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try value.isFinite ? container.encode(value) : container.encodeNil()
        case .string(let value): try container.encode(value)
        case .json(let text): try container.encode(JSONFragment(text: text))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else { self = .string(try container.decode(String.self)) }
    }

    /// The text used in tables and CSV.
    public var text: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Self.format(value)
        case .string(let value): value
        case .json(let value): value
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// Up to 4 decimals, trailing zeros dropped: 0.5, 3.1416, 12.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// JSON text passed through unchanged (PostgreSQL built it with json_agg).
struct JSONFragment: Encodable {
    let text: String
    func encode(to encoder: any Encoder) throws {
        let value = try JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))
        try value.encode(to: encoder)
    }
}

/// Any JSON value, for passing PostgreSQL's json through Codable.
enum AnyJSON: Codable {
    case null, bool(Bool), number(Double), integer(Int), string(String), array([AnyJSON]), object([String: AnyJSON], order: [String])

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: DynamicKey.self) {
            var values: [String: AnyJSON] = [:]
            for key in container.allKeys { values[key.stringValue] = try container.decode(AnyJSON.self, forKey: key) }
            self = .object(values, order: container.allKeys.map(\.stringValue))
        } else if var container = try? decoder.unkeyedContainer() {
            var values: [AnyJSON] = []
            while !container.isAtEnd { values.append(try container.decode(AnyJSON.self)) }
            self = .array(values)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int.self) { self = .integer(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else { self = .string(try container.decode(String.self)) }
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        case .bool(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .number(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .integer(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .string(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .array(let values):
            var c = encoder.unkeyedContainer()
            for value in values { try c.encode(value) }
        case .object(let values, let order):
            var c = encoder.container(keyedBy: DynamicKey.self)
            for key in order { try c.encode(values[key], forKey: DynamicKey(key)) }
        }
    }
}

struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The answer to one question: named columns (snake_case, stable: they are the JSON field names of
/// the CLI and the HTTP endpoint) and rows, plus notes for the reader.
public struct ResultTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[ResultValue]]
    /// Remarks such as "3 groups suppressed (fewer than 5 people)".
    public var notes: [String] = []

    public init(columns: [String], rows: [[ResultValue]], notes: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }

    /// Converts a PostgreSQL result, typing each column from its type OID.
    public init(_ result: PostgresRows, notes: [String] = []) throws {
        let types = result.columnTypes
        columns = result.columnNames
        rows = try result.map { row in try (0..<types.count).map { try ResultValue(row, column: $0, type: types[$0]) } }
        self.notes = notes
    }

    /// The index of a column by name.
    public func column(_ name: String) -> Int? { columns.firstIndex(of: name) }

    /// All values of a column.
    public func values(_ name: String) -> [ResultValue] {
        guard let index = column(name) else { return [] }
        return rows.map { $0[index] }
    }

    /// One row as a dictionary, for tests and lookups.
    public func record(_ row: Int) -> [String: ResultValue] {
        Dictionary(uniqueKeysWithValues: zip(columns, rows[row]))
    }
}

extension ResultValue {
    init(_ row: PostgresRow, column: Int, type: PostgresTypeOID) throws {
        guard let text = row.text(at: column) else {
            self = .null
            return
        }
        switch type {
        case .bool: self = .bool(text == "t")
        case .int2, .int4, .int8, .oid: self = Int(text).map(ResultValue.int) ?? .string(text)
        case .float4, .float8, .numeric: self = Double(text).map(ResultValue.double) ?? .null
        case .json, .jsonb: self = .json(text)
        default: self = .string(text)
        }
    }
}
