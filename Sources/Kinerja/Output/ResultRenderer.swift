import Foundation

/// Output formats shared by every command (and, for JSON and CSV, by the HTTP endpoint).
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json
}

public enum ResultRenderer {
    /// JSON: `{…extra, "rows": [{column: value, …}], "notes": […]}`, keys in column order.
    public static func json(_ table: ResultTable, extra: [(String, ResultValue)] = [], pretty: Bool = true) throws -> Data {
        var out = JSONWriter(pretty: pretty)
        out.beginObject()
        for (key, value) in extra { out.key(key); out.value(value) }
        out.key("rows")
        out.beginArray()
        for row in table.rows {
            out.beginObject()
            for (name, value) in zip(table.columns, row) { out.key(name); out.value(value) }
            out.endObject()
        }
        out.endArray()
        out.key("notes")
        out.beginArray()
        for note in table.notes { out.value(.string(note)) }
        out.endArray()
        out.endObject()
        return Data(out.text.utf8)
    }

    /// RFC 4180 CSV with a header row.
    public static func csv(_ table: ResultTable) -> String {
        var out = table.columns.map(csvField).joined(separator: ",") + "\r\n"
        for row in table.rows { out += row.map { csvField($0.text) }.joined(separator: ",") + "\r\n" }
        return out
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A table for people: aligned columns, numbers right-aligned, notes underneath.
    public static func text(_ table: ResultTable, maxWidth: Int = 40) -> String {
        let cells = table.rows.map { row in row.map { clip($0.text, maxWidth) } }
        var widths = table.columns.map { $0.count }
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let numeric = table.columns.indices.map { i in table.rows.contains { if case .double = $0[i] { true } else if case .int = $0[i] { true } else { false } } }
        func line(_ values: [String]) -> String {
            values.enumerated().map { i, value in
                let pad = String(repeating: " ", count: max(0, widths[i] - value.count))
                return numeric[i] ? pad + value : value + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(table.columns) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        if table.rows.isEmpty { out += "(no rows)\n" }
        for note in table.notes { out += "note: \(note)\n" }
        return out
    }

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// ▁▂▃▄▅▆▇█ for values in `range` (nil values as a space).
    public static func sparkline(_ values: [Double?], range: ClosedRange<Double> = 1...5) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        return String(values.map { value in
            guard let value else { return " " }
            let f = (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound) / (range.upperBound - range.lowerBound)
            return blocks[min(blocks.count - 1, Int((f * Double(blocks.count - 1)).rounded()))]
        })
    }
}
