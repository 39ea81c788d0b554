/// A PPPK grade I–XVII (status unverified (?): the grade list is assumed, see domain.md).
public struct PPPKGrade: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// 1 … 17.
    public let rank: Int

    static let numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                           "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]

    /// All 17 grades.
    public static let all: [PPPKGrade] = (1...17).map { PPPKGrade(rank: $0)! }

    /// A grade, `nil` outside 1–17.
    public init?(rank: Int) {
        guard (1...17).contains(rank) else { return nil }
        self.rank = rank
    }

    /// Parses a Roman numeral `I`–`XVII` (case-insensitive).
    public init?(code text: String) {
        let key = LabelText.key(text).uppercased()
        guard let i = PPPKGrade.numerals.firstIndex(of: key) else { return nil }
        self.rank = i + 1
    }

    /// The code used in files, e.g. `IX`.
    public var code: String { PPPKGrade.numerals[rank - 1] }

    public var description: String { code }

    public static func < (a: PPPKGrade, b: PPPKGrade) -> Bool { a.rank < b.rank }
}
