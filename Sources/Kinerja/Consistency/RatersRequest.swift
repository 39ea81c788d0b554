/// What `kinerja raters` looks at: the raters of one year and period whose own unit is in scope.
public struct RatersRequest: Sendable, Equatable {
    public var year: Int
    public var period: String
    public var instansi: String?
    /// The raters' own unit (with its sub-units unless `includeSubunits` is false).
    public var unit: String?
    public var includeSubunits: Bool
    /// Only ratings given in this role; nil: all.
    public var role: String?
    /// Points on the rating scale: |leniency| above this, with an interval excluding zero, is flagged.
    public var threshold: Double
    /// Raters who rated fewer people show no scores.
    public var minimumGroupSize: Int

    /// 3 points on the 0–100 scale.
    public static let defaultThreshold = 3.0

    public init(year: Int, period: String = "Y", instansi: String? = nil, unit: String? = nil, includeSubunits: Bool = true,
                role: String? = nil, threshold: Double = RatersRequest.defaultThreshold,
                minimumGroupSize: Int = Privacy.minimumGroupSize) {
        self.year = year
        self.period = period
        self.instansi = instansi
        self.unit = unit
        self.includeSubunits = includeSubunits
        self.role = role
        self.threshold = threshold
        self.minimumGroupSize = minimumGroupSize
    }
}
