/// The six Shrout & Fleiss (1979) intraclass correlations with 95% (or other level)
/// confidence intervals. Any number that is undefined for the data is nil, and
/// `notes` says why; nothing here is ever NaN or infinite.
///
/// McGraw & Wong (1996) names: ICC(1,1) = ICC(1), ICC(2,1) = ICC(A,1),
/// ICC(3,1) = ICC(C,1), and the `…k` forms are the reliability of the mean of k ratings.
public struct IntraclassCorrelationResult: Sendable, Hashable {
    /// One coefficient with its confidence interval.
    public struct Estimate: Sendable, Hashable {
        public var value: Double?
        public var lower: Double?
        public var upper: Double?

        public init(value: Double? = nil, lower: Double? = nil, upper: Double? = nil) {
            self.value = value
            self.lower = lower
            self.upper = upper
        }

        static let undefined = Estimate()
    }

    /// ICC(1,1): one-way random effects, single rating.
    public var icc1 = Estimate.undefined
    /// ICC(1,k): one-way random effects, mean of k ratings (k₀ when unbalanced).
    public var icc1k = Estimate.undefined
    /// ICC(2,1): two-way random effects, absolute agreement, single rating.
    public var icc2 = Estimate.undefined
    /// ICC(2,k): two-way random effects, absolute agreement, mean of k ratings.
    public var icc2k = Estimate.undefined
    /// ICC(3,1): two-way mixed effects, consistency, single rating.
    public var icc3 = Estimate.undefined
    /// ICC(3,k): two-way mixed effects, consistency, mean of k ratings.
    public var icc3k = Estimate.undefined
    /// Number of targets (subjects) n, or groups g in the one-way design.
    public var targetCount: Int
    /// Raters per target: k in the crossed design, the effective k₀ in the one-way design.
    public var ratingsPerTarget: Double?
    /// Confidence level of the intervals.
    public var confidenceLevel: Double
    /// Why any value above is nil.
    public var notes: [String] = []

    public init(targetCount: Int, ratingsPerTarget: Double?, confidenceLevel: Double) {
        self.targetCount = targetCount
        self.ratingsPerTarget = ratingsPerTarget
        self.confidenceLevel = confidenceLevel
    }
}
