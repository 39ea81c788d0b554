/// An appraisal period within a year: `Y` (annual), `S1`–`S2`, `Q1`–`Q4`, `M01`–`M12`.
///
/// Values are always valid (the initializers reject `S3`, `M13`, ...). Periods order shorter first, then by
/// end month, the annual period last as the closing result of the year: M01 < … < M12 < Q1 < … < Q4 < S1 < S2 < Y
/// (see ``order``; same as the SQL `kinerja.period_order`).
public struct Period: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length of a period.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case year = "Y"
        case semester = "S"
        case quarter = "Q"
        case month = "M"

        /// Months covered by one period of this kind.
        public var months: Int {
            switch self {
            case .year: 12
            case .semester: 6
            case .quarter: 3
            case .month: 1
            }
        }
    }

    public let kind: Kind
    /// 1 for the year; 1–2 semester; 1–4 quarter; 1–12 month.
    public let index: Int

    /// A period, or `nil` for an index out of range.
    public init?(kind: Kind, index: Int) {
        guard index >= 1, index <= 12 / kind.months else { return nil }
        self.kind = kind
        self.index = index
    }

    /// The annual period `Y`.
    public static let year = Period(kind: .year, index: 1)!
    /// `S1`, `S2`.
    public static func semester(_ i: Int) -> Period? { Period(kind: .semester, index: i) }
    /// `Q1`–`Q4`.
    public static func quarter(_ i: Int) -> Period? { Period(kind: .quarter, index: i) }
    /// `M01`–`M12`.
    public static func month(_ i: Int) -> Period? { Period(kind: .month, index: i) }

    /// All 19 periods in ``order``.
    public static let all: [Period] = {
        var out = [Period.year]
        out += (1...2).map { Period(kind: .semester, index: $0)! }
        out += (1...4).map { Period(kind: .quarter, index: $0)! }
        out += (1...12).map { Period(kind: .month, index: $0)! }
        return out.sorted()
    }()

    /// Parses `Y`, `S1`, `q3`, `M01` or `M1` (case-insensitive, surrounding spaces ignored).
    public init?(_ text: String) {
        let t = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()).uppercased()
        guard let first = t.first else { return nil }
        let rest = t.dropFirst()
        switch first {
        case "Y":
            guard rest.isEmpty else { return nil }
            self = .year
        case "S", "Q", "M":
            guard !rest.isEmpty, rest.count <= 2, rest.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let i = Int(rest), let kind = Kind(rawValue: String(first)) else { return nil }
            if kind != .month && rest.count != 1 { return nil }
            guard let p = Period(kind: kind, index: i) else { return nil }
            self = p
        default:
            return nil
        }
    }

    /// Canonical text: `Y`, `S1`, `Q3`, `M01`.
    public var code: String {
        switch kind {
        case .year: "Y"
        case .month: index < 10 ? "M0\(index)" : "M\(index)"
        default: "\(kind.rawValue)\(index)"
        }
    }

    public var description: String { code }

    /// First month covered (1–12).
    public var firstMonth: Int { (index - 1) * kind.months + 1 }
    /// Last month covered (1–12).
    public var lastMonth: Int { index * kind.months }

    /// The first day of the period in `year` (for a `date`/`timestamp` column).
    public func startDate(in year: Int) -> CalendarDate {
        CalendarDate(year: year, month: firstMonth, day: 1)!
    }

    /// The last day of the period in `year`.
    public func endDate(in year: Int) -> CalendarDate {
        CalendarDate(year: year, month: lastMonth, day: CalendarDate.daysIn(year: year, month: lastMonth))!
    }

    /// A sort key: months 1–12, quarters 100 + 3q, semesters 200 + 6s, the year 300 (annual last).
    public var order: Int {
        switch kind {
        case .month: index
        case .quarter: 100 + 3 * index
        case .semester: 200 + 6 * index
        case .year: 300
        }
    }

    /// Whether `other` lies within this period (a period contains itself).
    public func contains(_ other: Period) -> Bool {
        other.firstMonth >= firstMonth && other.lastMonth <= lastMonth
    }

    public static func < (a: Period, b: Period) -> Bool { a.order < b.order }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let p = Period(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a period: \(text)"))
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }
}
