/// One bound of SE MenPANRB 3/2023 on the labels of a unit's staff, given the unit's own predikat.
/// The table of bounds is ``PredikatRules/distributionBounds``.
public struct DistributionBound: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whether the share must stay below or reach the limit.
    public enum Comparison: String, Sendable, Hashable, Codable {
        case atMost = "AT_MOST"
        case atLeast = "AT_LEAST"
    }

    /// The unit predikat the bound applies to.
    public let unitPredikat: UnitPredikat
    /// Short identifier within the unit predikat, e.g. `B_MAX_70` (same as the SQL `curve_bound.bound_code`).
    public let code: String
    /// Human wording, e.g. `Baik at most 70%`.
    public let description: String
    /// The staff labels counted together (PermenPANRB 6/2022 labels).
    public let labels: [PredikatLabel]
    public let comparison: Comparison
    /// The limit as a percentage of the unit's staff, or `nil` for a head-count bound.
    public let percent: Int?
    /// The limit as a number of people ("at least one ..."), or `nil` for a percentage bound.
    public let minimumCount: Int?

    public init(unitPredikat: UnitPredikat, code: String, description: String, labels: [PredikatLabel],
                comparison: Comparison, percent: Int? = nil, minimumCount: Int? = nil) {
        self.unitPredikat = unitPredikat
        self.code = code
        self.description = description
        self.labels = labels
        self.comparison = comparison
        self.percent = percent
        self.minimumCount = minimumCount
    }

    /// `unit predikat:code`, unique over the whole table, e.g. `BAIK:B_MAX_70`.
    public var key: String { "\(unitPredikat.code):\(code)" }

    /// The PermenPANRB 6/2022 steps of ``labels`` (e.g. `[3, 2]`).
    public var steps: [Int] { labels.compactMap { PredikatRules.step(of: $0, in: .permenpanrb6_2022) } }

    /// The lower limit as a share 0–1, for an "at least p%" bound.
    public var minShare: Double? { comparison == .atLeast ? percent.map { Double($0) / 100 } : nil }

    /// The upper limit as a share 0–1, for an "at most p%" bound.
    public var maxShare: Double? { comparison == .atMost ? percent.map { Double($0) / 100 } : nil }
}
