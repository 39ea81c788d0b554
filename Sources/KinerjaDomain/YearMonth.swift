/// A calendar month, e.g. the TMT CPNS of a NIP or the start of a regime.
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1–12.
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool {
        (a.year, a.month) < (b.year, b.month)
    }

    /// `YYYY-MM`.
    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)"
    }
}
