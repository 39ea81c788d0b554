/// A small JSON writer that keeps keys in the order they are written (Foundation's encoder does
/// not), so a result's fields come out in column order, the same for the CLI and the endpoint.
public struct JSONWriter {
    private(set) var text = ""
    private let pretty: Bool
    private var depth = 0
    private var needsComma = [false]
    private var afterKey = false

    init(pretty: Bool) { self.pretty = pretty }

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    mutating func key(_ name: String) {
        separate()
        text += Self.quoted(name) + (pretty ? ": " : ":")
        afterKey = true
    }

    mutating func value(_ value: ResultValue) {
        separate()
        switch value {
        case .null: text += "null"
        case .bool(let b): text += b ? "true" : "false"
        case .int(let i): text += String(i)
        case .double(let d): text += d.isFinite ? Self.number(d) : "null"
        case .string(let s): text += Self.quoted(s)
        case .json(let raw): text += raw
        }
    }

    private mutating func open(_ bracket: String) {
        separate()
        text += bracket
        depth += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        depth -= 1
        if pretty && hadItems { text += "\n" + String(repeating: "  ", count: depth) }
        text += bracket
    }

    /// Comma and newline before an item (not after a key: the value follows on the same line).
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if needsComma[needsComma.count - 1] { text += "," }
        if pretty && depth > 0 { text += "\n" + String(repeating: "  ", count: depth) }
        needsComma[needsComma.count - 1] = true
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

import Foundation
