/// A distribution bound that a unit's staff labels break, and by how much.
public struct DistributionBreach: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The bound that is broken.
    public let bound: DistributionBound
    /// Staff with one of the bound's labels.
    public let count: Int
    /// All staff of the unit that were counted.
    public let total: Int
    /// `count` as a percentage of `total`.
    public let actualPercent: Double
    /// The limit as a percentage of `total` (for a head-count bound: that head count over `total`).
    public let limitPercent: Double
    /// How far the actual share is on the wrong side of the limit, in percentage points (> 0).
    public let byPoints: Double

    public init(bound: DistributionBound, count: Int, total: Int, actualPercent: Double,
                limitPercent: Double, byPoints: Double) {
        self.bound = bound
        self.count = count
        self.total = total
        self.actualPercent = actualPercent
        self.limitPercent = limitPercent
        self.byPoints = byPoints
    }

    /// Formats a non-negative number with two decimals without Foundation.
    static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int(x * 100 + 0.5)
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    public var description: String {
        "\(bound.unitPredikat.code) unit: \(bound) broken, actual \(count)/\(total) = "
            + "\(DistributionBreach.twoDecimals(actualPercent))% (by \(DistributionBreach.twoDecimals(byPoints)) points)"
    }
}
